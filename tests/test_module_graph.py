"""The package's modules import one another without a cycle (imports inside functions count: they run too),
and none grows past the size a reader takes in at once."""

from __future__ import annotations

import ast

from conftest import ROOT

SRC = ROOT / "src"
PACKAGE = "gaic_lint"
MAX_LINES = 450


def module_names() -> dict[str, tuple]:
    """Dotted name → (path, whether it is a package's __init__)."""
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        out[".".join(parts)] = (path, is_package)
    return out


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every import statement that can run: at any depth, except under `if TYPE_CHECKING:`."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imported(name: str, path, is_package: bool, modules: dict) -> set[str]:
    """The package's modules that `name` imports. `from a import b` imports the module a.b when there
    is one, else a; a package's parents, imported implicitly, are not counted."""
    found = set()
    here = name.split(".") if is_package else name.split(".")[:-1]
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = here[: len(here) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        found.update(t for t in targets if t in modules and t != name)
    return found


def graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imported(name, path, is_package, modules) for name, (path, is_package) in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        # Iterative: the graph is deep enough for recursion limits to matter on small stacks.
        work = [(v, iter(sorted(edges[v])))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path):
    # The check itself can fail: a module importing, inside a function, a module that imports it.
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]
    source = "def f():\n    from .b import g\n    return g\n"
    path = tmp_path / "a.py"
    path.write_text(source, encoding="utf-8")
    modules = {"p": None, "p.a": None, "p.b": None}
    assert imported("p.a", path, False, modules) == {"p.b"}


def test_no_import_cycle_between_modules():
    found = cycles(graph())
    assert found == [], "import cycles: " + "; ".join(" ↔ ".join(c) for c in found)


def test_the_graph_sees_imports_inside_functions():
    edges = graph()
    # cli/__init__ imports the lint run only inside main(), so that --version imports no more than needed.
    assert "gaic_lint.cli.lint" in edges["gaic_lint.cli"]
    assert "gaic_lint.rules.builtin" not in edges["gaic_lint.rules.base"]


def test_no_module_is_over_the_size_limit():
    long = {name: n for name, (path, _) in module_names().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}

"""Value classes that cost next to nothing to define.

`@dataclass(frozen=True)` writes __init__, __repr__, __eq__, __hash__, __setattr__ and __delattr__ as
source and compiles each of them for every class, and computes a signature for the docstring: about
0.8 ms a class. The rulebook's entries and the rules' kinds of finding are a hundred such classes, most of
which a run never instantiates, and defining them was a third of the start-up of a short run.

`@record` makes the same class — a dataclass, so `fields`, `replace` and `asdict` work on it, equal by
its fields, hashable and immutable (`@record(frozen=False)`: mutable and unhashable) — with methods
shared by every record and driven by the class's fields, so nothing is compiled. Their price is per
call (the shared __init__ takes about twice as long as a generated one), so the classes made in bulk
for every report (cells, locations, paragraphs) write their __init__ out instead.

Even without generated methods `dataclass` takes some 50 µs a class to work out its fields (a typing
check per annotation, a dozen attributes set), and a run defines over a hundred records: a record whose
annotations are plain strings (`from __future__ import annotations`) and name no ClassVar, InitVar or
KW_ONLY gets the same `Field` objects and class attributes made directly; any other goes through
`dataclass`.
"""

from __future__ import annotations

import abc
import dataclasses
from typing import Any

_MISSING = dataclasses.MISSING
_FIELD = dataclasses._FIELD  # type: ignore[attr-defined]
_SPECIAL = ("ClassVar", "InitVar", "KW_ONLY")


@dataclasses.dataclass(init=False, repr=False, eq=False)
class _Params:
    """Its `__dataclass_params__` (init, repr and eq off, not frozen: a record's methods are its own)
    is every directly made record's, whatever fields this version of dataclasses gives it."""


_PARAMS = _Params.__dataclass_params__  # type: ignore[attr-defined]


def record(cls: type | None = None, /, *, frozen: bool = True, eq: bool = True):
    """`cls` as a dataclass without generated code. Fields may have defaults, default factories and
    `compare`/`hash`/`repr`/`init` flags; keyword-only fields and InitVars are not supported, and a field
    left out of __init__ needs a default. With `eq=False` instances are equal only to themselves."""
    if cls is None:
        return lambda c: _make(c, frozen, eq)
    return _make(cls, frozen, eq)


def _make(cls: type, frozen: bool, eq: bool) -> type:
    if cls.__dict__.get("__doc__") is None:
        cls.__doc__ = cls.__name__  # else dataclass computes a signature for it
    if not _as_dataclass(cls):
        cls = dataclasses.dataclass(cls, init=False, repr=False, eq=False)
    fields = dataclasses.fields(cls)
    for f in fields:
        if f.kw_only or f._field_type is not dataclasses._FIELD:  # type: ignore[attr-defined]
            raise TypeError(f"{cls.__qualname__}.{f.name}: a record has no keyword-only fields or InitVars")
        if not f.init and f.default is _MISSING and f.default_factory is _MISSING:
            raise TypeError(f"{cls.__qualname__}.{f.name}: a field left out of __init__ needs a default")
    # What the shared methods need, worked out once.
    cls.__record_defaults__ = {f.name: f.default for f in fields if f.default is not _MISSING}
    cls.__record_factories__ = tuple((f.name, f.default_factory) for f in fields
                                     if f.default_factory is not _MISSING)
    cls.__record_positional__ = tuple(f.name for f in fields if f.init)
    cls.__record_accepted__ = frozenset(cls.__record_positional__)
    cls.__record_count__ = len(fields)
    cls.__record_names__ = tuple(f.name for f in fields)
    cls.__record_frozen__ = frozen
    cls.__record_post_init__ = hasattr(cls, "__post_init__")
    cls.__record_compare__ = tuple(f.name for f in fields if f.compare)
    cls.__record_hash__ = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    cls.__record_repr__ = tuple(f.name for f in fields if f.repr)
    methods = dict(_METHODS)
    if frozen:
        methods.update(_FROZEN)
    elif eq:
        methods["__hash__"] = None  # equal by value and mutable: unhashable, as a dataclass is
    if not eq:
        del methods["__eq__"]
        methods.pop("__hash__", None)
    for name, method in methods.items():
        # A method the class (or a base below object) writes itself wins, as with dataclass.
        own = next((k.__dict__[name] for k in cls.__mro__[:-1] if name in k.__dict__), None)
        if own is None or own in _SHARED:
            setattr(cls, name, method)
    return cls


def _as_dataclass(cls: type) -> bool:
    """Make `cls` a dataclass as `dataclass(cls, init=False, repr=False, eq=False)` would, if its
    annotations are simple enough to be read without typing's help; False (nothing done) if not."""
    annotations = cls.__dict__.get("__annotations__", {})
    if not all(isinstance(kind, str) and not any(word in kind for word in _SPECIAL)
               for kind in annotations.values()):
        return False
    fields: dict[str, dataclasses.Field] = {}
    for base in cls.__mro__[-1:0:-1]:
        inherited = getattr(base, "__dataclass_fields__", None)
        if inherited is not None:
            if base.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                return False  # dataclass says why a record cannot derive from a frozen dataclass
            for f in inherited.values():
                fields[f.name] = f
    for name, kind in annotations.items():
        default = getattr(cls, name, _MISSING)
        if isinstance(default, dataclasses.Field):
            f = default
            # As dataclass leaves it: the class attribute is the default, or no attribute at all.
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        else:
            f = dataclasses.field(default=default)
        f.name = name
        f.type = kind
        f._field_type = _FIELD  # type: ignore[attr-defined]
        if f.kw_only is _MISSING:
            f.kw_only = False
        if f.default is not _MISSING and f.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: "
                             f"use default_factory")
        fields[name] = f
    for name, value in cls.__dict__.items():
        if isinstance(value, dataclasses.Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    cls.__dataclass_fields__ = fields  # type: ignore[attr-defined]
    cls.__dataclass_params__ = _PARAMS  # type: ignore[attr-defined]
    if "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in fields.values() if f.init and not f.kw_only)
    abc.update_abstractmethods(cls)
    return True


def _init(self, *args: Any, **kwargs: Any) -> None:
    """Fill the fields from the arguments and the defaults: a frozen record's straight into the
    instance's dict (as an instance made by pickle gets its state). Wrong arguments raise TypeError, as
    dataclass does."""
    cls = type(self)
    values = dict(cls.__record_defaults__)
    if args:
        positional = cls.__record_positional__
        if len(args) > len(positional):
            raise TypeError(f"{cls.__qualname__}() takes {len(positional)} positional arguments "
                            f"but {len(args)} were given")
        values.update(zip(positional, args))
        twice = kwargs.keys() & set(positional[:len(args)])
        if twice:
            raise TypeError(f"{cls.__qualname__}() got multiple values for argument {min(twice)!r}")
    if kwargs:
        if not kwargs.keys() <= cls.__record_accepted__:
            unknown = next(name for name in kwargs if name not in cls.__record_accepted__)
            raise TypeError(f"{cls.__qualname__}() got an unexpected keyword argument {unknown!r}")
        values.update(kwargs)
    for name, factory in cls.__record_factories__:
        if name not in values:
            values[name] = factory()
    if len(values) != cls.__record_count__:
        missing = next(name for name in cls.__record_positional__ if name not in values)
        raise TypeError(f"{cls.__qualname__}() missing required argument {missing!r}")
    if cls.__record_frozen__:
        self.__dict__.update(values)
    else:  # through setattr, in field order, as a dataclass does: a field may be a property
        for name in cls.__record_names__:
            setattr(self, name, values[name])
    if cls.__record_post_init__:
        self.__post_init__()


def _values(self, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(self, name) for name in names)


def _eq(self, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    names = self.__record_compare__
    return _values(self, names) == _values(other, names)


def _hash(self) -> int:
    return hash(_values(self, self.__record_hash__))


def _repr(self) -> str:
    inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
    return f"{type(self).__qualname__}({inner})"


def _setattr(self, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


_METHODS = {"__init__": _init, "__eq__": _eq, "__repr__": _repr}
_FROZEN = {"__hash__": _hash, "__setattr__": _setattr, "__delattr__": _delattr}
_SHARED = (*_METHODS.values(), *_FROZEN.values())

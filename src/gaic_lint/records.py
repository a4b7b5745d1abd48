"""Value classes that cost next to nothing to define.

`@dataclass(frozen=True)` writes __init__, __repr__, __eq__, __hash__, __setattr__ and __delattr__ as
source and compiles each of them for every class, and computes a signature for the docstring: about
0.8 ms a class. The rulebook's entries and the rules' kinds of finding are a hundred such classes, most of
which a run never instantiates, and defining them was a third of the start-up of a short run.

`@record` makes the same class — a dataclass, so `fields`, `replace` and `asdict` work on it, equal by
its fields, hashable and immutable (`@record(frozen=False)`: mutable and unhashable) — with methods
shared by every record and driven by the class's fields, so nothing is compiled. Their price is per
call (the shared __init__ takes about twice as long as a generated one), so the classes made in bulk
for every report (cells, locations, paragraphs) stay plain dataclasses.
"""

from __future__ import annotations

import dataclasses
from typing import Any

_MISSING = dataclasses.MISSING


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

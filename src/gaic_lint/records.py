"""Value classes that cost next to nothing to define, and nothing to import.

`@dataclass(frozen=True)` writes __init__, __repr__, __eq__, __hash__, __setattr__ and __delattr__ as
source and compiles each of them for every class, and computes a signature for the docstring: about
0.8 ms a class. The rulebook's entries and the rules' kinds of finding are a hundred such classes, most of
which a run never instantiates, and defining them was a third of the start-up of a short run. Importing
`dataclasses` at all brings `inspect`, `ast`, `dis`, `tokenize` and `copy`: another tenth.

`@record` makes the same class — equal by its fields, hashable and immutable (`@record(frozen=False)`:
mutable and unhashable) — with methods shared by every record and driven by the class's fields, so
nothing is compiled. Their price is per call (the shared __init__ takes about twice as long as a
generated one), so the classes made in bulk for every report (cells, locations, paragraphs) write their
__init__ out instead. `field`, `fields` and `replace` here are dataclasses' for records.

A record is still a dataclass to whoever asks: its `__dataclass_fields__` and `__dataclass_params__`
are made, with the `dataclasses` import, the first time something reads them (`dataclasses.fields`,
`replace`, `asdict`, `is_dataclass`, a dataclass deriving from the record). A record whose annotations
name ClassVar, InitVar or KW_ONLY, or that derives from a dataclass that is not a record, goes through
`dataclass` itself.
"""

from __future__ import annotations

import abc
import sys

_SPECIAL = ("ClassVar", "InitVar", "KW_ONLY")


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


class Field:
    """One field of a record, with the attributes of a `dataclasses.Field`."""

    __slots__ = ("compare", "default", "default_factory", "hash", "init", "kw_only", "metadata", "name", "repr",
                 "type")

    def __init__(self, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True,
                 metadata=None, kw_only=MISSING):
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = self.type = None
        self.default, self.default_factory, self.init, self.repr = default, default_factory, init, repr
        self.hash, self.compare, self.metadata, self.kw_only = hash, compare, metadata, kw_only

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r})"


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True,
          metadata=None, kw_only=MISSING) -> Field:
    """`dataclasses.field` for a record."""
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def fields(record_or_class) -> tuple[Field, ...]:
    """The fields of a record (or record class), in order, as `dataclasses.fields` gives them."""
    cls = record_or_class if isinstance(record_or_class, type) else type(record_or_class)
    return cls.__record_fields__


def replace(obj, /, **changes):
    """`dataclasses.replace` for a record (any other dataclass is handed to it)."""
    cls = type(obj)
    if getattr(cls, "__record_fields__", None) is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)
    for f in cls.__record_fields__:
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, it cannot be specified with replace()")
        elif f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return cls(**changes)


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
    if not frozen and any(getattr(base, "__record_frozen__", False) for base in cls.__mro__[1:]):
        raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
    fields = _direct(cls)
    if fields is None:
        fields = _through_dataclass(cls)
    # What the shared methods need, worked out once, in one pass (a run defines over a hundred records).
    defaults, factories, positional, compare, hashed, shown = {}, [], [], [], [], []
    for f in fields:
        name = f.name
        if f.kw_only is True:
            raise TypeError(f"{cls.__qualname__}.{name}: a record has no keyword-only fields or InitVars")
        if f.default is not MISSING:
            defaults[name] = f.default
        elif f.default_factory is not MISSING:
            factories.append((name, f.default_factory))
        elif not f.init:
            raise TypeError(f"{cls.__qualname__}.{name}: a field left out of __init__ needs a default")
        if f.init:
            positional.append(name)
        if f.compare:
            compare.append(name)
        if f.compare if f.hash is None else f.hash:
            hashed.append(name)
        if f.repr:
            shown.append(name)
    cls.__record_fields__ = fields
    cls.__record_defaults__ = defaults
    cls.__record_factories__ = tuple(factories)
    cls.__record_positional__ = tuple(positional)
    cls.__record_accepted__ = frozenset(positional)
    cls.__record_count__ = len(fields)
    cls.__record_names__ = tuple(f.name for f in fields)
    cls.__record_frozen__ = frozen
    cls.__record_post_init__ = hasattr(cls, "__post_init__")
    cls.__record_compare__ = tuple(compare)
    cls.__record_hash__ = tuple(hashed)
    cls.__record_repr__ = tuple(shown)
    methods = dict(_METHODS)
    if frozen:
        methods.update(_FROZEN)
    elif eq:
        methods["__hash__"] = None  # equal by value and mutable: unhashable, as a dataclass is
    if not eq:
        del methods["__eq__"]
        methods.pop("__hash__", None)
    written = {}  # methods the class or a base below object writes, the nearest of each name
    for k in cls.__mro__[-2::-1]:
        written.update((name, k.__dict__[name]) for name in _NAMES if name in k.__dict__)
    for name, method in methods.items():
        # A method the class (or a base below object) writes itself wins, as with dataclass.
        own = written.get(name)
        if own is None or own in _SHARED:
            setattr(cls, name, method)
    return cls


def _as_field(value, dataclasses) -> Field | None:
    """A field given in the class body: ours, or a `dataclasses.Field` (`dataclasses` is the module
    when it was imported, else None: then there is no such field)."""
    if type(value) is Field:
        return value
    if dataclasses is not None and isinstance(value, dataclasses.Field):
        return _from_dataclass_field(value, dataclasses.MISSING)
    return None


def _from_dataclass_field(f, missing) -> Field:
    out = Field(MISSING if f.default is missing else f.default,
                MISSING if f.default_factory is missing else f.default_factory,
                f.init, f.repr, f.hash, f.compare, dict(f.metadata) or None,
                MISSING if f.kw_only is missing else f.kw_only)
    out.name, out.type = f.name, f.type
    return out


def _direct(cls: type) -> tuple[Field, ...] | None:
    """The fields of `cls`, worked out as `dataclass` would, if its annotations are simple enough to be
    read without typing's help and its bases are records; None (nothing done) if not."""
    annotations = cls.__dict__.get("__annotations__", {})
    kinds = list(annotations.values())
    if not all(type(kind) is str for kind in kinds) or any(word in "\n".join(kinds) for word in _SPECIAL):
        return None
    dataclasses = sys.modules.get("dataclasses")
    fields: dict[str, Field] = {}
    for base in cls.__mro__[-1:0:-1]:
        inherited = base.__dict__.get("__record_fields__")
        if inherited is None and "__dataclass_fields__" in base.__dict__:
            return None  # a dataclass that is not a record: dataclass says what may derive from it
        for f in inherited or ():
            fields[f.name] = f
    for name, kind in annotations.items():
        default = getattr(cls, name, MISSING)
        given = default if type(default) is Field else _as_field(default, dataclasses)
        if given is not None:
            f = given
            # As dataclass leaves it: the class attribute is the default, or no attribute at all.
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        else:
            f = Field(default=default)
        f.name, f.type = name, kind
        if f.kw_only is MISSING:
            f.kw_only = False
        if f.default is not MISSING and f.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: "
                             f"use default_factory")
        fields[name] = f
    for name, value in cls.__dict__.items():
        if (type(value) is Field or dataclasses is not None) and name not in annotations \
                and _as_field(value, dataclasses) is not None:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    cls.__dataclass_fields__ = _LAZY_FIELDS
    cls.__dataclass_params__ = _LAZY_PARAMS
    if "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in fields.values() if f.init and not f.kw_only)
    abc.update_abstractmethods(cls)
    return tuple(fields.values())


def _through_dataclass(cls: type) -> tuple[Field, ...]:
    import dataclasses

    # Our own fields in the class body become dataclasses' before dataclass reads them.
    for name, value in list(cls.__dict__.items()):
        if isinstance(value, Field):
            setattr(cls, name, dataclasses.field(**_keywords(value, dataclasses.MISSING)))
    dataclasses.dataclass(cls, init=False, repr=False, eq=False)
    return tuple(_from_dataclass_field(f, dataclasses.MISSING) for f in dataclasses.fields(cls))


def _keywords(f: Field, missing) -> dict:
    return {"default": missing if f.default is MISSING else f.default,
            "default_factory": missing if f.default_factory is MISSING else f.default_factory,
            "init": f.init, "repr": f.repr, "hash": f.hash, "compare": f.compare, "metadata": f.metadata,
            "kw_only": missing if f.kw_only is MISSING else f.kw_only}


class _DataclassView:
    """A record's `__dataclass_fields__` or `__dataclass_params__`, made when first read and then kept
    on the class as a dataclass has them."""

    def __init__(self, attribute: str):
        self.attribute = attribute

    def __get__(self, instance, owner: type):
        import dataclasses

        made = {}
        for f in owner.__record_fields__:
            real = dataclasses.field(**_keywords(f, dataclasses.MISSING))
            real.name, real.type, real._field_type = f.name, f.type, dataclasses._FIELD  # type: ignore[attr-defined]
            made[f.name] = real
        params = _params(dataclasses)
        type.__setattr__(owner, "__dataclass_fields__", made)
        type.__setattr__(owner, "__dataclass_params__", params)
        return made if self.attribute == "__dataclass_fields__" else params


def _params(dataclasses):
    """The `__dataclass_params__` of every record: init, repr and eq off, not frozen (a record's methods
    are its own), with whatever else this version of dataclasses puts there."""
    @dataclasses.dataclass(init=False, repr=False, eq=False)
    class Params:
        """Params."""

    return Params.__dataclass_params__  # type: ignore[attr-defined]


_LAZY_FIELDS = _DataclassView("__dataclass_fields__")
_LAZY_PARAMS = _DataclassView("__dataclass_params__")


def _init(self, *args, **kwargs) -> None:
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


def _setattr(self, name: str, value) -> None:
    import dataclasses  # for its exception only, on a programming error

    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self, name: str) -> None:
    import dataclasses

    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


_METHODS = {"__init__": _init, "__eq__": _eq, "__repr__": _repr}
_FROZEN = {"__hash__": _hash, "__setattr__": _setattr, "__delattr__": _delattr}
_SHARED = (*_METHODS.values(), *_FROZEN.values())
_NAMES = (*_METHODS, *_FROZEN)

"""A record behaves as the dataclass it stands for: same fields, equality, hashing, immutability,
replace/asdict/pickle, and the same TypeErrors for wrong arguments."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
import textwrap
import typing

import pytest

from gaic_lint import records as records_module
from gaic_lint.records import record


# The same class four ways, at module level so that pickle finds them.
@dataclasses.dataclass(frozen=True)
class FrozenData:
    a: int
    b: str
    c: tuple = ()
    d: list = dataclasses.field(default_factory=list, compare=False)


@record
class FrozenRecord:
    a: int
    b: str
    c: tuple = ()
    d: list = dataclasses.field(default_factory=list, compare=False)


@dataclasses.dataclass
class MutableData:
    a: int
    b: str
    c: tuple = ()
    d: list = dataclasses.field(default_factory=list, compare=False)


@record(frozen=False)
class MutableRecord:
    a: int
    b: str
    c: tuple = ()
    d: list = dataclasses.field(default_factory=list, compare=False)


@pytest.mark.parametrize("frozen", [True, False])
def test_a_record_matches_its_dataclass(frozen):
    data, rec = (FrozenData, FrozenRecord) if frozen else (MutableData, MutableRecord)
    for cls in (data, rec):
        x = cls(1, "x")
        assert [f.name for f in dataclasses.fields(x)] == ["a", "b", "c", "d"]
        assert x == cls(1, "x", ()) and x != cls(2, "x") and x == cls(1, "x", d=[5])  # d: compare=False
        assert repr(x) == f"{cls.__name__}(a=1, b='x', c=(), d=[])"
        assert dataclasses.asdict(dataclasses.replace(x, a=3)) == {"a": 3, "b": "x", "c": (), "d": []}
        assert pickle.loads(pickle.dumps(x)) == x
        assert cls(1, "x").d is not cls(1, "x").d
        if frozen:
            assert hash(x) == hash(cls(1, "x", d=[9]))
            with pytest.raises(dataclasses.FrozenInstanceError):
                x.a = 2
        else:
            x.a = 2
            assert x.a == 2
            with pytest.raises(TypeError):
                hash(x)
    for wrong in ((1,), (1, "x", (), [], 5)):
        for cls in (data, rec):
            with pytest.raises(TypeError):
                cls(*wrong)
    for cls in (data, rec):
        with pytest.raises(TypeError):
            cls(1, "x", e=1)
        with pytest.raises(TypeError):
            cls(1, "x", a=2)


def test_a_record_without_eq_is_equal_only_to_itself():
    @record(eq=False)
    class Spec:
        key: str

    one = Spec("a")
    assert one == one and one != Spec("a") and len({one, Spec("a")}) == 2


def test_a_mutable_record_sets_fields_through_properties_and_runs_post_init():
    seen = []

    @record(frozen=False)
    class Holder:
        value: int = 0
        label: str = ""

        def __post_init__(self):
            seen.append((self.value, self.label))

    Holder.value = property(lambda self: self.__dict__["_v"], lambda self, v: self.__dict__.__setitem__("_v", v * 2))
    assert Holder(3, "x").value == 6 and seen == [(6, "x")]


def test_unsupported_fields_are_refused_where_the_class_is_written():
    with pytest.raises(TypeError):
        @record
        class KeywordOnly:
            a: int = dataclasses.field(kw_only=True, default=0)
    with pytest.raises(TypeError):
        @record
        class NoDefault:
            a: int = dataclasses.field(init=False)


def _described(cls) -> list:
    return [(f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare, dict(f.metadata),
             f.kw_only, f._field_type) for f in dataclasses.fields(cls)]


def _pair(frozen: bool):
    """The same classes made as records and as dataclasses (no generated methods): a base, a child that
    redefines one of its fields, and one with every kind of field flag and a ClassVar."""
    made = []
    for make in (lambda c: record(c, frozen=frozen) if frozen else record(frozen=False)(c),
                 lambda c: dataclasses.dataclass(c, init=False, repr=False, eq=False)):
        class Base:
            """Base."""
            a: int
            b: str = "b"

        Base = make(Base)

        class Child(Base):
            """Child."""
            b: str = "c"
            c: list = dataclasses.field(default_factory=list, compare=False, metadata={"m": 1})
            d: int = dataclasses.field(default=4, repr=False, hash=False)
            e: int = dataclasses.field(default=5, init=False)

        class Counted:
            """Counted."""
            total: typing.ClassVar[int] = 0
            x: int = 1

        made.append((Base, make(Child), make(Counted)))
    return made


@pytest.mark.parametrize("frozen", [True, False])
def test_a_record_has_the_fields_and_attributes_dataclass_gives(frozen):
    records, datas = _pair(frozen)
    # Both ways were taken: the ClassVar sends its class through dataclass; the others make their
    # dataclass attributes only when asked.
    assert [type(rec.__dict__["__dataclass_fields__"]) is dict for rec in records] == [False, False, True]
    for rec, data in zip(records, datas):
        assert _described(rec) == _described(data)
        assert rec.__match_args__ == data.__match_args__
        assert dataclasses.is_dataclass(rec)
        # The class attribute of a field is its default, or missing, as a dataclass leaves it.
        for f in dataclasses.fields(data):
            assert rec.__dict__.get(f.name, "absent") == data.__dict__.get(f.name, "absent")
        assert rec.__dataclass_params__.frozen is data.__dataclass_params__.frozen is False
    child = records[1](1)
    assert (child.a, child.b, child.c, child.d, child.e) == (1, "c", [], 4, 5)
    assert dataclasses.replace(child, b="z").b == "z"


def test_a_record_refuses_what_dataclass_refuses():
    with pytest.raises(ValueError):
        @record
        class MutableDefault:
            items: list = []  # noqa: RUF012
    with pytest.raises(TypeError):
        @record
        class Unannotated:
            a: int = 0
            b = dataclasses.field(default=1)


def test_a_record_cannot_derive_from_a_frozen_dataclass():
    with pytest.raises(TypeError):
        @record
        class Child(FrozenData):
            e: int = 0
    with pytest.raises(TypeError):
        @record(frozen=False)
        class MutableChild(FrozenRecord):
            e: int = 0


def test_the_own_field_fields_and_replace_are_dataclasses_ones():
    @record
    class Own:
        a: int
        b: list = records_module.field(default_factory=list, compare=False, metadata={"m": 1})
        c: int = records_module.field(default=3, init=False)

    @dataclasses.dataclass(frozen=True)
    class Data:
        a: int
        b: list = dataclasses.field(default_factory=list, compare=False, metadata={"m": 1})
        c: int = dataclasses.field(default=3, init=False)

    assert [f.name for f in records_module.fields(Own)] == [f.name for f in dataclasses.fields(Data)]
    assert _described(Own) == _described(Data)
    x = records_module.replace(Own(1, [2]), a=5)
    assert (x.a, x.b, x.c) == (5, [2], 3) and x == dataclasses.replace(Own(1), a=5)
    for replace, cls in ((records_module.replace, Own), (dataclasses.replace, Data)):
        with pytest.raises(ValueError):
            replace(cls(1), c=4)
        with pytest.raises(TypeError):
            replace(cls(1), d=4)
    with pytest.raises(ValueError):
        records_module.field(default=1, default_factory=list)
    # Any other dataclass is handed to dataclasses.replace.
    assert records_module.replace(Data(1), a=2) == Data(2)


def test_making_and_using_records_imports_no_dataclasses():
    code = textwrap.dedent("""
        from __future__ import annotations
        import sys
        started = set(sys.modules)  # with what the interpreter's site hooks imported
        from gaic_lint.records import field, record, replace

        @record
        class Point:
            x: int
            tags: tuple = field(default=())

        @record
        class Child(Point):
            y: int = 0

        p = replace(Point(1), x=2)
        assert p == Point(2) and hash(p) == hash(Point(2)) and Child(1, (), 3).y == 3
        print(*(m in sys.modules and m not in started for m in ("dataclasses", "inspect", "typing")))
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.split() == ["False", "False", "False"]

"""A record behaves as the dataclass it stands for: same fields, equality, hashing, immutability,
replace/asdict/pickle, and the same TypeErrors for wrong arguments."""

import dataclasses
import pickle

import pytest

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

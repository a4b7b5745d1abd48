"""The per-rule time limit: a hanging rule is stopped at its own limit whatever ran before it, the file's
limit still comes first when it is nearer, and the file's timer is left as it would have run."""

import signal
import time

import pytest

from gaic_lint.engine import _FileTimeout, _time_limit
from gaic_lint.model import Severity
from gaic_lint.rule_guard import RuleLimits, run_rule
from gaic_lint.rules.base import Rule, RuleMeta

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM timers are POSIX only")


class Quick(Rule):
    meta = RuleMeta("X981", "quick", "测试用", Severity.WARNING)

    def check(self, report, ctx):
        return []


class Spins(Rule):
    meta = RuleMeta("X982", "spins", "测试用", Severity.WARNING)

    def check(self, report, ctx):
        while True:
            pass


def _codes(found):
    return [d.code for d in found]


def test_a_rule_after_many_quick_ones_gets_its_own_limit_and_the_file_its_time_back():
    with _time_limit(30):
        with RuleLimits(0.3) as limits:
            for _ in range(20):
                assert run_rule(Quick(), None, None, limits) == []
            time.sleep(0.2)  # the first quick rule's deadline is near: the spinning rule's is later
            started = time.monotonic()
            found = run_rule(Spins(), None, None, limits)
            took = time.monotonic() - started
            assert run_rule(Quick(), None, None, limits) == []
        left = signal.getitimer(signal.ITIMER_REAL)[0]
    assert _codes(found) == ["F002"]
    assert 0.3 <= took < 2
    assert 25 < left <= 30


def test_the_file_limit_comes_first_when_it_is_nearer():
    started = time.monotonic()
    with pytest.raises(_FileTimeout):
        with _time_limit(0.3):
            with RuleLimits(5) as limits:
                run_rule(Quick(), None, None, limits)
                run_rule(Spins(), None, None, limits)
    assert time.monotonic() - started < 3


def test_no_timer_is_left_running_without_a_file_limit():
    with RuleLimits(0.2) as limits:
        run_rule(Quick(), None, None, limits)
        assert _codes(run_rule(Spins(), None, None, limits)) == ["F002"]
        run_rule(Quick(), None, None, limits)
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_off_the_main_thread_rules_run_without_a_limit_and_nothing_is_set():
    # Handlers can be set only on the main thread: elsewhere the limits stand aside, as they find by
    # trying, and the rules still run.
    import threading

    outcome = {}
    before = signal.getsignal(signal.SIGALRM)

    def lint():
        with _time_limit(30):
            with RuleLimits(5) as limits:
                outcome["found"] = run_rule(Quick(), None, None, limits)
                outcome["usable"] = limits._usable
        outcome["timer"] = signal.getitimer(signal.ITIMER_REAL)[0]

    thread = threading.Thread(target=lint)
    thread.start()
    thread.join(10)
    assert outcome == {"found": [], "usable": False, "timer": 0.0}
    assert signal.getsignal(signal.SIGALRM) is before

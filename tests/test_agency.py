"""The body behind a report: its name from the title, its level and pairing of spellings."""

import pytest

from conftest import REAL_REPORTS, lint_report
from gaic_lint.agency import DEPARTMENT, GOVERNMENT, agency_from_title, body_key, level_of, same_body


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("淮安市洪泽区人民政府2024 年政府信息公开工作年度报告", "淮安市洪泽区人民政府", 2024),
        ("2024 年上海市科委政府信息公开工作年度报告", "上海市科委", 2024),
        ("平潭综合实验区2021年度政府信息公开工作年度报告", "平潭综合实验区", 2021),
        ("２０２５年度政府信息公开工作年度报告", None, 2025),
        ("政府信息公开工作年度报告", None, None),
    ],
)
def test_the_title_names_the_body_before_or_after_the_year(title, agency, year):
    assert agency_from_title(title) == (agency, year)


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("淮安市人民政府", GOVERNMENT),
        ("平潭综合实验区", GOVERNMENT),
        ("平潭综合实验区管理委员会", GOVERNMENT),
        ("××管委会办公室", DEPARTMENT),
        ("上海市科学技术委员会", DEPARTMENT),
        ("上海市人民政府办公厅", DEPARTMENT),
        ("东昌府区医疗保障局", DEPARTMENT),
        ("某某", None),
    ],
)
def test_the_last_organ_word_decides_the_level(name, level):
    assert level_of(name) == level


def test_spellings_of_one_body_pair_and_different_bodies_do_not():
    assert same_body("淮安市洪泽区人民政府", "洪泽区人民政府")
    assert same_body("平潭综合实验区", "平潭综合实验区管委会")
    assert same_body("沭阳县 人民政府", "沭阳县政府")
    assert not same_body("洪泽区人民政府", "泗洪县人民政府")
    assert not same_body("上海市人民政府办公厅", "上海市人民政府")
    assert body_key("平潭综合实验区管理委员会") == body_key("平潭综合实验区")


@pytest.mark.skipif(not REAL_REPORTS.exists(), reason="real reports not available")
@pytest.mark.parametrize(("name", "agency"), [("011.txt", "上海市科委"), ("012.txt", "上海市人民政府办公厅")])
def test_a_stray_first_line_is_not_taken_for_the_body(name, agency):
    report = lint_report(REAL_REPORTS / "text" / name)
    assert report.agency == agency

"""The built-in rules, registered through the `gaic_lint` entry-point group like any plugin. Its hook
carries no `@hookimpl`: `gaic_lint.plugins` calls it directly, or marks it before giving it to pluggy."""

from .batch.batch_copy import BatchCopy
from .batch.foreign_name import ForeignName
from .history.carry_over import CarryOver
from .history.publication_deadline import PublicationDeadline
from .history.report_dates import ReportDates
from .history.stock_continuity import StockContinuity
from .history.text_reuse import TextReuse
from .history.year_over_year import YearOverYear
from .quality.overview_coverage import OverviewCoverage
from .quality.problems_substance import ProblemsSubstance
from .structure.outdated_template import OutdatedTemplate
from .structure.six_sections import SixSections
from .tables.table_balance import TableBalance
from .tables.table_blank_cell import TableBlankCell
from .tables.table_structure import TableStructure
from .text.citation_number import CitationNumber
from .text.doubled_word import DoubledWord
from .text.placeholder import Placeholder
from .text.terminology import Terminology
from .text.text_table_match import TextTableMatch
from .text.title_marks import TitleMarks
from .text.year_reference import YearReference


def gaic_lint_rules():
    return [SixSections, OutdatedTemplate, TableBalance, TableBlankCell, TableStructure, YearReference, CitationNumber, TextTableMatch,
            TitleMarks, Terminology, Placeholder,
            ProblemsSubstance, OverviewCoverage, DoubledWord, BatchCopy, ForeignName,
            CarryOver, StockContinuity, TextReuse, YearOverYear, PublicationDeadline, ReportDates]

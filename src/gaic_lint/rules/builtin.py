"""The built-in rules, registered through the `gaic_lint` entry-point group like any plugin."""

from ..hookspecs import hookimpl
from .batch_copy import BatchCopy
from .citation_number import CitationNumber
from .cross_year import CarryOver, StockContinuity
from .doubled_word import DoubledWord
from .foreign_name import ForeignName
from .outdated_template import OutdatedTemplate
from .overview_coverage import OverviewCoverage
from .problems_substance import ProblemsSubstance
from .publication import PublicationDeadline, ReportDates
from .six_sections import SixSections
from .table_balance import TableBalance
from .table_cells import TableBlankCell, TableStructure
from .text_reuse import TextReuse
from .text_table_match import TextTableMatch
from .title_marks import TitleMarks
from .wording import Placeholder, Terminology
from .year_over_year import YearOverYear
from .year_reference import YearReference


@hookimpl
def gaic_lint_rules():
    return [SixSections, OutdatedTemplate, TableBalance, TableBlankCell, TableStructure, YearReference, CitationNumber, TextTableMatch,
            TitleMarks, Terminology, Placeholder,
            ProblemsSubstance, OverviewCoverage, DoubledWord, BatchCopy, ForeignName,
            CarryOver, StockContinuity, TextReuse, YearOverYear, PublicationDeadline, ReportDates]

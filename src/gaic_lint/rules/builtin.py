"""The built-in rules, registered through the `gaic_lint` entry-point group like any plugin."""

from ..hookspecs import hookimpl
from .batch_copy import BatchCopy
from .cross_year import CarryOver, StockContinuity
from .doubled_word import DoubledWord
from .foreign_name import ForeignName
from .overview_coverage import OverviewCoverage
from .problems_substance import ProblemsSubstance
from .publication import PublicationDeadline, ReportDates
from .structure.outdated_template import OutdatedTemplate
from .structure.six_sections import SixSections
from .tables.table_balance import TableBalance
from .tables.table_blank_cell import TableBlankCell
from .tables.table_structure import TableStructure
from .text.citation_number import CitationNumber
from .text.placeholder import Placeholder
from .text.terminology import Terminology
from .text.text_table_match import TextTableMatch
from .text.title_marks import TitleMarks
from .text.year_reference import YearReference
from .text_reuse import TextReuse
from .year_over_year import YearOverYear


@hookimpl
def gaic_lint_rules():
    return [SixSections, OutdatedTemplate, TableBalance, TableBlankCell, TableStructure, YearReference, CitationNumber, TextTableMatch,
            TitleMarks, Terminology, Placeholder,
            ProblemsSubstance, OverviewCoverage, DoubledWord, BatchCopy, ForeignName,
            CarryOver, StockContinuity, TextReuse, YearOverYear, PublicationDeadline, ReportDates]

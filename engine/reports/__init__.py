"""Periodic reports: figures compiled with SQL, periods, the operators, frozen approved reports and
their documents.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .workbook import DOCUMENT_TYPES
from .frozen import get_report, report_document
from .long_running import DEFAULT_OLDER_THAN_DAYS, MAX_OLDER_THAN_DAYS, REVIEW_ROLES, long_running_cases
from .review_files import EXPORT_TYPES, long_running_export

__all__ = ["DEFAULT_OLDER_THAN_DAYS", "DOCUMENT_TYPES", "EXPORT_TYPES", "MAX_OLDER_THAN_DAYS", "REVIEW_ROLES",
    "get_report", "long_running_cases", "long_running_export", "report_document"]

"""Periodic reports: figures compiled with SQL, periods, the operators, frozen approved reports and
their documents.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .documents import DOCUMENT_TYPES
from .frozen import get_report, report_document

__all__ = ["DOCUMENT_TYPES", "get_report", "report_document"]

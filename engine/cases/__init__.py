"""Cases and their tasks: open, claim, complete, cancel, message; the step that persists a case and its
projections; the inbox, search and the case's path.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .attachments import download_attachment, download_attachment_pdf, list_attachments
from .case_file import case_documents, export_case_file
from .consistency import check_consistency
from .deadlines import OPEN_TASK_STATUSES
from .inbox import describe_deadline, describe_tasks, inbox_of, next_task_for
from .index import case_summaries, search_cases, start_form
from .lifecycle import (STATUSES, cancel_case, case_history, get_case, list_cases, may_cancel, message_title,
                        send_message, start_case)
from .overview import DUE_FILTERS, case_overview
from .path import case_diagram
from .sending_back import send_back, send_back_targets
from .steps import earlier_steps
from .task_drafts import discard_task_draft, get_task_draft, save_task_draft
from .task_lists import SCOPES, list_tasks
from .tasks import claim_task, complete_task, get_task, unclaim_task

__all__ = ["DUE_FILTERS", "OPEN_TASK_STATUSES", "SCOPES", "STATUSES", "cancel_case", "case_diagram", "case_documents", "case_history", "case_overview",
    "case_summaries", "check_consistency", "download_attachment", "download_attachment_pdf", "export_case_file", "claim_task", "complete_task", "describe_deadline", "describe_tasks",
    "discard_task_draft", "earlier_steps", "get_case", "get_task", "get_task_draft", "inbox_of", "list_attachments", "list_cases", "list_tasks", "may_cancel", "message_title", "next_task_for",
    "save_task_draft", "search_cases", "send_back", "send_back_targets", "send_message", "start_case", "start_form", "unclaim_task"]

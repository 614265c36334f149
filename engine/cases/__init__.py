"""Cases and their tasks: open, claim, complete, cancel, message; the step that persists a case and its
projections; the inbox, search and the case's path.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .consistency import check_consistency
from .inbox import describe_deadline, describe_tasks, inbox
from .index import case_summaries, search_cases, start_form
from .lifecycle import (
    STATUSES,
    cancel_instance,
    get_instance,
    instance_history,
    list_instances,
    send_message,
    start_instance,
)
from .path import case_diagram
from .task_drafts import discard_task_draft, get_task_draft, save_task_draft
from .tasks import OPEN_TASK_STATUSES, SCOPES, claim_task, complete_task, get_task, list_tasks, unclaim_task

__all__ = ["OPEN_TASK_STATUSES", "SCOPES", "STATUSES", "cancel_instance", "case_diagram", "case_summaries", "check_consistency", "claim_task", "complete_task", "describe_deadline", "describe_tasks", "discard_task_draft", "get_instance", "get_task", "get_task_draft", "inbox", "instance_history", "list_instances", "list_tasks", "save_task_draft", "search_cases", "send_message", "start_form", "start_instance", "unclaim_task"]

"""What makes danchu trustworthy: who may change what (access), the hash-chained audit log, confidential
values sealed at rest and redacted on reading, key rotation.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .access import ensure_may_change
from .audit_log import export_events, search_events, verify_audit
from .field_crypto import generate_key
from .key_rotation import rotate_case_states, rotate_task_drafts

__all__ = ["ensure_may_change", "export_events", "generate_key", "rotate_case_states", "rotate_task_drafts",
    "search_events", "verify_audit"]

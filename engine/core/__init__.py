"""The vocabulary every layer shares: errors, the clock, who acts (principal, roles), settings, statuses.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .errors import (
    AuthenticationFailed,
    CsrfFailed,
    DanchuError,
    Forbidden,
    InvalidInput,
    InvalidProcessModel,
    NotFound,
    TooManyAttempts,
)
from .json_bounds import loads_bounded
from .messages import N_
from .principal import SYSTEM, Principal
from .request_context import REQUEST_ID_LENGTH, current_request_id
from .roles import ADMINISTRATOR, AUDITOR, ROLES
from .sectors import PRIORITY_SECTORS, SECTORS
from .settings import Settings
from .status import CaseStatus, TaskStatus
from .timezone import commune_tz

__all__ = ["ADMINISTRATOR", "AUDITOR", "AuthenticationFailed", "CaseStatus", "CsrfFailed", "DanchuError", "Forbidden",
    "InvalidInput", "InvalidProcessModel", "N_", "NotFound", "PRIORITY_SECTORS", "Principal", "REQUEST_ID_LENGTH",
    "ROLES", "SECTORS", "SYSTEM", "Settings", "TaskStatus", "TooManyAttempts", "commune_tz", "current_request_id",
    "loads_bounded"]

"""Domain errors.

Every failure a caller can cause is one of these classes; the API maps them to HTTP in one place
(`api/errors.py`). Messages are written for the person at the screen and never contain case data:
a complainant's details must not leak through an error body or a log line.
"""


class DanchuError(Exception):
    """Base of every domain error. `code` is stable and documented; `details` names fields, not values."""

    code = "error"

    def __init__(self, message: str, details: dict | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFound(DanchuError):
    code = "not_found"


class ProcessModelNotFound(NotFound):
    code = "process_model_not_found"


class CaseNotFound(NotFound):
    code = "instance_not_found"


class TaskNotFound(NotFound):
    code = "task_not_found"


class UserNotFound(NotFound):
    code = "user_not_found"


class ReportNotFound(NotFound):
    """No approved (frozen) report for that case in the user's commune: not approved yet, or not theirs."""

    code = "report_not_found"


class AuthenticationFailed(DanchuError):
    code = "authentication_failed"


class Forbidden(DanchuError):
    code = "forbidden"


class NotYourTask(Forbidden):
    code = "not_your_task"


class RoleNotAllowed(Forbidden):
    code = "role_not_allowed"


class Conflict(DanchuError):
    code = "conflict"


class TaskNotOpen(Conflict):
    """The task was completed or cancelled meanwhile, or is claimed by someone else."""

    code = "task_not_open"


class StaleCase(Conflict):
    """Another request changed the case between our read and our write."""

    code = "stale_instance"


class CaseNotRunning(Conflict):
    code = "instance_not_running"


class ProcessFault(Conflict):
    """The diagram failed while running (a script or condition error); the case is marked `error`."""

    code = "process_fault"


class CaseUnreadable(Conflict):
    """The case's stored state cannot be restored (written by an older release from data it misread, or
    sealed under a field key no longer configured): no verb can act on it; lists and boards skip it."""

    code = "case_unreadable"


class CannotSendBack(Conflict):
    """A case cannot be sent back to that step safely (`engine.cases.sending_back`); `details` says why."""

    code = "cannot_send_back"


class AlreadyExists(Conflict):
    code = "already_exists"


class PdfUnavailable(NotFound):
    """No PDF of this file on this server: LibreOffice is not installed, or the file is not a Word document
    (engine.files.pdf)."""

    code = "pdf_unavailable"


class PdfConversionFailed(Conflict):
    """LibreOffice failed, produced no PDF or took longer than allowed (engine.files.pdf)."""

    code = "pdf_conversion_failed"


class InvalidInput(DanchuError):
    """Data that breaks a form or a rule. `details` maps field names to problems."""

    code = "invalid_input"


class WarningsNotConfirmed(InvalidInput):
    """Only warnings of the form's checks (`x-checks` of severity `warning`) stand against the data: it is
    accepted when sent again with `confirm_warnings`. `details` names each field with its warning."""

    code = "warnings_unconfirmed"


class BudgetExceeded(InvalidInput):
    """Checking the submitted data took longer than the evaluation budget (`Settings.eval_budget_seconds`);
    the data is refused and nothing changed."""

    code = "budget_exceeded"


class InvalidProcessModel(DanchuError):
    """A diagram refused at deploy. `details['problems']` lists `{element, message}` items."""

    code = "invalid_process_model"

    def __init__(self, problems: list[dict]):
        super().__init__(
            f"Sơ đồ quy trình không hợp lệ: {len(problems)} lỗi.",
            {"problems": problems},
        )
        self.problems = problems


class PayloadTooLarge(DanchuError):
    code = "payload_too_large"


class TooManyAttempts(DanchuError):
    """Login throttled; `retry_after` is the number of seconds until one more attempt is allowed."""

    code = "too_many_attempts"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message, {"retry_after_seconds": retry_after})
        self.retry_after = retry_after


class CsrfFailed(Forbidden):
    code = "csrf_failed"

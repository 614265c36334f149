"""Submitted data validated before a command locks anything.

A command that changes a case locks it: its row on PostgreSQL, the whole database on SQLite (from the
first statement of a write transaction). Validating a form may take up to the evaluation budget
(`Settings.eval_budget_seconds`); under the lock, every other write of a SQLite database would wait that
long. So a command first reads what decides which form applies and whether the user may act at all,
giving the same refusals in the same order as its locked path would, validates outside any transaction,
and only then opens its write transaction. The locked path checks everything again and accepts the
`Prevalidated` data without validating it twice (a version never changes; a newer one is validated anew).
"""
from __future__ import annotations

from sqlalchemy import bindparam, select

from ..core.errors import (
    CaseNotFound,
    CaseNotRunning,
    InvalidInput,
    NotYourTask,
    ProcessModelNotFound,
    RoleNotAllowed,
    TaskNotFound,
    TaskNotOpen,
)
from ..calendar.store import VERSION_COLUMN, calendar_at_version
from ..core.principal import Principal
from ..core.status import OPEN_TASK_STATUSES, CaseStatus, TaskStatus
from ..definitions.form_checks import CheckContext
from ..definitions.forms import Prevalidated
from ..definitions.package import parameters
from ..definitions.validation import split_roles
from ..files.uploads import prevalidate_with_files
from ..processes.catalogue import LATEST_VERSION_ID
from ..store.tables import Case, Task
from ..trust.exclusions import excluded_for
from .state import calendar_scope, restore_workflow


def completion_data(services, principal: Principal, task_id: str, data, confirm_warnings: bool = False,
                    uploads=()) -> Prevalidated:
    """The data of a task's completion, validated against the task's form (one single-statement read; the
    case's data is read only when the form has checks and the data is refused, to name every problem), with
    the files sent along checked (`engine.files.uploads`)."""
    with services.database.reader.connect() as connection:
        row = connection.execute(_TASK_FORM, {"task_id": task_id, "username": principal.username}).first()
    calendar_at_version(services.calendar, row.calendar_version if row is not None else None)
    if row is None or not principal.sees_case(row.commune_id, row.case_handling_unit_id) or row.excluded:
        raise TaskNotFound("Không tìm thấy công việc.")
    check_completable(principal, row, row.case_status)
    context = CheckContext(lambda: _case_data(services, row.instance_id, task_id), confirm_warnings)
    with calendar_scope(services, principal):  # a form's checks may read the calendar (hom_nay)
        return prevalidate_with_files(deployed_version(services, row.version_id), row.form, data or {}, uploads,
                                      services.settings, context)


def check_may_act(principal: Principal, task) -> None:
    """Is `task` (a task row in their scope) this user's work: their role, in the unit handling its case? A
    province's Chairman does not take a commune Chairman's decision, nor the other way round once a case
    moved to the province (`Principal.acts_for`)."""
    if task.role not in principal.roles:
        raise NotYourTask("Công việc này thuộc vai trò khác.")
    if not principal.acts_for(task.handling_unit_id, task.commune_id):
        raise NotYourTask("Công việc này do cấp khác giải quyết.")


def check_completable(principal: Principal, task, case_status: str) -> None:
    """May `principal` complete `task` (a task row in their scope) now?"""
    check_may_act(principal, task)
    if task.status not in OPEN_TASK_STATUSES or (task.status == TaskStatus.CLAIMED and task.assignee != principal.username):
        raise TaskNotOpen("Công việc đã xong, đã hủy hoặc đang do người khác giữ.")
    if case_status != CaseStatus.RUNNING:
        raise CaseNotRunning("Hồ sơ không còn đang xử lý.")


def start_data(services, principal: Principal, process_model_id: str, data,
               confirm_warnings: bool = False, uploads=()) -> Prevalidated:
    """The data of a new case, validated against the start form of the model's latest version, which the
    case is then opened with (`Prevalidated.key`): a version deployed meanwhile serves the next case."""
    with services.database.reader.connect() as connection:
        version_id, calendar_version = connection.execute(
            _LATEST_VERSION, {"process_model_id": process_model_id}).one()
    calendar_at_version(services.calendar, calendar_version)
    if version_id is None:
        raise ProcessModelNotFound("Không tìm thấy quy trình.")
    version = deployed_version(services, version_id)
    check_may_start(principal, version)
    context = CheckContext(lambda: parameters(version.properties), confirm_warnings)
    with calendar_scope(services, principal):  # a form's checks may read the calendar (hom_nay)
        return prevalidate_with_files(version, version.properties.get("startForm"), {} if data is None else data,
                                      uploads, services.settings, context)


def check_may_start(principal: Principal, version) -> None:
    if not principal.has_role(*split_roles(version.properties.get("startRoles"))):
        raise RoleNotAllowed("Vai trò của bạn không được mở hồ sơ quy trình này.")
    if principal.communes is not None and principal.commune_id is None:
        raise RoleNotAllowed("Người dùng cấp tỉnh không mở hồ sơ của xã.")


def message_data(services, principal: Principal, instance_id: str, name: str, data,
                 confirm_warnings: bool = False) -> Prevalidated:
    """The data of a staff message to a case, validated against the message's form."""
    with services.database.reader.connect() as connection:
        row = connection.execute(_CASE_VERSION, {"instance_id": instance_id, "username": principal.username}).first()
    calendar_at_version(services.calendar, row.calendar_version if row is not None else None)
    if row is None or not principal.sees_case(row.commune_id, row.handling_unit_id) or row.excluded:
        raise CaseNotFound("Không tìm thấy hồ sơ.")
    if row.status != CaseStatus.RUNNING:
        raise CaseNotRunning("Hồ sơ không còn đang xử lý.")
    version = deployed_version(services, row.version_id)
    check_may_send(principal, version, name, row)
    context = CheckContext(lambda: _case_data(services, instance_id), confirm_warnings)
    with calendar_scope(services, principal):  # a form's checks may read the calendar (hom_nay)
        return prevalidate_with_files(version, version.properties.get(f"message.{name}.form"), data or {}, (),
                                      services.settings, context)  # a message takes no file: a typed "file" is refused


def _case_data(services, instance_id: str, task_id: str | None = None) -> dict:
    """What a form's checks read besides the submission: the data of the task (`task_id`) or of the case,
    read in a transaction of its own (nothing is locked; the locked path evaluates the checks again)."""
    with services.uow(write=False) as uow:
        case = uow.session.get(Case, instance_id)
        if case is None:
            return {}
        _version, _parsed, workflow = restore_workflow(services, uow.session, case)
        spiff_task = services.runner.find_task(workflow, task_id) if task_id else None
        return dict(spiff_task.data) if spiff_task is not None else services.runner.data(workflow)


def check_may_send(principal: Principal, version, name: str, case) -> None:
    roles = split_roles(version.properties.get(f"message.{name}.roles"))
    if not roles:
        raise InvalidInput("Quy trình không nhận thông điệp này.", {"name": "Không có trong quy trình."})
    if not principal.has_role(*roles):
        raise RoleNotAllowed("Vai trò của bạn không được gửi thông điệp này.")
    check_acts_for_case(principal, case)


def check_acts_for_case(principal: Principal, case) -> None:
    """Cancelling a case or sending it a message is work of the unit handling it."""
    if not principal.acts_for(case.handling_unit_id, case.commune_id):
        raise RoleNotAllowed("Hồ sơ này do cấp khác giải quyết.")


def deployed_version(services, version_id: int):
    """A deployed version from the cache, read in a transaction of its own the first time."""
    version = services.specs.cached(version_id)
    if version is None:
        with services.uow(write=False) as uow:
            version = services.specs.version(uow.session, version_id)
    return version


def _budget(services) -> float:
    return services.settings.eval_budget_seconds


_TASK_FORM = (select(Task.instance_id, Task.role, Task.status, Task.assignee, Task.form, Task.commune_id, Task.handling_unit_id,
                     Case.handling_unit_id.label("case_handling_unit_id"), Case.version_id,
                     Case.status.label("case_status"),
                     excluded_for(Case.id).label("excluded"), VERSION_COLUMN)
              .join(Case, Case.id == Task.instance_id).where(Task.id == bindparam("task_id")))
_LATEST_VERSION = select(LATEST_VERSION_ID.scalar_subquery(), VERSION_COLUMN)  # the calendar's too: the command
# needs it, and one statement is one round trip
_CASE_VERSION = select(Case.commune_id, Case.handling_unit_id, Case.status, Case.version_id,
                       excluded_for(Case.id).label("excluded"), VERSION_COLUMN).where(Case.id == bindparam("instance_id"))

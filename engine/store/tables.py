"""The relational model.

Workflow state is one serialized SpiffWorkflow document per case (`instances.state`); everything people
search or list (tasks, deadlines, statuses) is a read model kept in plain columns in the same transaction,
so an inbox query never deserializes a workflow.
"""
from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .column_types import BigId, JsonDoc, UtcDateTime


from .base import Base


class OrgUnit(Base):
    __tablename__ = "org_units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # province | commune | hamlet
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    token_generation: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    email: Mapped[str | None] = mapped_column(String(254))  # where notifications are mailed, if anywhere


class UserRole(Base):
    __tablename__ = "user_roles"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(64), primary_key=True)


class ProcessModel(Base):
    __tablename__ = "process_models"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    latest_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ProcessVersion(Base):
    __tablename__ = "process_versions"
    __table_args__ = (
        UniqueConstraint("process_model_id", "version"),
        UniqueConstraint("process_model_id", "sha256"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    process_model_id: Mapped[str] = mapped_column(ForeignKey("process_models.id"))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    bpmn_xml: Mapped[str] = mapped_column(Text)
    files: Mapped[dict] = mapped_column(JsonDoc)  # file name -> text (forms, DMN)
    properties: Mapped[dict] = mapped_column(JsonDoc)  # process-level properties, parsed once
    deployed_by: Mapped[str] = mapped_column(String(64))
    deployed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Case(Base):
    __tablename__ = "instances"
    __table_args__ = (
        Index("ix_instances_model_status", "process_model_id", "status"),
        Index("ix_instances_created_at", "created_at"),
        Index("ix_instances_due_at", "due_at"),
        Index("ix_instances_commune_created", "commune_id", "created_at"),
        Index("ix_instances_commune_status_created", "commune_id", "status", "created_at"),
        Index("ix_instances_commune_sector", "commune_id", "sector", "created_at"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_key: Mapped[str] = mapped_column(String(40), unique=True)
    process_model_id: Mapped[str] = mapped_column(ForeignKey("process_models.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("process_versions.id"))
    version: Mapped[int] = mapped_column(Integer)
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    status: Mapped[str] = mapped_column(String(16))  # running | completed | cancelled | error
    outcome: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(Text)  # serialized SpiffWorkflow, spec stored by reference
    revision: Mapped[int] = mapped_column(Integer, default=1)  # optimistic lock, bumped on every write
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # statutory due date of the case
    # the unit handling the case when it is not its commune (moved to the province: `engine.cases.conflict`)
    handling_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    deadline_version_id: Mapped[int | None] = mapped_column(Integer)  # a moved case's deadline rule, if kept
    # the path taken so far, kept at every step (`engine.cases.step`): {"elements": [...], "flows": [...]}
    # BPMN ids; NULL for a case not stepped since it was introduced (its task tree is read instead)
    path_taken: Mapped[dict | None] = mapped_column(JsonDoc)
    sector: Mapped[str | None] = mapped_column(String(40))  # lĩnh vực, a code of engine.core.sectors

    __mapper_args__ = {"version_id_col": revision}


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_role_status", "role", "status"),
        Index("ix_tasks_assignee_status", "assignee", "status"),
        Index("ix_tasks_instance", "instance_id"),
        Index("ix_tasks_due_at", "due_at"),
        Index("ix_tasks_inbox", "commune_id", "status", "role", "due_at", "created_at", "id"),
        Index("ix_tasks_commune_due", "commune_id", "due_at", "created_at", "id"),  # an auditor's visible inbox
        # the branches of the visible inbox (engine.cases.visible_inbox), in its order, carrying what it filters on
        Index("ix_tasks_commune_role", "commune_id", "role", "due_at", "created_at", "id",
              postgresql_include=["handling_unit_id", "instance_id"]),
        Index("ix_tasks_commune_assignee_due", "commune_id", "assignee", "due_at", "created_at", "id",
              postgresql_include=["handling_unit_id", "instance_id"]),
        Index("ix_tasks_commune_completer_due", "commune_id", "completed_by", "due_at", "created_at", "id",
              postgresql_include=["handling_unit_id", "instance_id"]),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # SpiffWorkflow task id
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"))
    commune_id: Mapped[int | None] = mapped_column(Integer)  # the case's, copied: the inbox reads one index
    process_model_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))  # BPMN element id
    title: Mapped[str] = mapped_column(String(300))  # BPMN element name
    role: Mapped[str] = mapped_column(String(64))
    form: Mapped[str | None] = mapped_column(String(200))
    assignee: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # ready | claimed | completed | cancelled
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_by: Mapped[str | None] = mapped_column(String(64))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    handling_unit_id: Mapped[int | None] = mapped_column(Integer)  # the case's, copied: whose holders act on it


class CaseExclusion(Base):
    """An account the case is about (the denounced person), which must never see it: no task, list, search
    hit or notification (Law on Denunciations 2018 Arts. 9, 47; `engine.trust.exclusions`)."""

    __tablename__ = "case_exclusions"
    __table_args__ = (Index("ix_case_exclusions_user", "user_id"),)
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    field: Mapped[str] = mapped_column(String(100))  # the case field that named the account
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CaseLink(Base):
    """A legal link between two cases: the letter and the cases it started, a complaint and its visit."""

    __tablename__ = "instance_links"
    __table_args__ = (
        UniqueConstraint("from_instance_id", "to_instance_id", "relation"),
        Index("ix_instance_links_to", "to_instance_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"))
    to_instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"))
    relation: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_instance", "instance_id"),
        Index("ix_audit_actor", "actor"),
        Index("ix_audit_occurred_at", "occurred_at"),
        Index("ix_audit_action", "action"),
        Index("ix_audit_commune", "commune_id"),
        UniqueConstraint("seq", name="uq_audit_events_seq"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    seq: Mapped[int | None] = mapped_column(BigInteger)  # position in the hash chain (engine.trust.audit_chain)
    commune_id: Mapped[int | None] = mapped_column(Integer)  # whose scope the event belongs to
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str | None] = mapped_column(String(64))  # None: the engine itself
    action: Mapped[str] = mapped_column(String(40))
    instance_id: Mapped[str | None] = mapped_column(String(36))
    task_id: Mapped[str | None] = mapped_column(String(36))
    process_model_id: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JsonDoc)


class AuditChain(Base):
    """The head of the audit hash chain: one row, locked by every append so the chain never forks."""

    __tablename__ = "audit_chain"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


class LoginAttempt(Base):
    """A login attempt, reserved (`pending`) before its password is checked, then kept as a failure for the
    throttling window or deleted when it succeeded (`engine.people.login`); shared by every server.
    `counts_for_account`: it came from an address not known for the account, so it spends its budget."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username", "username", "attempted_at"),
        Index("ix_login_attempts_address", "address", "attempted_at"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    counts_for_account: Mapped[bool] = mapped_column(Boolean, default=True)
    pending: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginKnownAddress(Base):
    """An address an account logged in from successfully, as an HMAC of the username and address under the
    server secret (no address in clear, none to recover by hashing every IPv4 address), and when it last did
    (`engine.people.login`: exempt from the account's lock)."""

    __tablename__ = "login_known_addresses"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    marker: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_success_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Counter(Base):
    """Named sequences (business keys per prefix and year), incremented under a row lock."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class CalendarOverrideRow(Base):
    """A government decision on one day: an extra day off, or a rest day made a working day."""

    __tablename__ = "calendar_overrides"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CaseDeadlineChange(Base):
    """One change of a case's statutory due date: computed from the case data, or extended by a decision."""

    __tablename__ = "case_deadline_changes"
    __table_args__ = (Index("ix_case_deadline_changes_instance", "instance_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # computed | extension
    previous_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    days: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    task_id: Mapped[str | None] = mapped_column(String(36))


class Timer(Base):
    """A timer event a case waits for, mirrored from its workflow so the worker can find due ones by index.

    One row per (waiting event task, due time): a cycle that re-arms gets a new row.
    """

    __tablename__ = "timers"
    __table_args__ = (
        UniqueConstraint("instance_id", "task_id", "due_at"),
        Index("ix_timers_status_due_at", "status", "due_at"),
        Index("ix_timers_instance", "instance_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"))
    task_id: Mapped[str] = mapped_column(String(36))  # SpiffWorkflow task id of the waiting event
    element: Mapped[str] = mapped_column(String(100))  # BPMN element id
    kind: Mapped[str] = mapped_column(String(16))  # date | duration | cycle | cycle_end
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))  # pending | fired | cancelled
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    fired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    request_id: Mapped[str | None] = mapped_column(String(64))  # the request that armed it (worker's log lines)


class Notification(Base):
    """The outbox: one message for one user, listed in the app and mailed when SMTP is configured."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user", "username", "read_at"),
        Index("ix_notifications_email", "email_status", "email_next_at"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64))
    instance_id: Mapped[str | None] = mapped_column(String(36))
    business_key: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    email_status: Mapped[str] = mapped_column(String(16))  # none | pending | sent | failed
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    email_next_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    email_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    email_error: Mapped[str | None] = mapped_column(String(200))
    request_id: Mapped[str | None] = mapped_column(String(64))  # the request that queued it (worker's log lines)


class CaseIndex(Base):
    """Search read model of a case, written when it opens: the citizen's name (only when the start form does
    not mark it confidential) and the hamlet, with accent-free lowercase keys for searching."""

    __tablename__ = "case_index"
    __table_args__ = (
        Index("ix_case_index_citizen_key", "citizen_key"),
        Index("ix_case_index_hamlet_key", "hamlet_key"),
    )
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"), primary_key=True)
    citizen_name: Mapped[str | None] = mapped_column(String(200))
    citizen_key: Mapped[str | None] = mapped_column(String(200))
    hamlet: Mapped[str | None] = mapped_column(String(200))
    hamlet_key: Mapped[str | None] = mapped_column(String(200))


class PortalSubmission(Base):
    """A letter or comment sent from the public portal, kept for the throttling window (`engine.people.throttle`)."""

    __tablename__ = "portal_submissions"
    __table_args__ = (Index("ix_portal_submissions_address", "address", "submitted_at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TrackingCode(Base):
    """The secret part of a case's public tracking code (business key + secret), stored as a SHA-256 hash."""

    __tablename__ = "tracking_codes"
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"), primary_key=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TaskDraft(Base):
    """A form a user saved without completing the task; only that user reads it back."""

    __tablename__ = "task_drafts"
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict] = mapped_column(JsonDoc)
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CaseFigure(Base):
    """A number a case declares for the periodic reports (process property `figure.<name>`): its current value
    and when it reached it, kept by `persist_case` so reports add figures up without reading workflows."""

    __tablename__ = "case_figures"
    __table_args__ = (Index("ix_case_figures_name_recorded_at", "name", "recorded_at"),)
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FrozenReport(Base):
    """A periodic report as the Chairman approved it: figures, draft and comments, never changed afterwards.
    `sha256` is the hash of the canonical JSON of `content` (see `engine.reports.frozen`)."""

    __tablename__ = "reports"
    __table_args__ = (Index("ix_reports_commune_period", "commune_id", "period_start"),)
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"), primary_key=True)
    business_key: Mapped[str] = mapped_column(String(40))
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    kind: Mapped[str] = mapped_column(String(16))  # q1 | 6_thang | 9_thang | nam
    year: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    content: Mapped[dict] = mapped_column(JsonDoc)
    sha256: Mapped[str] = mapped_column(String(64))
    approved_by: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime)


from .file_tables import Attachment, OutgoingDocument, StoredBlob  # noqa: E402,F401  the case file's tables, in a module of their own

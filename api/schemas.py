"""Request and response shapes. The OpenAPI document is generated from these, so it is what the code does."""
from datetime import date, timezone

import marshmallow as ma
from marshmallow import fields, validate

from engine.cases import DUE_FILTERS, SCOPES, STATUSES
from engine.core import SECTORS, TaskStatus

from .fast_dump import FastDump

TASK_STATUSES = TaskStatus.ALL


class CommuneInstant(fields.DateTime):
    """An instant in commune time, as RFC 3339 writes it. RFC 3339 offsets are whole minutes, but before 1911
    Vietnam kept local mean time (+07:06:30 in the time zone database), which the calendar's years (from 1900)
    reach: such an instant is written in UTC instead, the same instant."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.utcoffset() is not None and value.utcoffset().seconds % 60:
            value = value.astimezone(timezone.utc)
        return super()._serialize(value, attr, obj, **kwargs)


class PagingArgs(ma.Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, 10_000_000))


class TokenRequest(ma.Schema):
    username = fields.String(required=True, validate=validate.Length(1, 64))
    password = fields.String(required=True, validate=validate.Length(1, 256), load_only=True)


class TokenResponse(ma.Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_at = fields.DateTime()


class VersionSchema(ma.Schema):
    version = fields.Integer()
    sha256 = fields.String()
    name = fields.String()
    deployed_by = fields.String()
    deployed_at = fields.DateTime()
    files = fields.List(fields.String())
    parameters = fields.Dict(keys=fields.String(), values=fields.String())


class ProcessModelSchema(ma.Schema):
    id = fields.String()
    name = fields.String()
    latest_version = fields.Integer()
    legal_basis = fields.String()
    start_roles = fields.List(fields.String())
    start_form = fields.Dict(allow_none=True, metadata={
        "description": "The latest version's start form (JSON Schema) that POST /instances validates `data` "
                       "against; null when the process has none"})
    instance_count = fields.Integer()
    created_at = fields.DateTime()
    versions = fields.List(fields.Nested(VersionSchema))


class ProcessModelPage(ma.Schema):
    items = fields.List(fields.Nested(ProcessModelSchema))
    total = fields.Integer()


class DeploymentSchema(ma.Schema):
    process_model = fields.String()
    created = fields.Boolean(metadata={"description": "False when identical content was already deployed"})
    version = fields.Nested(VersionSchema)


class InstanceCreate(ma.Schema):
    process_model = fields.String(required=True, validate=validate.Length(1, 100))
    data = fields.Dict(keys=fields.String(), load_default=dict)
    confirm_warnings = fields.Boolean(load_default=False, metadata={
        "description": "true: the warnings of the form's checks (x-checks of severity warning) were shown and "
                       "are confirmed; errors refuse the data whatever this says"})


class InstanceListArgs(PagingArgs):
    process_model = fields.String(validate=validate.Length(1, 100))
    status = fields.String(validate=validate.OneOf(STATUSES))
    business_key = fields.String(validate=validate.Length(1, 40))
    created_from = fields.AwareDateTime(default_timezone=timezone.utc)
    created_to = fields.AwareDateTime(default_timezone=timezone.utc)
    sector = fields.String(validate=validate.OneOf(list(SECTORS)), metadata={
        "description": "Only the cases of this sector (lĩnh vực): " + ", ".join(SECTORS)})
    due = fields.String(validate=validate.OneOf(DUE_FILTERS), metadata={
        "description": "Running cases overdue, or due from now to the end of the commune's week (this_week): "
                       "the first of the statutory date and the open steps' deadlines"})


class TaskSchema(FastDump, ma.Schema):  # every claim and completion answers with one
    id = fields.String()
    instance_id = fields.String()
    business_key = fields.String(allow_none=True)
    process_model = fields.String()
    name = fields.String()
    title = fields.String()
    role = fields.String()
    assignee = fields.String(allow_none=True)
    status = fields.String()
    created_at = fields.DateTime()
    claimed_at = fields.DateTime(allow_none=True)
    completed_at = fields.DateTime(allow_none=True)
    completed_by = fields.String(allow_none=True)
    due_at = fields.DateTime(allow_none=True)
    urgency = fields.String(allow_none=True, metadata={
        "description": "qua_han (past due), sap_den_han (due within 2 working days) or null"})


class LastPassSchema(ma.Schema):
    task_id = fields.String(metadata={"description": "The pass of the step the case was sent back from"})
    completed_at = fields.DateTime()
    completed_by = fields.String(allow_none=True)
    data = fields.Raw(metadata={"description": "What that pass submitted, to pre-fill the form: the fields a "
                                                "person types (no file, no number or date the register gave), "
                                                "confidential ones only for who may read them"})


class CompletedTaskSchema(TaskSchema):
    next_task = fields.Nested(TaskSchema, allow_none=True, metadata={
        "description": "Where the user goes next, as the web pages send them: an open task of the same case they "
                       "hold or may take, else the task they hold that is due first; null: their inbox"})


class TaskDetailSchema(TaskSchema):
    form = fields.Raw(allow_none=True, metadata={"description": "JSON Schema of the task's form"})
    ui_schema = fields.Raw(allow_none=True)
    instructions = fields.String(allow_none=True)
    last_pass = fields.Nested(LastPassSchema, allow_none=True, metadata={
        "description": "For an open step redone after a send-back: the values of the pass sent back; else null"})


class StepField(ma.Schema):
    name = fields.String()
    title = fields.String(metadata={"description": "The field's title on its form"})
    value = fields.Raw(allow_none=True, metadata={"description": "As submitted; `[bảo mật]` when confidential "
                                                                 "and the user may not read it"})
    label = fields.String(allow_none=True, metadata={"description": "The option's title, when the value is one"})
    confidential = fields.Boolean()


class EarlierStep(ma.Schema):
    kind = fields.String(metadata={"description": "started (the start form), completed (a task) or message"})
    task_id = fields.String(allow_none=True)
    title = fields.String()
    occurred_at = fields.DateTime()
    actor = fields.String(allow_none=True)
    fields_ = fields.List(fields.Nested(StepField), data_key="fields", attribute="fields")


class EarlierStepPage(ma.Schema):
    items = fields.List(fields.Nested(EarlierStep))
    total = fields.Integer()


class OverviewLine(ma.Schema):
    key = fields.String(allow_none=True, metadata={"description": "The process id or the hamlet; null: none"})
    label = fields.String(allow_none=True)
    running = fields.Integer()
    overdue = fields.Integer()
    this_week = fields.Integer()


class OverviewSchema(ma.Schema):
    running = fields.Integer()
    overdue = fields.Integer()
    this_week = fields.Integer()
    week_end = fields.DateTime(metadata={"description": "The end of the commune's week (next Monday 00:00)"})
    by_process = fields.List(fields.Nested(OverviewLine))
    by_hamlet = fields.List(fields.Nested(OverviewLine))
    by_sector = fields.List(fields.Nested(OverviewLine), metadata={
        "description": "Complaints, denunciations, petitions and letters by sector (key: its code)"})


class MessageOption(ma.Schema):
    name = fields.String()
    title = fields.String(metadata={"description": "The message form's title, for people (else the name)"})
    allowed = fields.Boolean()


class InstanceSchema(ma.Schema):
    id = fields.String()
    business_key = fields.String()
    process_model = fields.String()
    version = fields.Integer()
    status = fields.String()
    outcome = fields.String(allow_none=True)
    created_by = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    ended_at = fields.DateTime(allow_none=True)
    due_at = fields.DateTime(allow_none=True, metadata={"description": "Statutory due date of the case"})
    sector = fields.String(allow_none=True, metadata={
        "description": "The sector (lĩnh vực) of a complaint, denunciation, petition or letter: "
                       + ", ".join(SECTORS) + "; null for a case of another process, or none recorded yet"})


class LinkSchema(ma.Schema):
    relation = fields.String()
    direction = fields.String(metadata={"description": "outgoing: this case opened the other"})
    instance_id = fields.String()
    business_key = fields.String()
    process_model = fields.String()
    status = fields.String()


class InstanceDetailSchema(InstanceSchema):
    process_name = fields.String()
    data = fields.Dict()
    tasks = fields.List(fields.Nested(TaskSchema))
    messages = fields.List(fields.Nested(MessageOption))
    links = fields.List(fields.Nested(LinkSchema))
    deadline_name = fields.String(allow_none=True)
    urgency = fields.String(allow_none=True)
    deadline_history = fields.List(fields.Nested("DeadlineChangeSchema"))


class InstancePage(FastDump, ma.Schema):
    items = fields.List(fields.Nested(InstanceSchema))
    total = fields.Integer()


class CancelBody(ma.Schema):
    reason = fields.String(load_default="", validate=validate.Length(0, 2000))


class SendBackBody(ma.Schema):
    task_id = fields.String(required=True, validate=validate.Length(1, 36), metadata={
        "description": "The completed task (one of GET .../send-back's) the case goes back to"})
    reason = fields.String(required=True, validate=validate.Length(1, 2000))


class SendBackTarget(ma.Schema):
    task_id = fields.String()
    name = fields.String()
    title = fields.String()
    completed_at = fields.DateTime()
    completed_by = fields.String(allow_none=True)
    allowed = fields.Boolean()
    why = fields.String(allow_none=True, metadata={"description": "Why the case cannot go back there"})


class SendBackTargetPage(ma.Schema):
    items = fields.List(fields.Nested(SendBackTarget))
    total = fields.Integer()


class MessageBody(ma.Schema):
    name = fields.String(required=True, validate=validate.Length(1, 100))
    data = fields.Dict(keys=fields.String(), load_default=dict)
    confirm_warnings = fields.Boolean(load_default=False, metadata={
        "description": "true: the warnings of the form's checks (x-checks of severity warning) were shown and "
                       "are confirmed; errors refuse the data whatever this says"})


class HistoryItem(ma.Schema):
    id = fields.Integer()
    occurred_at = fields.DateTime()
    actor = fields.String(allow_none=True)
    action = fields.String()
    task_id = fields.String(allow_none=True)
    task_title = fields.String(allow_none=True)
    version = fields.Integer(allow_none=True)
    data = fields.Dict()


class HistoryPage(ma.Schema):
    items = fields.List(fields.Nested(HistoryItem))
    total = fields.Integer()


class AttachmentSchema(ma.Schema):
    id = fields.String()
    instance_id = fields.String()
    task_id = fields.String(allow_none=True, metadata={"description": "The step it was sent with; null: the start form"})
    field = fields.String(metadata={"description": "The form field it was sent in"})
    name = fields.String(metadata={"description": "Sanitised file name; `[bảo mật]` to who may not read it"})
    media_type = fields.String(metadata={"description": "The type read from the content"})
    size = fields.Integer()
    sha256 = fields.String(metadata={"description": "SHA-256 of the content, as recorded in the audit chain"})
    confidential = fields.Boolean(metadata={"description": "Sent in a confidential field: stored encrypted"})
    downloadable = fields.Boolean(metadata={"description": "Whether this user may download it"})
    pdf = fields.Boolean(metadata={"description": "Whether it may also be downloaded as PDF (a Word file, on a "
                                                  "server with LibreOffice): `.../attachments/{id}/pdf`"})
    created_by = fields.String()
    created_at = fields.DateTime()


class CaseDocument(ma.Schema):
    direction = fields.String(metadata={"description": "in: a file sent with a form; out: a document the case "
                                                       "issued (its line of the outgoing register)"})
    date = fields.Date()
    reference = fields.String(allow_none=True, metadata={"description": "Number and symbol of a document out"})
    name = fields.String(metadata={"description": "A file's name, or the type and summary of a document out"})
    id = fields.String(allow_none=True, metadata={"description": "The attachment's id (in)"})
    field = fields.String(metadata={"description": "The form field of a file (in)"})
    media_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String(allow_none=True)
    confidential = fields.Boolean()
    downloadable = fields.Boolean()
    pdf = fields.Boolean(metadata={"description": "Whether it may also be downloaded as PDF (a Word file, on a "
                                                  "server with LibreOffice): `.../attachments/{id}/pdf`"})
    task_id = fields.String(allow_none=True)
    created_by = fields.String()
    created_at = fields.DateTime()


class CaseDocumentPage(ma.Schema):
    items = fields.List(fields.Nested(CaseDocument))
    total = fields.Integer()


class AttachmentPage(ma.Schema):
    items = fields.List(fields.Nested(AttachmentSchema))
    total = fields.Integer()


class TaskListArgs(PagingArgs):
    scope = fields.String(load_default="visible", validate=validate.OneOf(SCOPES))
    process_model = fields.String(validate=validate.Length(1, 100))
    status = fields.String(validate=validate.OneOf(TASK_STATUSES))
    due_before = fields.AwareDateTime(default_timezone=timezone.utc)
    instance_id = fields.String(validate=validate.Length(1, 36))
    overdue = fields.Boolean(metadata={"description": "true: open tasks past due; false: open tasks not past due"})
    due_within = fields.Integer(validate=validate.Range(0, 365), metadata={
        "description": "open tasks due by the end of the N-th working day from today (overdue ones included)"})


class TaskPage(FastDump, ma.Schema):
    items = fields.List(fields.Nested(TaskSchema))
    total = fields.Integer(metadata={"description": "Counted up to 1,000 tasks past the page"})
    total_exact = fields.Boolean(metadata={"description": "False when there are more than `total` tasks"})


class CompleteBody(ma.Schema):
    data = fields.Dict(keys=fields.String(), load_default=dict)
    confirm_warnings = fields.Boolean(load_default=False, metadata={
        "description": "true: the warnings of the form's checks (x-checks of severity warning) were shown and "
                       "are confirmed; errors refuse the data whatever this says"})


class HealthSchema(ma.Schema):
    status = fields.String(metadata={"enum": ["ok", "degraded", "down"]})
    database = fields.String(metadata={"enum": ["ok", "unreachable"]})
    worker = fields.String(metadata={"enum": ["ok", "late", "absent", "unknown"],
                                     "description": "a worker's heartbeat within DANCHU_WORKER_LATE seconds"})
    outbox = fields.String(metadata={"enum": ["ok", "late", "unknown"],
                                     "description": "no email due for DANCHU_OUTBOX_LATE seconds and unsent"})


# --- deadlines: calendar, urgency, case due dates, notifications ---------------------------------------

DAY_KINDS = ("calendar", "working")


CALENDAR_RANGE = validate.Range(date(1900, 1, 1), date(2200, 12, 31))  # the years the calendar knows


class DeadlineArgs(ma.Schema):
    start = fields.Date(required=True, validate=CALENDAR_RANGE,
                        metadata={"description": "The day of the triggering event (not counted), 1900-2200"})
    days = fields.Integer(required=True, validate=validate.Range(0, 3650))
    kind = fields.String(load_default="calendar", validate=validate.OneOf(DAY_KINDS))


class DeadlineSchema(ma.Schema):
    start = fields.Date()
    days = fields.Integer()
    kind = fields.String()
    due = fields.Date(metadata={"description": "Last day of the period (Civil Code Arts. 144-148)"})
    ends_at = CommuneInstant(metadata={"description": "The instant it expires: 24:00 of the last day, commune time "
                                                     "(in UTC before 1911, when Vietnam kept local mean time)"})


class YearArgs(ma.Schema):
    year = fields.Integer(required=True, validate=validate.Range(1900, 2200))


class OptionalYearArgs(ma.Schema):
    year = fields.Integer(validate=validate.Range(1900, 2200))


class HolidaySchema(ma.Schema):
    day = fields.Date()
    name = fields.String()
    source = fields.String(metadata={"description": "holidays (the law, via the holidays package) or override"})
    working = fields.Boolean(metadata={"description": "True for a rest day made a working day"})


class HolidayPage(ma.Schema):
    year = fields.Integer()
    items = fields.List(fields.Nested(HolidaySchema))
    total = fields.Integer()


class OverrideBody(ma.Schema):
    working = fields.Boolean(required=True, metadata={"description": "True: a working day; False: a day off"})
    name = fields.String(required=True, validate=validate.Length(1, 200),
                         metadata={"description": "The decision, e.g. 'Nghỉ bù Tết theo Thông báo 123/TB-VPCP'"})


class OverrideSchema(ma.Schema):
    day = fields.Date()
    working = fields.Boolean()
    name = fields.String()
    created_by = fields.String()
    created_at = fields.DateTime()


class OverridePage(ma.Schema):
    items = fields.List(fields.Nested(OverrideSchema))
    total = fields.Integer()


class DeadlineChangeSchema(ma.Schema):
    changed_at = fields.DateTime()
    actor = fields.String(allow_none=True)
    kind = fields.String(metadata={"description": "computed (from the case data) or extension (a decision)"})
    previous_due_at = fields.DateTime(allow_none=True)
    due_at = fields.DateTime()
    days = fields.Integer(allow_none=True)
    reason = fields.String(allow_none=True)
    task_id = fields.String(allow_none=True)


class NotificationArgs(PagingArgs):
    unread = fields.Boolean()


class NotificationSchema(ma.Schema):
    id = fields.Integer()
    instance_id = fields.String(allow_none=True)
    business_key = fields.String(allow_none=True)
    title = fields.String()
    message = fields.String()
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)
    email_status = fields.String(metadata={"description": "none | pending | sent | failed"})


class NotificationPage(ma.Schema):
    items = fields.List(fields.Nested(NotificationSchema))
    total = fields.Integer()
    unread = fields.Integer()


class ReadAllSchema(ma.Schema):
    marked = fields.Integer()


class ReportSchema(ma.Schema):
    instance_id = fields.String()
    business_key = fields.String()
    title = fields.String()
    kind = fields.String(metadata={"description": "q1 | q2 | q3 | q4 | 6_thang | 9_thang | nam"})
    year = fields.Integer()
    period_start = fields.Date()
    period_end = fields.Date()
    sha256 = fields.String(metadata={"description": "SHA-256 of the canonical JSON of `content`"})
    approved_by = fields.String()
    approved_at = fields.DateTime()
    content = fields.Dict(metadata={"description": "Figures, draft and comments as approved (frozen)"})

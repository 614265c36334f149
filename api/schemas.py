"""Request and response shapes. The OpenAPI document is generated from these, so it is what the code does."""
from datetime import timezone

import marshmallow as ma
from marshmallow import fields, validate

from engine.instances import STATUSES
from engine.tasks import SCOPES

TASK_STATUSES = ("ready", "claimed", "completed", "cancelled")


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


class InstanceListArgs(PagingArgs):
    process_model = fields.String(validate=validate.Length(1, 100))
    status = fields.String(validate=validate.OneOf(STATUSES))
    business_key = fields.String(validate=validate.Length(1, 40))
    created_from = fields.AwareDateTime(default_timezone=timezone.utc)
    created_to = fields.AwareDateTime(default_timezone=timezone.utc)


class TaskSchema(ma.Schema):
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


class TaskDetailSchema(TaskSchema):
    form = fields.Raw(allow_none=True, metadata={"description": "JSON Schema of the task's form"})
    ui_schema = fields.Raw(allow_none=True)
    instructions = fields.String(allow_none=True)


class MessageOption(ma.Schema):
    name = fields.String()
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


class InstancePage(ma.Schema):
    items = fields.List(fields.Nested(InstanceSchema))
    total = fields.Integer()


class CancelBody(ma.Schema):
    reason = fields.String(load_default="", validate=validate.Length(0, 2000))


class MessageBody(ma.Schema):
    name = fields.String(required=True, validate=validate.Length(1, 100))
    data = fields.Dict(keys=fields.String(), load_default=dict)


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


class TaskListArgs(PagingArgs):
    scope = fields.String(load_default="visible", validate=validate.OneOf(SCOPES))
    process_model = fields.String(validate=validate.Length(1, 100))
    status = fields.String(validate=validate.OneOf(TASK_STATUSES))
    due_before = fields.AwareDateTime(default_timezone=timezone.utc)
    instance_id = fields.String(validate=validate.Length(1, 36))


class TaskPage(ma.Schema):
    items = fields.List(fields.Nested(TaskSchema))
    total = fields.Integer()


class CompleteBody(ma.Schema):
    data = fields.Dict(keys=fields.String(), load_default=dict)


class HealthSchema(ma.Schema):
    status = fields.String()
    database = fields.String()

"""Request and report of moving running cases to another version (`POST /process-models/{id}/migrations`)."""
import marshmallow as ma
from marshmallow import fields, validate

from engine.moves import MAX_CASES

from .schemas import CommuneInstant

IDENTIFIER = validate.Regexp(r"^[A-Za-z_][A-Za-z0-9_.-]{0,99}$")


class MigrationRequest(ma.Schema):
    to_version = fields.Integer(validate=validate.Range(1, 2**31 - 1), metadata={
        "description": "The version to move to; default: the latest"})
    from_version = fields.Integer(validate=validate.Range(1, 2**31 - 1), metadata={
        "description": "Take every running case on this version (with `instance_ids`: only those of it)"})
    instance_ids = fields.List(fields.String(validate=validate.Length(1, 36)), validate=validate.Length(1, 500),
                               metadata={"description": "Take these cases (at most 500 listed)"})
    mapping = fields.Dict(keys=fields.String(validate=IDENTIFIER), values=fields.String(validate=IDENTIFIER),
                          load_default=dict, metadata={"description": "Old element id -> its id in the new version"})
    dry_run = fields.Boolean(load_default=True, metadata={"description": "Only try and report (default)"})
    recompute_deadlines = fields.Boolean(load_default=False, metadata={
        "description": "Recompute dates the new version gives differently (never earlier than the case has)"})


class MoveReason(ma.Schema):
    code = fields.String()
    element = fields.String()
    title = fields.String()
    detail = fields.String()
    message = fields.String()


class MovedTask(ma.Schema):
    task_id = fields.String()
    state = fields.String()
    element = fields.String()
    title = fields.String()
    to_element = fields.String(allow_none=True)
    to_title = fields.String(allow_none=True)
    changes = fields.List(fields.String())
    due_at = CommuneInstant(allow_none=True)
    new_due_at = CommuneInstant(allow_none=True)
    claim_released = fields.Boolean()


class MovedDeadline(ma.Schema):
    name = fields.String(allow_none=True)
    due_at = CommuneInstant(allow_none=True)
    new_due_at = CommuneInstant(allow_none=True)
    action = fields.String(metadata={"description": "unchanged, kept, kept_would_shorten, kept_no_date, recomputed"})


class MovedTimer(ma.Schema):
    element = fields.String()
    due_at = fields.DateTime(allow_none=True)
    new_due_at = fields.DateTime(allow_none=True)
    action = fields.String(metadata={"description": "kept, changed, cancelled, new"})


class MovedParameter(ma.Schema):
    name = fields.String()
    value = fields.Raw(allow_none=True)
    new_value = fields.Raw(allow_none=True)
    action = fields.String(metadata={"description": "added (given to the case) or kept (its own value)"})


class CaseMove(ma.Schema):
    instance_id = fields.String()
    business_key = fields.String(allow_none=True)
    from_version = fields.Integer(allow_none=True)
    to_version = fields.Integer()
    outcome = fields.String(metadata={"description": "moved, movable (dry run), refused, failed"})
    reasons = fields.List(fields.Nested(MoveReason))
    tasks = fields.List(fields.Nested(MovedTask))
    deadline = fields.Nested(MovedDeadline, allow_none=True)
    timers = fields.List(fields.Nested(MovedTimer))
    parameters = fields.List(fields.Nested(MovedParameter))


class MoveSummary(ma.Schema):
    moved = fields.Integer()
    movable = fields.Integer()
    refused = fields.Integer()
    failed = fields.Integer()


class MigrationReport(ma.Schema):
    process_model = fields.String()
    to_version = fields.Integer()
    dry_run = fields.Boolean()
    recompute_deadlines = fields.Boolean()
    mapping = fields.Dict(keys=fields.String(), values=fields.String())
    remaining = fields.Integer(metadata={"description": f"Cases chosen beyond the {MAX_CASES} of one call"})
    summary = fields.Nested(MoveSummary)
    cases = fields.List(fields.Nested(CaseMove))

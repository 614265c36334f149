"""Request and response shapes of sessions, accounts, units and the audit log."""
from datetime import timezone

import marshmallow as ma
from marshmallow import fields, validate

from engine.core import ROLES

from .schemas import PagingArgs, TokenRequest

ROLE = validate.OneOf(sorted(ROLES))
NAME = validate.Length(1, 200)


SessionRequest = TokenRequest  # a cookie session logs in with the same credentials as a bearer token


class SessionSchema(ma.Schema):
    username = fields.String()
    full_name = fields.String()
    roles = fields.List(fields.String())
    unit = fields.String(allow_none=True)
    authenticated_by = fields.String(metadata={"description": "`cookie` or `bearer`"})
    csrf_token = fields.String(allow_none=True, metadata={
        "description": "Send it as X-CSRF-Token on every POST/PUT/PATCH/DELETE of a cookie session"})
    expires_at = fields.DateTime(allow_none=True)


class PasswordChange(ma.Schema):
    current_password = fields.String(required=True, validate=validate.Length(1, 256), load_only=True)
    new_password = fields.String(required=True, validate=validate.Length(1, 256), load_only=True)


class UserSchema(ma.Schema):
    username = fields.String()
    full_name = fields.String()
    unit = fields.String(allow_none=True)
    unit_name = fields.String(allow_none=True)
    roles = fields.List(fields.String())
    active = fields.Boolean()
    created_at = fields.DateTime()


class UserPage(ma.Schema):
    items = fields.List(fields.Nested(UserSchema))
    total = fields.Integer()


class AccountSchema(ma.Schema):
    id = fields.Integer()
    username = fields.String()
    full_name = fields.String()
    roles = fields.List(fields.String())
    unit = fields.String(allow_none=True)
    unit_name = fields.String(allow_none=True)


class AccountPage(ma.Schema):
    items = fields.List(fields.Nested(AccountSchema))
    total = fields.Integer()


class UserListArgs(PagingArgs):
    unit = fields.String(validate=validate.Length(1, 64))
    role = fields.String(validate=ROLE)
    active = fields.Boolean()


class UserCreate(ma.Schema):
    username = fields.String(required=True, validate=validate.Length(3, 64))
    full_name = fields.String(required=True, validate=NAME)
    password = fields.String(required=True, validate=validate.Length(1, 256), load_only=True)
    roles = fields.List(fields.String(validate=ROLE), required=True, validate=validate.Length(1, 20))
    unit = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 64))


class UserUpdate(ma.Schema):
    full_name = fields.String(validate=NAME)
    roles = fields.List(fields.String(validate=ROLE), validate=validate.Length(1, 20))
    unit = fields.String(validate=validate.Length(1, 64))
    active = fields.Boolean()


class PasswordSet(ma.Schema):
    password = fields.String(required=True, validate=validate.Length(1, 256), load_only=True)


class UnitSchema(ma.Schema):
    code = fields.String()
    name = fields.String()
    kind = fields.String()
    parent = fields.String(allow_none=True)


class UnitPage(ma.Schema):
    items = fields.List(fields.Nested(UnitSchema))
    total = fields.Integer()


class UnitCreate(ma.Schema):
    code = fields.String(required=True, validate=validate.Length(2, 64))
    name = fields.String(required=True, validate=NAME)
    kind = fields.String(required=True, validate=validate.OneOf(["province", "commune", "hamlet"]))
    parent = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 64))


class AuditEventArgs(PagingArgs):
    actor = fields.String(validate=validate.Length(1, 64))
    action = fields.String(validate=validate.Length(1, 40))
    instance_id = fields.String(validate=validate.Length(1, 36))
    business_key = fields.String(validate=validate.Length(1, 40))
    occurred_from = fields.AwareDateTime(default_timezone=timezone.utc)
    occurred_to = fields.AwareDateTime(default_timezone=timezone.utc)


class AuditExportArgs(AuditEventArgs):
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]))


class AuditEventSchema(ma.Schema):
    id = fields.Integer()
    seq = fields.Integer(allow_none=True)
    occurred_at = fields.DateTime()
    actor = fields.String(allow_none=True)
    action = fields.String()
    instance_id = fields.String(allow_none=True)
    business_key = fields.String(allow_none=True)
    task_id = fields.String(allow_none=True)
    task_title = fields.String(allow_none=True, metadata={"description": "The task's title (search only)"})
    process_model = fields.String(allow_none=True)
    version = fields.Integer(allow_none=True)
    data = fields.Dict(metadata={"description": "Confidential values always read [bảo mật] here"})
    hash = fields.String(allow_none=True)


class AuditEventPage(ma.Schema):
    items = fields.List(fields.Nested(AuditEventSchema))
    total = fields.Integer()


class BrokenLink(ma.Schema):
    seq = fields.Integer(allow_none=True, metadata={"description": "null: a file with no event in the chain"})
    event_id = fields.Integer(allow_none=True)
    problem = fields.String()


class AuditVerification(ma.Schema):
    ok = fields.Boolean()
    checked = fields.Integer()
    head_hash = fields.String(allow_none=True, metadata={"description": "Publish it to anchor the chain"})
    first_broken = fields.Nested(BrokenLink, allow_none=True)
    files_checked = fields.Integer(metadata={"description": "Attachments whose stored bytes were checked against "
                                                            "the hashes their `attached` events hold"})

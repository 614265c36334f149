"""Request and response shapes of the communes' recurring schedules (`engine.schedules`)."""
import marshmallow as ma
from marshmallow import fields, validate


class ScheduleArgs(ma.Schema):
    commune = fields.String(validate=validate.Length(1, 64), metadata={
        "description": "The commune's code; a commune's users leave it out (their own commune)"})


class ScheduleBody(ma.Schema):
    active = fields.Boolean(load_default=True, metadata={"description": "False: the worker opens nothing"})
    weekdays = fields.List(fields.Integer(), validate=validate.Length(max=7), metadata={
        "description": "tiep_cong_dan: the Chairman's reception days, ISO weekdays (1 Monday ... 7 Sunday)"})
    start_time = fields.String(validate=validate.Length(max=5), metadata={
        "description": "tiep_cong_dan: the time reception starts, HH:MM"})
    month = fields.Integer(metadata={"description": "doi_thoai: the month the year's conference case opens"})
    day = fields.Integer(metadata={"description": "doi_thoai: the day of that month"})


class ScheduleSchema(ma.Schema):
    kind = fields.String(metadata={"description": "tiep_cong_dan or doi_thoai"})
    title = fields.String()
    active = fields.Boolean()
    weekdays = fields.List(fields.Integer())
    start_time = fields.String(allow_none=True)
    month = fields.Integer(allow_none=True)
    day = fields.Integer(allow_none=True)
    updated_by = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)


class SchedulePage(ma.Schema):
    commune = fields.String()
    commune_name = fields.String()
    items = fields.List(fields.Nested(ScheduleSchema))

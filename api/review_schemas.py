"""Criteria and answer of the review of long-running cases (`GET /reviews/long-running-cases`)."""
import marshmallow as ma
from marshmallow import fields, validate

from engine.core import SECTORS
from engine.reports import DEFAULT_OLDER_THAN_DAYS, MAX_OLDER_THAN_DAYS


class LongRunningArgs(ma.Schema):
    older_than_days = fields.Integer(load_default=DEFAULT_OLDER_THAN_DAYS,
                                     validate=validate.Range(1, MAX_OLDER_THAN_DAYS), metadata={
        "description": "Also list the cases opened more than this many days ago, even within their statutory "
                       "date"})
    sector = fields.String(validate=validate.OneOf(list(SECTORS)), metadata={
        "description": "Only this sector; default: the plan's priority sectors (every one but `khac`)"})
    hamlet = fields.String(validate=validate.Length(1, 200), metadata={
        "description": "Only the cases of this hamlet (part of its name, accents optional)"})


class LongRunningItem(ma.Schema):
    id = fields.String()
    business_key = fields.String()
    process_model = fields.String()
    process_name = fields.String()
    sector = fields.String()
    hamlet = fields.String(allow_none=True)
    citizen_name = fields.String(allow_none=True)
    created_at = fields.DateTime()
    opened_on = fields.Date(metadata={"description": "The day the case was opened (commune time)"})
    due_on = fields.Date(allow_none=True, metadata={"description": "The last day of its statutory period"})
    days_open = fields.Integer()
    days_overdue = fields.Integer(allow_none=True, metadata={"description": "Days past `due_on`; null if not"})
    past_due = fields.Boolean()
    older_than_limit = fields.Boolean(metadata={"description": "Opened more than `older_than_days` days ago"})
    open_steps = fields.List(fields.String(), metadata={"description": "Titles of the steps it waits at"})


class SectorCount(ma.Schema):
    sector = fields.String()
    count = fields.Integer()


class HamletCount(ma.Schema):
    hamlet = fields.String(allow_none=True)
    count = fields.Integer()


class LongRunningReview(ma.Schema):
    as_of = fields.Date(metadata={"description": "The commune's date ages are counted to"})
    older_than_days = fields.Integer()
    sectors = fields.List(fields.String())
    hamlet = fields.String(allow_none=True)
    total = fields.Integer()
    truncated = fields.Boolean(metadata={"description": "More cases matched than the 2000 listed"})
    by_sector = fields.List(fields.Nested(SectorCount))
    by_hamlet = fields.List(fields.Nested(HamletCount))
    items = fields.List(fields.Nested(LongRunningItem))

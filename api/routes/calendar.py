from datetime import date

from engine.calendar import compute_deadline, delete_override, list_holidays, list_overrides, put_override
from engine.core import InvalidInput

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..schemas import (
    DeadlineArgs,
    DeadlineSchema,
    HolidayPage,
    OptionalYearArgs,
    OverrideBody,
    OverridePage,
    OverrideSchema,
    YearArgs,
)

blp = Blueprint("calendar", __name__, url_prefix="/api/v1/calendar",
                description="Working days, holidays and legal deadlines (Civil Code Arts. 144-148)")


@blp.route("/deadline", methods=["GET"])
@blp.arguments(DeadlineArgs, location="query")
@blp.response(200, DeadlineSchema)
def deadline(args):
    """The last day of a period of `days` calendar or working days after `start`."""
    return compute_deadline(services(), args["start"], args["days"], args["kind"])


@blp.route("/holidays", methods=["GET"])
@blp.arguments(YearArgs, location="query")
@blp.response(200, HolidayPage)
def holidays(args):
    """Days off and worked rest days of a year: the law's holidays plus the override table."""
    items = list_holidays(services(), args["year"])
    return {"year": args["year"], "items": items, "total": len(items)}


@blp.route("/overrides", methods=["GET"])
@blp.arguments(OptionalYearArgs, location="query")
@blp.response(200, OverridePage)
def overrides(args):
    """The government's decisions on particular days (extra days off, swapped working Saturdays)."""
    items = list_overrides(services(), args.get("year"))
    return {"items": items, "total": len(items)}


@blp.route("/overrides/<string:day>", methods=["PUT"])
@blp.arguments(OverrideBody)
@blp.response(200, OverrideSchema)
@blp.alt_response(201, schema=OverrideSchema, description="A new decision for that day")
def put(body, day):
    """Record the decision for one day (administrators); replaces an earlier one."""
    row, created = put_override(services(), current_principal(), _day(day), body["working"], body["name"])
    return row, 201 if created else 200


@blp.route("/overrides/<string:day>", methods=["DELETE"])
@blp.response(204)
def delete(day):
    """Remove the decision for one day (administrators)."""
    delete_override(services(), current_principal(), _day(day))


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("Ngày không hợp lệ.", {"day": "Định dạng YYYY-MM-DD."}) from None
    if not 1900 <= day.year <= 2200:
        raise InvalidInput("Ngày không hợp lệ.", {"day": "Năm từ 1900 đến 2200."})
    return day

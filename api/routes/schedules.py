from engine.schedules import list_schedules, put_schedule

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..schedule_schemas import ScheduleArgs, ScheduleBody, SchedulePage, ScheduleSchema

blp = Blueprint("schedules", __name__, url_prefix="/api/v1/schedules",
                description="Each commune's recurring work the worker opens by itself: the Chairman's reception "
                            "days (Law on Citizen Reception 2013, Art. 15) and the yearly dialogue conference")


@blp.route("", methods=["GET"])
@blp.arguments(ScheduleArgs, location="query")
@blp.response(200, SchedulePage)
def schedules(args):
    """The commune's schedules, one per kind (inactive where none was set)."""
    return list_schedules(services(), current_principal(), args.get("commune"))


@blp.route("/<string:kind>", methods=["PUT"])
@blp.arguments(ScheduleArgs, location="query")
@blp.arguments(ScheduleBody)
@blp.response(200, ScheduleSchema)
def put(args, body, kind):
    """Set the commune's schedule of `kind` (its administrators)."""
    return put_schedule(services(), current_principal(), kind, body, args.get("commune"))

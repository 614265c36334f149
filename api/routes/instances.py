from engine.cases import cancel_case, case_history, case_overview, get_case, list_cases, send_message, start_case

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..schemas import (
    CancelBody,
    HistoryPage,
    InstanceCreate,
    InstanceDetailSchema,
    InstanceListArgs,
    InstancePage,
    MessageBody,
    OverviewSchema,
)

blp = Blueprint("instances", __name__, url_prefix="/api/v1/instances", description="Cases (process instances)")


@blp.route("", methods=["POST"])
@blp.arguments(InstanceCreate)
@blp.response(201, InstanceDetailSchema)
def create(body):
    """Open a case of a process model, with the data of its start form."""
    return start_case(services(), current_principal(), body["process_model"], body["data"],
                      confirm_warnings=body["confirm_warnings"])


@blp.route("", methods=["GET"])
@blp.arguments(InstanceListArgs, location="query")
@blp.response(200, InstancePage)
def index(args):
    """List the cases of my commune, newest first."""
    items, total = list_cases(services(), current_principal(), **args)
    return {"items": items, "total": total}


@blp.route("/overview", methods=["GET"])
@blp.response(200, OverviewSchema)
def overview():
    """My running cases: how many are overdue and due this week, in all, by process and by hamlet (the
    Chairman's overview; `GET /instances?status=running&due=overdue&process_model=...` lists each count)."""
    return case_overview(services(), current_principal())


@blp.route("/<string:instance_id>", methods=["GET"])
@blp.response(200, InstanceDetailSchema)
def show(instance_id):
    """One case: status, data, tasks and the messages it accepts now."""
    return get_case(services(), current_principal(), instance_id)


@blp.route("/<string:instance_id>/cancel", methods=["POST"])
@blp.arguments(CancelBody)
@blp.response(200, InstanceDetailSchema)
def cancel(body, instance_id):
    """Cancel a running case (roles named by the process)."""
    return cancel_case(services(), current_principal(), instance_id, body["reason"])


@blp.route("/<string:instance_id>/messages", methods=["POST"])
@blp.arguments(MessageBody)
@blp.response(200, InstanceDetailSchema)
def message(body, instance_id):
    """Send a message the case waits for (e.g. a withdrawal), with its form data."""
    return send_message(services(), current_principal(), instance_id, body["name"], body["data"],
                        confirm_warnings=body["confirm_warnings"])


@blp.route("/<string:instance_id>/history", methods=["GET"])
@blp.response(200, HistoryPage)
def history(instance_id):
    """Everything that happened to the case, oldest first: who, when, which version, with which data."""
    items = case_history(services(), current_principal(), instance_id)
    return {"items": items, "total": len(items)}

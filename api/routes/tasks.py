from engine.cases import claim_task, complete_task, earlier_steps, get_task, list_tasks, next_task_for, unclaim_task

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..schemas import CompleteBody, CompletedTaskSchema, EarlierStepPage, TaskDetailSchema, TaskListArgs, TaskPage
from ..uploads import multipart_doc, request_uploads

blp = Blueprint("tasks", __name__, url_prefix="/api/v1/tasks", description="User tasks: the inbox")


@blp.route("", methods=["GET"])
@blp.arguments(TaskListArgs, location="query")
@blp.response(200, TaskPage)
def index(args):
    """My tasks (`mine`), tasks I may claim (`claimable`), or all tasks of my roles (`visible`)."""
    page = list_tasks(services(), current_principal(), **args)
    return {"items": page.items, "total": page.total, "total_exact": page.total_exact}


@blp.route("/<string:task_id>", methods=["GET"])
@blp.response(200, TaskDetailSchema)
def show(task_id):
    """One task with its form (JSON Schema) and instructions."""
    return get_task(services(), current_principal(), task_id)


@blp.route("/<string:task_id>/earlier-steps", methods=["GET"])
@blp.response(200, EarlierStepPage)
def steps(task_id):
    """What the case's earlier steps recorded, oldest first, by field titles and option labels (confidential
    values as my rights allow; a value shown is logged as a confidential read)."""
    items = earlier_steps(services(), current_principal(), task_id)
    return {"items": items, "total": len(items)}


@blp.route("/<string:task_id>/claim", methods=["POST"])
@blp.response(200, TaskDetailSchema)
def claim(task_id):
    """Take a ready task of one of my roles; 409 if someone else was faster."""
    return claim_task(services(), current_principal(), task_id)


@blp.route("/<string:task_id>/unclaim", methods=["POST"])
@blp.response(200, TaskDetailSchema)
def unclaim(task_id):
    """Give back a task I hold."""
    return unclaim_task(services(), current_principal(), task_id)


@blp.route("/<string:task_id>/complete", methods=["POST"])
@blp.arguments(CompleteBody)
@blp.doc(**multipart_doc())
@blp.response(200, CompletedTaskSchema)
def complete(body, task_id):
    """Submit the task's form; the case moves on. A ready task of my role needs no claim first: completing
    claims it (a task someone else holds is 409). The answer carries my next task (`next_task`). A form with
    file fields takes `multipart/form-data`: the data as a JSON part `data`, each file as a part named by its
    field (docs/api.md, "Files")."""
    principal = current_principal()
    done = complete_task(services(), principal, task_id, body["data"],
                         confirm_warnings=body["confirm_warnings"], uploads=request_uploads(services().settings))
    return {**done, "next_task": next_task_for(services(), principal, done["instance_id"])}

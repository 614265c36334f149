"""The service-task operators diagrams may call (see `engine.service_tasks`).

`danchu.start_case`: open a case of another process, linked to the running one; e.g. a letter
(`xu_ly_don`) classified as a complaint opens a `khieu_nai` case, a mixed letter opens several.
Params (each a restricted expression): `process_model`, `data` (dict for its start form), `relation`
(link name, default `mo_ho_so`). Returns `{"id", "business_key"}` into the task's result variable.
"""
from . import notify_operator  # noqa: F401 - registers danchu.notify beside the operators below
from . import report_operators  # noqa: F401 - registers danchu.compile_report and danchu.freeze_report
from .errors import InvalidInput
from .process_models import latest_version
from .service_tasks import ServiceContext, operator


@operator("danchu.start_case")
def start_case(context: ServiceContext, params: dict) -> dict:
    from .instances import open_case  # instances imports case_state, which imports this registry's module

    process_model = params.get("process_model")
    data = params.get("data") or {}
    if not isinstance(process_model, str) or not isinstance(data, dict):
        raise InvalidInput("start_case needs a process_model name and a data object")
    version = latest_version(context.uow.session, process_model)
    child = open_case(context.services, context.uow, context.principal, version, data,
                      commune_id=context.instance.commune_id, parent=context.instance,
                      relation=str(params.get("relation") or "mo_ho_so")[:40])
    return {"id": child.id, "business_key": child.business_key}

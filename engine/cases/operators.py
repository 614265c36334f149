"""The case operator diagrams may call (see `engine.workflow.service_tasks`; registered by `engine.services`).

`danchu.start_case`: open a case of another process, linked to the running one; e.g. a letter
(`xu_ly_don`) classified as a complaint opens a `khieu_nai` case, a mixed letter opens several.
Params (each a restricted expression): `process_model`, `data` (dict for its start form), `relation`
(link name, default `mo_ho_so`). Returns `{"id", "business_key"}` into the task's result variable.
"""
from ..core.errors import InvalidInput
from ..processes.catalogue import latest_version
from ..workflow.service_tasks import ServiceContext
from .lifecycle import open_case


def start_linked_case(context: ServiceContext, params: dict) -> dict:
    process_model = params.get("process_model")
    data = params.get("data") or {}
    if not isinstance(process_model, str) or not isinstance(data, dict):
        raise InvalidInput("start_case needs a process_model name and a data object")
    version = latest_version(context.uow.session, process_model)
    child = open_case(context.services, context.uow, context.principal, version, data,
                      commune_id=context.case.commune_id, parent=context.case,
                      relation=str(params.get("relation") or "mo_ho_so")[:40])
    return {"id": child.id, "business_key": child.business_key}


OPERATORS = {"danchu.start_case": start_linked_case}  # registered by engine.services

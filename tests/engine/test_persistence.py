"""Stored workflow state: the spec by reference, and restores that always get the restricted engine."""
import json

import pytest
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from sqlalchemy import select

from engine.cases.lifecycle import start_case
from engine.cases.state import restore_workflow
from engine.core.principal import Principal
from engine.store.tables import Case, ProcessVersion
from engine.workflow.scripting import SafeScriptEnvironment
from tests.samples import INTAKE, PROPOSAL

def instance_version_digest(uow, instance) -> str:
    return uow.session.scalar(select(ProcessVersion.sha256).where(ProcessVersion.id == instance.version_id))


RECEPTION = Principal("tiep_cong_dan", frozenset({"tiep_cong_dan"}), None)


def test_workflow_state_stores_the_spec_by_reference(services):
    started = start_case(services, RECEPTION, "khieu_nai", INTAKE)
    with services.uow(write=False) as uow:
        instance = uow.session.scalars(select(Case).where(Case.id == started["id"])).one()
        state = json.loads(instance.state)
        assert state["spec"] == {"danchu": "danchu:by-reference", "digest": instance_version_digest(uow, instance)}
        assert "subprocess_specs" not in state
        _, _, workflow = restore_workflow(services, uow.session, instance)
    embedded = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG)).serialize_json(workflow)
    assert len(instance.state) < 0.5 * len(embedded)
    assert isinstance(workflow.script_engine.environment, SafeScriptEnvironment)
    assert [t.task_spec.name for t in services.runner.ready_user_tasks(workflow)] == ["de_xuat_thu_ly"]


def test_a_case_row_changed_since_it_was_read_is_never_overwritten(services):
    """The revision guard behind the row lock: a write that finds another revision than the one it read
    raises StaleDataError (the commands answer 409) and writes nothing."""
    from sqlalchemy import text
    from sqlalchemy.orm.exc import StaleDataError

    from engine.cases.state import lock_case_row, running_case
    from engine.cases.step import persist_case

    started = start_case(services, RECEPTION, "khieu_nai", INTAKE)
    with services.uow(write=False) as uow:
        stored = uow.session.execute(text("SELECT state, revision FROM instances WHERE id = :id"),
                                     {"id": started["id"]}).one()
    with services.uow() as uow:
        instance = lock_case_row(uow, started["id"])
        _, parsed, workflow = restore_workflow(services, uow.session, instance)
        task = services.runner.ready_user_tasks(workflow)[0]
        with running_case(services, uow, RECEPTION, instance):  # the step's script reads the calendar
            services.runner.complete_user_task(workflow, task, {**PROPOSAL, "tro_ngai_tu_ngay": "",
                                                                "tro_ngai_den_ngay": ""})
        uow.session.execute(text("UPDATE instances SET revision = revision + 1 WHERE id = :id"),
                            {"id": started["id"]})  # as if another writer got past the lock
        with pytest.raises(StaleDataError):
            persist_case(services, uow, instance, parsed, workflow, actor="tiep_cong_dan")
    with services.uow(write=False) as uow:
        after = uow.session.execute(text("SELECT state, revision FROM instances WHERE id = :id"),
                                    {"id": started["id"]}).one()
    assert tuple(after) == tuple(stored)  # the unit of work was rolled back: nothing of it stayed


def test_a_claim_committed_while_a_completion_runs_is_never_overwritten(services):
    """A completion locks the case, not the task (every command that changes a case locks the case first),
    so on PostgreSQL a colleague may still claim the task after the completion read it. The completion's own
    write then re-reads the task under its lock and refuses, instead of overwriting the claim: the case
    stays as it was. SQLite's writer holds the whole database, so no claim can commit in between there: the
    claim is written on the completion's own connection, as if it had got past the lock, and the refusal
    rolls it back with everything else."""
    from sqlalchemy import event, text

    from engine.cases.task_lists import list_tasks
    from engine.cases.tasks import claim_task, complete_task
    from engine.core.errors import TaskNotOpen

    colleague = Principal("dong_nghiep", frozenset({"tiep_cong_dan"}), None)
    started = start_case(services, RECEPTION, "khieu_nai", INTAKE)
    task_id = list_tasks(services, RECEPTION, scope="claimable", instance_id=started["id"]).items[0]["id"]
    revision = "SELECT revision FROM instances WHERE id = :id"
    with services.uow(write=False) as uow:
        before = uow.session.execute(text(revision), {"id": started["id"]}).scalar_one()
    claimed = []

    def claim_first(conn, cursor, statement, parameters, context, executemany):
        # the completion's write: alone (SQLite), or a WITH of the case row's UPDATE (PostgreSQL)
        if "UPDATE tasks SET" not in statement or "completed_by" not in statement or claimed:
            return
        if services.database.is_sqlite:
            cursor.connection.execute("UPDATE tasks SET status = 'claimed', assignee = 'dong_nghiep' WHERE id = ?",
                                      (task_id,))
            claimed.append("dong_nghiep")
        else:
            claimed.append(claim_task(services, colleague, task_id)["assignee"])  # its own unit of work, committed

    for engine in services.database.engines:
        event.listen(engine, "before_cursor_execute", claim_first)
    try:
        with pytest.raises(TaskNotOpen):
            complete_task(services, RECEPTION, task_id, PROPOSAL)
    finally:
        for engine in services.database.engines:
            event.remove(engine, "before_cursor_execute", claim_first)
    assert claimed == ["dong_nghiep"]
    with services.uow(write=False) as uow:
        row = uow.session.execute(text("SELECT status, assignee FROM tasks WHERE id = :id"), {"id": task_id}).one()
        after = uow.session.execute(text(revision), {"id": started["id"]}).scalar_one()
    assert tuple(row) == (("ready", None) if services.database.is_sqlite else ("claimed", "dong_nghiep"))
    assert after == before  # the completion wrote nothing

"""Figures a process declares for the periodic reports (`figure.<name>` properties, engine.definitions.figures)."""
from sqlalchemy import select

from engine.store.tables import CaseFigure
from tests.deploys import deploy, problems
from tests.diagrams import diagram


def figures(services, instance_id: str) -> dict:
    with services.uow(write=False) as uow:
        rows = uow.session.scalars(select(CaseFigure).where(CaseFigure.instance_id == instance_id)).all()
        return {row.name: (row.value, row.recorded_at) for row in rows}


def test_bad_figure_declarations_are_refused_at_deploy(api):
    props = ('<spiffworkflow:property name="figure.Sai-Ten" value="1"/>'
             '<spiffworkflow:property name="figure.mo_tep" value="open(\'/etc/passwd\')"/>')
    found = problems(deploy(api, diagram(process_props=props)))
    messages = " ".join(p["message"] for p in found)
    assert "figure.Sai-Ten" in messages and "figure.mo_tep" in messages


def test_figures_are_recorded_when_determinable_and_keep_their_time_until_they_change(api, services, clock):
    props = ('<spiffworkflow:property name="figure.mot" value="1"/>'
             '<spiffworkflow:property name="figure.da_xong" value="1 if ket_qua_vu_viec == \'xong\' else 0"/>'
             '<spiffworkflow:property name="figure.chu" value="\'không phải số\'"/>')
    assert deploy(api, diagram(process_props=props, script="ket_qua_vu_viec = 'xong'")).status_code == 201
    opened_at = clock.now()
    started = api.as_("tiep_cong_dan").post("/api/v1/instances", json={"process_model": "thu_nghiem"})
    case_id = started.get_json()["id"]
    # `ket_qua_vu_viec` is not set yet and a text is no figure: only `mot` is recorded
    assert figures(services, case_id) == {"mot": (1, opened_at)}
    task = started.get_json()["tasks"][0]
    clock.advance(days=3)
    assert api.as_("tiep_cong_dan").post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {}}).status_code == 200
    assert figures(services, case_id) == {"mot": (1, opened_at), "da_xong": (1, clock.now())}

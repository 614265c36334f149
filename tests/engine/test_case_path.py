"""The path a case took, as the auditor's diagram draws it: the sequence flows actually taken, kept with the
case at every step, so that what the workflow's task tree forgets (a case sent back) stays on the diagram.

The complaint's re-check gateway (`gw_kiem_tra_lai`) goes straight to the decision's merge when the complaint
is right (`f_gq_khieu_nai_dung`) or through the verification (`f_gq_can_xac_minh`, then to the merge): after
the verification both ends of the direct flow were passed, yet it was not taken.
"""
import json

from engine.cases import case_diagram
from engine.core.principal import Principal
from tests.samples import DECISION, Complaint
from tests.trust.helpers import sql

AUDITOR = Principal("kiem_tra", frozenset({"kiem_tra"}))
DIRECT, VERIFY = "f_gq_khieu_nai_dung", "f_gq_can_xac_minh"


def verified(api) -> Complaint:
    """A complaint that went through the verification and waits for the decision."""
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})
    case.do("xac_minh", "can_bo_xac_minh", {"ket_qua_xac_minh": "Đúng như yêu cầu",
                                             "bao_cao_xac_minh_so": "06/BC", "ket_qua_khac_yeu_cau": False})
    assert case.open_task_names() == ["ra_quyet_dinh"]
    return case


def kept_path(services, case) -> dict:
    (kept,) = sql(services, "SELECT path_taken FROM instances WHERE id = :id", id=case.id).one()
    return kept if isinstance(kept, dict) else json.loads(kept)  # SQLite hands JSON back as text


def test_only_the_branch_taken_at_an_exclusive_gateway_is_on_the_path(api, services):
    case = verified(api)
    path = case_diagram(services, AUDITOR, case.id)
    assert VERIFY in path["flows"] and DIRECT not in path["flows"]
    assert {"gw_kiem_tra_lai", "xac_minh", "gw_gop_ra_quyet_dinh"} <= set(path["completed"])
    assert "f_gq_gop_ra_quyet_dinh" in path["flows"] and path["current"] == ["ra_quyet_dinh"]


def test_the_branch_taken_directly_is_on_the_path_and_the_other_is_not(api, services):
    case = Complaint(api)
    case.accept()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})
    path = case_diagram(services, AUDITOR, case.id)
    assert DIRECT in path["flows"] and VERIFY not in path["flows"]
    assert "xac_minh" not in path["completed"]


def test_the_path_is_kept_with_the_case_when_its_task_tree_forgets_it(api, services):
    case = Complaint(api)
    case.accept()
    (before_recheck,) = sql(services, "SELECT state FROM instances WHERE id = :id", id=case.id).one()
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"})
    assert VERIFY in kept_path(services, case)["flows"]
    # as a case sent back to the re-check: its tree no longer holds the verification's pass
    sql(services, "UPDATE instances SET state = :state WHERE id = :id", state=before_recheck, id=case.id)
    path = case_diagram(services, AUDITOR, case.id)
    assert VERIFY in path["flows"] and "kiem_tra_lai" in path["completed"]
    assert path["current"] == ["kiem_tra_lai"]


def test_a_case_stepped_before_the_path_was_kept_reads_it_from_its_task_tree(api, services):
    case = verified(api)
    kept = case_diagram(services, AUDITOR, case.id)
    sql(services, "UPDATE instances SET path_taken = NULL WHERE id = :id", id=case.id)
    path = case_diagram(services, AUDITOR, case.id)
    assert set(path["flows"]) == set(kept["flows"]) and set(path["completed"]) == set(kept["completed"])
    case.do("ra_quyet_dinh", "chu_tich", DECISION)  # its next step writes the record
    assert VERIFY in kept_path(services, case)["flows"]

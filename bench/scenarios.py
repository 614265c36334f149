"""The two models the harness drives, and what staff type into each task.

`three_step` (bench/models) is the like-for-like comparison model: three user tasks in three lanes, tiny
forms, no timers. `khieu_nai` is the real complaint process, driven along its longest path (acceptance,
verification, dialogue, decision, sending, publication: 9 user tasks) with the data of
`tests/api/test_khieu_nai.py`, so the benchmark and the tests walk the same case.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo
from pathlib import Path

from engine.core.settings import Settings
from tests.samples import ACCEPT, DECISION, INTAKE, LETTER, PROPOSAL, PUBLISH, SEND

ROOT = Path(__file__).resolve().parent.parent
MODELS = Path(__file__).resolve().parent / "models"

OPINION = {"y_kien": "Đồng ý chuyển bước", "dong_y": True}
TODAY = datetime.now(ZoneInfo(Settings.timezone)).date().isoformat()  # a run crossing midnight there fails


@dataclass(frozen=True)
class Scenario:
    """A process model and, for each user task on the path, the role that does it and the form data."""

    process_model: str
    bpmn: Path
    start_data: dict
    steps: dict[str, tuple[str, dict]] = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)  # the version's param.* values, for the floor

    @property
    def task_count(self) -> int:
        return len(self.steps)


THREE_STEP = Scenario(
    process_model="three_step",
    bpmn=MODELS / "three_step.bpmn",
    start_data={"noi_dung": "Đề nghị xác nhận"},
    steps={
        "tiep_nhan": ("tiep_cong_dan", OPINION),
        "xac_minh": ("can_bo_xac_minh", OPINION),
        "phe_duyet": ("chu_tich", OPINION),
    },
)

KHIEU_NAI = Scenario(
    process_model="khieu_nai",
    bpmn=ROOT / "bpmn" / "khieu_nai.bpmn",
    start_data=INTAKE,
    steps={
        "de_xuat_thu_ly": ("tiep_cong_dan", PROPOSAL),
        "quyet_dinh_thu_ly": ("chu_tich", ACCEPT),
        "thong_bao_thu_ly": ("tiep_cong_dan", LETTER),
        "kiem_tra_lai": ("chu_tich", {"khieu_nai_dung": "chua_ro"}),
        "xac_minh": ("can_bo_xac_minh", {"ket_qua_xac_minh": "Có căn cứ một phần", "bao_cao_xac_minh_so": "05/BC",
                                         "ket_qua_khac_yeu_cau": True}),
        "doi_thoai": ("chu_tich", {"ngay_doi_thoai": TODAY, "bien_ban_doi_thoai": "Biên bản",
                                   "nguoi_khieu_nai_co_mat": True}),
        "ra_quyet_dinh": ("chu_tich", DECISION),
        # sent and published on the day the register dates the decision: the servers' today (tests.samples's
        # dates are those of the tests' frozen clock)
        "gui_quyet_dinh": ("tiep_cong_dan", {**SEND, "ngay_gui_quyet_dinh": TODAY,
                                              "ngay_nhan_quyet_dinh_giai_quyet": TODAY}),
        "cong_khai_quyet_dinh": ("tiep_cong_dan", {**PUBLISH, "ngay_cong_khai": TODAY}),
    },
)

SCENARIOS = (THREE_STEP, KHIEU_NAI)
ROLES = sorted({role for s in SCENARIOS for role, _ in s.steps.values()})

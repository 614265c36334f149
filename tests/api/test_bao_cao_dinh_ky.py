"""The periodic report (`bpmn/bao_cao_dinh_ky.bpmn`) through the HTTP API.

Cases of several processes are opened, resolved (on their due day, a day late), cancelled or left pending
while the frozen clock moves across two periods; the report compiled by the engine is then checked figure by
figure against a hand count written beside each assertion. The Office drafts, the Chairman returns it once
with a comment and approves; the approved report is frozen and downloaded as .docx and .xlsx, read back
with python-docx and openpyxl.
"""
from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select, text

from engine.people.users import DEMO_PASSWORD, create_user
from engine.store.tables import OrgUnit
from tests.samples import (
    ACCEPT,
    CONSULTATION_CLOSED,
    CRITICISMS,
    LETTER,
    POSTED,
    PROPOSAL,
    REPORT_DRAFT,
    Complaint,
    answers,
    ballots,
    comment,
    criticise,
    criticisms_handled,
    inspect,
    inspection_answered,
    meeting,
    open_matter,
    open_notice,
    open_period,
    open_report,
    report_resolution,
    supervise,
    supervision_answered,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
OTHER_COMMUNE = ("xa_khac", "Xã Khác")
OTHER_OFFICE = "van_phong_xa_khac"
HAMLETS = ["Thôn Phú Sơn", "Thôn Kỳ Thọ Nam", "Thôn Kỳ Thọ Bắc", "Thôn An Hòa Nam", "Thôn An Hòa Bắc"]


def at(day: str, hour: int = 9) -> datetime:
    """`day` at `hour` o'clock in Vietnam."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=VN)


RECEIVED = "2025-12-01"  # every complaint's letter arrived before the earliest acceptance below
CHECKED = {**PROPOSAL, "ngay_nhan_biet_quyet_dinh": "2025-11-20"}  # within the limitation period


def complaint(api, thon: str) -> Complaint:
    return Complaint(api, thon=thon, ngay_nhan_don=RECEIVED)


def accept(case: Complaint, ngay_thu_ly: str) -> None:
    case.do("de_xuat_thu_ly", "tiep_cong_dan", CHECKED)
    case.do("quyet_dinh_thu_ly", "chu_tich", {**ACCEPT, "ngay_thu_ly": ngay_thu_ly})
    case.do("thong_bao_thu_ly", "tiep_cong_dan", LETTER)
    case.do("kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "dung"})


def resolve(case: Complaint) -> None:
    case.resolve(ket_luan="dung", xu_ly_quyet_dinh_bi_khieu_nai="huy_bo_toan_bo")


def refuse(case: Complaint) -> None:
    """Refused on a ground of Art. 11 that no date decides: the letter is not signed."""
    case.do("de_xuat_thu_ly", "tiep_cong_dan", {**CHECKED, "don_khong_co_chu_ky": True, "de_xuat": "khong_thu_ly"})
    case.do("quyet_dinh_thu_ly", "chu_tich", {"ket_qua_thu_ly": "khong_thu_ly", "ly_do": "Đơn không có chữ ký"})
    case.do("thong_bao_khong_thu_ly", "tiep_cong_dan", LETTER)


def status(api, instance_id: str, user: str) -> tuple[str, str | None]:
    detail = api.as_(user).get(f"/api/v1/instances/{instance_id}").get_json()
    return detail["status"], detail["outcome"]


def table(figures: dict, code: str) -> dict:
    """`{row code: row}` of one table of the figures."""
    return {row["ma"]: row for row in next(t for t in figures["bang"] if t["ma"] == code)["dong"]}


def values(row: dict, *keys: str) -> tuple:
    return tuple(row[k] for k in keys)


CASE_KEYS = ("ton_dau_ky", "tiep_nhan", "thu_ly", "da_giai_quyet", "dung_han", "tre_han", "khong_co_thoi_han",
             "da_huy", "ton_cuoi_ky", "qua_han_cuoi_ky")


@pytest.fixture
def other_commune(services) -> int:
    """A second commune with an Office user (the baseline restore removes both before the next test)."""
    with services.uow() as uow:
        province = uow.session.scalars(select(OrgUnit).where(OrgUnit.kind == "province")).first()
        unit = OrgUnit(code=OTHER_COMMUNE[0], name=OTHER_COMMUNE[1], kind="commune", parent_id=province.id)
        uow.session.add(unit)
        uow.session.flush()
        unit_id = unit.id
        uow.commit()
    create_user(services, username=OTHER_OFFICE, password=DEMO_PASSWORD, full_name="Văn phòng xã khác",
                roles=["van_phong"], unit_code=OTHER_COMMUNE[0], allow_demo_password=True)
    return unit_id


def move_to_commune(services, instance_id: str, commune_id: int) -> None:
    with services.database.engine.begin() as conn:
        conn.execute(text("UPDATE instances SET commune_id = :c WHERE id = :i"), {"c": commune_id, "i": instance_id})


@pytest.fixture
def half_year(api, clock, services, other_commune):
    """Cases of Nghĩa Kỳ around the first half of 2026 (and one of another commune); returns them by name."""
    cases = {}
    # --- before the period: 10 December 2025 ---
    clock.set(at("2025-12-10"))
    cases["K0"] = k0 = complaint(api, "Thôn An Hòa Nam")
    refuse(k0)  # opened and ended before the period: counted nowhere
    cases["K1"] = k1 = complaint(api, "Thôn Phú Sơn")
    accept(k1, "2025-12-12")  # 12/12/2025 + 30 days = Sun 11/1/2026 -> due Monday 12/1/2026, 24:00
    cases["K2"] = k2 = complaint(api, "Thôn Kỳ Thọ Nam")
    accept(k2, "2025-12-15")  # due Wednesday 14/1/2026, 24:00; never decided
    # --- in the period ---
    clock.set(at("2026-01-12", 15))
    resolve(k1)  # decided on its last day: on time
    clock.set(at("2026-03-02"))
    cases["K3"] = k3 = complaint(api, "Thôn Phú Sơn")
    accept(k3, "2026-03-05")  # 5/3 + 30 = Sat 4/4 -> due Monday 6/4/2026, 24:00
    cases["K4"] = k4 = complaint(api, "Xóm Mới")  # a hamlet written freely, not one of the commune's units
    refuse(k4)  # ended in the period without a due date
    cases["K5"] = k5 = complaint(api, "Thôn Phú Sơn")
    cases["KX"] = kx = complaint(api, "Thôn Phú Sơn")
    accept(kx, "2026-03-05")
    move_to_commune(services, kx.id, other_commune)  # another commune's case: never counted here
    cases["CK1"] = ck1 = open_notice(api)
    ck1.do("niem_yet", "van_phong", POSTED)
    cases["CK2"] = open_notice(api)  # still posted at the end
    cases["L1"] = l1 = open_period(api)
    for n in range(3):
        assert l1.send("gop_y", "van_phong", comment(f"Ý kiến {n + 1}")).status_code == 200
    cases["V1"] = v1 = open_matter(api)
    v1.do("to_chuc_hop", "truong_thon", meeting(60, 51, 5))  # 51 of the hamlet's 100
    report_resolution(v1)  # da_thong_qua
    cases["V2"] = v2 = open_matter(api, hinh_thuc_bieu_quyet="phieu_lay_y_kien", thon="thôn kỳ thọ bắc")
    v2.do("lay_phieu_ho_gia_dinh", "truong_thon", ballots(100, 60, 60, 50))  # khong_thong_qua
    cases["T1"] = t1 = inspect(api)  # two recommendations
    t1.do("tra_loi_kien_nghi", "chu_tich", inspection_answered("chap_nhan", "chap_nhan_mot_phan"))
    cases["G1"] = g1 = supervise(api)  # three recommendations
    g1.do("tra_loi_kien_nghi", "chu_tich", supervision_answered("chap_nhan", "chap_nhan", "khong_chap_nhan"))
    g1.do("theo_doi_thuc_hien", "mat_tran", {"ngay_theo_doi": "2026-04-28", "ket_qua_thuc_hien": "da_thuc_hien"})
    cases["G2"] = g2 = criticise(api)
    g2.do("to_chuc_phan_bien", "mat_tran", CRITICISMS)  # two criticisms
    g2.do("tiep_thu_giai_trinh", "van_phong", criticisms_handled("tiep_thu", "giai_trinh"))
    g2.do("ky_van_ban_tiep_thu", "chu_tich", {"ky_van_ban": "ky"})  # numbered and dated by the register
    clock.set(at("2026-03-03"))
    cancelled = api.as_("chu_tich").post(f"/api/v1/instances/{k5.id}/cancel", json={"reason": "Nhập trùng"})
    assert cancelled.status_code == 200, cancelled.get_json()
    clock.set(at("2026-04-01"))
    ck1.do("ket_thuc_niem_yet", "van_phong", {"da_go_niem_yet": True})  # dated 1/4 by the register
    l1.do("ket_thuc_lay_y_kien", "van_phong", CONSULTATION_CLOSED)
    l1.do("tiep_thu_giai_trinh", "van_phong", answers("tiep_thu", "giai_trinh", "tiep_thu"))
    l1.do("duyet_giai_trinh", "chu_tich", {"duyet": "dong_y"})
    l1.do("cong_bo_ket_qua", "van_phong", {"hinh_thuc_cong_bo_ket_qua": ["niem_yet_tru_so"]})
    clock.set(at("2026-04-07"))
    resolve(k3)  # decided the day after its last day: late
    clock.set(at("2026-05-20"))
    cases["K6"] = k6 = complaint(api, "Thôn Kỳ Thọ Nam")
    accept(k6, "2026-06-20")  # due 20/7/2026: pending at the end, not overdue
    clock.set(at("2026-06-12"))
    cases["G3"] = supervise(api)  # three recommendations made in the period, answered after it
    # --- after the period ---
    clock.set(at("2026-07-02"))
    cases["K7"] = complaint(api, "Thôn Phú Sơn")
    cases["G3"].do("tra_loi_kien_nghi", "chu_tich", supervision_answered("chap_nhan", "chap_nhan", "chap_nhan"))
    statuses = {name: status(api, case.id, OTHER_OFFICE if name == "KX" else "chu_tich")
                for name, case in cases.items()}
    assert statuses == {
        "K0": ("completed", "khong_thu_ly"), "K1": ("completed", "da_giai_quyet"), "K2": ("running", None),
        "K3": ("completed", "da_giai_quyet"), "K4": ("completed", "khong_thu_ly"), "K5": ("cancelled", None),
        "KX": ("running", None), "CK1": ("completed", "da_cong_khai"), "CK2": ("running", None),
        "L1": ("completed", "da_cong_khai_giai_trinh"), "V1": ("completed", "da_thong_qua"),
        "V2": ("completed", "khong_thong_qua"), "T1": ("running", None),
        "G1": ("completed", "da_thuc_hien_kien_nghi"), "G2": ("completed", "da_tiep_thu_giai_trinh"),
        "K6": ("running", None), "G3": ("running", None), "K7": ("running", None)}
    clock.set(at("2026-07-06"))
    return cases


def test_six_month_figures_match_the_hand_count(api, half_year):
    report = open_report(api, "6_thang", 2026)
    assert report.body["business_key"] == "BC-2026-000001"
    figures = report.data["so_lieu_bao_cao"]
    # Circular 01/2024/TT-TTCP, Art. 7: from 15 December of the year before to 14 June
    assert (figures["tu_ngay"], figures["den_ngay"]) == ("2025-12-15", "2026-06-14")
    assert figures["tinh_den"] == "2026-06-15T00:00:00+07:00"  # compiled after the period: as of its end
    assert (figures["tieu_de"], figures["co_quan"]) == ("BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2026", "UBND XÃ NGHĨA KỲ")
    processes = table(figures, "theo_quy_trinh")
    assert "bao_cao_dinh_ky" not in processes
    # every deployed process, in the order of the law's chapters, even with nothing to count
    assert list(processes)[:7] == ["khieu_nai", "to_cao", "kien_nghi_phan_anh", "xu_ly_don", "tiep_cong_dan",
                                   "doi_thoai", "dan_ban_quyet_dinh"]
    # khieu_nai (KX is another commune's):
    #   pending on 15/12/2025: K1, K2 = 2; opened: K3, K4, K5, K6 = 4; accepted in the period: K3, K6 = 2 (K1, K2 were
    #   accepted in December, K4 refused, K5 cancelled first); ended: K1 (on its due day 12/1: on time),
    #   K3 (7/4, a day after its last day 6/4: late), K4 (refused: no due date) = 3; cancelled: K5 = 1;
    #   pending on 15/6: K2, K6 = 2 (K7 opened in July), of which overdue: K2 (due 14/1) = 1.
    assert values(processes["khieu_nai"], *CASE_KEYS) == (2, 4, 2, 3, 1, 1, 1, 1, 2, 1)
    # cong_khai: CK1 ended 1/4, CK2 still posted; no acceptance step ("—"), no statutory due date
    assert values(processes["cong_khai"], *CASE_KEYS) == (0, 2, None, 1, 0, 0, 1, 0, 1, 0)
    assert values(processes["lay_y_kien"], *CASE_KEYS) == (0, 1, None, 1, 0, 0, 1, 0, 0, 0)
    assert values(processes["dan_ban_quyet_dinh"], *CASE_KEYS) == (0, 2, None, 2, 0, 0, 2, 0, 0, 0)
    # thanh_tra_nhan_dan: T1 waits for the follow-up
    assert values(processes["thanh_tra_nhan_dan"], *CASE_KEYS) == (0, 1, None, 0, 0, 0, 0, 0, 1, 0)
    # giam_sat_phan_bien: G1, G2 ended, G3 (opened 12/6) waits for the answer
    assert values(processes["giam_sat_phan_bien"], *CASE_KEYS) == (0, 3, None, 2, 0, 0, 2, 0, 1, 0)
    assert values(processes["dan_van_kheo"], *CASE_KEYS) == (0, 0, None, 0, 0, 0, 0, 0, 0, 0)
    # totals: 2 + 13 received - 9 ended - 1 cancelled = 5 pending at the end
    assert values(processes["tong_cong"], *CASE_KEYS) == (2, 13, 2, 9, 1, 1, 7, 1, 5, 1)

    hamlets = table(figures, "theo_thon")
    keys = ("tiep_nhan", "da_giai_quyet", "ton_cuoi_ky")
    assert [r["ten"] for r in hamlets.values()] == [*HAMLETS, "Xóm Mới", "Không xác định thôn"]
    assert values(hamlets["thon phu son"], *keys) == (3, 3, 0)  # opened K3, K5, V1; ended K1, K3, V1
    assert values(hamlets["thon ky tho nam"], *keys) == (1, 0, 2)  # opened K6; pending K2, K6
    assert values(hamlets["thon ky tho bac"], *keys) == (1, 1, 0)  # V2, written "thôn kỳ thọ bắc"
    assert values(hamlets["thon an hoa nam"], *keys) == (0, 0, 0)  # K0 ended before the period
    assert values(hamlets["thon an hoa bac"], *keys) == (0, 0, 0)
    assert values(hamlets["xom moi"], *keys) == (1, 1, 0)  # K4
    # processes without a hamlet: opened CK1, CK2, L1, T1, G1, G2, G3; ended CK1, L1, G1, G2; pending CK2, T1, G3
    assert values(hamlets[""], *keys) == (7, 4, 3)

    outcomes = {(r["quy_trinh"], r["ten"]): r["so_vu_viec"] for r in table(figures, "ket_qua").values()}
    assert outcomes == {
        ("Giải quyết khiếu nại lần đầu", "Đã giải quyết"): 2, ("Giải quyết khiếu nại lần đầu", "Không thụ lý"): 1,
        ("Nhân dân bàn và quyết định", "Đã thông qua"): 1,
        ("Nhân dân bàn và quyết định", "Không được thông qua"): 1,
        ("Nhân dân tham gia ý kiến", "Đã công khai tiếp thu, giải trình"): 1,
        ("Công khai thông tin", "Đã công khai"): 1,
        ("Giám sát, phản biện xã hội của Mặt trận", "Kiến nghị đã được thực hiện"): 1,
        ("Giám sát, phản biện xã hội của Mặt trận", "Đã tiếp thu, giải trình"): 1}

    consulted = {code: r["so_lieu"] for code, r in table(figures, "lay_y_kien").items()}
    # L1: opened and finished in the period; 3 comments, 2 taken in, 1 explained
    assert consulted == {"mo_moi": 1, "da_hoan_thanh": 1, "ket_qua.da_cong_khai_giai_trinh": 1,
                         "dang_lay_y_kien": 0, "y_kien": 3, "y_kien_tiep_thu": 2, "y_kien_giai_trinh": 1}
    voted = {code: r["so_lieu"] for code, r in table(figures, "bieu_quyet").items()}
    # V1 passed at the meeting (31 of 60), V2 failed in the ballots (50 of 100 households is not > 50 %)
    assert voted == {"da_bieu_quyet": 2, "thong_qua": 1, "khong_thong_qua": 1, "huong_uoc_cong_nhan": 0,
                     "huong_uoc_khong_cong_nhan": 0}
    disclosed = {code: r["so_lieu"] for code, r in table(figures, "cong_khai").items()}
    assert disclosed == {"mo_moi": 2, "da_cong_khai": 1, "dang_cong_khai": 1}
    recommendations = table(figures, "kien_nghi")
    keys = ("kien_nghi", "kien_nghi_da_tra_loi", "kien_nghi_chap_nhan", "kien_nghi_chap_nhan_mot_phan",
            "kien_nghi_khong_chap_nhan")
    assert list(recommendations) == ["thanh_tra_nhan_dan", "giam_sat_phan_bien"]
    assert values(recommendations["thanh_tra_nhan_dan"], *keys) == (2, 2, 1, 1, 0)  # T1
    # G1: 3 made and answered (2 accepted, 1 refused); G3: 3 made on 12/6, answered only on 2/7
    assert values(recommendations["giam_sat_phan_bien"], *keys) == (6, 3, 2, 0, 1)
    criticism = table(figures, "phan_bien")
    assert values(criticism["giam_sat_phan_bien"], "y_kien_phan_bien", "y_kien_phan_bien_tiep_thu",
                  "y_kien_phan_bien_giai_trinh") == (2, 1, 1)  # G2


def test_the_other_commune_reports_only_its_own_case(api, half_year):
    report = open_report(api, "6_thang", 2026, user=OTHER_OFFICE)
    figures = report.detail(OTHER_OFFICE)["data"]["so_lieu_bao_cao"]
    processes = table(figures, "theo_quy_trinh")
    assert figures["co_quan"] == "UBND XÃ KHÁC"
    # KX: opened 2/3 and accepted, still pending on 1/7 and overdue (due 6/4)
    assert values(processes["khieu_nai"], *CASE_KEYS) == (0, 1, 1, 0, 0, 0, 0, 0, 1, 1)
    assert processes["tong_cong"]["tiep_nhan"] == 1
    assert api.as_("van_phong").get(f"/api/v1/instances/{report.id}").status_code == 404


def test_annual_and_quarter_reports_cut_the_same_cases_differently(api, half_year):
    q1 = table(open_report(api, "q1", 2026).data["so_lieu_bao_cao"], "theo_quy_trinh")["khieu_nai"]
    # Q1 (15/12/2025-14/3): pending on 15/12 K1, K2; opened K3, K4, K5; accepted K3; ended K1 (on time), K4;
    # cancelled K5; pending on 15/3: K2 (overdue), K3 (due 6/4, not yet)
    assert values(q1, *CASE_KEYS) == (2, 3, 1, 2, 1, 0, 1, 1, 2, 1)
    year = open_report(api, "nam", 2026)
    figures = year.data["so_lieu_bao_cao"]
    assert figures["tinh_den"] == "2026-07-06T09:00:00+07:00"  # the year is not over: as of now
    assert (figures["tieu_de"], figures["den_ngay"]) == ("BÁO CÁO TỔNG KẾT NĂM 2026", "2026-12-14")
    # the year so far adds K7 (opened 2/7) and G3's answers (2/7)
    assert values(table(figures, "theo_quy_trinh")["khieu_nai"], *CASE_KEYS) == (2, 5, 2, 3, 1, 1, 1, 1, 3, 1)
    assert table(figures, "kien_nghi")["giam_sat_phan_bien"]["kien_nghi_da_tra_loi"] == 6


def test_an_empty_period_has_every_table_with_zeros(api, clock):
    clock.set(at("2025-09-15"))
    Complaint(api, thon="Thôn Phú Sơn", ngay_nhan_don="2025-09-15")  # the day after the 2025 period's cut-off
    report = open_report(api, "9_thang", 2025)
    figures = report.data["so_lieu_bao_cao"]
    assert (figures["tu_ngay"], figures["den_ngay"], figures["tieu_de"]) == (
        "2024-12-15", "2025-09-14", "BÁO CÁO 9 THÁNG NĂM 2025")
    assert [t["ma"] for t in figures["bang"]] == ["theo_quy_trinh", "theo_thon", "ket_qua", "lay_y_kien",
                                                  "bieu_quyet", "cong_khai", "kien_nghi", "phan_bien"]
    for row in table(figures, "theo_quy_trinh").values():
        assert all(row[k] in (0, None) for k in CASE_KEYS), row
    assert table(figures, "theo_quy_trinh")["khieu_nai"]["thu_ly"] == 0  # khieu_nai declares acceptances
    assert table(figures, "theo_quy_trinh")["tong_cong"]["thu_ly"] == 0
    assert all(r["tiep_nhan"] == r["da_giai_quyet"] == r["ton_cuoi_ky"] == 0
               for r in table(figures, "theo_thon").values())
    assert table(figures, "ket_qua") == {}
    assert all(r["so_lieu"] == 0 for code in ("lay_y_kien", "bieu_quyet", "cong_khai")
               for r in table(figures, code).values())
    assert {r["kien_nghi"] for r in table(figures, "kien_nghi").values()} == {0}


def test_office_recompiles_the_figures_before_sending_the_draft(api, clock):
    clock.set(at("2026-03-10"))
    report = open_report(api, "q1", 2026)
    figures = report.data["so_lieu_bao_cao"]
    assert figures["tinh_den"] == "2026-03-10T09:00:00+07:00"  # mid-period: as of the compilation
    assert table(figures, "theo_quy_trinh")["khieu_nai"]["tiep_nhan"] == 0
    clock.set(at("2026-03-11"))
    complaint(api, "Thôn Phú Sơn")
    report.do("du_thao_bao_cao", "van_phong", {**REPORT_DRAFT, "tong_hop_lai_so_lieu": True})
    assert report.open_task_names() == ["du_thao_bao_cao"]  # back to the Office with fresh figures
    figures = report.data["so_lieu_bao_cao"]
    assert figures["tinh_den"] == "2026-03-11T09:00:00+07:00"
    assert table(figures, "theo_quy_trinh")["khieu_nai"]["tiep_nhan"] == 1
    report.do("du_thao_bao_cao", "van_phong", REPORT_DRAFT)
    assert report.open_task_names() == ["phe_duyet_bao_cao"]


def test_chairman_returns_the_draft_then_approves_and_the_report_is_frozen(api, clock, half_year):
    report = open_report(api, "6_thang", 2026)
    assert api.as_("chu_tich").get(f"/api/v1/reports/{report.id}").status_code == 404  # not approved yet
    assert api.as_("chu_tich").get(f"/api/v1/reports/{report.id}.docx").status_code == 404
    draft_task = api.as_("van_phong").get(f"/api/v1/tasks/{report.task('du_thao_bao_cao')['id']}").get_json()
    assert "- Giải quyết khiếu nại lần đầu: Tồn đầu kỳ 2, Tiếp nhận trong kỳ 4, Thụ lý 2," in draft_task["instructions"]
    report.do("du_thao_bao_cao", "van_phong", {**REPORT_DRAFT, "kien_nghi_de_xuat": "Tăng cán bộ tiếp dân"})
    refused = report.refuse("phe_duyet_bao_cao", "chu_tich", {"quyet_dinh": "tra_lai"})
    assert refused["status"] == 422 and "y_kien_chu_tich" in refused["details"]
    report.do("phe_duyet_bao_cao", "chu_tich", {"quyet_dinh": "tra_lai",
                                                "y_kien_chu_tich": "Bổ sung đánh giá vụ việc quá hạn"})
    assert report.open_task_names() == ["du_thao_bao_cao"]
    instructions = api.as_("van_phong").get(f"/api/v1/tasks/{report.task('du_thao_bao_cao')['id']}").get_json()
    assert "Chủ tịch đã trả lại (lần 1): Bổ sung đánh giá vụ việc quá hạn" in instructions["instructions"]
    assert api.as_("chu_tich").get(f"/api/v1/reports/{report.id}").status_code == 404
    revised = {**REPORT_DRAFT, "danh_gia": "Còn 1 vụ khiếu nại quá hạn (thôn Kỳ Thọ Nam)."}
    report.do("du_thao_bao_cao", "van_phong", revised)
    clock.set(at("2026-07-08", 10))
    report.do("phe_duyet_bao_cao", "chu_tich", {"quyet_dinh": "phe_duyet", "y_kien_chu_tich": "Đồng ý ban hành"})
    assert report.open_task_names() == ["gui_bao_cao"]  # frozen, to be sent

    frozen = api.as_("van_phong").get(f"/api/v1/reports/{report.id}")
    assert frozen.status_code == 200, frozen.get_json()
    body = frozen.get_json()
    content = body["content"]
    assert (body["business_key"], body["kind"], body["year"]) == ("BC-2026-000001", "6_thang", 2026)
    assert (body["period_start"], body["period_end"]) == ("2025-12-15", "2026-06-14")
    assert body["title"] == "BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2026 - UBND XÃ NGHĨA KỲ"
    assert (body["approved_by"], body["approved_at"]) == ("chu_tich", "2026-07-08T03:00:00+00:00")
    assert content["so_lieu"] == report.data["so_lieu_bao_cao"]  # exactly the figures the Office drafted from
    # the optional field left out of the second draft keeps its earlier text; the others are the revised ones
    assert content["du_thao"] == {"noi_dung_bao_cao": REPORT_DRAFT["noi_dung_bao_cao"],
                                  "danh_gia": "Còn 1 vụ khiếu nại quá hạn (thôn Kỳ Thọ Nam).",
                                  "phuong_huong": REPORT_DRAFT["phuong_huong"], "kien_nghi_de_xuat": ""}
    assert content["y_kien_phe_duyet"] == "Đồng ý ban hành"
    assert content["lich_su_tra_lai"] == [{"lan": 1, "y_kien": "Bổ sung đánh giá vụ việc quá hạn"}]
    assert (content["nguoi_phe_duyet"], content["ten_nguoi_phe_duyet"]) == ("chu_tich", "Lê Văn Chủ")
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert body["sha256"] == hashlib.sha256(canonical.encode()).hexdigest()
    assert report.data["bao_cao_da_khoa"]["sha256"] == body["sha256"]

    # a case opened later, dated inside the period, changes a new report but not the frozen one
    clock.set(at("2026-06-10"))
    complaint(api, "Thôn Phú Sơn")
    clock.set(at("2026-07-09"))
    again = open_report(api, "6_thang", 2026)
    assert table(again.data["so_lieu_bao_cao"], "theo_quy_trinh")["khieu_nai"]["tiep_nhan"] == 5
    assert api.as_("chu_tich").get(f"/api/v1/reports/{report.id}").get_json() == body


def test_approved_report_downloads_as_word_and_excel(api, clock, half_year):
    """The Word report is the document the sending step issues from the package's template (numbered from the
    register, a file of the case); the workbook is drawn from the frozen figures."""
    report = open_report(api, "6_thang", 2026)
    report.do("du_thao_bao_cao", "van_phong", REPORT_DRAFT)
    report.do("phe_duyet_bao_cao", "chu_tich", {"quyet_dinh": "phe_duyet"})
    sha = api.as_("kiem_tra").get(f"/api/v1/reports/{report.id}").get_json()["sha256"]
    unsent = api.as_("kiem_tra").get(f"/api/v1/reports/{report.id}.docx")
    assert unsent.status_code == 404 and unsent.get_json()["error"]["code"] == "report_not_found"
    report.do("gui_bao_cao", "van_phong", SENT)
    number = report.data["so_ky_hieu"]  # the commune's next number of the year (the fixture's cases issued some)
    assert number.endswith("/BC-UBND") and report.data["ngay_gui"] == "2026-07-06"

    response = api.as_("kiem_tra").get(f"/api/v1/reports/{report.id}.docx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "BC-2026-000001.docx" in response.headers["Content-Disposition"]
    [issued] = [d for d in api.as_("kiem_tra").get(f"/api/v1/instances/{report.id}/documents").get_json()["items"]
                if d["direction"] == "out"]
    assert issued["reference"] == number and issued["sha256"] == hashlib.sha256(response.data).hexdigest()
    document = Document(io.BytesIO(response.data))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert "BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2026" in paragraphs
    header = document.tables[0].rows[0].cells
    assert header[0].text.startswith("ỦY BAN NHÂN DÂN") and f"Số: {number}" in header[0].text
    assert "ngày 06 tháng 07 năm 2026" in header[1].text
    assert any("từ ngày 15/12/2025 đến ngày 14/06/2026" in p for p in paragraphs)
    assert "Sáu tháng đầu năm, xã tiếp nhận 13 vụ việc." in paragraphs and "Đã giải quyết 9." in paragraphs
    assert "II. ĐÁNH GIÁ CHUNG" in paragraphs and "IV. KIẾN NGHỊ, ĐỀ XUẤT" not in paragraphs  # empty: left out
    assert any(sha in p for p in paragraphs)
    assert "{{" not in text and "{%" not in text
    assert "- Giải quyết khiếu nại lần đầu: Tồn đầu kỳ 2, Tiếp nhận trong kỳ 4, Thụ lý 2," in text
    assert "- Tổng cộng: Tồn đầu kỳ 2, Tiếp nhận trong kỳ 13, Thụ lý 2, " in text
    assert "- Công khai thông tin: Tồn đầu kỳ 0, Tiếp nhận trong kỳ 2, Thụ lý —," in text
    foot = document.tables[1].rows[0].cells
    assert "Lê Văn Chủ" in foot[1].text and "TM. ỦY BAN NHÂN DÂN" in foot[1].text
    assert "UBND tỉnh (qua Thanh tra tỉnh)" in foot[0].text
    downloads = api.as_("kiem_tra").get(f"/api/v1/instances/{report.id}/history").get_json()["items"]
    assert any(e["action"] == "attachment_downloaded" for e in downloads)  # recorded like any file's download

    response = api.as_("kiem_tra").get(f"/api/v1/reports/{report.id}.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["1. Theo quy trình", "2. Theo thôn", "3. Kết quả", "4. Lấy ý kiến",
                                   "5. Biểu quyết", "6. Công khai", "7. Kiến nghị", "8. Phản biện"]
    sheet = workbook["1. Theo quy trình"]
    assert sheet["A1"].value == "1. Vụ việc theo quy trình" and sha in sheet["A2"].value
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["Quy trình"][:2] == ("Tồn đầu kỳ", "Tiếp nhận trong kỳ")
    assert rows["Giải quyết khiếu nại lần đầu"] == (2, 4, 2, 3, 1, 1, 1, 1, 2, 1)
    assert rows["Công khai thông tin"][2] == "—"
    hamlets = {r[0]: r[1:] for r in workbook["2. Theo thôn"].iter_rows(min_row=5, values_only=True)}
    assert hamlets["Thôn Kỳ Thọ Nam"] == (1, 0, 2)
    recommendations = {r[0]: r[1:] for r in workbook["7. Kiến nghị"].iter_rows(min_row=5, values_only=True)}
    assert recommendations["Giám sát, phản biện xã hội của Mặt trận"] == (6, 3, 2, 0, 1)


def test_report_of_another_commune_is_not_found(api, clock, other_commune):
    report = open_report(api, "q1", 2026)
    report.do("du_thao_bao_cao", "van_phong", REPORT_DRAFT)
    report.do("phe_duyet_bao_cao", "chu_tich", {"quyet_dinh": "phe_duyet"})
    assert api.as_("van_phong").get(f"/api/v1/reports/{report.id}").status_code == 200
    for path in ("", ".docx", ".xlsx"):
        response = api.as_(OTHER_OFFICE).get(f"/api/v1/reports/{report.id}{path}")
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "report_not_found"
    assert api.as_("van_phong").get("/api/v1/reports/khong-co.docx").status_code == 404


def test_wrong_roles_are_refused(api, clock):
    response = api.as_("truong_thon").post("/api/v1/instances", json={
        "process_model": "bao_cao_dinh_ky", "data": {"ky_bao_cao": "q1", "nam": 2026}})
    assert response.status_code == 403
    report = open_report(api, "q1", 2026)
    draft = report.task("du_thao_bao_cao")
    assert api.as_("chu_tich").post(f"/api/v1/tasks/{draft['id']}/complete",
                                    json={"data": REPORT_DRAFT}).status_code == 403
    report.do("du_thao_bao_cao", "van_phong", REPORT_DRAFT)
    approval = report.task("phe_duyet_bao_cao")
    assert api.as_("van_phong").post(f"/api/v1/tasks/{approval['id']}/complete",
                                     json={"data": {"quyet_dinh": "phe_duyet"}}).status_code == 403
    assert api.as_("van_phong").get(f"/api/v1/reports/{report.id}").status_code == 404


def test_figures_cannot_be_typed_in_by_the_office(api, clock):
    report = open_report(api, "q1", 2026)
    refused = report.refuse("du_thao_bao_cao", "van_phong", {**REPORT_DRAFT, "so_lieu_bao_cao": {"bang": []}})
    assert refused["status"] == 422 and "so_lieu_bao_cao" in refused["details"]
    response = api.as_("van_phong").post("/api/v1/instances", json={
        "process_model": "bao_cao_dinh_ky", "data": {"ky_bao_cao": "quy_2", "nam": 2026}})
    assert response.status_code == 422 and "ky_bao_cao" in response.get_json()["error"]["details"]



SENT = {"noi_nhan": ["ubnd_tinh", "hdnd_xa", "mttq_xa"],  # the date: the register's, the day it is sent
        "hinh_thuc_gui": ["van_ban_dien_tu", "phan_mem_bao_cao"]}


def approved(api, kind: str = "6_thang", year: int = 2026):
    report = open_report(api, kind, year)
    report.do("du_thao_bao_cao", "van_phong", REPORT_DRAFT)
    report.do("phe_duyet_bao_cao", "chu_tich", {"quyet_dinh": "phe_duyet"})
    return report


def test_the_approved_report_is_sent_to_the_province_the_council_and_the_front(api, clock):
    """Circular 01/2024/TT-TTCP, Art. 7, and the plan (31/KH-UBND, III.1): the report goes to the province
    (no district since 1 July 2025), and the commune's People's Council and Front have it; the case ends only
    once the Office records where, when and how it went."""
    clock.set(at("2026-06-15"))
    report = approved(api)
    assert report.open_task_names() == ["gui_bao_cao"]
    assert report.task("gui_bao_cao")["role"] == "van_phong"
    assert report.due_day("gui_bao_cao") == "2026-06-15"  # day 15 of the closing month (a parameter)
    assert api.as_("van_phong").get(f"/api/v1/reports/{report.id}").status_code == 200  # frozen before it goes
    assert report.refuse("gui_bao_cao", "chu_tich", SENT)["status"] == 403
    report.do("gui_bao_cao", "van_phong", {**SENT, "noi_nhan": [*SENT["noi_nhan"], "khac"],
                                           "noi_nhan_khac": "Ban Dân vận Đảng ủy xã"})
    assert report.outcome() == ("completed", "da_phe_duyet")
    data = report.data
    assert (data["noi_nhan"], data["noi_nhan_khac"], data["ngay_gui"]) == (
        ["ubnd_tinh", "hdnd_xa", "mttq_xa", "khac"], "Ban Dân vận Đảng ủy xã", "2026-06-15")


@pytest.mark.parametrize("missing", ["ubnd_tinh", "hdnd_xa", "mttq_xa"])
def test_each_of_the_three_recipients_is_required(api, clock, missing):
    report = approved(api, "q1")
    recipients = [r for r in SENT["noi_nhan"] if r != missing] + ["khac"]
    refused = report.refuse("gui_bao_cao", "van_phong", {**SENT, "noi_nhan": recipients, "noi_nhan_khac": "Đảng ủy"})
    assert refused["status"] == 422 and "noi_nhan" in refused["details"]
    assert report.open_task_names() == ["gui_bao_cao"]


def test_the_sending_records_a_date_a_channel_and_names_another_recipient(api, clock):
    report = approved(api, "q1")
    for data, field in (({**SENT, "hinh_thuc_gui": []}, "hinh_thuc_gui"),
                        ({**SENT, "noi_nhan": [*SENT["noi_nhan"], "khac"]}, "noi_nhan_khac"),
                        ({**SENT, "noi_nhan": [*SENT["noi_nhan"], "khac"], "noi_nhan_khac": ""}, "noi_nhan_khac")):
        refused = report.refuse("gui_bao_cao", "van_phong", data)
        assert refused["status"] == 422 and field in refused["details"], (field, refused)
    report.do("gui_bao_cao", "van_phong", SENT)
    assert report.outcome() == ("completed", "da_phe_duyet")


def test_the_cut_off_puts_the_14th_in_the_period_and_the_15th_in_the_next(api, clock):
    """Circular 01/2024/TT-TTCP, Art. 7: the Q1 report counts from 15 December of the year before to 14 March;
    the 6-month report from 15 December to 14 June (parameter `ngay_chot_so_lieu` = 14)."""
    clock.set(at("2025-12-14", 23))
    complaint(api, "Thôn Phú Sơn")  # the last hour of the 2025 period
    clock.set(at("2025-12-15", 0))
    complaint(api, "Thôn Phú Sơn")  # the first hour of 2026's
    clock.set(at("2026-03-14", 23))
    complaint(api, "Thôn Kỳ Thọ Nam")
    clock.set(at("2026-03-15", 0))
    complaint(api, "Thôn Kỳ Thọ Nam")
    clock.set(at("2026-06-20"))
    q1 = open_report(api, "q1", 2026).data["so_lieu_bao_cao"]
    assert (q1["tu_ngay"], q1["den_ngay"]) == ("2025-12-15", "2026-03-14")
    assert values(table(q1, "theo_quy_trinh")["khieu_nai"], "ton_dau_ky", "tiep_nhan", "ton_cuoi_ky") == (1, 2, 3)
    half = open_report(api, "6_thang", 2026).data["so_lieu_bao_cao"]
    assert values(table(half, "theo_quy_trinh")["khieu_nai"], "ton_dau_ky", "tiep_nhan") == (1, 3)
    last_year = open_report(api, "nam", 2025).data["so_lieu_bao_cao"]
    assert (last_year["tu_ngay"], last_year["den_ngay"]) == ("2024-12-15", "2025-12-14")
    assert table(last_year, "theo_quy_trinh")["khieu_nai"]["tiep_nhan"] == 1


def test_the_second_quarter_counts_its_own_quarter_and_is_sent_by_the_15th_of_june(api, clock):
    """Circular 01/2024/TT-TTCP, Art. 7: the Q2 report runs from 15 March to 14 June."""
    clock.set(at("2026-03-14", 23))
    complaint(api, "Thôn Phú Sơn")  # Q1's last hour: pending at the start of Q2
    clock.set(at("2026-03-15", 0))
    complaint(api, "Thôn Phú Sơn")
    clock.set(at("2026-06-15", 0))
    complaint(api, "Thôn Phú Sơn")  # Q3's
    clock.set(at("2026-06-15", 9))
    report = open_report(api, "q2", 2026)
    figures = report.data["so_lieu_bao_cao"]
    assert (figures["tu_ngay"], figures["den_ngay"], figures["tieu_de"]) == (
        "2026-03-15", "2026-06-14", "BÁO CÁO QUÝ II NĂM 2026")
    assert values(table(figures, "theo_quy_trinh")["khieu_nai"], "ton_dau_ky", "tiep_nhan", "ton_cuoi_ky") == (1, 1, 2)
    report.do("du_thao_bao_cao", "van_phong", REPORT_DRAFT)
    report.do("phe_duyet_bao_cao", "chu_tich", {"quyet_dinh": "phe_duyet"})
    assert report.due_day("gui_bao_cao") == "2026-06-15"

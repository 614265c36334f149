"""The saved scenarios: which cases are walked, step by step, and after which steps their rows are saved.

Each checkpoint is a number of steps taken; the generator saves the database's case rows there, and the test
loads them and takes the remaining steps. The data comes from the process test modules, so each step is one
those tests take on the same path.
"""
from __future__ import annotations

from tests import samples
from tests import samples as kn
from tests.api import test_tiep_cong_dan as tcd
from tests.api import test_to_cao as tc
from tests.api import test_xu_ly_don as xld

PORTAL_FILLS = ("ngay_nhan_don", "hinh_thuc_tiep_nhan", "co_quan_chuyen_don")  # the portal's own values


def do(case, task, user, data):
    return {"kind": "do", "case": case, "task": task, "user": user, "data": data}


def complaint_accepted(key: str) -> list[dict]:
    """The steps every complaint scenario starts with: received, proposed, accepted, notified, sent to check."""
    return [
        {"kind": "open", "process_model": "khieu_nai", "user": "tiep_cong_dan", "data": kn.INTAKE},
        do(key, "de_xuat_thu_ly", "tiep_cong_dan", kn.PROPOSAL),
        do(key, "quyet_dinh_thu_ly", "chu_tich", kn.ACCEPT),
        do(key, "thong_bao_thu_ly", "tiep_cong_dan", kn.LETTER),
        do(key, "kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"}),
    ]


def complaint_resolved():
    """A complaint accepted, verified, discussed and decided: saved received, accepted, under verification
    (claimed by the verifier, not completed), and after the dialogue."""
    key = "KN-2026-000001"
    steps = [
        *complaint_accepted(key),
        {"kind": "claim", "case": key, "task": "xac_minh", "user": "can_bo_xac_minh"},
        do(key, "xac_minh", "can_bo_xac_minh", {"ket_qua_xac_minh": "Có căn cứ một phần",
                                                "bao_cao_xac_minh_so": "05/BC", "ket_qua_khac_yeu_cau": True}),
        do(key, "doi_thoai", "chu_tich", {"ngay_doi_thoai": "2026-03-20", "bien_ban_doi_thoai": "Biên bản",
                                          "nguoi_khieu_nai_co_mat": True}),
        do(key, "ra_quyet_dinh", "chu_tich", kn.DECISION),
        do(key, "gui_quyet_dinh", "tiep_cong_dan", kn.SEND),
        do(key, "cong_khai_quyet_dinh", "tiep_cong_dan", kn.PUBLISH),
    ]
    return "khieu_nai_resolved", complaint_resolved.__doc__, steps, [1, 3, 6, 8]


def complaint_deadlines():
    """A complaint whose reminders and escalations fire as the clock moves (the worker's timers): saved with
    its acceptance timers pending, after the acceptance escalation, and with the decision's timers pending
    and then half fired."""
    key = "KN-2026-000001"
    steps = [
        {"kind": "open", "process_model": "khieu_nai", "user": "tiep_cong_dan", "data": kn.INTAKE},
        {"kind": "clock", "at": "2026-03-09T17:00:01+00:00"},  # reminder: 2 working days before Thu 12/3
        do(key, "de_xuat_thu_ly", "tiep_cong_dan", kn.PROPOSAL),
        {"kind": "clock", "at": "2026-03-12T17:00:01+00:00"},  # the acceptance period is over
        do(key, "quyet_dinh_thu_ly", "chu_tich", kn.ACCEPT),
        do(key, "thong_bao_thu_ly", "tiep_cong_dan", kn.LETTER),
        do(key, "kiem_tra_lai", "chu_tich", {"khieu_nai_dung": "chua_ro"}),
        {"kind": "claim", "case": key, "task": "xac_minh", "user": "can_bo_xac_minh"},
        {"kind": "clock", "at": "2026-04-01T17:00:01+00:00"},  # reminder before the decision date (Mon 6/4)
        {"kind": "clock", "at": "2026-04-06T17:00:01+00:00"},  # the decision date is past
        do(key, "xac_minh", "can_bo_xac_minh", {"ket_qua_xac_minh": "Đúng như yêu cầu",
                                                "bao_cao_xac_minh_so": "06/BC", "ket_qua_khac_yeu_cau": False}),
        do(key, "ra_quyet_dinh", "chu_tich", kn.DECISION),
        do(key, "gui_quyet_dinh", "tiep_cong_dan", kn.SEND),
        do(key, "cong_khai_quyet_dinh", "tiep_cong_dan", kn.PUBLISH),
    ]
    return "khieu_nai_deadlines", complaint_deadlines.__doc__, steps, [1, 4, 8, 9]


def complaint_withdrawn():
    """A complaint withdrawn by message during verification: saved before the message."""
    key = "KN-2026-000001"
    steps = [
        *complaint_accepted(key),
        {"kind": "send", "case": key, "message": "rut_khieu_nai", "user": "tiep_cong_dan",
         "data": {"ngay_rut": "2026-03-10", "ly_do_rut": "Đã thống nhất"}},
    ]
    return "khieu_nai_withdrawn", complaint_withdrawn.__doc__, steps, [5]


def denunciation():
    """A named denunciation (the denouncer's identity is confidential, sealed in the state): accepted,
    extended once (the deadline history), partly withdrawn by message, then concluded; saved received,
    under verification, after the extension and after the withdrawal."""
    key = "TC-2026-000001"
    steps = [
        {"kind": "open", "process_model": "to_cao", "user": "tiep_cong_dan", "data": tc.INTAKE},
        do(key, "kiem_tra_to_cao", "tiep_cong_dan", tc.CHECK),
        do(key, "quyet_dinh_xu_ly", "chu_tich", tc.ACCEPT),
        do(key, "thong_bao_thu_ly", "tiep_cong_dan", tc.NOTICE),
        do(key, "xac_minh", "can_bo_xac_minh", tc.NEEDS_TIME),
        do(key, "gia_han_giai_quyet", "chu_tich", tc.EXTEND),
        {"kind": "send", "case": key, "message": "rut_to_cao", "user": "tiep_cong_dan", "data": tc.PARTIAL},
        do(key, "xem_xet_rut_khi_giai_quyet", "chu_tich", tc.NO_GROUNDS),
        do(key, "xac_minh", "can_bo_xac_minh", tc.VERIFIED),
        do(key, "ket_luan", "chu_tich", tc.CONCLUSION),
        do(key, "xu_ly_ket_luan", "chu_tich", tc.HANDLING),
        do(key, "thong_bao_ket_qua", "tiep_cong_dan", tc.RESULT),
    ]
    return "to_cao_extended_withdrawn", denunciation.__doc__, steps, [1, 4, 6, 7]


def portal_letter():
    """A letter sent from the public portal (a tracking code) that holds a complaint and a denunciation:
    the letter opens both as linked cases; the complaint is refused and the denunciation cancelled by the
    Chairman. Saved before the letter is checked, before it is classified, and with the two linked cases open."""
    letter, complaint, denunciation_key = "XLD-2026-000001", "KN-2026-000001", "TC-2026-000001"
    steps = [
        {"kind": "portal", "process_model": "xu_ly_don", "commune": "nghia_ky",
         "data": {k: v for k, v in samples.LETTER_INTAKE.items() if k not in PORTAL_FILLS}},
        do(letter, "kiem_tra_dieu_kien", "tiep_cong_dan", xld.ELIGIBLE),
        do(letter, "phan_loai_don", "tiep_cong_dan", {**xld.NONE, **xld.COMPLAINT, **xld.DENUNCIATION}),
        do(complaint, "de_xuat_thu_ly", "tiep_cong_dan", kn.TIME_BARRED),
        do(complaint, "quyet_dinh_thu_ly", "chu_tich", {"ket_qua_thu_ly": "khong_thu_ly",
                                                        "ly_do": "Quá thời hiệu 90 ngày"}),
        do(complaint, "thong_bao_khong_thu_ly", "tiep_cong_dan", kn.LETTER),
        {"kind": "cancel", "case": denunciation_key, "user": "chu_tich", "reason": "Nhập trùng"},
    ]
    return "xu_ly_don_portal_letter", portal_letter.__doc__, steps, [1, 2, 3, 4]


def reception_visit():
    """A citizen received in person whose letter is handed to letter processing, which opens a complaint:
    three cases linked in a chain. Saved at the visit, before the hand-over, with the letter open, and with
    the complaint open."""
    visit, letter, complaint = "TCD-2026-000001", "XLD-2026-000001", "KN-2026-000001"
    steps = [
        {"kind": "open", "process_model": "tiep_cong_dan", "user": "tiep_cong_dan", "data": samples.VISIT},
        do(visit, "kiem_tra_nhan_than", "tiep_cong_dan", tcd.RECEIVABLE),
        do(visit, "ghi_so_tiep_cong_dan", "tiep_cong_dan", tcd.RECORD),
        do(visit, "tra_loi_huong_dan", "tiep_cong_dan", tcd.TO_LETTER),
        do(letter, "kiem_tra_dieu_kien", "tiep_cong_dan", {**xld.ELIGIBLE, "so_vao_so": "D-7"}),
        do(letter, "phan_loai_don", "tiep_cong_dan", {**xld.NONE, **xld.COMPLAINT}),
        do(complaint, "de_xuat_thu_ly", "tiep_cong_dan", {**kn.PROPOSAL, "thuoc_tham_quyen": False,
                                                          "de_xuat": "khong_thuoc_tham_quyen"}),
        do(complaint, "quyet_dinh_thu_ly", "chu_tich", {"ket_qua_thu_ly": "khong_thuoc_tham_quyen",
                                                        "ly_do": "Thuộc thẩm quyền Sở Tài nguyên và Môi trường"}),
        do(complaint, "huong_dan_nguoi_khieu_nai", "tiep_cong_dan", {
            "co_quan_co_tham_quyen": "Sở TN&MT", "so_van_ban": "02/HD", "ngay_gui": "2026-03-06"}),
    ]
    return "tiep_cong_dan_to_complaint", reception_visit.__doc__, steps, [1, 3, 4, 6]


SCENARIOS = (complaint_resolved, complaint_deadlines, complaint_withdrawn, denunciation, portal_letter,
             reception_visit)

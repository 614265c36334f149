"""Sample cases of the shipped processes that more than one test module opens: their start data, the data of
their steps, and the steps that open them, through the HTTP API as the demo users (`tests/api/cases.py`).

A test module takes what another process's tests use from here, never from that test module. The complaint
is the suite's sample case, so its data keep the short names (INTAKE, PROPOSAL, ...); the other processes'
are named after what they are.
"""
from __future__ import annotations

from pathlib import Path

from tests.api.cases import Case

# --- khieu_nai: the first-level complaint -------------------------------------------------------------------

KHIEU_NAI_BPMN = (Path(__file__).resolve().parents[1] / "bpmn" / "khieu_nai.bpmn").read_text(encoding="utf-8")

INTAKE = {
    "nguoi_khieu_nai": "Nguyễn Văn An",
    "so_giay_to_tuy_than": "051080001234",
    "dia_chi": "Thôn Phú Sơn, xã Nghĩa Kỳ",
    "so_dien_thoai": "0905123456",
    "thon": "Thôn Phú Sơn",
    "ngay_nhan_don": "2026-03-02",
    "noi_dung_khieu_nai": "Khiếu nại quyết định thu hồi đất",
    "quyet_dinh_hanh_vi_bi_khieu_nai": "Quyết định số 12/QĐ-UBND",
    "hinh_thuc_tiep_nhan": "truc_tiep",
    "vung_sau_vung_xa": False,
}
PROPOSAL = {
    "ngay_nhan_biet_quyet_dinh": "2026-02-10", "tro_ngai_khach_quan": "khong_co",
    "ngoai_pham_vi_khieu_nai": False, "khong_lien_quan_truc_tiep": False, "khong_co_nguoi_dai_dien_hop_phap": False,
    "nguoi_dai_dien_khong_hop_phap": False, "don_khong_co_chu_ky": False, "da_co_quyet_dinh_cuoi_cung": False,
    "da_dinh_chi_khong_tiep_tuc": False, "toa_an_da_thu_ly": False, "thuoc_tham_quyen": True, "de_xuat": "thu_ly",
}


def as_web_form(data: dict) -> dict:
    """The same answers as a staff page posts them: a yes/no as the Có / Không radio chosen ("true"/"false")."""
    return {k: ("true" if v else "false") if isinstance(v, bool) else v for k, v in data.items()}


ACCEPT = {"ket_qua_thu_ly": "thu_ly", "phuc_tap": False, "can_bo_xac_minh_duoc_giao": "Huỳnh Văn Minh",
          "ngay_thu_ly": "2026-03-05"}
LETTER = {}  # the notices ask nothing: the register gives their number and date, the template their text
DECISION = {  # the content Art. 31 of the Law on Complaints requires
    "nguoi_bi_khieu_nai": "Chủ tịch UBND xã Nghĩa Kỳ",  # the number and date (a) come from the register
    "ket_qua_xac_minh_noi_dung": "Quyết định thu hồi đúng diện tích nhưng sai đơn giá bồi thường",
    "can_cu_phap_luat": "Luật Đất đai 2024, Điều 91", "ket_luan": "dung_mot_phan",
    "ket_luan_tung_noi_dung": "Diện tích thu hồi: khiếu nại sai; đơn giá bồi thường: khiếu nại đúng",
    "xu_ly_quyet_dinh_bi_khieu_nai": "sua_doi_bo_sung", "noi_dung_quyet_dinh": "Sửa đổi một phần quyết định số 12",
    "boi_thuong": "khong_co", "ghi_quyen_khieu_nai_khoi_kien": True,
}
TIME_BARRED = {**PROPOSAL, "ngay_nhan_biet_quyet_dinh": "2025-10-01", "de_xuat": "khong_thu_ly"}  # last day 30/12/2025
REFUSAL = {"ket_qua_thu_ly": "khong_thu_ly", "ly_do": "Quá thời hiệu 90 ngày"}
SEND = {"ngay_gui_quyet_dinh": "2026-03-31", "noi_nhan_quyet_dinh": ["nguoi_khieu_nai", "thanh_tra_cung_cap"],
        "ngay_nhan_quyet_dinh_giai_quyet": "2026-04-01"}
PUBLISH = {"hinh_thuc_cong_khai": "niem_yet", "ngay_cong_khai": "2026-04-01"}


class Complaint(Case):
    """A complaint opened by the reception officer with INTAKE, `intake` replacing single fields: the shared
    helper with the complaint's start, so the HTTP steps are written once for every process."""

    def __init__(self, api, **intake):
        super().__init__(api, "khieu_nai", "tiep_cong_dan", {**INTAKE, **intake})

    def accept(self, **overrides):
        """Proposal, acceptance (ACCEPT with `overrides`) and the notice: the start of every accepted path."""
        self.do("de_xuat_thu_ly", "tiep_cong_dan", PROPOSAL)
        self.do("quyet_dinh_thu_ly", "chu_tich", {**ACCEPT, **overrides})
        self.do("thong_bao_thu_ly", "tiep_cong_dan", LETTER)

    def refuse_time_barred(self):
        """The proposal recording a contested decision learned of long before (time-barred), the refusal and its
        notice: the path of a complaint the commune does not accept."""
        self.do("de_xuat_thu_ly", "tiep_cong_dan", TIME_BARRED)
        self.do("quyet_dinh_thu_ly", "chu_tich", REFUSAL)
        self.do("thong_bao_khong_thu_ly", "tiep_cong_dan", LETTER)

    def resolve(self, **decision):
        """The decision (DECISION with `decision`), its sending and its publication: the end of a decided case."""
        self.do("ra_quyet_dinh", "chu_tich", {**DECISION, **decision})
        issued = self.data["ngay_quyet_dinh"]  # the register's date: the day the test's clock shows
        later = issued > SEND["ngay_gui_quyet_dinh"]
        self.do("gui_quyet_dinh", "tiep_cong_dan", {**SEND, **({"ngay_gui_quyet_dinh": issued,
                                                                 "ngay_nhan_quyet_dinh_giai_quyet": issued}
                                                                if later else {})})
        self.do("cong_khai_quyet_dinh", "tiep_cong_dan", {**PUBLISH, **({"ngay_cong_khai": issued} if later else {})})


# --- xu_ly_don: a letter received ---------------------------------------------------------------------------

LETTER_INTAKE = {
    "nguoi_gui": "Võ Văn Em",
    "so_giay_to_tuy_than": "051070005555",
    "dia_chi": "Thôn Phú Sơn, xã Nghĩa Kỳ",
    "so_dien_thoai": "0905777888",
    "thon": "Thôn Phú Sơn",
    "ngay_nhan_don": "2026-03-02",
    "hinh_thuc_tiep_nhan": "buu_chinh",
    "co_quan_chuyen_don": "",
    "noi_dung_don": "Khiếu nại quyết định thu hồi đất và tố cáo cán bộ địa chính",
}

# --- tiep_cong_dan: a citizen-reception visit ---------------------------------------------------------------

VISIT = {
    "ngay_tiep": "2026-03-02",  # the visit is typed on the day it happens (the test clock's START)
    "hinh_thuc_tiep": "thuong_xuyen",
    "ho_ten": "Nguyễn Thị Hoa",
    "so_giay_to_tuy_than": "051085009999",
    "dia_chi": "Thôn Kỳ Thọ Bắc, xã Nghĩa Kỳ",
    "so_dien_thoai": "0905666777",
    "thon": "Thôn Kỳ Thọ Bắc",
    "so_nguoi": 1,
}


def visit(api, **overrides) -> Case:
    return Case(api, "tiep_cong_dan", "tiep_cong_dan", {**VISIT, **overrides})


# --- cong_khai: a public notice -----------------------------------------------------------------------------

PUBLIC_NOTICE = {
    "tieu_de": "Kế hoạch sử dụng đất năm 2026 của xã",
    "noi_dung_tom_tat": "Các khu đất chuyển mục đích sử dụng trong năm",
    "khoan_dieu_11": 3,
    "kenh_cong_khai": ["niem_yet_tru_so"],
}
POSTED = {"dia_diem_niem_yet": "Bảng tin UBND xã"}  # posted the day the step completes: its minutes' date


def open_notice(api, **overrides) -> Case:
    return Case(api, "cong_khai", "van_phong", {**PUBLIC_NOTICE, **overrides})


# --- lay_y_kien: a matter the people comment on -------------------------------------------------------------

CONSULTED_MATTER = {
    "ten_noi_dung": "Dự thảo kế hoạch sử dụng đất năm 2027",
    "loai_noi_dung": "quy_hoach_su_dung_dat",
    "noi_dung_du_thao": "Chuyển 2 ha đất lúa sang đất ở",
    "co_quan_soan_thao": "Công chức Địa chính - Xây dựng",
}
CONSULTATION_PLAN = {"hinh_thuc_lay_y_kien": ["hop_cong_dong", "cong_thong_tin"],
                     "ngay_bat_dau_lay_y_kien": "2026-03-02",
                     "noi_dang_du_thao": "Trụ sở UBND xã, nhà văn hóa các thôn"}
CONSULTATION_CLOSED = {"ngay_ket_thuc_lay_y_kien": "2026-04-01"}


def comment(text: str, kenh: str = "hop_cong_dong", thon: str = "Thôn Phú Sơn") -> dict:
    return {"ngay_gop_y": "2026-03-02", "kenh": kenh, "thon": thon, "noi_dung": text}


def open_period(api) -> Case:
    case = Case(api, "lay_y_kien", "van_phong", CONSULTED_MATTER)
    case.do("lap_ke_hoach", "van_phong", CONSULTATION_PLAN)
    return case


def answers(*kinds: str) -> dict:
    return {"bao_cao_tong_hop": "Đa số đồng ý, một số đề nghị giữ đất lúa",
            "xu_ly_y_kien": [{"so_thu_tu": i + 1, "cach_xu_ly": k, "noi_dung_xu_ly": "Nội dung"}
                             for i, k in enumerate(kinds)]}


# --- dan_ban_quyet_dinh: a matter a hamlet discusses and decides --------------------------------------------

VILLAGE_MATTER = {
    "ten_van_de": "Đóng góp bê tông hóa đường thôn",
    "noi_dung": "Mỗi hộ đóng góp 500.000 đồng hoặc 5 ngày công",
    "thon": "Thôn Phú Sơn",
    "loai_van_de": "dong_gop_xay_dung",
    "thanh_phan_bieu_quyet": "cu_tri_dai_dien_ho",
    "tong_so_cu_tri": 100,
    "hinh_thuc_bieu_quyet": "hop_cong_dong",
}
VILLAGE_RESOLUTION = {"noi_dung_nghi_quyet": "Thông qua mức đóng góp"}  # number and date: the register's
VILLAGE_RESOLUTION_PUBLISHED = {"hinh_thuc_cong_bo": ["niem_yet_nha_van_hoa", "loa_truyen_thanh"],
                                "ngay_bao_cao_ubnd": "2026-03-02"}  # reported the day the register dates the resolution
VILLAGE_REPORT_RECEIVED = {"ngay_tiep_nhan_bao_cao": "2026-03-02", "ngay_bao_cao_hdnd_mttq": "2026-03-02"}


def meeting(attending: int, *counts: int, **extra) -> dict:
    """A hamlet meeting's record; without `counts`, a meeting that did not vote (no quorum)."""
    votes = {"phuong_an": [{"ten": f"Phương án {i + 1}", "so_tan_thanh": c} for i, c in enumerate(counts)]}
    return {"ngay_hop": "2026-03-02", "chu_tri": "Đỗ Văn Thôn", "thu_ky": "Lê Thị Ký",
            "so_cu_tri_du_hop": attending, "hinh_thuc_bieu_quyet_tai_hop": "gio_tay",
            **(votes if counts else {}), **extra}


def ballots(handed_out: int, returned: int, valid: int, *counts: int) -> dict:
    return {"ngay_phat_phieu": "2026-02-23", "ngay_kiem_phieu": "2026-03-02", "so_phieu_phat_ra": handed_out,
            "so_phieu_thu_ve": returned, "so_phieu_hop_le": valid,
            "phuong_an_phieu": [{"ten": f"Phương án {i + 1}", "so_tan_thanh": c} for i, c in enumerate(counts)]}


def open_matter(api, **overrides) -> Case:
    return Case(api, "dan_ban_quyet_dinh", "truong_thon", {**VILLAGE_MATTER, **overrides})


def report_resolution(case: Case, day: str = "2026-03-02") -> None:
    """The hamlet's resolution written, announced and received by the commune on `day` (the clock's, since
    each step records what was done): the end of a decided matter."""
    case.do("lap_nghi_quyet", "truong_thon", VILLAGE_RESOLUTION)
    case.do("cong_bo_bao_cao", "truong_thon", {**VILLAGE_RESOLUTION_PUBLISHED, "ngay_bao_cao_ubnd": day})
    case.do("tiep_nhan_bao_cao", "van_phong", {k: day for k in VILLAGE_REPORT_RECEIVED})


# --- giam_sat_phan_bien: the Fatherland Front's supervision and criticism -----------------------------------

SUPERVISION = {"loai_hoat_dong": "giam_sat", "noi_dung": "Thực hiện chính sách hỗ trợ hộ nghèo năm 2025",
               "doi_tuong": "UBND xã Nghĩa Kỳ", "thuoc_chuong_trinh_nam": True}
SUPERVISION_FINDINGS = {"ket_luan_giam_sat": "Chi trả đúng đối tượng, chậm 2 tháng",  # sent the day the step completes
                        "kien_nghi": [{"noi_dung": "Chi trả đúng hạn"}, {"noi_dung": "Công khai danh sách hộ nghèo"},
                                      {"noi_dung": "Rà soát hộ cận nghèo"}]}
CRITICISM = {"loai_hoat_dong": "phan_bien", "noi_dung": "Đề án xây dựng chợ xã",
             "doi_tuong": "Dự thảo đề án xây dựng chợ Nghĩa Kỳ", "thuoc_chuong_trinh_nam": False}
CRITICISED_DRAFT = {"ngay_nhan_du_thao": "2026-03-02", "ngay_du_kien_trinh": "2026-03-17",
                    "co_quan_soan_thao": "Văn phòng UBND xã"}
CRITICISMS = {"hinh_thuc_phan_bien": ["hoi_nghi_phan_bien"], "ngay_gui_van_ban_phan_bien": "2026-03-10",
              "y_kien_phan_bien": [{"noi_dung": "Chưa đánh giá tác động đến hộ buôn bán"},
                                   {"noi_dung": "Vốn đối ứng quá cao"}]}


def supervision_answered(*kinds: str) -> dict:
    """The People's Committee's answer to each recommendation of a supervision, in order."""
    return {"tra_loi_kien_nghi": [{"so_thu_tu": i + 1, "xu_ly": k, "noi_dung_tra_loi": "Thực hiện trong quý II"}
                                  for i, k in enumerate(kinds)]}


def criticisms_handled(*kinds: str) -> dict:
    return {"xu_ly_y_kien_phan_bien": [{"so_thu_tu": i + 1, "cach_xu_ly": k, "noi_dung_xu_ly": "Đã sửa mục 3"}
                                       for i, k in enumerate(kinds)]}


def supervise(api, findings=SUPERVISION_FINDINGS) -> Case:
    case = Case(api, "giam_sat_phan_bien", "mat_tran", SUPERVISION)
    case.do("lap_ke_hoach_giam_sat", "mat_tran", {"so_ke_hoach_giam_sat": "05/KH-MTTQ", "hinh_thuc_giam_sat":
                                                   ["nghien_cuu_van_ban", "khao_sat_thuc_te"],
                                                   "ngay_bat_dau_giam_sat": "2026-03-09",
                                                   "thanh_phan": "MTTQ, Hội Nông dân"})
    case.do("thong_bao_giam_sat", "mat_tran", {})  # the notice: numbered and dated by the register
    case.do("tien_hanh_giam_sat", "mat_tran", {"ngay_ket_thuc_giam_sat": "2026-03-13",
                                               "ket_qua_giam_sat": "Đã khảo sát 20 hộ"})
    case.do("ket_luan_kien_nghi", "mat_tran", findings)
    return case


def criticise(api, draft=CRITICISED_DRAFT) -> Case:
    case = Case(api, "giam_sat_phan_bien", "mat_tran", CRITICISM)
    case.do("nhan_du_thao", "mat_tran", draft)
    return case


# --- thanh_tra_nhan_dan: an inspection by the People's Inspection Board -------------------------------------

INSPECTION_SUBJECT = {"noi_dung_kiem_tra": "Việc thu, chi quỹ xây dựng đường thôn",
                      "doi_tuong_kiem_tra": "Ban quản lý công trình đường thôn Phú Sơn", "can_cu": "yeu_cau_cong_dan"}
INSPECTION_PLAN = {"so_ke_hoach": "03/KH-TTND", "thanh_vien_doan": ["Lý Thị Thanh", "Phan Văn Hòa"],
                   "noi_dung_ke_hoach": "Kiểm tra sổ sách thu, chi năm 2025"}
INSPECTION_APPROVED = {"phe_duyet_ke_hoach": "dong_y", "ngay_phe_duyet_ke_hoach": "2026-03-02"}  # by the Front
INSPECTION_SENT = {"ngay_gui_ke_hoach": "2026-03-02", "ngay_kiem_tra": "2026-03-09", "da_gui_mat_tran": True,
                   "da_gui_chu_tich": True, "da_gui_doi_tuong": True}
INSPECTION_FINDINGS = {"ket_luan": "Thu đúng, chi thiếu chứng từ", "co_vi_pham": True,  # sent the day the step completes
                       "kien_nghi": [{"noi_dung": "Bổ sung chứng từ chi"},
                                     {"noi_dung": "Công khai quyết toán tại nhà văn hóa"}]}


def inspection_answered(*kinds: str) -> dict:
    """The Chairman's answer to each recommendation of an inspection, in order."""
    return {"tra_loi_kien_nghi": [{"so_thu_tu": i + 1, "xu_ly": k,
                                   "noi_dung_tra_loi": "Giao kế toán thực hiện trước 15/4"}
                                  for i, k in enumerate(kinds)]}


def inspect(api, findings=INSPECTION_FINDINGS) -> Case:
    case = Case(api, "thanh_tra_nhan_dan", "ban_ttnd", INSPECTION_SUBJECT)
    case.do("lap_ke_hoach", "ban_ttnd", INSPECTION_PLAN)
    case.do("duyet_ke_hoach", "mat_tran", INSPECTION_APPROVED)
    case.do("gui_ke_hoach", "ban_ttnd", INSPECTION_SENT)
    case.do("tien_hanh_kiem_tra", "ban_ttnd", {"ngay_ket_thuc_kiem_tra": "2026-03-10",
                                               "bien_ban_kiem_tra": "Biên bản 01"})
    case.do("ket_luan_kien_nghi", "ban_ttnd", findings)
    return case


# --- to_cao: a denunciation -------------------------------------------------------------------------------

DENUNCIATION_INTAKE = {
    "an_danh": False,
    "nguoi_to_cao": "Phạm Thị Cúc",
    "so_giay_to_tuy_than": "051190007777",
    "dia_chi": "Thôn An Hòa Bắc, xã Nghĩa Kỳ",
    "so_dien_thoai": "0905333444",
    "thon": "Thôn An Hòa Bắc",
    "ngay_nhan_don": "2026-03-02",
    "hinh_thuc_tiep_nhan": "truc_tiep",
    "nguoi_bi_to_cao": "Ông Lê Văn Dũng",
    "chuc_vu_nguoi_bi_to_cao": "Công chức Địa chính xã",
    "vi_tri_nguoi_bi_to_cao": "can_bo_cong_chuc_xa",
    "noi_dung_to_cao": "Nhận tiền để xác nhận hồ sơ đất đai sai quy định",
    "kiem_tra_nhieu_noi": False,
}
DENUNCIATION_CHECK = {"so_vao_so": "TC-15", "da_xac_dinh_nguoi_to_cao": True, "thuoc_tham_quyen": True,
                      "co_dau_hieu_toi_pham": False, "du_dieu_kien_thu_ly": True, "de_xuat": "thu_ly"}
DENUNCIATION_ACCEPT = {"ket_qua_xu_ly": "thu_ly",  # the decision's number and date (ngay_thu_ly): the register
                       "can_bo_xac_minh_duoc_giao": "Huỳnh Văn Minh"}
DENUNCIATION_NOTICE = {}  # both notices (to the denouncer, to the person denounced): numbered by the register


# --- bao_cao_dinh_ky: a periodic report ---------------------------------------------------------------------

REPORT_DRAFT = {"noi_dung_bao_cao": "Sáu tháng đầu năm, xã tiếp nhận 13 vụ việc.\nĐã giải quyết 9.",
                "danh_gia": "Giải quyết cơ bản đúng hạn.", "phuong_huong": "Giải quyết dứt điểm vụ việc tồn.",
                "kien_nghi_de_xuat": "", "tong_hop_lai_so_lieu": False}


def open_report(api, kind: str, year: int, user: str = "van_phong") -> Case:
    return Case(api, "bao_cao_dinh_ky", user, {"ky_bao_cao": kind, "nam": year})


# --- dan_van_kheo: a "Dân vận khéo" model ---------------------------------------------------------------

DVK_MODEL = {"ten_mo_hinh": "Dân vận khéo trong chuyển đổi số", "don_vi": "Đoàn Thanh niên xã",
         "linh_vuc": "xay_dung_he_thong_chinh_tri", "nguoi_phu_trach": "Hồ Văn Đoàn",
         "muc_tieu": "Hướng dẫn 500 hộ dùng dịch vụ công trực tuyến", "thoi_gian_bat_dau": "2026-03-02"}
DVK_ALL_MET = {"tieu_chi_cu_the": True, "tieu_chi_cap_uy_lanh_dao": True, "tieu_chi_dang_ky": True,
           "tieu_chi_nhan_dan_ung_ho": True, "tieu_chi_ben_vung": True, "tiep_tuc_thuc_hien": False}
DVK_REPORT = {"ngay_bao_cao": "2026-03-02", "ket_qua_thuc_hien_mo_hinh": "620 hộ đã dùng dịch vụ công"}
DVK_COMMENDED = {"hinh_thuc_khen": "giay_khen"}  # the decision's number and date come from the register


def registered_model(api, data=DVK_MODEL) -> Case:
    """A model registered, surveyed and carried out: ready to be evaluated."""
    case = Case(api, "dan_van_kheo", "doan_the", data)
    case.do("khao_sat", "van_phong", {"ngay_khao_sat": "2026-03-02", "ket_qua_khao_sat": "chap_thuan"})
    case.do("trien_khai", "doan_the", DVK_REPORT)
    return case


# --- gia_han: the case-deadline diagram (`tests.diagrams.extension_diagram`) --------------------------------
def complete_as_chairman(api, case: dict, name: str, data: dict) -> dict:
    """Complete the case's ready task `name` as the Chairman (the diagram's one lane); the case afterwards."""
    detail = api.as_("chu_tich").get(f"/api/v1/instances/{case['id']}").get_json()
    task = next(t for t in detail["tasks"] if t["name"] == name and t["status"] == "ready")
    response = api.as_("chu_tich").post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})
    assert response.status_code == 200, response.get_json()
    return api.as_("chu_tich").get(f"/api/v1/instances/{case['id']}").get_json()

# A letter a citizen sends from the public portal (the portal's small public diagram, tests/web/public_diagram.py).
PORTAL_LETTER = {"nguoi_gui": "Trần Thị Bình", "so_dien_thoai": "0905111222", "tieu_de": "Đường thôn xuống cấp",
                 "noi_dung": "Đề nghị sửa đường.", "linh_vuc": "dat_dai", "thon": "Thôn Phú Sơn"}

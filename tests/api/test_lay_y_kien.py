"""Matters the people comment on (`bpmn/lay_y_kien.bpmn`) through the HTTP API.

Comments arrive as `gop_y` messages (`POST /api/v1/instances/{id}/messages`), any number of them while the
comment period is open, from the staff roles allowed by `message.gop_y.roles`; each is numbered and kept in
the case's comment list (a BPMN data object). Closing the period is a user task due at its end; after it,
no comment is accepted. Every comment must then be taken in or explained before the Chairman approves and
the result is published.
"""
from tests.samples import CONSULTATION_CLOSED, answers, comment, open_period


def test_comment_period_is_open_until_its_end_is_confirmed(api):
    case = open_period(api)
    assert case.body["business_key"] == "LYK-2026-000001"
    assert case.open_task_names() == ["ket_thuc_lay_y_kien"]
    # starts Mon 2/3/2026, 30 days -> Wed 1/4/2026
    assert case.due_day("ket_thuc_lay_y_kien") == "2026-04-01"
    assert {"name": "gop_y", "title": "Góp ý", "allowed": True} in case.detail("van_phong")["messages"]


def test_many_comments_from_several_staff_roles_are_numbered_in_order(api):
    case = open_period(api)
    senders = [("van_phong", "hop_cong_dong", "Thôn Phú Sơn"), ("truong_thon", "hop_cong_dong", "Thôn Phú Sơn"),
               ("mat_tran", "qua_mat_tran", "Thôn Kỳ Thọ Nam"), ("tiep_cong_dan", "cong_thong_tin", ""),
               ("ban_cong_tac_mat_tran", "qua_mat_tran", "Thôn Kỳ Thọ Nam")]
    for n, (user, kenh, thon) in enumerate(senders, 1):
        response = case.send("gop_y", user, comment(f"Ý kiến {n}", kenh, thon))
        assert response.status_code == 200, response.get_json()
    listed = case.data["data_objects"]["danh_sach_gop_y"]
    assert [(c["so_thu_tu"], c["noi_dung"]) for c in listed] == [(n, f"Ý kiến {n}") for n in range(1, 6)]
    assert case.open_task_names() == ["ket_thuc_lay_y_kien"]  # the closing task stays put while comments arrive
    case.do("ket_thuc_lay_y_kien", "van_phong", CONSULTATION_CLOSED)
    data = case.data
    assert data["so_y_kien"] == 5
    assert data["so_y_kien_theo_kenh"] == {"hop_cong_dong": 2, "qua_mat_tran": 2, "cong_thong_tin": 1}
    assert data["so_y_kien_theo_thon"] == {"Thôn Phú Sơn": 2, "Thôn Kỳ Thọ Nam": 2, "khong_ro": 1}
    assert case.open_task_names() == ["tiep_thu_giai_trinh"]


def test_no_comment_is_accepted_once_the_period_is_closed(api):
    case = open_period(api)
    case.send("gop_y", "van_phong", comment("Kịp hạn"))
    case.do("ket_thuc_lay_y_kien", "van_phong", CONSULTATION_CLOSED)
    late = case.send("gop_y", "van_phong", comment("Muộn"))
    assert late.status_code == 422
    assert "name" in late.get_json()["error"]["details"]
    assert case.data["so_y_kien"] == 1


def test_closing_before_the_period_ends_is_sent_back(api):
    case = open_period(api)
    case.do("ket_thuc_lay_y_kien", "van_phong", {"ngay_ket_thuc_lay_y_kien": "2026-03-25"})
    assert case.open_task_names() == ["ket_thuc_lay_y_kien"]  # 23 days < 30: the same step again
    assert case.due_day("ket_thuc_lay_y_kien") == "2026-04-01"
    assert case.send("gop_y", "truong_thon", comment("Vẫn nhận")).status_code == 200


def test_every_comment_must_be_taken_in_or_explained_before_approval(api):
    case = open_period(api)
    for n in range(3):
        case.send("gop_y", "van_phong", comment(f"Ý kiến {n + 1}"))
    case.do("ket_thuc_lay_y_kien", "van_phong", CONSULTATION_CLOSED)
    case.do("tiep_thu_giai_trinh", "van_phong", answers("tiep_thu", "giai_trinh"))  # comment 3 forgotten
    assert case.data["y_kien_chua_xu_ly"] == [3]
    assert case.open_task_names() == ["tiep_thu_giai_trinh"]
    duplicated = answers("tiep_thu", "giai_trinh", "tiep_thu")
    duplicated["xu_ly_y_kien"][2]["so_thu_tu"] = 2
    case.do("tiep_thu_giai_trinh", "van_phong", duplicated)
    assert case.data["xu_ly_trung_hoac_sai_so"] is True
    assert case.open_task_names() == ["tiep_thu_giai_trinh"]
    case.do("tiep_thu_giai_trinh", "van_phong", answers("tiep_thu", "giai_trinh", "tiep_thu"))
    data = case.data
    assert (data["so_y_kien_tiep_thu"], data["so_y_kien_giai_trinh"]) == (2, 1)
    assert case.open_task_names() == ["duyet_giai_trinh"]


def test_chairman_sends_the_explanations_back_then_approves_and_they_are_published(api):
    case = open_period(api)
    case.send("gop_y", "mat_tran", comment("Giữ lại đất lúa"))
    case.do("ket_thuc_lay_y_kien", "van_phong", CONSULTATION_CLOSED)
    case.do("tiep_thu_giai_trinh", "van_phong", answers("giai_trinh"))
    refused = case.refuse("duyet_giai_trinh", "chu_tich", {"duyet": "yeu_cau_sua"})
    assert "y_kien_chu_tich" in refused["details"]
    case.do("duyet_giai_trinh", "chu_tich", {"duyet": "yeu_cau_sua", "y_kien_chu_tich": "Giải trình rõ hơn"})
    assert case.open_task_names() == ["tiep_thu_giai_trinh"]
    case.do("tiep_thu_giai_trinh", "van_phong", answers("tiep_thu"))
    case.do("duyet_giai_trinh", "chu_tich", {"duyet": "dong_y"})
    # publication due 30 days after the comment period closed (1/4/2026) -> Fri 1/5 is a holiday (Labour Day),
    # then the weekend -> Monday 4/5/2026
    assert case.due_day("cong_bo_ket_qua") == "2026-05-04"
    case.do("cong_bo_ket_qua", "van_phong", {"hinh_thuc_cong_bo_ket_qua": ["niem_yet_tru_so", "cong_thong_tin"]})
    assert case.outcome() == ("completed", "da_cong_khai_giai_trinh")
    assert case.data["danh_sach_y_kien"][0]["noi_dung"] == "Giữ lại đất lúa"


def test_a_period_without_comments_goes_straight_to_publication(api):
    case = open_period(api)
    case.do("ket_thuc_lay_y_kien", "van_phong", CONSULTATION_CLOSED)
    assert case.data["so_y_kien"] == 0
    assert case.open_task_names() == ["cong_bo_ket_qua"]
    case.do("cong_bo_ket_qua", "van_phong", {"hinh_thuc_cong_bo_ket_qua": ["niem_yet_tru_so"]})
    assert case.outcome() == ("completed", "khong_co_y_kien")


def test_comment_data_is_checked_and_only_allowed_roles_may_send_it(api):
    case = open_period(api)
    response = case.send("gop_y", "van_phong", {"kenh": "hop_cong_dong", "noi_dung": "Thiếu ngày"})
    assert response.status_code == 422 and "ngay_gop_y" in response.get_json()["error"]["details"]
    response = case.send("gop_y", "van_phong", {**comment("x"), "so_thu_tu": 99})
    assert response.status_code == 422 and "so_thu_tu" in response.get_json()["error"]["details"]
    assert case.send("gop_y", "chu_tich", comment("Không được gửi")).status_code == 403
    assert case.send("gop_y", "can_bo_xac_minh", comment("Không được gửi")).status_code == 403
    assert case.data["data_objects"]["danh_sach_gop_y"] == []


def test_comment_identity_fields_are_marked_confidential(api):
    form = api.as_("van_phong").get("/api/v1/process-models/lay_y_kien/versions/1/files/lay_y_kien-gop_y.schema.json")
    assert form.status_code == 200
    properties = form.get_json()["properties"]
    assert properties["nguoi_gop_y"]["x-confidential"] is True
    assert properties["lien_he"]["x-confidential"] is True


def test_the_chairman_cannot_close_the_period_and_the_office_cannot_approve(api):
    case = open_period(api)
    assert case.refuse("ket_thuc_lay_y_kien", "chu_tich", CONSULTATION_CLOSED)["status"] == 403
    case.send("gop_y", "van_phong", comment("Một ý kiến"))
    case.do("ket_thuc_lay_y_kien", "van_phong", CONSULTATION_CLOSED)
    case.do("tiep_thu_giai_trinh", "van_phong", answers("tiep_thu"))
    assert case.refuse("duyet_giai_trinh", "van_phong", {"duyet": "dong_y"})["status"] == 403


def test_a_comment_dated_after_today_is_refused_naming_the_day(api):
    """A comment is recorded once given: a staff member typing it cannot date it on a day still to come (the
    portal dates a citizen's comment itself, today)."""
    case = open_period(api)
    response = case.send("gop_y", "van_phong", {**comment("Ngày mai"), "ngay_gop_y": "2026-03-03"})
    assert response.status_code == 422
    details = response.get_json()["error"]["details"]
    assert list(details) == ["ngay_gop_y"] and "không thể sau hôm nay (02/03/2026)" in details["ngay_gop_y"]
    assert case.data["data_objects"]["danh_sach_gop_y"] == []
    assert case.send("gop_y", "van_phong", comment("Hôm nay")).status_code == 200  # dated today
    assert [c["noi_dung"] for c in case.data["data_objects"]["danh_sach_gop_y"]] == ["Hôm nay"]

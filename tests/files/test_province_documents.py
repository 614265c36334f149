"""A denunciation of the commune Chairman moved to the province (Law on Denunciations Art. 13): the documents
its steps issue after the move are the provincial People's Committee's, numbered in the province's own book of
the register (not the commune's) and headed with the province's name, signed by the province's Chairman; the
commune's transfer slip, issued before the move, stays in the commune's book."""
from __future__ import annotations

from tests.api.test_to_cao_conflict import concluded_by_the_province, passed_up
from tests.files.test_khieu_nai_documents import issued

PROVINCE, COMMUNE = "Tỉnh Quảng Ngãi", "Xã Nghĩa Kỳ"


def references(api, user: str) -> list[tuple[str, str]]:
    return [(line["reference"], line["commune"]) for line in
            api.as_(user).get("/api/v1/register?year=2026").get_json()["items"]]


def test_the_province_numbers_the_documents_of_a_case_moved_to_it_in_its_own_book(api):
    passed_up(api)  # the commune's 01/PC-UBND: its slip passing the first letter up
    case = concluded_by_the_province(api)  # the commune's 02/PC-UBND, then the province's first document
    province = references(api, "chu_tich.tinh")
    assert [ref for ref, unit in province if unit == PROVINCE] == [  # its own 01, not the commune's 03
        "01/QĐ-UBND", "02/TB-UBND", "03/TB-UBND"]  # the acceptance, the notices to each party
    assert [ref for ref, unit in province if unit == COMMUNE] == ["01/PC-UBND", "02/PC-UBND"]
    assert all(unit != PROVINCE for _, unit in references(api, "tiep_cong_dan"))  # the commune never reads it
    passed_up(api)  # the commune goes on in its own book
    assert [ref for ref, _ in references(api, "tiep_cong_dan")][-1] == "03/PC-UBND"
    assert case.detail("chu_tich.tinh")["data"]["so_van_ban_thong_bao_thu_ly"] == "02/TB-UBND"


def test_a_document_the_province_issues_is_headed_and_signed_by_the_province(api):
    case = concluded_by_the_province(api)
    documents = dict(issued_by_province(api, case))
    notice = next(text for reference, text in documents.items() if reference.endswith("/TB-UBND"))
    assert "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI" in notice and f"{PROVINCE}, ngày" in notice
    assert "Tôn Thất Hùng" in notice  # the province's Chairman signs
    decision = documents["01/QĐ-UBND"]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" in decision and "Tôn Thất Hùng" in decision
    slip = next(text for reference, text in documents.items() if reference.endswith("/PC-UBND"))
    assert "XÃ NGHĨA KỲ" in slip  # issued by the commune before the move


def issued_by_province(api, case):
    """(reference, text) of the case's documents, read by the province (the commune no longer sees it)."""
    reader = api.as_("chu_tich.tinh")

    class Reader:
        def as_(self, _user):
            return reader
    return issued(Reader(), case)

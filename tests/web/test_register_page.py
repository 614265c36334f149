"""The register page (Sổ đăng ký văn bản đi): each issuing body's book, read whole or one at a time, with
who issued each document by name."""
from tests.deploys import deploy
from tests.diagrams import diagram
from tests.files.test_outgoing_register import NUMBERED, complete, open_step


def test_the_register_page_shows_each_book_and_reads_one(api, web):
    front = '<spiffworkflow:property name="document.symbol" value="TB-MTTQ"/>'
    assert deploy(api, diagram(task_props=NUMBERED)).status_code == 201
    assert complete(api, open_step(api)).status_code == 200
    assert deploy(api, diagram(task_props=front)).status_code == 201
    assert complete(api, open_step(api)).status_code == 200
    page = web("chu_tich")
    both = page.text("/so-van-ban-di?nam=2026")
    assert "01/TB-UBND" in both and "01/TB-MTTQ" in both and "Ủy ban Mặt trận Tổ quốc" in both
    assert "Trần Thị Tiếp" in both and ">tiep_cong_dan<" not in both
    front_only = page.text("/so-van-ban-di?nam=2026&co_quan=MTTQ")
    assert "01/TB-MTTQ" in front_only and "01/TB-UBND" not in front_only
    refused = page.get("/so-van-ban-di?nam=2026&co_quan=M%20T")
    assert refused.status_code == 422 and "hãy chọn một cơ quan trong danh sách." in refused.get_data(as_text=True)


def test_the_provinces_page_shows_its_own_book_beside_its_communes(api, web):
    """A denunciation moved to the province: the province's acceptance decision is in the province's book,
    read by the province's people, never by the commune's."""
    from tests.api.test_to_cao_conflict import concluded_by_the_province

    concluded_by_the_province(api)
    province = web("chu_tich.tinh").text("/so-van-ban-di?nam=2026")
    assert "01/QĐ-UBND" in province and "Tỉnh Quảng Ngãi" in province and "01/PC-UBND" in province
    commune = web("tiep_cong_dan").text("/so-van-ban-di?nam=2026")
    assert "01/PC-UBND" in commune and "01/QĐ-UBND" not in commune and "Tỉnh Quảng Ngãi" not in commune

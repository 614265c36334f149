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

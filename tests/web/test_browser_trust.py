"""The trust rules of issue 21 as a person meets them in a real Chromium."""
import pytest
from sqlalchemy import func, select

from engine.people.users import create_user
from engine.store.tables import Case, User
from tests.trust.helpers import PASSWORD

from .browser import log_in

pytestmark = pytest.mark.browser


def test_an_auditor_holding_a_staff_role_is_refused_when_opening_a_case_or_creating_an_account(open_page, services):
    create_user(services, username="kiem_tra_kiem_tiep", password=PASSWORD, full_name="Lê Thị Kiểm",
                roles=["kiem_tra", "tiep_cong_dan", "quan_tri"], unit_code="nghia_ky")
    page = open_page()
    log_in(page, "kiem_tra_kiem_tiep", PASSWORD)
    page.goto("/cases/new/khieu_nai")
    page.get_by_label("Họ và tên người khiếu nại").fill("Nguyễn Văn An")
    page.get_by_label("Nội dung khiếu nại").fill("Khiếu nại quyết định thu hồi đất")
    page.locator("#open-case").click()
    page.get_by_text("Kiểm tra viên chỉ được xem, không được thay đổi dữ liệu.").wait_for()
    page.goto("/admin/users")
    page.get_by_label("Tên đăng nhập").fill("chu_tich_moi")
    page.get_by_label("Họ tên").fill("Chủ tịch mới")
    page.get_by_label("Mật khẩu (ít nhất 8 ký tự)").fill("mat-khau-moi-123")
    page.locator("input[name=roles][value=chu_tich]").check()
    page.locator("#u-unit").select_option("nghia_ky")
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.get_by_text("Kiểm tra viên chỉ được xem, không được thay đổi dữ liệu.").wait_for()
    with services.uow(write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Case)) == 0
        assert uow.session.scalar(select(func.count()).select_from(User).where(User.username == "chu_tich_moi")) == 0

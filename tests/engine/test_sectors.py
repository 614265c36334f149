"""The closed list of sectors, and how an old free-text `linh_vuc` is mapped to it (`engine.core.sectors`)."""
import pytest

from engine.core.sectors import OTHER, PRIORITY_SECTORS, SECTORS, sector_code


@pytest.mark.parametrize("text, code", [
    ("Đất đai", "dat_dai"), ("tranh chấp đất", "dat_dai"), ("Cấp sổ đỏ", "dat_dai"),
    ("Bồi thường khi thu hồi đất", "boi_thuong_tai_dinh_cu"), ("Tái định cư", "boi_thuong_tai_dinh_cu"),
    ("Ô nhiễm môi trường", "moi_truong"), ("Thương binh, liệt sĩ", "nguoi_co_cong"),
    ("Trợ cấp xã hội", "an_sinh_xa_hoi"), ("Hộ nghèo", "giam_ngheo"), ("Nông thôn mới", "nong_thon_moi"),
    ("Hạ tầng", OTHER), ("xay_dung_he_thong_chinh_tri", OTHER), ("moi_truong", "moi_truong"),
])
def test_an_old_free_text_maps_to_the_list_by_its_words(text, code):
    assert sector_code(text) == code


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_no_value_is_no_sector(empty):
    assert sector_code(empty) is None


def test_the_priority_sectors_are_the_plans_and_other_is_last():
    assert list(SECTORS)[-1] == OTHER and OTHER not in PRIORITY_SECTORS and len(PRIORITY_SECTORS) == 7

"""Words people read everywhere (issue 19): "Mở hồ sơ" is opening a new case, "Xem hồ sơ" viewing one; English
counts take their plural only when more than one; every page names danchu's icon."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from engine.worker.timers import fire_due_timers
from tests.samples import Complaint


def test_opening_a_new_case_and_viewing_one_have_different_words(web, api, services, clock):
    Complaint(api)  # received Mon 2/3/2026: the reception officer is reminded from Tue 10/3
    clock.set(datetime(2026, 3, 9, 17, 0, 1, tzinfo=timezone.utc))
    assert fire_due_timers(services) == 1
    officer = web("tiep_cong_dan")
    assert re.search(r'<a href="/cases/new">Mở hồ sơ mới</a>', officer.text("/inbox"))
    notifications = officer.text("/notifications")
    assert re.search(r'<button type="submit" name="open" value="1">Xem hồ sơ</button>', notifications)
    assert "Mở hồ sơ<" not in notifications.replace("Mở hồ sơ mới<", "")


def test_english_counts_are_singular_for_one_and_plural_for_more(web, api):
    Complaint(api)
    officer = web("tiep_cong_dan")
    officer.get("/lang/en")
    assert "1 case</p>" in officer.text("/cases")
    Complaint(api)
    assert "2 cases</p>" in officer.text("/cases")
    assert re.search(r"\b10 days left\b", officer.text("/inbox"))


def test_every_page_names_the_icon_it_serves(web):
    page = web().text("/cong-dan/")
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)
    response = web().get(icon)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"

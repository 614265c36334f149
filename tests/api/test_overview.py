"""The Chairman's overview (`GET /api/v1/instances/overview`) and the `due` filter of the case lists."""
from tests.samples import Complaint, visit


def _line(lines, key):
    return next(line for line in lines if line["key"] == key)


def test_counts_follow_the_clock_through_the_week_by_process_and_hamlet(api, clock):
    complaint = Complaint(api)  # its first step is due at the end of 12/03 (Thursday of next week)
    reception = visit(api, thon="Thôn Kỳ Thọ Bắc")  # due at the end of 05/03, this Thursday
    chairman = api.as_("chu_tich")
    body = chairman.get("/api/v1/instances/overview").get_json()
    assert (body["running"], body["overdue"], body["this_week"]) == (2, 0, 1)
    assert body["week_end"] == "2026-03-08T17:00:00+00:00"  # Monday 09/03 00:00 in the commune
    assert _line(body["by_process"], "tiep_cong_dan")["this_week"] == 1
    assert _line(body["by_hamlet"], "Thôn Phú Sơn") == {"key": "Thôn Phú Sơn", "label": "Thôn Phú Sơn",
                                                         "running": 1, "overdue": 0, "this_week": 0}
    assert _line(body["by_sector"], "khac")["running"] == 1  # the complaint; a visit has no sector
    clock.advance(days=5)  # Saturday: the visit is overdue, the complaint not yet due this week
    body = chairman.get("/api/v1/instances/overview").get_json()
    assert (body["overdue"], body["this_week"]) == (1, 0)
    assert _line(body["by_process"], "tiep_cong_dan")["overdue"] == 1
    listed = chairman.get("/api/v1/instances?due=overdue").get_json()
    assert [c["id"] for c in listed["items"]] == [reception.id]
    clock.advance(days=2)  # Monday: a new week, the complaint's step is due in it
    body = chairman.get("/api/v1/instances/overview").get_json()
    assert (body["overdue"], body["this_week"]) == (1, 1)
    listed = chairman.get("/api/v1/instances?due=this_week").get_json()
    assert [c["id"] for c in listed["items"]] == [complaint.id]


def test_another_commune_counts_none_of_these_cases_and_a_wrong_filter_is_named(api):
    Complaint(api)
    assert api.as_("chu_tich.b").get("/api/v1/instances/overview").get_json()["running"] == 0
    response = api.as_("chu_tich").get("/api/v1/instances?due=soon")
    assert response.status_code == 422 and "due" in str(response.get_json()["error"]["details"])

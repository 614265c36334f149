def test_x(web, api):
    admin = web("quan_tri")
    for data in ({"kind": "tiep_cong_dan", "weekdays": "²", "start_time": "07:30", "active": "1"},
                 {"kind": "doi_thoai", "month": "²", "day": "1", "active": "1"},
                 {"kind": "doi_thoai", "month": "11", "day": "³", "active": "1"}):
        r = admin.post("/admin/schedules", data, page="/admin/schedules")
        print("SCHED", r.status_code)
    ch = web("chu_tich")
    for u in ("/so-van-ban-di?year=²", "/so-van-ban-di?year=²⁰²⁶", "/so-van-ban-di.csv?year=²", "/reviews/long-running?older_than_days=²",
              "/reviews/long-running.csv?older_than_days=²", "/cases?sector=²", "/cases?limit=²", "/cases?page=²"):
        print("GET", u, ch.get(u).status_code)
    a = web("quan_tri.tinh")
    for u in ("/admin/moves?x=²",):
        print("GET", u, a.get(u).status_code)
    assert 0

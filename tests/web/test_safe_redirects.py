"""The `next` parameter of the language switch and of the login form (no login needed for either) must only
ever lead to a path of this site, however a browser would read the `Location` it is given: browsers drop tabs
and newlines anywhere in a URL, strip leading spaces and control characters, and read `\\` as `/`."""
from urllib.parse import urljoin, urlsplit

import pytest

SITE = "http://danchu.test/somewhere/page"

BYPASSES = [
    "//evil.example/", "///evil.example/", "/\\evil.example/", "\\/evil.example/", "\\\\evil.example/",
    "/\t/evil.example/", "/%09/evil.example/", "\t//evil.example/", "%09//evil.example/", " //evil.example/",
    "/\n/evil.example/", "/%0a/evil.example/", "/\r/evil.example/", "/%0d/evil.example/", "/%5cevil.example/",
    "/%5c%5cevil.example/", "%2f%2fevil.example/", "/%2fevil.example/", "https:evil.example", "https://evil.example/",
    "http:/evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
    "evil.example", "//evil.example@danchu.test/", "/\x0b/evil.example/",
    "/\x1f/evil.example/", "/\x7f/evil.example/", "\x01//evil.example/", "/\u0085/evil.example/",
    "/\r\nLocation: //evil.example/", "/%0d%0aLocation:%20//evil.example/", "/inbox\r\nSet-Cookie: x=1",
]
KEPT = ["/inbox", "/cases?citizen=nguy%E1%BB%85n+v%C4%83n&page=2", "/cases/abc/audit", "/cong-dan/",
        "/tra-cứu?q=Trần Thị", "/a/b;c?d=e#f"]


def _location(response) -> str:
    assert response.status_code == 302, (response.status_code, response.get_data(as_text=True)[:300])
    return response.headers["Location"]


def _stays_home(location: str) -> None:
    """What a browser on this site would make of the Location: the same host, over the same scheme."""
    cleaned = "".join(ch for ch in location.strip("\x00 \t\n\r\x0b\x0c") if ch not in "\t\n\r").replace("\\", "/")
    resolved = urlsplit(urljoin(SITE, cleaned))
    assert (resolved.scheme, resolved.netloc) == ("http", "danchu.test"), location
    assert not any(ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f for ch in location), location
    assert "\\" not in location and not location.startswith("//"), location


@pytest.mark.parametrize("target", BYPASSES)
def test_the_language_switch_never_leads_to_another_site(web, target):
    response = web().client.get("/lang/en", query_string={"next": target})
    assert _location(response) == "/"


@pytest.mark.parametrize("target", BYPASSES)
def test_the_login_form_never_leads_to_another_site(web, target):
    client = web()
    page = client.client.get("/login", query_string={"next": target})
    assert page.status_code == 200
    response = client.client.post("/login", query_string={"next": target},
                                  data={"username": "chu_tich", "password": "danchu-demo",
                                        "csrf_token": client.token()})
    assert _location(response) == "/inbox"


def test_a_raw_tab_in_the_query_string_is_refused_too(web):
    """The finding as sent: `?next=/%09/evil.example/` answered `Location: //evil.example/`."""
    for path in ("/lang/en?next=/%09/evil.example/", "/lang/en?next=/%0d%0aLocation:%20x",
                 "/lang/en?next=%5C%5Cevil.example"):
        location = _location(web().client.get(path))
        _stays_home(location)
        assert location == "/"


def test_a_nul_in_next_is_refused_before_any_view(web):
    assert web().client.get("/lang/en", query_string={"next": "/\x00/evil.example/"}).status_code == 422


@pytest.mark.parametrize("target", KEPT)
def test_paths_of_this_site_are_kept(web, target):
    location = _location(web().client.get("/lang/en", query_string={"next": target}))
    _stays_home(location)
    assert urlsplit(location).path.startswith("/") and location != "/"


def test_login_returns_to_the_page_asked_for(web):
    client = web()
    response = client.client.post("/login?next=/cases%3Fstatus%3Drunning",
                                  data={"username": "chu_tich", "password": "danchu-demo",
                                        "csrf_token": client.token()})
    assert _location(response) == "/cases?status=running"

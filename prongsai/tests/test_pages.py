"""What every page promises: own-host assets only, no inline script, Thai first, English too."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from prongsai.orgs.models import Organization

PUBLIC_PAGES = ["/", "/prasat-thong/", "/accounts/login/", "/no-such-org/", "/api/v1/docs"]


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)


class AssetCollector(HTMLParser):
    """Collects what a browser would load by itself, and inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.inline_scripts = 0
        self.inline_handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video"} and attrs.get("src"):
            self.loads.append(attrs["src"])
        elif tag == "script" and attrs.get("type") != "application/json":  # data, not code
            self.inline_scripts += 1
        if tag == "link" and attrs.get("rel") in {"stylesheet", "preload", "icon"}:
            self.loads.append(attrs["href"])
        self.inline_handlers += [name for name in attrs if name.startswith("on")]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_load_nothing_from_another_host(client, demo, path):
    response = client.get(path)
    parser = AssetCollector()
    parser.feed(response.content.decode())
    assert parser.loads, "the page should load its styles"
    assert all(url.startswith("/") and not url.startswith("//") for url in parser.loads)
    assert parser.inline_scripts == 0 and parser.inline_handlers == []
    assert "style=" not in response.content.decode()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_send_a_strict_content_security_policy(client, demo, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_font_and_htmx_are_served_by_the_instance(client, demo, live_server):
    import urllib.request

    for path in [
        "/static/vendor/sarabun/sarabun-thai-400-normal.woff2",
        "/static/vendor/htmx/htmx.min.js",
        "/static/css/prongsai.css",
    ]:
        with urllib.request.urlopen(live_server.url + path) as response:
            assert response.status == 200 and len(response.read()) > 1000


def test_pages_are_thai_by_default(client, demo):
    response = client.get("/prasat-thong/")
    assert response["Content-Language"] == "th"
    assert '<html lang="th">' in response.content.decode()
    assert "ติดต่อหน่วยงาน" in response.content.decode()


def test_a_browser_set_to_english_still_gets_thai(client, demo):
    response = client.get("/prasat-thong/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "th"
    assert "ติดต่อหน่วยงาน" in response.content.decode()


def test_english_is_available(client, demo):
    client.get("/i18n/setlang/", {"language": "en", "next": "/prasat-thong/"})
    response = client.get("/prasat-thong/")
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Contact" in body and "ติดต่อหน่วยงาน" not in body
    assert "องค์การบริหารส่วนตำบลปราสาททอง" in body  # names are data, not translated


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_home_lists_demo_orgs_with_links(client, demo):
    body = client.get("/").content.decode()
    for org in Organization.objects.all():
        assert re.search(rf'href="/{org.slug}/"', body)

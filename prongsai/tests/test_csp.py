"""Every page of the demo keeps to a Content Security Policy without 'unsafe-inline'.

A crawl of the demo org as its signed-in admin (public and staff pages), plus
sign-in and the error pages: each HTML answer sends a policy without
'unsafe-inline' or 'unsafe-eval' (the rich-text editor pages add a nonce for
Trix's styles, nothing else) and its HTML holds no script without a nonce, no
style attribute and no on* handler. In Chromium, the busiest pages log no
violation of the policy.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

ORG = "/prasat-thong/"
# Files, not pages; and signing out would end the crawl.
SKIPPED = re.compile(
    r"\.(xlsx|csv|pdf|docx|png|svg|jpg|jpeg|webp|xml|json|ics|txt)$"
    r"|/files/|/media/|/logout/|/download|/poster\b|/rss/|/atom/"
)
MAX_PAGES = 600


class PageChecker(HTMLParser):
    """Links to follow, and whatever needs 'unsafe-inline' to run or apply."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.findings: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        data = values.get("type") in {"application/json", "application/ld+json"}
        if tag == "script" and not values.get("src") and "nonce" not in values and not data:
            self.findings.append("inline <script> without a nonce")
        if "style" in values:
            self.findings.append(f"style= on <{tag}>")
        self.findings += [f"{name}= on <{tag}>" for name in values if name.startswith("on")]
        if tag == "style" and "nonce" not in values:
            self.findings.append("<style> without a nonce")


def policy_findings(response) -> list[str]:
    policy = response.get("Content-Security-Policy", "")
    if not policy:
        return ["no Content-Security-Policy header"]
    findings = [word for word in ("'unsafe-inline'", "'unsafe-eval'") if word in policy]
    directives = dict([*d.strip().split(" ", 1), ""][:2] for d in policy.split(";") if d.strip())
    if directives.get("script-src") != "'self'":
        findings.append(f"script-src is {directives.get('script-src')!r}")
    if "default-src" not in directives:
        findings.append("no default-src")
    return findings


def check(response) -> list[str]:
    findings = policy_findings(response)
    if response["Content-Type"].startswith("text/html"):
        parser = PageChecker()
        parser.feed(response.content.decode())
        findings += parser.findings
    return findings


def test_the_checker_finds_what_needs_unsafe_inline():
    parser = PageChecker()
    parser.feed(
        '<p style="color:red" onclick="x()">a</p><script>alert(1)</script>'
        '<script nonce="n">ok()</script><script type="application/json">{}</script>'
        "<style>p{}</style>"
    )
    assert parser.findings == [
        "style= on <p>",
        "onclick= on <p>",
        "inline <script> without a nonce",
        "<style> without a nonce",
    ]


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)


@pytest.fixture
def admin_client(demo):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "pt-admin", "password": "prongsai-demo"}
    )
    assert response.status_code == 302
    return client


def crawl(client: Client, start: list[str]) -> dict[str, list[str]]:
    """Every page reachable from `start` under the org, with what is wrong on each."""
    seen, queue, results = set(start), list(start), {}
    while queue and len(results) < MAX_PAGES:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code in (301, 302):
            target = urlsplit(response["Location"]).path
            if target.startswith(ORG) and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if response.streaming:
            continue
        results[path] = [f"{response.status_code}"] if response.status_code >= 500 else []
        results[path] += check(response)
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = PageChecker()
        parser.feed(response.content.decode())
        for href in parser.links:
            url = urldefrag(href).url
            parts = urlsplit(url)
            if parts.netloc or not parts.path.startswith(ORG) or SKIPPED.search(parts.path):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query and "page=" not in url else "")
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return results


def test_every_page_of_the_demo_as_its_admin(admin_client):
    results = crawl(admin_client, [ORG, f"{ORG}staff/"])
    staff_pages = [path for path in results if "/staff/" in path]
    assert len(results) > 100 and len(staff_pages) > 50, "the crawl reached the whole site"
    assert {path: findings for path, findings in results.items() if findings} == {}


def test_the_editor_pages_add_only_a_nonce_for_trix_styles(admin_client):
    for path in [f"{ORG}staff/news/new/", f"{ORG}staff/pages/new/"]:
        response = admin_client.get(path)
        policy = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert re.fullmatch(r"'self' 'nonce-[\w+/=-]+'", directives["style-src"])
        assert directives["script-src"] == "'self'"
        assert check(response) == []


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/no-such-org/", 404),
        (f"{ORG}no-such-page/", 404),
        (f"{ORG}track/ZZZZ9999/", 404),
        ("/ban-mai/staff/", 403),
    ],
)
def test_sign_in_and_error_pages(admin_client, path, status):
    response = admin_client.get(path)
    assert response.status_code == status
    assert check(response) == []


def test_the_sign_in_page(demo, client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert check(response) == []


def test_the_bad_request_page(demo, client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert check(response) == []


# In Chromium -------------------------------------------------------------------------------


def violations_on(page, url: str) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [text for text in messages if "Content Security Policy" in text]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chromium_logs_no_violation(browser, live_server):
    call_command("demo", verbosity=0)
    from prongsai.inbox.models import Case

    code = Case.objects.filter(org__slug="prasat-thong", kind="complaint").first().tracking_code
    context = browser.new_context()
    page = context.new_page()
    public = [ORG, f"{ORG}complain/", f"{ORG}track/{code}/"]
    found = {path: violations_on(page, live_server.url + path) for path in public}
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "pt-admin")
    page.fill("input[name=password]", "prongsai-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    for path in [f"{ORG}staff/cases/", f"{ORG}staff/cases/{code}/"]:
        found[path] = violations_on(page, live_server.url + path)
    context.close()
    assert found == {path: [] for path in found}

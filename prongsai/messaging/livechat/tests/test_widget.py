"""The chat button on the org's public pages: self-hosted, no inline script or style."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from .conftest import the_chat


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self.problems.append("inline script")
        if "src" in attrs and not attrs["src"].startswith("/"):
            self.problems.append(attrs["src"])
        self.problems += [name for name in attrs if name.startswith("on") or name == "style"]
        self.problems += [name for name in attrs if name.startswith(("hx-on", "data-hx-on"))]


def problems(html: str) -> list[str]:
    collector = Collector()
    collector.feed(html)
    return collector.problems


@pytest.mark.parametrize("path", ["", "complain/", "track/"])
def test_public_pages_show_the_button(client, org, open_hours, path):
    body = client.get(f"/{org.slug}/{path}").content.decode()
    assert 'class="chat-fab"' in body and f'href="/{org.slug}/chat/"' in body
    assert "แชทกับเจ้าหน้าที่" in body and problems(body) == []


def test_staff_pages_and_pages_without_an_org_do_not(client, org, alice):
    assert "chat-fab" not in client.get("/").content.decode()
    client.force_login(alice)
    assert "chat-fab" not in client.get(f"/{org.slug}/staff/").content.decode()
    assert "chat-fab" not in client.get(f"/{org.slug}/staff/chat/").content.decode()


def test_the_chat_pages_pass_the_strict_policy(visitor, org, alice):
    pages = [visitor.get(f"/{org.slug}/chat/")]
    staff = Client()
    staff.force_login(alice)
    chat_id = the_chat(org).pk
    pages += [
        staff.get(f"/{org.slug}/staff/chat/"),
        staff.get(f"/{org.slug}/staff/chat/{chat_id}/"),
    ]
    for response in pages:
        assert response.status_code == 200
        assert problems(response.content.decode()) == []
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "chat-fab" not in pages[0].content.decode()  # the chat page is the chat itself


def test_the_dashboard_links_to_the_console(client, org, alice):
    client.force_login(alice)
    assert f'href="/{org.slug}/staff/chat/"' in client.get(f"/{org.slug}/staff/").content.decode()

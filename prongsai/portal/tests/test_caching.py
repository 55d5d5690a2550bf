"""The public page cache: a repeat visit runs none of the page's queries; a change shows at once."""

from datetime import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prongsai.ita.models import Plan
from prongsai.messaging.livechat.models import OfficeHours
from prongsai.portal.caching import cached_public_page
from prongsai.portal.models import NewsItem, Site

pytestmark = pytest.mark.django_db

# Tables of what the home page shows; a page served from the cache reads none of them.
PAGE_TABLES = (
    "portal_",
    "eservices_",
    "inbox_",
    "surveys_",
    "ita_",
    "livechat_",
    "line_",
    "messenger_",
    "orgs_division",
    "orgs_itaslink",
)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def home_url(org) -> str:
    return reverse("org:home", args=[org.slug])


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_second_visit_is_served_without_the_page_s_queries(client, org):
    Site.objects.create(org=org, intro="แนะนำหน่วยงาน")
    first, first_queries = get(client, home_url(org))
    second, second_queries = get(client, home_url(org))
    assert second.content == first.content
    assert len(second_queries) < len(first_queries)
    touched = [sql for sql in second_queries if any(table in sql for table in PAGE_TABLES)]
    assert touched == []
    # What is left is the middleware finding the org.
    assert all("orgs_organization" in sql for sql in second_queries)


def test_a_cached_page_keeps_its_content_type_and_the_site_s_headers(client, org):
    client.get(home_url(org))
    response = client.get(home_url(org))
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["Content-Language"] == "th"


def test_saving_a_news_item_shows_on_the_next_visit(client, org):
    client.get(home_url(org))
    NewsItem.objects.create(org=org, title="ประกาศรับสมัครงาน", published_at=timezone.now())
    assert "ประกาศรับสมัครงาน" in client.get(home_url(org)).content.decode()


def test_saving_the_site_shows_on_the_next_visit(client, org, alice):
    client.get(home_url(org))
    site = Site.objects.create(org=org, intro="ข้อความเดิม")
    assert "ข้อความเดิม" in client.get(home_url(org)).content.decode()
    # The staff page saves it as staff do.
    staff = type(client)()
    staff.force_login(alice)
    staff.post(
        reverse("org:site_settings", args=[org.slug]),
        {"intro": "ข้อความใหม่", "office_hours": "", "privacy_contact": ""},
    )
    site.refresh_from_db()
    assert site.intro == "ข้อความใหม่"
    body = client.get(home_url(org)).content.decode()
    assert "ข้อความใหม่" in body and "ข้อความเดิม" not in body


def test_publishing_a_plan_shows_on_the_next_visit(client, org):
    plan = Plan.objects.create(org=org, fiscal_year=2569)
    link = reverse("org:public_report", args=[org.slug, 2569, "o42"])
    assert link not in client.get(home_url(org)).content.decode()
    plan.o42_published = True
    plan.save()
    assert link in client.get(home_url(org)).content.decode()


def test_changing_the_live_chat_hours_shows_on_the_next_visit(client, org):
    contact = reverse("org:contact", args=[org.slug])
    assert "07:00–09:00" not in client.get(contact).content.decode()
    OfficeHours.objects.create(org=org, weekday=6, opens=time(7, 0), closes=time(9, 0))
    assert "07:00–09:00" in client.get(contact).content.decode()


def test_another_org_s_change_keeps_this_org_s_pages_cached(client, org, other_org):
    client.get(home_url(org))
    Site.objects.create(org=other_org, intro="ของบ็อบ")
    _response, queries = get(client, home_url(org))
    assert not any("portal_site" in sql for sql in queries)


def test_signed_in_staff_are_never_served_the_cached_page(client, org, alice):
    client.get(home_url(org))  # cached for anonymous visitors
    staff = type(client)()
    staff.force_login(alice)
    response, queries = get(staff, home_url(org))
    body = response.content.decode()
    assert "ออกจากระบบ" in body and "งานเจ้าหน้าที่" in body
    assert any("portal_site" in sql for sql in queries)
    # …and what staff were shown is not kept for the next visitor.
    assert "ออกจากระบบ" not in client.get(home_url(org)).content.decode()


def test_a_pending_message_is_shown_not_swallowed(client, org):
    client.get(home_url(org))  # cached without any message
    carrier = HttpResponse()
    CookieStorage(RequestFactory().get("/"))._store(
        [Message(constants.SUCCESS, "ได้รับกระทู้แล้ว")], carrier
    )
    client.cookies["messages"] = carrier.cookies["messages"].value
    assert "ได้รับกระทู้แล้ว" in client.get(home_url(org)).content.decode()
    # Shown once; the visit after is the cached page again.
    _response, queries = get(client, home_url(org))
    assert "ได้รับกระทู้แล้ว" not in _response.content.decode()
    assert not any("portal_site" in sql for sql in queries)


def test_each_language_has_its_own_cached_page(client, org):
    client.get(home_url(org))
    client.get("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(home_url(org)).content.decode()


def test_a_page_that_gives_a_csrf_token_is_not_cached(org):
    """Cached, the token would be the first visitor's, and every later form refused."""
    renders = []

    @cached_public_page
    def with_a_form(request):
        renders.append(get_token(request))
        return HttpResponse("<form>")

    for _ in range(2):
        request = RequestFactory().get("/form/")
        request.org, request.user, request.LANGUAGE_CODE = org, AnonymousUser(), "th"
        assert with_a_form(request).status_code == 200
    assert len(renders) == 2


def test_only_successful_answers_are_cached(org):
    renders = []

    @cached_public_page
    def missing(request):
        renders.append(1)
        return HttpResponse("ไม่พบ", status=404)

    for _ in range(2):
        request = RequestFactory().get("/missing/")
        request.org, request.user, request.LANGUAGE_CODE = org, AnonymousUser(), "th"
        missing(request)
    assert len(renders) == 2

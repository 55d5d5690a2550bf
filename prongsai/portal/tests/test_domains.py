"""An org served at the root of its own host name (www.prtong.go.th), besides `/<slug>/`."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case
from prongsai.orgs.models import Membership
from prongsai.portal.models import NewsItem

pytestmark = pytest.mark.django_db

HOST = "www.alice.go.th"
INSTANCE = "prongsai.example"


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = [INSTANCE, HOST, "www.alice-new.go.th", "www.bob.go.th"]
    settings.SITE_URL = f"https://{INSTANCE}"
    cache.clear()


@pytest.fixture
def own(org):
    org.domain = HOST
    org.save()
    return org


def on_host(client, path, host=HOST, **kwargs):
    return client.get(path, HTTP_HOST=host, **kwargs)


def links(response) -> list[str]:
    return re.findall(r'href="([^"]*)"', response.content.decode())


def test_the_root_of_the_org_s_host_is_its_home(client, own):
    response = on_host(client, "/")
    assert response.status_code == 200
    assert "<h1>อบต.อลิซ</h1>" in response.content.decode()


def test_its_pages_work_at_the_root(client, own):
    case = inbox.submit_case(org=own, channel="web", kind="complaint", subject="ถนนพัง")
    for path in ("/complain/", f"/track/{case.tracking_code}/", "/stats/", "/contact/"):
        assert on_host(client, path).status_code == 200, path


def test_the_links_of_its_pages_have_no_slug_prefix(client, own):
    NewsItem.objects.create(org=own, title="ข่าว", published_at="2026-01-01T00:00+07:00")
    for path in ("/", "/contact/", "/privacy/"):
        addresses = [a for a in links(on_host(client, path)) if a.startswith("/")]
        assert "/complain/" in addresses and "/contact/" in addresses
        assert [a for a in addresses if a.startswith(f"/{own.slug}/")] == [], path


def test_the_slug_prefix_still_works_on_the_instance_s_host(client, own):
    response = on_host(client, f"/{own.slug}/", host=INSTANCE)
    assert response.status_code == 200
    assert f'href="/{own.slug}/complain/"' in response.content.decode()


def test_another_org_s_slug_is_not_found_on_this_host(client, own, other_org):
    assert on_host(client, f"/{other_org.slug}/").status_code == 404
    assert on_host(client, f"/{other_org.slug}/complain/").status_code == 404


def test_two_orgs_on_their_own_hosts_each_get_their_own_cached_home(client, own, other_org):
    other_org.domain = "www.bob.go.th"
    other_org.save()
    for _visit in range(2):
        assert "<h1>อบต.อลิซ</h1>" in on_host(client, "/").content.decode()
        assert "<h1>อบต.บ็อบ</h1>" in on_host(client, "/", host="www.bob.go.th").content.decode()


def test_a_link_built_during_a_request_on_the_host_uses_the_host(client, own, alice):
    client.force_login(alice)
    page = on_host(client, "/staff/site/").content.decode()
    assert f'href="http://{HOST}/"' in page
    page = on_host(client, f"/{own.slug}/staff/site/", host=INSTANCE).content.decode()
    assert f'href="https://{INSTANCE}/{own.slug}/"' in page


@pytest.mark.django_db(transaction=True)
def test_a_reply_mailed_during_a_request_on_the_host_links_there(client, own, make_member):
    case = inbox.submit_case(
        org=own,
        channel="web",
        kind="complaint",
        subject="ถนนพัง",
        reporter_email="reporter@example.com",
        consent=True,
    )
    client.force_login(make_member(own, Membership.Role.OFFICER).user)
    client.post(
        f"/staff/cases/{case.tracking_code}/reply/",
        {"reply-text": "จะเข้าซ่อมวันจันทร์"},
        HTTP_HOST=HOST,
    )
    [message] = mail.outbox
    assert f"http://{HOST}/track/{case.tracking_code}/" in message.body
    assert Case.objects.get(pk=case.pk).events.filter(kind="public_reply").exists()


def test_the_accounts_page_links_another_org_on_the_instance_s_host(
    client, own, other_org, alice, make_member
):
    make_member(other_org, Membership.Role.STAFF, user=alice)
    client.force_login(alice)
    page = on_host(client, "/accounts/").content.decode()
    assert 'href="/staff/"' in page
    assert f'href="https://{INSTANCE}/{other_org.slug}/staff/"' in page


def test_the_admin_is_not_served_on_the_org_s_host(client, own, admin_user):
    client.force_login(admin_user)
    assert on_host(client, "/admin/").status_code == 404
    assert on_host(client, "/admin/", host=INSTANCE).status_code == 200


def test_an_inactive_org_s_host_serves_nothing_of_it(client, own):
    own.is_active = False
    own.save()
    assert on_host(client, "/complain/").status_code == 404
    home = on_host(client, "/")
    assert home.status_code == 404
    assert "อบต.อลิซ" not in home.content.decode()


def test_changing_the_domain_takes_effect_on_the_next_request(client, own):
    assert on_host(client, "/complain/").status_code == 200
    own.domain = "www.alice-new.go.th"
    own.save()
    assert on_host(client, "/complain/", host="www.alice-new.go.th").status_code == 200
    assert on_host(client, "/complain/").status_code == 404
    own.domain = None
    own.save()
    assert on_host(client, "/complain/", host="www.alice-new.go.th").status_code == 404
    assert on_host(client, f"/{own.slug}/complain/", host=INSTANCE).status_code == 200


def test_host_names_match_whatever_their_case_and_port(client, own):
    assert on_host(client, "/contact/", host="WWW.Alice.go.th:443").status_code == 200

"""A cookie-free public site: no page without a form sets a cookie, so no consent banner is needed.

Pages with a form get the CSRF cookie and nothing else; the few other cookies
come from something the visitor chose to do, and the privacy notice names each.
"""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from prongsai.inbox.board import OPEN, board_cases
from prongsai.inbox.follow_through import policy_for
from prongsai.inbox.models import Case
from prongsai.messaging.boards.antispam import HONEYPOT_FIELD
from prongsai.messaging.boards.selectors import public_questions, public_topics
from prongsai.orgs.demo import DEMO_PASSWORD
from prongsai.orgs.models import Organization
from prongsai.portal.models import NewsItem, Page
from prongsai.surveys.models import Project
from prongsai.surveys.selectors import open_surveys
from prongsai.surveys.tests.factories import mixed_survey

pytestmark = pytest.mark.django_db

YEAR = 2566


@dataclass(frozen=True)
class Public:
    name: str
    args: tuple = ()  # after the org's slug; a callable takes the org


def _news(org):
    return (NewsItem.objects.filter(org=org, published_at__isnull=False).first().pk,)


def _question(org):
    return (public_questions(org=org).first().pk,)


def _topic(org):
    return (public_topics(org=org).first().pk,)


def _project(org):
    return (Project.objects.filter(org=org, is_published=True).first().pk,)


def _closed_case(org):
    # Long closed: nothing left for the reporter to post (no update, no decision).
    cases = Case.objects.filter(org=org, status=Case.Status.RESOLVED, received_at__year=2023)
    return (cases.first().tracking_code,)


def _open_case(org):
    # An open matter takes the reporter's updates.
    cases = Case.objects.filter(org=org, status__in=Case.OPEN_STATUSES)
    return (cases.exclude(kind=Case.Kind.BUDGET).first().tracking_code,)


def _board_case(org):
    return (board_cases(org=org, policy=policy_for(org), status=OPEN).first().pk,)


def _survey(org):
    return (next(s for s in open_surveys(org=org) if s.is_accepting()).pk,)


# Public pages that post nothing (the tracking lookup's and the statistics' forms are GETs).
WITHOUT_A_FORM = [
    Public("org:home"),
    Public("org:news"),
    Public("org:news_item", _news),
    Public("org:page", ("history",)),
    Public("org:oit", (YEAR,)),
    Public("org:stats"),
    Public("org:services"),
    Public("org:qa_list"),
    Public("org:qa_faq"),
    Public("org:qa_question", _question),
    Public("org:board_list"),
    Public("org:projects"),
    Public("org:project", _project),
    Public("org:public_satisfaction_report", (YEAR,)),
    Public("org:public_report", (YEAR, "o42")),
    Public("org:public_report", (YEAR, "o43")),
    Public("org:no_gift", (YEAR,)),
    Public("org:complaint_guide"),
    Public("org:track_lookup"),
    Public("org:track", _closed_case),
    Public("org:board"),
    Public("org:privacy"),
    Public("org:accessibility"),
    Public("org:contact"),
]
# Public pages with a form that posts: the CSRF cookie, and only it.
WITH_A_FORM = [
    Public("org:track", _open_case),
    Public("org:board_case", _board_case),
    Public("org:complain"),
    Public("org:service", ("pickup-truck",)),
    Public("org:qa_ask"),
    Public("org:board_new"),
    Public("org:board_topic", _topic),
    Public("org:chat"),
    Public("org:survey", _survey),
]


def is_routed(name: str) -> bool:
    namespace, short = name.split(":")
    return short in get_resolver().namespace_dict[namespace][1].reverse_dict


def address(spec: Public, org: Organization) -> str:
    args = spec.args(org) if callable(spec.args) else spec.args
    return reverse(spec.name, args=[org.slug, *args])


@pytest.fixture
def demo(db):
    cache.clear()
    call_command("demo", verbosity=0)
    org = Organization.objects.get(slug="prasat-thong")
    # The public site's own pages, whether or not the demo has them yet.
    NewsItem.objects.create(org=org, title="ข่าวทดสอบ", published_at=timezone.now())
    Page.objects.update_or_create(
        org=org, slug="history", defaults={"title": "ประวัติ", "is_published": True}
    )
    return org


def set_cookies(spec: Public, org: Organization) -> dict[str, list[str]]:
    """Cookie names set by a first and a second (cached) visit, each by a new visitor."""
    found = {}
    for visit in ("first", "second"):
        response = Client().get(address(spec, org))
        assert response.status_code == 200, f"{spec.name}: {response.status_code}"
        found[visit] = sorted(response.cookies)
    return found


def test_public_pages_without_a_form_set_no_cookie(demo):
    routed = [spec for spec in WITHOUT_A_FORM if is_routed(spec.name)]
    assert len(routed) >= 15  # the checks below must not pass by skipping everything
    offenders = {}
    for spec in routed:
        cookies = set_cookies(spec, demo)
        if cookies != {"first": [], "second": []}:
            offenders[address(spec, demo)] = cookies
    assert offenders == {}


def test_public_pages_with_a_form_set_only_the_csrf_cookie(demo):
    for spec in WITH_A_FORM:
        assert set_cookies(spec, demo) == {"first": ["csrftoken"], "second": ["csrftoken"]}, (
            spec.name
        )


def test_a_language_choice_is_the_only_cookie_of_a_formless_page(demo, client):
    response = client.get("/i18n/setlang/", {"language": "en", "next": "/prasat-thong/"})
    assert sorted(response.cookies) == ["django_language"]
    response = client.get("/prasat-thong/")
    assert response.cookies == {} and '<html lang="en">' in response.content.decode()


# Every cookie the site can set, by what the visitor does, is named in the privacy notice.


def _choose_english(client, org):
    return client.get("/i18n/setlang/", {"language": "en", "next": "/"})


def _open_a_form(client, org):
    return client.get(reverse("org:complain", args=[org.slug]))


def _sign_in(client, org, make_member):
    member = make_member(org, username="officer")
    member.user.set_password(DEMO_PASSWORD)
    member.user.save()
    return client.post(
        reverse("accounts:login"), {"username": "officer", "password": DEMO_PASSWORD}
    )


def _start_a_chat(client, org):
    return client.post(reverse("org:chat", args=[org.slug]), {"text": "สอบถามเรื่องขยะ"})


def _post_on_the_board(client, org):
    # Even a post that the honeypot discards is thanked with a message.
    return client.post(reverse("org:board_new", args=[org.slug]), {HONEYPOT_FIELD: "x"})


def _answer_a_survey(client, org):
    survey = mixed_survey(org)
    url = reverse("org:survey", args=[org.slug, survey.pk])
    page = client.get(url)
    data = {"token": page.context["token"]}
    for row in page.context["questions"]:
        if row["question"].kind == "likert":
            data[row["question"].field_name] = "4"
    return client.post(url, data)


def test_the_privacy_notice_names_every_cookie_the_site_sets(org, make_member):
    cache.clear()
    set_by = {}
    for act in (_choose_english, _open_a_form, _start_a_chat, _post_on_the_board, _answer_a_survey):
        response = act(Client(), org)
        assert response.status_code in (200, 302), act.__name__
        set_by[act.__name__] = sorted(response.cookies)
    set_by["_sign_in"] = sorted(_sign_in(Client(), org, make_member).cookies)
    survey_cookie = next(c for c in set_by["_answer_a_survey"] if c.startswith("answered-"))

    assert set_by == {
        "_choose_english": ["django_language"],
        "_open_a_form": ["csrftoken"],
        "_start_a_chat": ["sessionid"],
        "_post_on_the_board": ["messages"],
        "_answer_a_survey": [survey_cookie],
        "_sign_in": ["csrftoken", "sessionid"],
    }
    notice = Client().get(reverse("org:privacy", args=[org.slug])).content.decode()
    for name in {c for names in set_by.values() for c in names} - {survey_cookie}:
        assert f"<code>{name}</code>" in notice, name
    assert "<code>answered-…</code>" in notice


def test_the_survey_cookie_lasts_as_long_as_the_notice_says(org):
    response = _answer_a_survey(Client(), org)
    [name] = response.cookies
    days = int(response.cookies[name]["max-age"]) // 86400
    notice = Client().get(reverse("org:privacy", args=[org.slug])).content.decode()
    assert f"{days} วัน" in notice

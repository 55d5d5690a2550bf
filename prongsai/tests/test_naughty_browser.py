"""Hostile text shown in Chromium on every page that shows what citizens typed: nothing runs.

Each probe would set `window.__pwned` (or open a dialog) if a page ever ran
it; the pages must show it as text, and no content may trip the CSP either.
"""

import pytest

from prongsai.inbox import services as inbox
from prongsai.messaging.boards import services as boards
from prongsai.messaging.boards.models import BoardSettings
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import PASSWORD
from prongsai.surveys import services as surveys
from prongsai.surveys.models import Question
from prongsai.surveys.tests.factories import QuestionFactory, SurveyFactory, new_token
from prongsai.tests.naughty import PROBES, THAI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "\n".join([*PROBES, *(t for t in THAI[:8] if "\x00" not in t), "{{ 7|add:7 }}"])
SUBJECT = PROBES[1]


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Membership.Role.ADMIN, "naughty-admin").user


@pytest.fixture
def shown(org, officer):
    """Every kind of citizen text, stored the way the public forms store it."""
    case = inbox.submit_case(
        org=org,
        channel="web",
        kind="complaint",
        subject=SUBJECT,
        text=TEXT,
        address=PROBES[2],
        reporter_name=PROBES[0],
        consent=True,
    )
    inbox.reply_publicly(case=case, actor=officer, text=TEXT)
    BoardSettings.objects.create(org=org, moderation=BoardSettings.Moderation.POST)
    topic = boards.post_topic(org=org, title=SUBJECT, text=TEXT, author_name=PROBES[3])
    boards.post_reply(topic=topic, text=TEXT, author_name=PROBES[0])
    question = boards.ask_question(org=org, subject=SUBJECT, text=TEXT, display_name=PROBES[4])
    boards.answer_question(question=question, actor=officer, text=TEXT)
    survey = SurveyFactory(org=org)
    long = QuestionFactory(survey=survey, kind=Question.Kind.LONG, text="ข้อเสนอแนะ")
    surveys.submit_response(survey=survey, data={long.field_name: [TEXT]}, token=new_token())
    slug = org.slug
    public = [
        f"/{slug}/track/{case.tracking_code}/",
        f"/{slug}/board/",
        f"/{slug}/board/{topic.pk}/",
        f"/{slug}/qa/",
        f"/{slug}/qa/{question.pk}/",
    ]
    staff = [
        f"/{slug}/staff/cases/",
        f"/{slug}/staff/cases/{case.tracking_code}/",
        f"/{slug}/staff/board/{topic.pk}/",
        f"/{slug}/staff/qa/{question.pk}/",
        f"/{slug}/staff/surveys/{survey.pk}/results/",
    ]
    return public, staff


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    page.dialogs = []
    page.csp_violations = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda m: (
            page.csp_violations.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    yield page
    context.close()


def sign_in(page, base: str, user) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(user.username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_load_state()


def assert_nothing_ran(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned") is None, url
    assert page.dialogs == [], (url, page.dialogs)
    assert page.csp_violations == [], (url, page.csp_violations)
    # Shown, as text.
    assert PROBES[1] in page.inner_text("body"), url


def test_public_pages_show_hostile_text_as_text(page, live_server, shown):
    public, _staff = shown
    for url in public:
        assert_nothing_ran(page, live_server.url + url)


def test_staff_pages_show_hostile_text_as_text(page, live_server, shown, officer):
    _public, staff = shown
    sign_in(page, live_server.url, officer)
    for url in staff:
        assert_nothing_ran(page, live_server.url + url)


def test_the_probes_are_caught_where_a_page_runs_them(page):
    # The same checks on a page that does run its content: they must notice.
    page.set_content("<body>" + PROBES[0] + PROBES[1] + "</body>")
    page.wait_for_function("window.__pwned === 1")
    page.set_content("<script>alert('x')</script>")
    assert page.dialogs == ["x"]

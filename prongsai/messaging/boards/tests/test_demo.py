"""The demo fills the boards without touching the quarter the reference report counts."""

from datetime import date

import pytest
from django.core.management import call_command

from prongsai.inbox import selectors as inbox_selectors
from prongsai.inbox.models import Case
from prongsai.messaging.boards import demo, selectors
from prongsai.messaging.boards.models import Question, Reply, Topic
from prongsai.orgs.models import Organization


@pytest.fixture
def prasat_thong(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", verbosity=0)
    org = Organization.objects.get(slug="prasat-thong")
    demo.load(org)
    return org


def test_the_demo_adds_no_webboard_or_qa_case_in_jan_to_mar_2566(prasat_thong):
    counts = inbox_selectors.case_counts(
        org=prasat_thong, start=date(2023, 1, 1), end=date(2023, 3, 31), by="channel"
    )
    assert "webboard" not in counts and "qa" not in counts
    assert (counts["line"], counts["livechat"]) == (17, 2)


def test_the_demo_fills_the_board_and_the_faq(client, prasat_thong):
    org = prasat_thong
    assert Case.objects.for_org(org).filter(channel="webboard").count() == 1
    assert Case.objects.for_org(org).filter(channel="qa").count() == 3
    assert Reply.objects.for_org(org).filter(is_official=True).count() == 2
    groups = selectors.faq(org=org)
    assert sum(len(questions) for questions in groups.values()) == 3
    assert "เบี้ยยังชีพผู้สูงอายุ" in client.get(f"/{org.slug}/qa/faq/").content.decode()
    assert "ตลาดนัดชุมชน" in client.get(f"/{org.slug}/board/").content.decode()


def test_loading_twice_changes_nothing(prasat_thong):
    before = (
        Topic.objects.count(),
        Reply.objects.count(),
        Question.objects.count(),
        Case.objects.count(),
    )
    demo.load(prasat_thong)
    after = (
        Topic.objects.count(),
        Reply.objects.count(),
        Question.objects.count(),
        Case.objects.count(),
    )
    assert before == after

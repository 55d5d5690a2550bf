import time

import pytest
from django.core.cache import cache

from prongsai.messaging.boards import antispam, services
from prongsai.messaging.boards.models import BoardSettings
from prongsai.orgs.models import Membership

Role = Membership.Role


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache, which tests in one process share.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def started():
    """The signed stamp of a form shown a minute ago, as a person would send it."""
    return antispam.issue_started(at=time.time() - 60)


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Role.OFFICER, "officer").user


@pytest.fixture
def post_moderated(org):
    return BoardSettings.objects.create(org=org, moderation=BoardSettings.Moderation.POST)


@pytest.fixture
def topic(org, post_moderated):
    return services.post_topic(
        org=org, title="ถนนหน้าวัดมืด", text="ไฟดับมาหลายคืน", author_name="ชาวบ้าน"
    )


@pytest.fixture
def question(org, post_moderated):
    return services.ask_question(
        org=org,
        subject="ชำระภาษีป้ายได้ที่ไหน",
        text="ร้านเปิดใหม่ ต้องยื่นแบบภาษีป้ายที่ไหน",
        display_name="เจ้าของร้านชำ",
        reporter_name="นางสมศรี มีสุข",
        reporter_email="somsri@example.com",
        consent=True,
    )

import os
from pathlib import Path

import pytest
from django.core.cache import cache

from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import MembershipFactory, OrganizationFactory

Role = Membership.Role

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True, scope="session")
def _tasks_in_process():
    # Even with REDIS_URL set (CI's PostgreSQL pass), tests run tasks where they
    # are queued, so their effects can be asserted; workers are tested apart.
    from prongsai.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # The manifest storage needs `collectstatic`; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Real hashing is slow on purpose; tests only need it to be a hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache outlives a test (locmem in this process, Redis across processes):
    # rate-limit counts and cached pages of one test must not reach the next.
    cache.clear()


# Two orgs, alice's and bob's, so every test can try the other tenant's objects.
@pytest.fixture
def org(db):
    return OrganizationFactory(slug="alice-town", name_th="อบต.อลิซ", short_name="อบต.อลิซ")


@pytest.fixture
def other_org(db):
    return OrganizationFactory(slug="bob-town", name_th="อบต.บ็อบ", short_name="อบต.บ็อบ")


@pytest.fixture
def make_member(db):
    def make(org, role=Role.STAFF, username=None, **kwargs):
        if username:
            kwargs["user__username"] = username
        return MembershipFactory(org=org, role=role, **kwargs)

    return make


@pytest.fixture
def alice(org, make_member):
    return make_member(org, Role.ADMIN, "alice").user


@pytest.fixture
def bob(other_org, make_member):
    return make_member(other_org, Role.ADMIN, "bob").user


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright; CI insists that it exists.

    Playwright's sync API keeps an event loop running in this thread, which makes
    Django refuse ORM calls as if they came from async code. While the browser is
    up (one test module) the check is off; it is back on for every other module.
    """
    if not CHROMIUM.exists():
        if os.environ.get("PRONGSAI_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            yield browser
            browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A page the size of a cheap phone (360 px) that records every request it makes."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()

"""Staff of one org never see or change another org's objects: every URL, every API route.

The URLs come from Django's resolver and the API routes from the OpenAPI
schema, so a new URL with parameters fails `test_every_url_is_mapped` until
`URL_PARAMS` says which of B's objects fills it (or `EXEMPT` says why not).
Each URL is then requested by A's admin and officer with B's ids, on A's
slug and on A's own host name, by GET and POST (with the fields of B's own
form for it), and must answer 403/404 with nothing of B in the body and no
row of B changed; B's slug refuses A's staff; B's admin, as the control,
finds the same object.
"""

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from prongsai.tests import isolation_world
from prongsai.tests.isolation_world import A_DOMAIN, B_NAMES, changed_rows, org_paths, rows_of

REFUSED = {403, 404}
NOT_ALLOWED = 405


@dataclass(frozen=True)
class B:
    """An object of org B by its name in the world, and the attribute the URL takes."""

    ref: str

    def value(self, objects: dict):
        name, _, attr = self.ref.partition(".")
        obj = objects[name]
        for part in (attr or "pk").split("."):
            obj = getattr(obj, part)
        return obj


CASE = B("case.tracking_code")
PLAN_YEAR = B("plan.fiscal_year")

# URL name → its parameters (besides the org's slug). A B(...) value names an
# object of B: A's staff must not reach it. A plain value names nothing of an
# org (a fiscal year, a format): A gets its own page, which must show nothing
# of B. A list gives every value a request of its own.
URL_PARAMS: dict[str, dict] = {
    # portal
    "org:news_item": {"pk": B("news")},
    "org:news_image": {"pk": B("news")},
    "org:page": {"slug": B("page.slug")},
    "org:news_edit": {"pk": B("news")},
    "org:news_preview": {"pk": B("news")},
    "org:news_staff_image": {"pk": B("news")},
    "org:news_publish": {"pk": B("news")},
    "org:news_unpublish": {"pk": B("news")},
    "org:news_delete": {"pk": B("news")},
    "org:page_edit": {"pk": B("page")},
    "org:page_preview": {"pk": B("page")},
    "org:page_delete": {"pk": B("page")},
    "org:oit": {"year": 2566},
    "org:oit_file": {"year": B("oit_file.fiscal_year"), "pk": B("oit_file")},
    "org:no_gift": {"year": 2566},
    "org:service_stats": {"year": 2566},
    "org:oit_staff": {"year": 2566},
    "org:oit_staff_item": {"year": 2566, "code": "O11"},
    "org:oit_evidence_move": {"year": B("oit_file.fiscal_year"), "pk": B("oit_file")},
    "org:oit_evidence_delete": {"year": B("oit_file.fiscal_year"), "pk": B("oit_file")},
    # inbox and e-services
    "org:track": {"code": CASE},
    "org:track_file": {"code": CASE, "pk": B("attachment")},
    "org:track_update": {"code": CASE},
    "org:track_confirm": {"code": CASE},
    "org:track_reopen": {"code": CASE},
    "org:board_case": {"pk": B("case")},
    "org:board_me_too": {"pk": B("case")},
    "org:board_photo": {"pk": B("proof.case_id"), "photo_pk": B("proof")},
    "org:case": {"code": [CASE, B("confidential.tracking_code")]},
    "org:case_file": {"code": CASE, "pk": B("attachment")},
    "org:case_action": {
        "code": CASE,
        "action": ["assign", "forward", "reply", "note", "status", "close", "approve", "board"],
    },
    "org:service": {"code": B("service.code")},
    "org:service_edit": {"code": B("service.code")},
    "org:resource_edit": {"pk": B("resource")},
    "org:open311_discovery": {"fmt": "json"},
    "org:open311_services": {"fmt": "json"},
    "org:open311_service_definition": {"code": B("service.code"), "fmt": ["json", "xml"]},
    "org:open311_requests": {"fmt": "json"},
    "org:open311_request": {"code": CASE, "fmt": ["json", "xml"]},
    "org:open311_token": {"token": CASE, "fmt": "json"},
    "org:open311_key_revoke": {"pk": B("open311_key")},
    # messaging
    "org:chat_staff": {"pk": B("chat")},
    "org:chat_staff_poll": {"pk": B("chat")},
    "org:chat_staff_send": {"pk": B("chat")},
    "org:chat_take": {"pk": B("chat")},
    "org:chat_close": {"pk": B("chat")},
    "org:chat_complaint": {"pk": B("chat")},
    "org:board_topic": {"pk": B("topic")},
    "org:board_report": {"pk": B("topic")},
    "org:board_reply_report": {"pk": B("reply")},
    "org:qa_question": {"pk": B("question")},
    "org:qa_report": {"pk": B("question")},
    "org:board_staff_topic": {"pk": B("topic")},
    "org:board_topic_action": {
        "pk": B("topic"),
        "action": ["publish", "hide", "dismiss", "reply", "case"],
    },
    "org:board_reply_action": {"pk": B("reply"), "action": ["publish", "hide", "dismiss"]},
    "org:qa_staff_question": {"pk": B("question")},
    "org:qa_question_action": {
        "pk": B("question"),
        "action": ["publish", "hide", "dismiss", "answer", "faq"],
    },
    # surveys, posters and projects
    "org:survey": {"pk": B("survey")},
    "org:survey_thanks": {"pk": B("survey")},
    "org:case_survey": {"code": B("closed.tracking_code")},
    "org:public_satisfaction_report": {"year": 2566},
    "org:survey_edit": {"pk": B("survey")},
    "org:survey_questions": {"pk": B("survey")},
    "org:survey_question": {"pk": B("survey"), "qpk": B("survey_question")},
    "org:survey_status": {"pk": B("survey")},
    "org:survey_results": {"pk": B("survey")},
    "org:survey_text_answers": {"pk": B("text_question.survey_id"), "qpk": B("text_question")},
    "org:survey_export": {"pk": B("survey"), "fmt": ["xlsx", "csv"]},
    "org:invitation": {"year": 2566},
    "org:invitation_iit": {"year": 2566},
    "org:survey_poster": {"pk": B("survey")},
    "org:survey_poster_file": {"pk": B("survey"), "kind": "png"},
    "org:page_poster_file": {"kind": "png"},
    "org:itas_link_edit": {"year": B("itas.fiscal_year")},
    "org:itas_poster": {"year": B("itas.fiscal_year"), "tool": ["eit", "iit"]},
    "org:itas_poster_file": {"year": B("itas.fiscal_year"), "tool": "eit", "kind": "png"},
    "org:project": {"pk": B("project")},
    "org:project_photo": {"pk": B("project"), "photo_pk": B("photo")},
    "org:project_edit": {"pk": B("project")},
    "org:project_staff_photo": {"pk": B("project"), "photo_pk": B("photo")},
    # ITA
    "org:ita_assessment": {"year": 2566},
    "org:ita_analysis": {"year": 2566},
    "org:ita_adopt": {"year": 2566},
    "org:ita_plan": {"year": PLAN_YEAR},
    "org:ita_plan_copy": {"year": PLAN_YEAR},
    "org:ita_plan_intro": {"year": PLAN_YEAR},
    "org:ita_plan_publish": {"year": PLAN_YEAR},
    "org:ita_measure_new": {"year": PLAN_YEAR},
    "org:ita_measure": {"year": PLAN_YEAR, "pk": B("measure")},
    "org:ita_step_new": {"year": PLAN_YEAR, "measure_pk": B("measure")},
    "org:ita_step": {"year": PLAN_YEAR, "pk": B("step")},
    "org:ita_evidence_add": {"year": PLAN_YEAR, "pk": B("step")},
    "org:ita_evidence": {"year": PLAN_YEAR, "pk": B("evidence")},
    "org:ita_evidence_delete": {"year": PLAN_YEAR, "pk": B("evidence")},
    "org:ita_report": {"year": PLAN_YEAR, "kind": ["o42", "o43"], "fmt": "html"},
    "org:public_report": {"year": PLAN_YEAR, "kind": ["o42", "o43"]},
    "org:public_report_file": {"year": PLAN_YEAR, "kind": "o43", "fmt": "docx"},
    # integrity
    "org:budget_proposal_decide": {"pk": B("proposal")},
    "org:budget_question": {"code": B("budget_question.tracking_code")},
    "org:circular": {"pk": B("circular")},
    "org:circular_acknowledge": {"pk": B("circular")},
    "org:circular_file": {"pk": B("circular"), "file_pk": B("circular_file")},
    "org:meeting": {"pk": B("meeting")},
    "org:meeting_edit": {"pk": B("meeting")},
    "org:training": {"pk": B("training")},
    "org:training_edit": {"pk": B("training")},
    "org:km_article": {"pk": B("km")},
    "org:km_edit": {"pk": B("km")},
    "org:property_item": {"pk": B("property_item")},
    "org:property_item_edit": {"pk": B("property_item")},
    "org:property_item_lendable": {"pk": B("property_item")},
    "org:loan": {"pk": B("loan")},
    "org:loan_decide": {"pk": B("loan")},
    "org:loan_return": {"pk": B("loan")},
    "org:gift_summary_xlsx": {"year": 2566},
    "org:quarterly_report_file": {"year": B("report.fiscal_year"), "quarter": B("report.quarter")},
    "org:quarterly_report_preview": {"year": 2566, "quarter": 2},
    # members and accounts
    "org:member_edit": {"pk": B("member")},
    "org:member_password": {"pk": B("member")},
    "accounts:token_revoke": {"token_id": B("api_token")},
}

# Patterns with parameters that this sweep does not request, and why.
EXEMPT_NAMESPACES = {
    "admin": "the Django admin is for the instance's administrators (is_staff), never org staff",
    "api": "API routes are swept from the OpenAPI schema below",
}


# -- the URLs ---------------------------------------------------------------------------------


def _params(pattern) -> list[str]:
    text = str(pattern.pattern)
    return re.findall(r"<(?:\w+:)?(\w+)>", text) + re.findall(r"\(\?P<(\w+)>", text)


def _walk(patterns, namespace="", params=()):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace]))
            yield from _walk(p.url_patterns, ns, (*params, *_params(p)))
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), (*params, *_params(p))


def url_names() -> dict[str, tuple[str, ...]]:
    """{name: parameters} of every named URL, the org's slug left out."""
    return {
        name: tuple(p for p in params if p != "org_slug")
        for name, params in _walk(get_resolver().url_patterns)
    }


ALL_URLS = url_names()


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


OBJECT_URLS = sorted(
    name
    for name, params in URL_PARAMS.items()
    if any(isinstance(v, B) for value in params.values() for v in _as_list(value))
)
ORG_URLS = sorted(name for name in ALL_URLS if name.startswith("org:"))


def variants(name: str, objects: dict) -> list[dict]:
    """Every combination of the URL's parameter values, B's objects resolved."""
    combos: list[dict] = [{}]
    for param, value in URL_PARAMS.get(name, {}).items():
        values = [v.value(objects) if isinstance(v, B) else v for v in _as_list(value)]
        combos = [{**c, param: v} for c in combos for v in values]
    return combos


def path_of(name: str, org, kwargs: dict) -> str:
    if name.startswith("org:"):
        kwargs = {"org_slug": org.slug, **kwargs}
    return reverse(name, kwargs=kwargs)


def on_own_host(path: str, org) -> str:
    """The same page on the org's own host name, where its pages have no slug."""
    prefix = f"/{org.slug}/"
    assert path.startswith(prefix)
    return "/" + path.removeprefix(prefix)


# -- the world, once per module ---------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two orgs built once and rolled back after the module; each test nests a savepoint in it."""
    hosts = ["testserver", A_DOMAIN]
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(ALLOWED_HOSTS=hosts, MEDIA_ROOT=media, PASSWORD_HASHERS=fast),
    ):
        cache.clear()
        with transaction.atomic():
            yield isolation_world.build()
            transaction.set_rollback(True)
        cache.clear()


@pytest.fixture
def clients(world, db):
    # A fresh cache per test: no page or rate limit carries over from the one before.
    cache.clear()
    made = {}
    for role in ("a_admin", "a_officer", "b_admin"):
        made[role] = Client()
        made[role].force_login(getattr(world, role))
    made["anonymous"] = Client()
    return made


def leaks(response, world, *, names: bool = True) -> list[str]:
    """What of B a response shows: its private texts, and its name unless on B's own pages."""
    body = response.content.decode(errors="replace")
    markers = [*world.secrets(), *(B_NAMES if names else ())]
    return [marker for marker in markers if marker in body]


def asks_to_sign_in(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


def assert_refused(got, posted, *, where: str, anonymous: bool = False) -> None:
    """Refused by GET and POST: 403/404 (or, anonymous, the sign-in page); 405 is no answer."""

    def refused(response) -> bool:
        return response.status_code in REFUSED or (anonymous and asks_to_sign_in(response))

    outcome = f"{where}: GET {got.status_code}, POST {posted.status_code}"
    assert all(refused(r) or r.status_code == NOT_ALLOWED for r in (got, posted)), outcome
    assert refused(got) or refused(posted), outcome


def form_data(client: Client, path: str) -> dict[str, list[str]]:
    """The fields B's admin is offered for `path`: its own form, or the form posting to it."""
    candidates = [path, path.rstrip("/").rsplit("/", 1)[0] + "/"]
    for page in candidates:
        response = client.get(page)
        html = "html" in response.get("Content-Type", "") and response.content.strip()
        if response.status_code != 200 or not html:
            continue
        doc = lxml.html.fromstring(response.content)
        for form in doc.forms:
            action = urlsplit(form.get("action") or page).path
            if action == path and (form.method or "GET").upper() == "POST":
                data: dict[str, list[str]] = {}
                for key, value in form.form_values():
                    data.setdefault(key, []).append(value)
                return data
    return {"text": ["ข้อความทดสอบ"], "reason": ["ทดสอบ"], "title": ["ทดสอบ"]}


def b_requests(name: str, world, b_admin: Client) -> list[tuple[dict, dict]]:
    """(kwargs, form data) of each variant, after checking that B's admin finds the object."""
    prepared = []
    for kwargs in variants(name, world.objects):
        path = path_of(name, world.b, kwargs)
        control = b_admin.get(path)
        assert control.status_code not in (404, 500), f"control {path}: {control.status_code}"
        prepared.append((kwargs, form_data(b_admin, path)))
    return prepared


# -- the tests --------------------------------------------------------------------------------


def test_every_url_is_mapped():
    """A new URL with parameters must say which object of another org fills them."""
    missing = [
        f"{name} {params}"
        for name, params in ALL_URLS.items()
        if params
        and name.split(":")[0] not in EXEMPT_NAMESPACES
        and set(params) != set(URL_PARAMS.get(name, {}))
    ]
    assert missing == [], "add these to URL_PARAMS (or EXEMPT_NAMESPACES, with the reason)"
    assert set(URL_PARAMS) <= set(ALL_URLS), "URL_PARAMS names URLs that no longer exist"


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_another_orgs_object_is_not_found(name, world, clients):
    """A's staff (and visitors) ask A's pages, on A's slug and A's host, for B's objects."""
    prepared = b_requests(name, world, clients["b_admin"])
    before = rows_of(world.b)
    for kwargs, data in prepared:
        path = path_of(name, world.a, kwargs)
        tries = [(role, path, {}) for role in ("a_admin", "a_officer", "anonymous")]
        if name.startswith("org:"):
            tries.append(("a_admin", on_own_host(path, world.a), {"HTTP_HOST": A_DOMAIN}))
        for role, url, extra in tries:
            got = clients[role].get(url, **extra)
            posted = clients[role].post(url, data, **extra)
            where = f"{role} {extra.get('HTTP_HOST', '')}{url}"
            assert_refused(got, posted, where=where, anonymous=role == "anonymous")
            assert leaks(got, world) == [] and leaks(posted, world) == [], where
    assert changed_rows(before, rows_of(world.b)) == []


@pytest.mark.parametrize("name", ORG_URLS)
def test_another_orgs_staff_area_refuses(name, world, clients):
    """On B's slug A's staff are strangers: B's staff pages refuse them, GET or POST."""
    if ALL_URLS[name] and name not in URL_PARAMS:
        pytest.skip("not mapped: test_every_url_is_mapped fails for it")
    staff_only = []
    for kwargs in variants(name, world.objects):
        path = path_of(name, world.b, kwargs)
        anonymous = clients["anonymous"]
        if asks_to_sign_in(anonymous.get(path)) or asks_to_sign_in(anonymous.post(path)):
            staff_only.append(path)
    if not staff_only:
        pytest.skip("a public page: anyone may see B's public pages")
    data = {path: form_data(clients["b_admin"], path) for path in staff_only}
    before = rows_of(world.b)
    for path in staff_only:
        for role in ("a_admin", "a_officer"):
            got = clients[role].get(path)
            posted = clients[role].post(path, data[path])
            assert_refused(got, posted, where=f"{role} {path}")
            assert leaks(got, world, names=False) == [] and leaks(posted, world, names=False) == []
    assert changed_rows(before, rows_of(world.b)) == []


PLAIN_URLS = sorted(
    name
    for name in ORG_URLS
    if name not in OBJECT_URLS and (name in URL_PARAMS or not ALL_URLS[name])
)


@pytest.mark.parametrize("name", PLAIN_URLS)
def test_own_pages_show_nothing_of_another_org(name, world, clients):
    """A's own pages that take no object (lists, years, formats) show nothing of B."""
    for kwargs in variants(name, world.objects):
        path = path_of(name, world.a, kwargs)
        for role in ("a_admin", "a_officer", "anonymous"):
            response = clients[role].get(path)
            assert response.status_code != 500, f"{role} {path}"
            assert leaks(response, world) == [], f"{role} {path}"


# -- the JSON API -----------------------------------------------------------------------------

A_SLUG, B_SLUG = "<a>", "<b>"

# OpenAPI path → the calls that must be refused: parameters with A's or B's slug.
API_CALLS: dict[str, list[dict]] = {
    "/api/v1/orgs/{slug}/divisions/{division_id}/": [
        {"slug": A_SLUG, "division_id": B("division")}
    ],
    "/api/v1/orgs/{slug}/cases/": [{"slug": B_SLUG}],
    "/api/v1/orgs/{slug}/cases/{code}/": [
        {"slug": B_SLUG, "code": CASE},
        {"slug": A_SLUG, "code": CASE},
        {"slug": A_SLUG, "code": B("confidential.tracking_code")},
    ],
    "/api/v1/orgs/{slug}/plans/{year}/": [{"slug": A_SLUG, "year": PLAN_YEAR}],
}
# Open data: anyone may read every org's, so another org's slug is no secret.
API_PUBLIC = {
    "/api/v1/orgs/{slug}/",
    "/api/v1/orgs/{slug}/divisions/",
    "/api/v1/orgs/{slug}/stats/cases",
    "/api/v1/orgs/{slug}/stats/follow-through",
    "/api/v1/orgs/{slug}/surveys/",
    "/api/v1/orgs/{slug}/projects/",
}


def _schema_paths() -> list[str]:
    return sorted(json.loads(Client().get("/api/v1/openapi.json").content)["paths"])


def test_every_api_route_is_mapped(db):
    routes = [p for p in _schema_paths() if "{" in p]
    missing = [p for p in routes if p not in API_CALLS and p not in API_PUBLIC]
    assert missing == [], "add these to API_CALLS (or API_PUBLIC if they are open data)"
    assert set(API_CALLS) | API_PUBLIC <= set(routes)


@pytest.mark.parametrize("route", sorted(API_CALLS))
def test_api_refuses_another_orgs_objects(route, world, db):
    """A's token with B's slug, or A's slug with B's ids: 401/403/404 and nothing of B."""
    slugs = {A_SLUG: world.a.slug, B_SLUG: world.b.slug}
    paths = []
    for call in API_CALLS[route]:
        params = {
            k: v.value(world.objects) if isinstance(v, B) else slugs[v] for k, v in call.items()
        }
        own = route.format(**{**params, "slug": world.b.slug})
        control = Client().get(own, HTTP_AUTHORIZATION=f"Bearer {world.b_token}")
        assert control.status_code == 200, f"control {own}: {control.status_code}"
        paths.append(route.format(**params))
    before = rows_of(world.b)
    for path in paths:
        for token in (world.a_token, world.a_officer_token):
            response = Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
            assert response.status_code in {401, 403, 404}, f"{path}: {response.status_code}"
            assert leaks(response, world, names=False) == [], path
    assert changed_rows(before, rows_of(world.b)) == []


def test_b_has_a_row_of_every_org_owned_model(world, db):
    """Otherwise the sweep could not notice a change to that model; a new model needs a row."""
    rows = rows_of(world.b)
    ours = [m._meta.label for m in org_paths() if m.__module__.startswith("prongsai.")]
    assert [label for label in ours if not rows[label]] == []

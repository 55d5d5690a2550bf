"""Property-based tests of the JSON API against its own OpenAPI schema.

Schemathesis generates requests from `/api/v1/openapi.json` (valid and
invalid parameters alike) and sends them to the app through WSGI, with a
staff token for the routes that need one. Every answer must be no server
error, carry a status code the schema declares and match the schema.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from prongsai.api.api import api
from prongsai.inbox import services as inbox_services
from prongsai.orgs import tokens
from prongsai.orgs.models import Membership
from prongsai.surveys.tests.factories import ProjectFactory, SurveyFactory

# The schema `/api/v1/openapi.json` serves, built without a request: at import
# time the database is closed to tests, and the app reads it on every request.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.content_type_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # Through plain WSGI every request ends by closing the database connection,
    # and with it the test's transaction; Django's test client avoids it the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def org_data(org, make_member):
    """An org with a case, a survey and a project, and a staff token for it."""
    user = make_member(org, Membership.Role.ADMIN, "api-staff").user
    case = inbox_services.submit_case(
        org=org, channel="line", kind="complaint", subject="<script>x</script> ถนนพัง"
    )
    SurveyFactory(org=org)
    ProjectFactory(org=org)
    return case, tokens.issue_token(user=user, label="schemathesis")[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, org, org_data):
    known_case, token = org_data
    # Generated slugs and codes name nothing; half of them are swapped for ones
    # that exist, so the answers with data are checked too.
    params = case.path_parameters or {}
    if len(params.get("slug", "")) % 2 == 0 and "slug" in params:
        params["slug"] = org.slug
    if len(params.get("code", "")) % 2 == 0 and "code" in params:
        params["code"] = known_case.tracking_code
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

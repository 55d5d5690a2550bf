"""The evidence keys added to the bundled frameworks, and the migration that loads them."""

import importlib

import pytest
from django.apps import apps

from prongsai.ita import framework
from prongsai.ita.models import OitItem

pytestmark = pytest.mark.django_db

reload_migration = importlib.import_module("prongsai.ita.migrations.0003_reload_evidence_keys")


def evidence(year: int) -> dict[str, str]:
    return dict(OitItem.objects.filter(year__fiscal_year=year).values_list("code", "evidence"))


def test_the_new_keys_prove_news_the_no_gift_policy_and_complaint_handling():
    assert {"news", "no_gift_policy", "complaint_handling"} <= framework.EVIDENCE_KEYS
    for year in (2565, 2566, 2567, 2568, 2569):
        assert evidence(year)["O7"] == "news"
    assert evidence(2566)["O31"] == "no_gift_policy"
    assert evidence(2567)["O31"] == "no_gift_policy"
    assert evidence(2568)["O17"] == "complaint_handling"
    assert evidence(2569)["O21"] == "no_gift"


def test_the_migration_reloads_only_the_evidence_keys():
    OitItem.objects.filter(year__fiscal_year=2566, code="O7").update(evidence="", title="เดิม")
    OitItem.objects.filter(year__fiscal_year=2568, code="O17").update(evidence="complaint_channel")
    reload_migration.reload_evidence(apps, None)
    assert evidence(2566)["O7"] == "news"
    assert evidence(2568)["O17"] == "complaint_handling"
    # Titles are the framework loader's business, not this migration's.
    assert OitItem.objects.get(year__fiscal_year=2566, code="O7").title == "เดิม"

"""Scheduled work of the integrity area: the quarterly executive reports.

Celery beat runs `make_quarterly_reports` on the 1st of January, April, July and
October (settings.CELERY_BEAT_SCHEDULE); the embedded default, without beat,
runs `manage.py make_quarterly_reports` from cron or a systemd timer instead.
"""

import logging

from celery import shared_task

from prongsai.integrity import quarterly
from prongsai.orgs.models import Organization

log = logging.getLogger(__name__)


@shared_task
def make_quarterly_reports() -> int:
    """Queue the report of the quarter that just ended, one task per active org."""
    fiscal_year, quarter = quarterly.last_ended_quarter()
    org_ids = list(
        Organization.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    )
    for org_id in org_ids:
        make_quarterly_report.delay(org_id, fiscal_year, quarter)
    return len(org_ids)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=3)
def make_quarterly_report(org_id: int, fiscal_year: int, quarter: int) -> int | None:
    """Store (or replace) one org's report of one quarter; safe to run twice."""
    org = Organization.objects.filter(pk=org_id, is_active=True).first()
    if org is None:
        log.info("quarterly report skipped: org %s is gone or inactive", org_id)
        return None
    return quarterly.store_report(org=org, fiscal_year=fiscal_year, quarter=quarter).pk

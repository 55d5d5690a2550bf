"""The statistics page on a 360 px phone in headless Chromium."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("demo", verbosity=0)
    return live_server.url


def test_a_citizen_reads_the_monthly_table_on_a_phone(phone, demo):
    phone.goto(demo + "/prasat-thong/stats/?year=2566")
    phone.get_by_label("แสดงผล").select_option("month")
    phone.get_by_role("button", name="แสดงสถิติ").click()
    phone.wait_for_url("**/stats/?year=2566&period=month")

    # The page itself never scrolls sideways; the wide table scrolls in its frame.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    frame = phone.locator(".table-wrap").nth(1)
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth")
    line = phone.get_by_role("row", name="LINE")
    assert line.get_by_role("cell").all_inner_texts()[3:6] == ["5", "4", "8"]
    assert (
        phone.get_by_role("link", name="ดาวน์โหลด Excel")
        .get_attribute("href")
        .endswith("cases.xlsx?year=2566&period=month")
    )
    assert all(url.startswith(demo) for url in phone.requested_urls), phone.requested_urls

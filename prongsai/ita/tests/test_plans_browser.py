"""An officer picks a live figure for a step's result on a phone, and the plan shows its value."""

import pytest
from django.core.management import call_command

from prongsai.ita import plans
from prongsai.ita.models import Plan, Step
from prongsai.orgs.demo import DEMO_PASSWORD
from prongsai.orgs.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BEFORE = "ร้องเรียนผ่าน Line จำนวน "
AFTER = "ราย"
FIGURE = "{{cases channel=line start=2023-01-01 end=2023-03-31}}"


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", verbosity=0)
    return live_server.url


@pytest.fixture
def step(site):
    org = Organization.objects.get(slug="prasat-thong")
    plan = Plan.objects.filter(org=org, fiscal_year=2566).first() or plans.create_plan(
        org=org, fiscal_year=2566
    )
    measure = plans.save_measure(
        org=org, plan=plan, number=plans.next_measure_number(plan), title="ช่องทางร้องเรียน"
    )
    return plans.save_step(
        org=org, measure=measure, fields={"method": "เปิดรับเรื่องทาง LINE", "result": BEFORE + AFTER}
    )


def test_pick_a_figure_insert_it_and_see_its_value(phone, site, step):
    phone.goto(site + "/accounts/login/")
    phone.get_by_label("ชื่อผู้ใช้").fill("pt-officer")
    phone.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    phone.get_by_role("button", name="เข้าสู่ระบบ").click()
    phone.get_by_role("button", name="ออกจากระบบ").wait_for()

    phone.goto(f"{site}/prasat-thong/staff/ita/plans/2566/steps/{step.pk}/")
    result = phone.locator("#id_result")
    # The cursor goes between "จำนวน " and "ราย", where the number belongs.
    result.click()
    result.evaluate("(el, n) => el.setSelectionRange(n, n)", len(BEFORE))

    phone.select_option("#figure-choice", "cases")
    phone.locator("#id_fig-channel").select_option("line")
    phone.locator("#id_fig-start").fill("2023-01-01")
    phone.locator("#id_fig-end").fill("2023-03-31")
    phone.get_by_role("button", name="แทรกลงในผลการดำเนินการ").click()
    phone.get_by_text("แทรกแล้ว").wait_for()
    assert result.input_value() == f"{BEFORE}{FIGURE} {AFTER}"
    assert phone.locator(".figure-preview mark.figure").inner_text() == "๑๗"

    # The preview of the whole text prints it as the report will.
    phone.get_by_role("button", name="ดูตัวอย่างผลการดำเนินการตามที่จะพิมพ์ในรายงาน").click()
    phone.locator("#result-preview").get_by_text("ตัวเลขทุกจุดคำนวณได้").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    phone.get_by_role("button", name="บันทึก", exact=True).click()
    phone.wait_for_url(f"**/plans/2566/#s{step.pk}")
    assert Step.objects.get(pk=step.pk).result == f"{BEFORE}{FIGURE} {AFTER}"
    row = phone.locator(f"#s{step.pk}")
    assert row.locator("mark.figure").inner_text() == "๑๗"
    assert "ร้องเรียนผ่าน Line จำนวน ๑๗ ราย" in row.locator(".plan-result").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert all(u.startswith(site) for u in phone.requested_urls), phone.requested_urls

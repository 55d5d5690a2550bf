"""No Gift: declarations are checked, one policy a year, the summary splits on 1 October."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from prongsai.integrity import gifts
from prongsai.integrity.models import GiftDeclaration, GiftPolicy
from prongsai.orgs.models import AuditEvent, Membership

Role = Membership.Role
Handling = GiftDeclaration.Handling
TODAY = date(2024, 3, 1)


@pytest.fixture
def staff(org, make_member):
    return make_member(org, Role.STAFF, "somchai").user


def declare(org, who, received_on, value="500", handling=Handling.RETURNED, **kwargs):
    return gifts.declare_gift(
        org=org,
        declarant=who,
        received_on=received_on,
        giver=kwargs.pop("giver", "บริษัทรับเหมา จำกัด"),
        description=kwargs.pop("description", "กระเช้าปีใหม่"),
        value=Decimal(value),
        handling=handling,
        today=kwargs.pop("today", TODAY),
        **kwargs,
    )


def test_it_declares_a_gift(org, staff):
    gift = declare(org, staff, date(2024, 1, 2), occasion="ปีใหม่")
    assert (gift.org, gift.declarant, gift.value) == (org, staff, Decimal("500"))
    assert AuditEvent.objects.filter(action="gift_declared", target_id=str(gift.pk)).exists()


def test_a_gift_received_in_the_future_is_refused(org, staff):
    with pytest.raises(ValidationError) as caught:
        declare(org, staff, date(2024, 3, 2))
    assert caught.value.message_dict["received_on"] == ["วันที่ได้รับต้องไม่เป็นวันในอนาคต"]
    assert declare(org, staff, TODAY).received_on == TODAY


def test_a_negative_value_is_refused_and_zero_is_not(org, staff):
    with pytest.raises(ValidationError) as caught:
        declare(org, staff, date(2024, 1, 2), value="-1")
    assert caught.value.message_dict["value"] == ["มูลค่าต้องไม่ติดลบ"]
    assert not GiftDeclaration.objects.exists()
    assert declare(org, staff, date(2024, 1, 2), value="0").value == 0


def test_it_refuses_an_unknown_handling_and_an_outsider(org, staff, bob):
    with pytest.raises(ValidationError):
        declare(org, staff, date(2024, 1, 2), handling="sold")
    with pytest.raises(ValidationError):
        declare(org, bob, date(2024, 1, 2))
    assert not GiftDeclaration.objects.exists()


def test_the_summary_splits_fiscal_years_on_1_october(org, other_org, staff, alice, bob):
    declare(org, staff, date(2023, 9, 30), value="1000", handling=Handling.HANDED_OVER)
    declare(org, alice, date(2023, 10, 1), value="250.50")
    declare(org, staff, date(2023, 10, 31), value="100", handling=Handling.KEPT)
    declare(org, staff, date(2024, 9, 30), value="0", today=date(2024, 9, 30))
    declare(other_org, bob, date(2023, 12, 1), value="9999")

    fy2566 = gifts.gift_summary(org=org, fiscal_year=2566)
    assert (fy2566["count"], fy2566["total_value"]) == (1, Decimal("1000"))
    assert (fy2566["start"], fy2566["end"]) == (date(2022, 10, 1), date(2023, 9, 30))
    assert fy2566["by_month"][-1] == {
        "year": 2023,
        "month": 9,
        "label": "กันยายน 2566",
        "count": 1,
        "value": Decimal("1000"),
    }

    fy2567 = gifts.gift_summary(org=org, fiscal_year=2567)
    assert (fy2567["count"], fy2567["total_value"]) == (3, Decimal("350.50"))
    by_handling = {row["handling"]: (row["count"], row["value"]) for row in fy2567["by_handling"]}
    assert by_handling == {
        "returned": (2, Decimal("250.50")),
        "handed_over": (0, Decimal("0")),
        "kept": (1, Decimal("100")),
    }
    months = [(row["year"], row["month"], row["count"]) for row in fy2567["by_month"]]
    assert months[0] == (2023, 10, 2)
    assert months[-1] == (2024, 9, 1)
    assert len(months) == 12
    assert sum(row["count"] for row in fy2567["by_month"]) == 3


def test_an_empty_year_has_zeros(org):
    summary = gifts.gift_summary(org=org, fiscal_year=2560)
    assert (summary["count"], summary["total_value"]) == (0, Decimal("0"))
    assert all(row["count"] == 0 for row in summary["by_month"] + summary["by_handling"])


def test_declarations_filter_by_year_and_declarant(org, staff, alice):
    mine = declare(org, staff, date(2023, 10, 1))
    declare(org, alice, date(2023, 10, 1))
    declare(org, staff, date(2023, 9, 30))
    assert list(gifts.declarations(org=org, fiscal_year=2567, declarant=staff)) == [mine]
    assert gifts.declarations(org=org).count() == 3


def test_the_policy_is_one_per_year(org, alice):
    first = gifts.save_policy(
        org=org, fiscal_year=2567, text="ไม่รับ", announced_on=date(2023, 10, 2), actor=alice
    )
    again = gifts.save_policy(
        org=org, fiscal_year=2567, text="ไม่รับ ไม่ให้", announced_on=date(2023, 10, 3), actor=alice
    )
    assert first.pk == again.pk
    assert GiftPolicy.objects.get().text == "ไม่รับ ไม่ให้"
    with pytest.raises(ValidationError):
        gifts.save_policy(org=org, fiscal_year=2567, text=" ", announced_on=TODAY, actor=alice)
    assert AuditEvent.objects.filter(action="gift_policy_saved").count() == 2

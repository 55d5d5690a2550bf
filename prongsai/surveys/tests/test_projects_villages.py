"""Admins keep the org's villages: one หมู่ที่ per number, with a clear message on duplicates."""

from prongsai.orgs.models import AuditEvent, Membership, Village

Role = Membership.Role


def test_an_admin_adds_and_renames_villages(client, org, alice):
    client.force_login(alice)
    url = f"/{org.slug}/staff/villages/"
    response = client.post(url, {"new-number": "6", "new-name": "บ้านสามโคก"})
    assert response.status_code == 302
    village = Village.objects.get(org=org)
    assert (village.number, village.name) == (6, "บ้านสามโคก")
    response = client.post(
        url, {"pk": str(village.pk), f"v{village.pk}-number": "6", f"v{village.pk}-name": "บ้านใหม่"}
    )
    assert response.status_code == 302
    village.refresh_from_db()
    assert village.name == "บ้านใหม่"
    assert list(
        AuditEvent.objects.filter(action__startswith="village")
        .values_list("action", flat=True)
        .order_by("id")
    ) == [
        "village_created",
        "village_changed",
    ]
    assert (
        "หมู่ที่ 6" in client.get(url).content.decode() or "บ้านใหม่" in client.get(url).content.decode()
    )


def test_a_duplicate_number_is_refused_with_a_thai_message(client, org, alice):
    Village.objects.create(org=org, number=6, name="บ้านสามโคก")
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/villages/", {"new-number": "6", "new-name": "บ้านซ้ำ"})
    assert response.status_code == 400
    assert "หมู่ที่ 6 มีอยู่แล้ว (บ้านสามโคก)" in response.content.decode()
    assert Village.objects.filter(org=org).count() == 1


def test_the_same_number_in_another_org_is_fine(client, org, other_org, alice):
    Village.objects.create(org=other_org, number=6, name="บ้านของบ็อบ")
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/villages/", {"new-number": "6", "new-name": "บ้านสามโคก"}
    )
    assert response.status_code == 302


def test_a_number_out_of_range_is_refused(client, org, alice):
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/villages/", {"new-number": "0", "new-name": "x"})
    assert response.status_code == 400
    assert "ระหว่าง 1 ถึง 99" in response.content.decode()
    assert not Village.objects.exists()


def test_another_orgs_village_cannot_be_renamed(client, org, other_org, alice):
    theirs = Village.objects.create(org=other_org, number=3, name="บ้านของบ็อบ")
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/villages/",
        {"pk": str(theirs.pk), f"v{theirs.pk}-number": "3", f"v{theirs.pk}-name": "ยึด"},
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "บ้านของบ็อบ"


def test_only_admins_keep_villages(client, org, make_member):
    for role in (Role.OFFICER, Role.EXECUTIVE, Role.STAFF):
        client.force_login(make_member(org, role, f"user-{role}").user)
        assert client.get(f"/{org.slug}/staff/villages/").status_code == 403

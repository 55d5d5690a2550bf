"""The org's admin enters the LINE credentials; they are stored encrypted and never shown."""

from prongsai.messaging.line.models import LineAccount
from prongsai.orgs.models import AuditEvent, Membership


def test_the_admin_sets_the_credentials(client, org, alice):
    client.force_login(alice)
    page = client.get(f"/{org.slug}/line/settings/").content.decode()
    assert f"/{org.slug}/line/webhook/" in page
    response = client.post(
        f"/{org.slug}/line/settings/",
        {"basic_id": "@alice", "channel_secret": "s3cret-value", "access_token": "t0ken-value"},
    )
    assert response.status_code == 302
    account = LineAccount.objects.get(org=org)
    assert (account.channel_secret, account.access_token) == ("s3cret-value", "t0ken-value")
    assert "s3cret-value" not in account.channel_secret_encrypted
    assert AuditEvent.objects.filter(action="line_configured").exists()
    assert "s3cret-value" not in client.get(f"/{org.slug}/line/settings/").content.decode()


def test_blank_fields_keep_what_is_stored(client, org, alice, account):
    client.force_login(alice)
    client.post(f"/{org.slug}/line/settings/", {"basic_id": "@new"})
    account.refresh_from_db()
    assert account.basic_id == "@new" and account.channel_secret == "test-channel-secret"


def test_the_first_time_both_secrets_are_needed(client, org, alice):
    client.force_login(alice)
    response = client.post(f"/{org.slug}/line/settings/", {"channel_secret": "only-this"})
    assert "ต้องกรอกทั้ง" in response.content.decode()
    assert not LineAccount.objects.exists()


def test_a_secret_under_another_key_reads_as_nothing(account, settings):
    settings.FIELD_ENCRYPTION_KEY = "a different key"
    account.refresh_from_db()
    assert account.channel_secret == ""


def test_only_the_orgs_admin(client, org, make_member):
    client.force_login(make_member(org, Membership.Role.OFFICER, "officer").user)
    assert client.get(f"/{org.slug}/line/settings/").status_code == 403

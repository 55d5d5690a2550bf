"""The demo org's LINE OA: its secret is public (README), so anyone can sign test webhooks."""

from prongsai.messaging.line.models import LineAccount
from prongsai.orgs.models import Organization

DEMO_CHANNEL_SECRET = "prasat-thong-demo-secret"
DEMO_ACCESS_TOKEN = "prasat-thong-demo-access-token"


def load(org: Organization) -> None:
    account = LineAccount.objects.filter(org=org).first() or LineAccount(org=org)
    account.channel_secret = DEMO_CHANNEL_SECRET
    account.access_token = DEMO_ACCESS_TOKEN
    account.basic_id = "@prtong"
    account.save()

"""The org's two-way channels, as the home, contact and privacy pages present them."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from prongsai.messaging.line.models import LineAccount
from prongsai.messaging.livechat.selectors import Availability, availability
from prongsai.messaging.messenger.models import MessengerPage
from prongsai.orgs.models import Organization
from prongsai.portal.models import Site
from prongsai.portal.site_forms import site_of
from prongsai.surveys.posters import qr_svg
from prongsai.thai import to_arabic_digits

LINE_ADD_FRIEND = "https://line.me/R/ti/p/{}"

_DIALABLE = re.compile(r"\+?[0-9][0-9 -]*")


def dial_number(phone: str) -> str:
    """The first number of a phone field ("โทร ๐๔๔-123456 ต่อ 12, 081…") as `tel:` dials it."""
    match = _DIALABLE.search(to_arabic_digits(phone))
    return re.sub(r"[ -]", "", match.group()) if match else ""


@dataclass(frozen=True)
class Channels:
    """The org's two-way channels, as the home, contact and privacy pages describe them."""

    site: Site
    line_url: str
    line_id: str
    line_connected: bool  # the LINE OA files cases through Prongsai's webhook
    messenger: bool
    chat: Availability
    dial: str

    @property
    def line_qr(self) -> str:
        return qr_svg(self.line_url, title=_("QR Code เพิ่มเพื่อน LINE")) if self.line_url else ""


def channels_of(*, org: Organization) -> Channels:
    site = site_of(org=org)
    account = LineAccount.objects.filter(org=org, is_active=True).first()
    line_id = f"@{account.basic_id.lstrip('@')}" if account and account.basic_id else ""
    return Channels(
        site=site,
        line_url=LINE_ADD_FRIEND.format(line_id) if line_id else site.line_oa_url,
        line_id=line_id,
        line_connected=account is not None,
        messenger=MessengerPage.objects.filter(org=org, is_active=True).exists(),
        chat=availability(org=org),
        dial=dial_number(org.phone),
    )

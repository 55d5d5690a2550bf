"""Demo data of the live chat: one visitor waiting for an answer right now.

The two live-chat complaints of Jan–Mar 2566 in the reference report are
Cases of the inbox demo already; this only makes the console show a chat.
Idempotent: a second run finds the open chat and adds nothing.
"""

from prongsai.messaging.livechat import services
from prongsai.messaging.livechat.models import Chat
from prongsai.orgs.models import Organization

VISITOR = "ป้าสมร บ้านหนองบัว"
FIRST_MESSAGE = "สวัสดีค่ะ อยากทราบว่าเบี้ยยังชีพผู้สูงอายุเดือนนี้จะโอนเข้าบัญชีวันไหนคะ"
SECOND_MESSAGE = "ถ้าต้องยื่นเอกสารเพิ่ม ต้องใช้อะไรบ้างคะ 🙏"


def load(org: Organization) -> None:
    if (
        Chat.objects.for_org(org)
        .filter(visitor_name=VISITOR)
        .exclude(status=Chat.Status.CLOSED)
        .exists()
    ):
        return
    started = services.start_chat(org=org, text=FIRST_MESSAGE, visitor_name=VISITOR)
    services.post_visitor_message(chat=started.chat, text=SECOND_MESSAGE)

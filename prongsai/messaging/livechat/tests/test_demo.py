"""The demo's open chat: one visitor waiting, loaded once however often the demo runs."""

from prongsai.messaging.livechat.demo import load
from prongsai.messaging.livechat.models import Chat


def test_the_demo_chat_is_loaded_once(org):
    load(org)
    load(org)
    chat = Chat.objects.for_org(org).get()
    assert chat.status == Chat.Status.WAITING and chat.messages.count() == 2
    assert chat.case.channel == "livechat"

"""Demo webboard topics and answered FAQ questions of อบต.ปราสาททอง.

Everything is dated in the weeks before today, never in January–March 2566
(2023): the reference O43 report counts no complaint by webboard or Q&A in
that quarter, and the report is reproduced from the data. Loading twice
changes nothing: each post has a fixed key.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from prongsai.eservices.models import Service
from prongsai.inbox.models import Case
from prongsai.messaging.boards import selectors, services
from prongsai.messaging.boards.models import Topic, Visibility
from prongsai.orgs.models import Organization

# The quarter the reference report counts; the demo keeps out of it.
_REPORT_QUARTER = (
    datetime(2023, 1, 1, tzinfo=timezone.get_fixed_timezone(7 * 60)),
    datetime(2023, 4, 1, tzinfo=timezone.get_fixed_timezone(7 * 60)),
)

# (key, days ago, author, title, text, official answer, take in as)
TOPICS = [
    (
        "demo-board-market",
        12,
        "คนบ้านสามโคก",
        "ขอเสนอให้จัดตลาดนัดชุมชนทุกวันเสาร์",
        "อยากให้ อบต. ช่วยจัดพื้นที่ลานหน้าศาลาเป็นตลาดนัดชุมชน ให้ชาวบ้านนำผักปลอดสารมาขาย",
        "ขอบคุณสำหรับข้อเสนอครับ สำนักปลัดจะนำเข้าหารือในการประชุมประชาคมหมู่บ้านเดือนหน้า",
        None,
    ),
    (
        "demo-board-drain",
        6,
        "",
        "ท่อระบายน้ำหน้าตลาดอุดตัน น้ำท่วมขังทุกครั้งที่ฝนตก",
        "ฝนตกเมื่อวานน้ำท่วมขังสูงเกือบครึ่งล้อรถ ร้านค้าหน้าตลาดเดือดร้อนมาก",
        "กองช่างรับเรื่องแล้ว จะเข้าลอกท่อภายในสัปดาห์นี้ ติดตามความคืบหน้าได้ด้วยรหัสติดตามเรื่อง",
        Case.Kind.COMPLAINT,
    ),
]

REPLIES = {
    "demo-board-market": [("demo-board-market-r1", 11, "ป้าแดง", "เห็นด้วยค่ะ จะได้มีรายได้เสริม")],
}

# (key, days ago, display name, group, question, text, answer)
FAQ = [
    (
        "demo-qa-land-tax",
        40,
        "",
        "ภาษีที่ดินและสิ่งปลูกสร้าง",
        "ชำระภาษีที่ดินและสิ่งปลูกสร้างได้ถึงเมื่อไร",
        "ปีนี้ยังไม่ได้รับใบแจ้งประเมินภาษี ต้องไปชำระที่ไหนและภายในวันใด",
        "ชำระได้ภายในเดือนเมษายนของทุกปี ที่กองคลัง อบต.ปราสาททอง ในวันและเวลาราชการ "
        "หากยังไม่ได้รับใบแจ้งประเมิน ติดต่อกองคลังได้โดยตรง",
    ),
    (
        "demo-qa-elderly",
        30,
        "ลูกหลานบ้านหนองบัว",
        "สวัสดิการผู้สูงอายุ",
        "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุต้องใช้เอกสารอะไรบ้าง",
        "แม่จะอายุครบ 60 ปีในปีหน้า ต้องเตรียมเอกสารอะไร",
        "ใช้สำเนาบัตรประชาชน สำเนาทะเบียนบ้าน และสำเนาสมุดบัญชีเงินฝาก "
        "ลงทะเบียนได้ที่สำนักปลัดหรือผ่านบริการออนไลน์ (E-Service) ของ อบต.",
    ),
    (
        "demo-qa-waste",
        20,
        "",
        "ขยะและสิ่งแวดล้อม",
        "รถเก็บขยะเข้าหมู่ 6 วันไหนบ้าง",
        "ย้ายมาอยู่ใหม่ อยากทราบตารางเก็บขยะ",
        "รถเก็บขยะเข้าหมู่ที่ 6 ทุกวันอังคารและวันศุกร์ ช่วงเช้า กรุณานำขยะใส่ถุงมัดปากให้เรียบร้อย",
    ),
]


def _at(days_ago: int, hour: int = 10) -> datetime:
    moment = timezone.localtime() - timedelta(days=days_ago)
    moment = moment.replace(hour=hour, minute=30, second=0, microsecond=0)
    if _REPORT_QUARTER[0] <= moment < _REPORT_QUARTER[1]:  # only if the clock is very wrong
        moment = _REPORT_QUARTER[1] + timedelta(days=days_ago)
    return moment


def load(org: Organization) -> None:
    officer = get_user_model().objects.get(username="pt-officer")
    _load_topics(org, officer)
    _load_faq(org, officer)


def _load_topics(org: Organization, officer) -> None:
    road = Service.objects.for_org(org).filter(code="road", is_active=True).first()
    for key, days, author, title, text, answer, kind in TOPICS:
        existing = Topic.objects.for_org(org).filter(idempotency_key=key).first()
        if existing is not None:
            continue
        topic = services.post_topic(
            org=org,
            title=title,
            text=text,
            author_name=author,
            idempotency_key=key,
            created_at=_at(days, hour=8),
        )
        if not topic.is_published:
            services.publish(post=topic, actor=officer)
        for reply_key, reply_days, reply_author, reply_text in REPLIES.get(key, []):
            reply = services.post_reply(
                topic=topic,
                text=reply_text,
                author_name=reply_author,
                idempotency_key=reply_key,
                created_at=_at(reply_days, hour=9),
            )
            if not reply.is_published:
                services.publish(post=reply, actor=officer)
        if kind is not None:
            service = road if kind == Case.Kind.COMPLAINT else None
            services.take_in_topic(topic=topic, kind=kind, service=service, actor=officer)
            topic.refresh_from_db()
        services.post_official_reply(topic=topic, actor=officer, text=answer, to_case=True)


def _load_faq(org: Organization, officer) -> None:
    for key, days, name, group, subject, text, answer in FAQ:
        question = services.ask_question(
            org=org,
            subject=subject,
            text=text,
            display_name=name,
            idempotency_key=key,
            received_at=_at(days),
        )
        if not selectors.has_answer(question=question):
            services.answer_question(question=question, actor=officer, text=answer, close=True)
        question.refresh_from_db()
        if question.status != Visibility.PUBLISHED:
            services.publish(post=question, actor=officer)
        if not question.is_faq:
            services.set_faq(question=question, is_faq=True, faq_group=group, actor=officer)

"""The staff side of อบต.ปราสาททอง in fiscal 2566, as the reference O43 report tells it.

The staff meeting of 5 Jan 2566 where the circular on the anti-corruption
measures was read, the ethics training of 20–22 Mar 2566, budget questions
(one anonymous) and proposals, loans of government property and a gift
declaration. The O43's dates of the training and the meeting become live
figures over these records. Loading twice changes nothing.
"""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from prongsai.integrity import budget, circulars, gifts
from prongsai.integrity import property as loans
from prongsai.integrity.models import (
    BudgetProposal,
    Circular,
    GiftDeclaration,
    KmArticle,
    Meeting,
    PropertyItem,
    Training,
)
from prongsai.ita.demo import YEAR, make_live
from prongsai.ita.models import Plan
from prongsai.orgs.models import Division, Organization

BANGKOK = timezone.get_fixed_timezone(7 * 60)
CIRCULAR_TITLE = "มาตรการป้องกันการทุจริตขององค์การบริหารส่วนตำบลปราสาททอง ประจำปี 2566"
MEETING_TITLE = "ประชุมพนักงานส่วนตำบลและพนักงานจ้าง ประจำเดือนมกราคม 2566"
TRAINING_TITLE = "โครงการฝึกอบรมเพิ่มประสิทธิภาพบุคลากรท้องถิ่น ประจำปี 2566"


def load(org: Organization) -> None:
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="pt-")}
    meeting = _meeting(org, users)
    training = _training(org, users)
    _budget(org, users)
    _property(org, users)
    _gifts(org, users)
    _km(org, users)
    plan = Plan.objects.get(org=org, fiscal_year=YEAR)
    meeting_day = f"{{{{meeting_date meeting={meeting.pk}}}}}"
    make_live(
        plan,
        {
            (1, 1): [("๒๐-๒๒ มีนาคม ๒๕๖๖", f"{{{{training_dates training={training.pk}}}}}")],
            (1, 2): [("๕ มกราคม ๒๕๖๖", meeting_day)],
            (3, 1): [("๕ มกราคม ๒๕๖๖", meeting_day)],
        },
    )


def _meeting(org: Organization, users) -> Meeting:
    circular = Circular.objects.filter(org=org, title=CIRCULAR_TITLE).first()
    if circular is None:
        circular = circulars.send_circular(
            org=org,
            title=CIRCULAR_TITLE,
            number="ปท 71001/ว 1",
            text=(
                "ขอให้บุคลากรทุกคนถือปฏิบัติตามมาตรการป้องกันการทุจริตของหน่วยงานโดยเคร่งครัด "
                "ได้แก่ การไม่รับของขวัญ การใช้ทรัพย์สินของราชการเพื่อประโยชน์ของทางราชการเท่านั้น "
                "และการรายงานผลต่อผู้บริหารทุกไตรมาส"
            ),
            actor=users["pt-admin"],
            sent_at=datetime(2023, 1, 5, 9, tzinfo=BANGKOK),
        )
        for n, username in enumerate(("pt-executive", "pt-officer", "pt-staff")):
            circulars.acknowledge(
                circular=circular,
                user=users[username],
                at=datetime(2023, 1, 5, 11 + n, tzinfo=BANGKOK),
            )
    meeting = Meeting.objects.filter(org=org, title=MEETING_TITLE).first()
    if meeting is None:
        meeting = circulars.save_meeting(
            org=org,
            meeting=Meeting(
                org=org,
                title=MEETING_TITLE,
                held_on=date(2023, 1, 5),
                place="ห้องประชุม อบต.ปราสาททอง",
                agenda=(
                    "1. แจ้งมาตรการป้องกันการทุจริตของหน่วยงาน\n"
                    "2. ระบบงบประมาณรายจ่ายประจำปีและการมีส่วนร่วมเสนอตั้งงบประมาณปีถัดไป"
                ),
                minutes=(
                    "เจ้าหน้าที่งบประมาณชี้แจงระบบงบประมาณรายจ่ายประจำปี และแจ้งให้ทุกสำนัก/กอง "
                    "เสนอรายการตั้งงบประมาณปี 2567 ผ่านระบบ"
                ),
            ),
            attendees=list(users.values()),
            circulars=[circular],
            actor=users["pt-admin"],
        )
    return meeting


def _training(org: Organization, users) -> Training:
    training = Training.objects.filter(org=org, title=TRAINING_TITLE).first()
    if training is None:
        training = circulars.save_training(
            org=org,
            training=Training(
                org=org,
                title=TRAINING_TITLE,
                starts_on=date(2023, 3, 20),
                ends_on=date(2023, 3, 22),
                topics=[Training.Topic.ETHICS, Training.Topic.ANTI_CORRUPTION],
                organiser="สำนักปลัด อบต.",
                hours=Decimal("18"),
                description="หลักสูตรสอดแทรกเรื่องคุณธรรม จริยธรรม และการป้องกันการทุจริตและประพฤติมิชอบ",
            ),
            attendees=list(users.values()),
            actor=users["pt-admin"],
        )
    return training


def _budget(org: Organization, users) -> None:
    named = budget.ask_budget_question(
        org=org,
        author=users["pt-staff"],
        intent="question",
        item="ค่าจ้างเหมาบริการเก็บขยะ",
        text="ค่าจ้างเหมาเก็บขยะปีนี้เพิ่มจากปีก่อนเพราะเหตุใด",
        received_at=datetime(2023, 2, 14, 10, tzinfo=BANGKOK),
        idempotency_key="demo-budget-question-1",
    )
    if named.is_open:
        budget.answer_budget_question(
            case=named,
            actor=users["pt-officer"],
            text="ปริมาณขยะเพิ่มขึ้นจากตลาดนัดชุมชนสองแห่ง จึงเพิ่มรอบการเก็บจากสัปดาห์ละสองครั้งเป็นสามครั้ง",
            close=True,
        )
    budget.ask_budget_question(
        org=org,
        author=users["pt-staff"],
        intent="objection",
        item="โครงการจัดซื้อวัสดุก่อสร้าง",
        text="ราคาที่ตั้งไว้สูงกว่าราคากลางที่เคยซื้อ ควรตรวจสอบก่อนอนุมัติ",
        anonymous=True,
        received_at=datetime(2023, 3, 1, 10, tzinfo=BANGKOK),
        idempotency_key="demo-budget-question-2",
    )
    if not BudgetProposal.objects.filter(org=org, fiscal_year=2567).exists():
        for division, author, item, reason, amount in [
            ("กองช่าง", "pt-officer", "ซ่อมแซมถนนลูกรัง ม.2", "ถนนเป็นหลุมหลังฤดูฝน", 350000),
            ("สำนักปลัด อบต.", "pt-staff", "จัดซื้อถังขยะแยกประเภท", "ขยายผลโครงการขยะ ม.6", 45000),
            ("กองคลัง", "pt-staff", "อบรมการจัดเก็บภาษีที่ดิน", "ผู้เสียภาษีสอบถามมาก", 20000),
        ]:
            budget.propose(
                org=org,
                author=users[author],
                item=item,
                reason=reason,
                amount=amount,
                fiscal_year=2567,
                division=Division.objects.get(org=org, name=division),
            )


def _property(org: Organization, users) -> None:
    if PropertyItem.objects.filter(org=org).exists():
        return
    projector = PropertyItem.objects.create(
        org=org, code="7440-001-0001", name="เครื่องฉายโปรเจกเตอร์"
    )
    camera = PropertyItem.objects.create(org=org, code="6720-002-0003", name="กล้องถ่ายภาพดิจิทัล")
    returned = loans.request_loan(
        org=org,
        item=projector,
        borrower=users["pt-staff"],
        purpose="ประชุมประชาคมหมู่บ้าน ม.6",
        starts_on=date(2023, 1, 17),
        due_on=date(2023, 1, 19),
        today=date(2023, 1, 16),
    )
    loans.decide_loan(org=org, loan=returned, approve=True, actor=users["pt-admin"])
    loans.return_loan(
        org=org,
        loan=returned,
        returned_on=date(2023, 1, 19),
        actor=users["pt-admin"],
        today=date(2023, 1, 19),
    )
    # Approved and never returned: the list shows it overdue.
    late = loans.request_loan(
        org=org,
        item=camera,
        borrower=users["pt-officer"],
        purpose="ถ่ายภาพติดตามงานซ่อมถนน",
        starts_on=date(2023, 3, 6),
        due_on=date(2023, 3, 8),
        today=date(2023, 3, 6),
    )
    loans.decide_loan(org=org, loan=late, approve=True, actor=users["pt-admin"])


def _gifts(org: Organization, users) -> None:
    gifts.save_policy(
        org=org,
        fiscal_year=2566,
        text=(
            "องค์การบริหารส่วนตำบลปราสาททองประกาศนโยบายไม่รับของขวัญและของกำนัลทุกชนิด "
            "จากการปฏิบัติหน้าที่ (No Gift Policy) ผู้บริหารและบุคลากรทุกคนไม่รับ "
            "และไม่ให้ของขวัญทุกเทศกาล"
        ),
        announced_on=date(2022, 10, 3),
        actor=users["pt-admin"],
    )
    if not GiftDeclaration.objects.filter(org=org).exists():
        gifts.declare_gift(
            org=org,
            declarant=users["pt-staff"],
            received_on=date(2023, 1, 2),
            giver="ผู้รับเหมาก่อสร้างรายหนึ่ง",
            description="กระเช้าของขวัญปีใหม่",
            value=Decimal("1500"),
            handling=GiftDeclaration.Handling.RETURNED,
            occasion="ปีใหม่ 2566",
            today=date(2023, 1, 3),
        )


def _km(org: Organization, users) -> None:
    if KmArticle.objects.filter(org=org).exists():
        return
    circulars.save_article(
        org=org,
        article=KmArticle(
            org=org,
            division=Division.objects.get(org=org, name="กองคลัง"),
            title="ขั้นตอนการจัดทำงบประมาณรายจ่ายประจำปี",
            body=(
                "1. สำนัก/กองเสนอความต้องการผ่านระบบภายในเดือนมิถุนายน\n"
                "2. กองคลังรวบรวมและตรวจสอบ\n"
                "3. ผู้บริหารพิจารณาและเสนอสภา อบต. ภายในเดือนสิงหาคม"
            ),
            author=users["pt-officer"],
        ),
        actor=users["pt-officer"],
    )

"""Demo cases of อบต.ปราสาททอง.

Jan–Mar 2566 holds exactly what the reference O43 report counts: 17 complaints
by LINE and 2 by live chat, none by webboard or Q&A, so the report's figures
come out of the data. Service requests through the rest of fiscal 2566 give the
service statistics a year to count; recent cases make the inbox look like a
working week.
Each case has a fixed idempotency key, so loading twice changes nothing.
The public board shows complaints and requests; the complaints have places in
their villages, so the board's map has something to show.
"""

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from prongsai.eservices import services as eservices
from prongsai.eservices.models import Service
from prongsai.inbox import follow_through, services
from prongsai.inbox.models import Case, CasePolicy
from prongsai.orgs.models import Organization

Channel = Case.Channel
BANGKOK = timezone.get_fixed_timezone(7 * 60)

# (day in 2023, hour, channel, service code, subject, village)
REPORT_QUARTER = [
    ((1, 4), 9, Channel.LINE, "street-light", "ไฟกิ่งหน้าศาลากลางบ้านดับ 3 ดวง", 6),
    ((1, 9), 19, Channel.LINE, "road", "ถนนลูกรังทางไปนาเป็นหลุมลึก", 2),
    ((1, 12), 8, Channel.LINE, "waste", "ขยะไม่ได้เก็บมาหนึ่งสัปดาห์", 6),
    ((1, 17), 13, Channel.LIVECHAT, "water", "น้ำประปาหมู่บ้านไหลอ่อนช่วงเย็น", 4),
    ((1, 23), 21, Channel.LINE, "nuisance", "เสียงดังจากร้านคาราโอเกะหลังเที่ยงคืน", 1),
    ((1, 30), 10, Channel.LINE, "street-light", "ไฟทางโค้งบ้านหนองบัวดับ", 3),
    ((2, 2), 7, Channel.LINE, "water", "ท่อประปาแตกหน้าโรงเรียน", 5),
    ((2, 8), 16, Channel.LINE, "road", "ไหล่ทางถนนสายหลักทรุด", 7),
    ((2, 14), 11, Channel.LINE, "waste", "ถังขยะหน้าตลาดล้น", 1),
    ((2, 20), 18, Channel.LINE, "complaint-other", "สุนัขจรจัดไล่กัดเด็กนักเรียน", 8),
    ((2, 27), 9, Channel.LIVECHAT, "street-light", "ไฟส่องสว่างสนามกีฬาหมู่บ้านเสีย", 6),
    ((3, 3), 14, Channel.LINE, "road", "ฝาท่อระบายน้ำหาย", 2),
    ((3, 7), 20, Channel.LINE, "nuisance", "กลิ่นเหม็นจากฟาร์มสุกร", 9),
    ((3, 10), 8, Channel.LINE, "water", "น้ำประปามีตะกอนขุ่น", 4),
    ((3, 15), 12, Channel.LINE, "waste", "มีการลักลอบทิ้งขยะริมถนน", 3),
    ((3, 19), 17, Channel.LINE, "street-light", "เสาไฟเอียงเสี่ยงล้ม", 5),
    ((3, 22), 10, Channel.LINE, "road", "ต้นไม้ล้มขวางถนนหลังพายุ", 7),
    ((3, 27), 15, Channel.LINE, "complaint-other", "ขอให้ตัดหญ้าริมทางเข้าหมู่บ้าน", 8),
    ((3, 30), 9, Channel.LINE, "water", "มิเตอร์น้ำหน้าบ้านรั่ว", 6),
]

# About where each village of ตำบลปราสาททอง lies (Surin): (latitude, longitude).
VILLAGE_PLACES = {
    1: ("14.6205", "103.3590"),
    2: ("14.6312", "103.3478"),
    3: ("14.6121", "103.3702"),
    4: ("14.6378", "103.3645"),
    5: ("14.6048", "103.3531"),
    6: ("14.6259", "103.3756"),
    7: ("14.6420", "103.3520"),
    8: ("14.6093", "103.3418"),
    9: ("14.6166", "103.3843"),
}
# Cases a few steps apart within their village, by their idempotency keys.
PLACED = {f"demo-o43-{n}": row[-1] for n, row in enumerate(REPORT_QUARTER)} | {
    "demo-recent-road": 6,
    "demo-recent-phone": 3,
    "demo-recent-lamp": 2,
    "demo-recent-drain": 4,
}
STEP = Decimal("0.0011")

RESOLUTION = "กองช่าง/สำนักปลัดออกตรวจสอบและแก้ไขแล้วเสร็จ แจ้งผู้ร้องทาง LINE แล้ว"

# Requests for services through fiscal 2566, outside Jan–Mar, whose counts the reference
# O43 fixes: the service statistics (OIT O16) have a year to count.
SERVICE_REQUESTS = [
    ((2022, 11, 8), "water-delivery", Channel.ESERVICE, "ขอรับน้ำอุปโภคบริโภค หมู่ 4"),
    ((2022, 12, 14), "elderly-allowance", Channel.WALKIN, "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ"),
    ((2022, 12, 20), "information", Channel.ESERVICE, "ขอสำเนาแผนพัฒนาท้องถิ่น"),
    ((2023, 4, 5), "water-delivery", Channel.ESERVICE, "ขอรับน้ำอุปโภคบริโภคช่วงหน้าแล้ง หมู่ 6"),
    ((2023, 4, 19), "water-delivery", Channel.PHONE, "ขอรับน้ำอุปโภคบริโภค หมู่ 9"),
    ((2023, 5, 2), "general-request", Channel.WALKIN, "ขอหนังสือรับรองการเป็นผู้อยู่ในพื้นที่"),
    ((2023, 6, 9), "elderly-allowance", Channel.ESERVICE, "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ"),
    ((2023, 7, 11), "information", Channel.ESERVICE, "ขอข้อมูลงบประมาณโครงการถนน หมู่ 2"),
    ((2023, 8, 22), "general-request", Channel.ESERVICE, "ขออนุญาตติดป้ายประชาสัมพันธ์งานบุญ"),
    ((2023, 9, 14), "water-delivery", Channel.ESERVICE, "ขอรับน้ำอุปโภคบริโภค หมู่ 3"),
]
REQUEST_DONE = "ดำเนินการตามคำขอแล้วเสร็จ และแจ้งผู้ยื่นคำขอแล้ว"


def load(org: Organization) -> None:
    officer = get_user_model().objects.get(username="pt-officer")
    catalog = {s.code: s for s in Service.objects.for_org(org)}
    for n, ((month, day), hour, channel, code, subject, village) in enumerate(REPORT_QUARTER):
        received = datetime(2023, month, day, hour, 15, tzinfo=BANGKOK)
        case = services.submit_case(
            org=org,
            channel=channel,
            service=catalog[code],
            subject=subject,
            text=subject,
            village_no=village,
            received_at=received,
            idempotency_key=f"demo-o43-{n}",
        )
        if case.is_open:
            services.assign_case(
                case=case, assignee=officer, actor=officer, at=received + timedelta(hours=2)
            )
            services.close_case(
                case=case,
                status=Case.Status.RESOLVED,
                resolution=RESOLUTION,
                actor=officer,
                at=received + timedelta(days=3),
                **_proof(case),
            )
    _load_service_requests(org, catalog, officer)
    _load_recent(org, catalog, officer)
    _load_follow_through(org, catalog, officer)
    _place(org)
    CasePolicy.objects.update_or_create(
        org=org, defaults={"board_kinds": [Case.Kind.COMPLAINT.value, Case.Kind.REQUEST.value]}
    )


def _load_follow_through(org: Organization, catalog: dict[str, Service], officer) -> None:
    """Two recent fixes: one its reporter may still confirm or reopen, and one reopened
    by its reporter, fixed again and confirmed."""
    now = timezone.now()
    lamp = services.submit_case(
        org=org,
        channel=Channel.WEB,
        service=catalog["street-light"],
        subject="ไฟกิ่งหน้าโรงเรียนบ้านปราสาทดับทั้งแนว",
        village_no=2,
        received_at=now - timedelta(days=5),
        idempotency_key="demo-recent-lamp",
    )
    if lamp.is_open:
        services.assign_case(
            case=lamp, assignee=officer, actor=officer, at=now - timedelta(days=5, hours=-2)
        )
        services.close_case(
            case=lamp,
            status=Case.Status.RESOLVED,
            resolution="เปลี่ยนหลอดไฟและสายไฟที่ชำรุด 4 จุดแล้ว",
            actor=officer,
            at=now - timedelta(days=1),
            **_proof(lamp),
        )
    drain = services.submit_case(
        org=org,
        channel=Channel.WEB,
        service=catalog["road"],
        subject="ท่อระบายน้ำอุดตัน น้ำท่วมขังถนนหน้าตลาด",
        village_no=4,
        received_at=now - timedelta(days=30),
        idempotency_key="demo-recent-drain",
    )
    if drain.is_open and not drain.reopen_count:
        services.assign_case(
            case=drain, assignee=officer, actor=officer, at=now - timedelta(days=30, hours=-3)
        )
        fixes = (
            (24, "ลอกท่อระบายน้ำช่วงหน้าตลาดแล้ว"),
            (15, "เปลี่ยนท่อที่แตกและลอกท่อต่อไปถึงลำห้วยแล้ว"),
        )
        for n, (days_ago, resolution) in enumerate(fixes):
            services.close_case(
                case=drain,
                status=Case.Status.RESOLVED,
                resolution=resolution,
                actor=officer,
                at=now - timedelta(days=days_ago),
                **_proof(drain),
            )
            if n == 0:
                follow_through.reopen_case(
                    case=drain,
                    reason="ฝนตกเมื่อวาน น้ำยังท่วมขังเหมือนเดิม",
                    via="web",
                    at=now - timedelta(days=22),
                )
                drain.refresh_from_db()
        follow_through.confirm_fix(case=drain, via="web", at=now - timedelta(days=14))


def _place(org: Organization) -> None:
    """Coordinates for the complaints that have none yet, as a phone's location button gives."""
    placed = Counter()
    for key, village in PLACED.items():
        latitude, longitude = (Decimal(degrees) for degrees in VILLAGE_PLACES[village])
        spread = STEP * placed[village]
        placed[village] += 1
        Case.objects.for_org(org).filter(idempotency_key=key, latitude=None).update(
            latitude=latitude + spread, longitude=longitude - spread
        )


def _proof(case: Case) -> dict[str, list[SimpleUploadedFile]]:
    """Photos before and after the work, as staff attach them to resolve a physical problem."""
    if not services.needs_proof(case, Case.Status.RESOLVED):
        return {}
    return {"before_photos": [_photo(fixed=False)], "after_photos": [_photo(fixed=True)]}


def _photo(*, fixed: bool) -> SimpleUploadedFile:
    """A drawn road: with a pothole before the work, smooth after it."""
    image = Image.new("RGB", (640, 480), (120, 170, 90))
    draw = ImageDraw.Draw(image)
    draw.polygon([(220, 0), (420, 0), (600, 480), (40, 480)], fill=(105, 105, 110))
    draw.line([(320, 0), (320, 480)], fill=(235, 225, 120), width=6)
    if not fixed:
        draw.ellipse([(200, 300), (380, 380)], fill=(60, 45, 35))
    data = BytesIO()
    image.save(data, "JPEG", quality=80)
    name = "after.jpg" if fixed else "before.jpg"
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")


def _load_service_requests(org: Organization, catalog: dict[str, Service], officer) -> None:
    for n, ((year, month, day), code, channel, subject) in enumerate(SERVICE_REQUESTS):
        received = datetime(year, month, day, 10, 30, tzinfo=BANGKOK)
        case = services.submit_case(
            org=org,
            channel=channel,
            service=catalog[code],
            subject=subject,
            received_at=received,
            idempotency_key=f"demo-service-request-{n}",
        )
        if case.is_open:
            services.close_case(
                case=case,
                status=Case.Status.RESOLVED,
                resolution=REQUEST_DONE,
                actor=officer,
                at=received + timedelta(days=2),
                **_proof(case),
            )


def _load_recent(org: Organization, catalog: dict[str, Service], officer) -> None:
    now = timezone.now()
    services.submit_case(
        org=org,
        channel=Channel.WEB,
        service=catalog["road"],
        subject="หลุมบนถนนหน้าวัดบ้านสามโคก",
        text="หลุมกว้างประมาณหนึ่งเมตร รถจักรยานยนต์ล้มไปแล้วสองคัน",
        village_no=6,
        address="หน้าวัดบ้านสามโคก",
        reporter_name="สมหญิง ใจงาม",
        reporter_email="somying@example.com",
        consent=True,
        received_at=now - timedelta(days=20),
        idempotency_key="demo-recent-road",
    )  # left open past its 15 days: the inbox shows it overdue
    light = services.submit_case(
        org=org,
        channel=Channel.PHONE,
        service=catalog["street-light"],
        subject="ไฟถนนหน้าบ้านเลขที่ 45 ดับ",
        village_no=3,
        reporter_name="นายบุญมี ศรีสุข",
        reporter_phone="081-234-5678",
        received_at=now - timedelta(days=2),
        idempotency_key="demo-recent-phone",
        actor=officer,
    )
    if light.assignee is None:
        services.assign_case(case=light, assignee=officer, actor=officer)
    services.submit_case(
        org=org,
        channel=Channel.WEB,
        service=catalog["corruption"],
        subject="สงสัยการจัดซื้อวัสดุก่อสร้างราคาสูงเกินจริง",
        text="ใบเสนอราคาที่ติดประกาศสูงกว่าราคาตลาดเกือบเท่าตัว",
        reporter_name="ผู้ร้องขอปกปิดชื่อ",
        reporter_phone="089-000-1111",
        consent=True,
        received_at=now - timedelta(days=1),
        idempotency_key="demo-recent-corruption",
    )
    truck = catalog["pickup-truck"]
    start = timezone.localdate() + timedelta(days=7)
    eservices.submit_request(
        service=truck,
        subject=truck.name,
        form_data={
            "purpose": "ขนของไปงานบุญประจำปีของหมู่บ้าน",
            "destination": "วัดบ้านสามโคก",
            "passengers": 3,
        },
        start_date=start,
        end_date=start + timedelta(days=1),
        reporter_name="นายประยูร ทองดี",
        reporter_phone="086-555-1234",
        consent=True,
        received_at=now - timedelta(hours=5),
        idempotency_key="demo-recent-truck",
    )
    services.submit_case(
        org=org,
        channel=Channel.WALKIN,
        kind=Case.Kind.QUESTION,
        subject="สอบถามกำหนดการฉีดวัคซีนพิษสุนัขบ้า",
        received_at=now - timedelta(hours=3),
        idempotency_key="demo-recent-walkin",
        actor=officer,
    )

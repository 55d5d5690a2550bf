"""The demo's OIT evidence of fiscal 2566: most items proven, a few left for staff to complete.

Pages of the org's site prove the items about the org itself (structure,
executives, authority, laws) when those pages exist; plans and reports are
short PDFs typeset here, marked as demo documents. Prongsai's own pages prove
the rest (see `oit`): the plan's O42/O43 are published and the year's No Gift
policy announced, if the ITA and integrity demos have not done it already.
No outside address is used: a test follows every link. Loading twice changes nothing.
"""

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prongsai.inbox.models import Case
from prongsai.integrity import gifts
from prongsai.ita.models import Plan
from prongsai.orgs.models import Organization
from prongsai.portal import oit
from prongsai.portal.evidence import add_evidence
from prongsai.portal.models import Page
from prongsai.typesetting import render_pdf

YEAR = 2566
TEMPLATE = Path(__file__).parent / "typst" / "oit_demo.typ"
NOTE = "เอกสารตัวอย่างของระบบสาธิต Prongsai ไม่ใช่เอกสารราชการจริง"

BANGKOK = timezone.get_fixed_timezone(7 * 60)
Channel = Case.Channel


# Items proven by a page of the org's site, by the page's slug.
PAGES = {"O1": "structure", "O2": "executives", "O3": "authority", "O6": "laws"}

# Items proven by a document: (item, title, paragraphs). O9, O13, O26, O38 and O41 stay
# without evidence, so the staff page has something to show.
DOCUMENTS = [
    (
        "O4",
        "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 – 2570)",
        [
            "แผนพัฒนาท้องถิ่นกำหนดวิสัยทัศน์ ยุทธศาสตร์ และแนวทางการพัฒนาตำบลปราสาททองในระยะห้าปี "
            "ครอบคลุมโครงสร้างพื้นฐาน คุณภาพชีวิต การศึกษา สิ่งแวดล้อม และการบริหารจัดการที่ดี",
            "แผนผ่านการประชาคมหมู่บ้านทุกหมู่และความเห็นชอบของสภาองค์การบริหารส่วนตำบล",
        ],
    ),
    (
        "O11",
        "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2566",
        [
            "แผนการดำเนินงานแสดงโครงการและกิจกรรมที่จะดำเนินการในปีงบประมาณ พ.ศ. 2566 "
            "จำแนกตามยุทธศาสตร์ พร้อมงบประมาณ สถานที่ หน่วยงานรับผิดชอบ และช่วงเวลาดำเนินการ",
        ],
    ),
    (
        "O11",
        "ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2566",
        [
            "ข้อบัญญัติงบประมาณรายจ่ายกำหนดวงเงินรายจ่ายของแต่ละแผนงานและงาน "
            "ตามที่สภาองค์การบริหารส่วนตำบลให้ความเห็นชอบและนายอำเภออนุมัติ",
        ],
    ),
    (
        "O12",
        "รายงานการกำกับติดตามการดำเนินงานและการใช้จ่ายงบประมาณ รอบ 6 เดือน (ต.ค. 2565 – มี.ค. 2566)",
        [
            "รายงานความก้าวหน้าของโครงการตามแผนการดำเนินงาน และผลการเบิกจ่ายงบประมาณ "
            "ในครึ่งแรกของปีงบประมาณ พร้อมปัญหาอุปสรรคและแนวทางแก้ไข",
        ],
    ),
    (
        "O14",
        "คู่มือการปฏิบัติงานรับเรื่องร้องเรียนและงานพัสดุ",
        [
            "คู่มือกำหนดขั้นตอน ผู้รับผิดชอบ และระยะเวลาของงานแต่ละขั้น เพื่อให้บุคลากรปฏิบัติงานเป็นมาตรฐานเดียวกัน",
        ],
    ),
    (
        "O15",
        "คู่มือสำหรับประชาชนและมาตรฐานการให้บริการ",
        [
            "คู่มือสำหรับประชาชนของงานบริการแต่ละงาน ระบุขั้นตอน ระยะเวลา เอกสารที่ต้องใช้ "
            "ค่าธรรมเนียม และช่องทางร้องเรียนเมื่อไม่ได้รับบริการตามมาตรฐาน",
        ],
    ),
    (
        "O19",
        "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2566",
        [
            "แผนการจัดซื้อจัดจ้างแสดงรายการพัสดุที่จะจัดหา วงเงิน วิธีการจัดหา "
            "และช่วงเวลาที่คาดว่าจะประกาศและลงนามในสัญญา",
        ],
    ),
    (
        "O20",
        "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้างและประกาศผู้ชนะการเสนอราคา ปีงบประมาณ พ.ศ. 2566",
        ["รวมประกาศที่เกี่ยวกับการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. 2566 เรียงตามวันที่ประกาศ"],
    ),
    (
        "O21",
        "สรุปผลการจัดซื้อจัดจ้างรายเดือน ปีงบประมาณ พ.ศ. 2566",
        [
            "สรุปผลการจัดซื้อจัดจ้างของแต่ละเดือน (แบบ สขร.1) ระบุงานที่จัดซื้อจัดจ้าง วงเงิน "
            "วิธีการ ผู้เสนอราคา ผู้ได้รับการคัดเลือก และเหตุผลที่คัดเลือก",
        ],
    ),
    (
        "O22",
        "รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2566",
        ["รายงานภาพรวมการจัดซื้อจัดจ้างทั้งปี จำนวนโครงการ วงเงิน และปัญหาอุปสรรค"],
    ),
    (
        "O23",
        "นโยบายการบริหารทรัพยากรบุคคล",
        [
            "นโยบายด้านการสรรหา การพัฒนา การประเมินผล และการรักษาบุคลากร ขององค์การบริหารส่วนตำบลปราสาททอง",
        ],
    ),
    (
        "O24",
        "การดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2566",
        ["กิจกรรมและโครงการที่ดำเนินการตามนโยบายการบริหารทรัพยากรบุคคลในปีงบประมาณ พ.ศ. 2566"],
    ),
    (
        "O25",
        "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล",
        ["หลักเกณฑ์การสรรหา การแต่งตั้ง การพัฒนา การประเมินผลการปฏิบัติงาน และการให้คุณให้โทษ"],
    ),
    (
        "O32",
        "กิจกรรมสร้างวัฒนธรรมไม่รับของขวัญ (No Gift Policy) ปีงบประมาณ พ.ศ. 2566",
        [
            "ผู้บริหารมอบนโยบายไม่รับของขวัญแก่บุคลากรในการประชุมประจำเดือน "
            "และติดประกาศนโยบายที่สำนักงานและบนเว็บไซต์ของหน่วยงาน",
        ],
    ),
    (
        "O34",
        "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. 2566",
        [
            "ผลการประเมินความเสี่ยงการทุจริตในกระบวนงานการอนุมัติ อนุญาต "
            "การใช้จ่ายงบประมาณ และการจัดซื้อจัดจ้าง พร้อมระดับความเสี่ยงของแต่ละประเด็น",
        ],
    ),
    (
        "O35",
        "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. 2566",
        ["มาตรการควบคุมความเสี่ยงของแต่ละประเด็น ผู้รับผิดชอบ และผลการติดตาม"],
    ),
    (
        "O36",
        "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2566",
        ["โครงการและกิจกรรมป้องกันการทุจริตของปีงบประมาณ พร้อมงบประมาณและตัวชี้วัด"],
    ),
    (
        "O37",
        "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2566",
        ["ความก้าวหน้าของโครงการตามแผนปฏิบัติการป้องกันการทุจริตในครึ่งแรกของปีงบประมาณ"],
    ),
    (
        "O39",
        "ประมวลจริยธรรมของพนักงานส่วนท้องถิ่น",
        ["ประมวลจริยธรรมที่พนักงานส่วนตำบลและพนักงานจ้างขององค์การบริหารส่วนตำบลปราสาททองยึดถือ"],
    ),
    (
        "O40",
        "การขับเคลื่อนจริยธรรม ปีงบประมาณ พ.ศ. 2566",
        ["กิจกรรมส่งเสริมจริยธรรมของบุคลากร การอบรม และการยกย่องบุคลากรที่เป็นแบบอย่าง"],
    ),
]


def load(org: Organization) -> None:
    admin = get_user_model().objects.filter(username="pt-admin").first()
    _publish_reports(org)
    _announce_no_gift(org, admin)
    existing = oit.evidence_of(org=org, fiscal_year=YEAR)
    pages = {page.slug: page for page in Page.objects.for_org(org).filter(slug__in=PAGES.values())}
    for code, slug in PAGES.items():
        page = pages.get(slug)
        if page is not None and not existing.filter(item_code=code, page=page).exists():
            add_evidence(org=org, fiscal_year=YEAR, item_code=code, page=page, actor=admin)
    for code, title, paragraphs in DOCUMENTS:
        if existing.filter(item_code=code, title=title).exists():
            continue
        pdf = render_pdf(
            TEMPLATE,
            {
                "title": title,
                "org": org.name_th,
                "year": f"ปีงบประมาณ {YEAR}",
                "paragraphs": paragraphs,
                "note": NOTE,
            },
        )
        upload = SimpleUploadedFile(f"{code}.pdf", pdf, content_type="application/pdf")
        add_evidence(
            org=org, fiscal_year=YEAR, item_code=code, title=title, upload=upload, actor=admin
        )


def _publish_reports(org: Organization) -> None:
    plan = Plan.objects.for_org(org).filter(fiscal_year=YEAR).first()
    if plan is not None and not (plan.o42_published and plan.o43_published):
        plan.o42_published = plan.o43_published = True
        plan.save(update_fields=["o42_published", "o43_published", "updated_at"])


def _announce_no_gift(org: Organization, admin) -> None:
    if gifts.policy_for(org=org, fiscal_year=YEAR) is None:
        gifts.save_policy(
            org=org,
            fiscal_year=YEAR,
            text=(
                f"{org.name_th}ประกาศนโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ "
                "(No Gift Policy) ผู้บริหารและบุคลากรทุกคนไม่รับและไม่ให้ของขวัญทุกเทศกาล"
            ),
            announced_on=date(2022, 10, 3),
            actor=admin,
        )

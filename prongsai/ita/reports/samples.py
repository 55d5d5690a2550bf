"""A plan shaped like อบต.ปราสาททอง's O43 of 2566, and a long one, for benchmarks and tests.

The texts are those of the reference report; its figures (complaints per
channel, satisfaction) are live placeholders, as the demo writes them.
"""

from datetime import date

from django.db import transaction

from prongsai.ita.models import Measure, Plan, Step
from prongsai.orgs.models import Division, Organization, Position
from prongsai.thai import fiscal_year_range

QUARTER = "start=2023-01-01 end=2023-03-31"

INTRO = (
    "ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ของ องค์การบริหารส่วนตำบลปราสาททอง "
    "ปีงบประมาณ พ.ศ. ๒๕๖๕ และได้กำหนดมาตรการ/แนวทางในการส่งเสริมคุณธรรมและความโปร่งใส"
    "ในปีงบประมาณ พ.ศ.๒๕๖๖ โดยได้มีการดำเนินการขับเคลื่อนมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    "ขององค์กรปกครองส่วนท้องถิ่น ประจำปีงบประมาณ พ.ศ.๒๕๖๖ ดังต่อไปนี้"
)

# (title, tools, [(method, responsible, period, result, suggestion), …])
REFERENCE: list[tuple[str, list[str], list[tuple[str, str, str, str, str]]]] = [
    (
        "การใช้ทรัพย์สินของทางราชการ",
        ["IIT"],
        [
            (
                "๑.จัดอบรมให้ความรู้และกระตุ้นปลูกจิตสำนึกด้านคุณธรรมจริยธรรมและการต่อต้านการทุจริต"
                "ให้บุคลากรท้องถิ่นและผู้มีส่วนเกี่ยวข้อง",
                "-สำนักปลัด อบต. - นักทรัพยากรบุคคล",
                "มี.ค.-เม.ย. ๖๖",
                "๑.จัดโครงการฝึกอบรมเพิ่มประสิทธิภาพบุคลากรท้องถิ่น ประจำปี ๒๕๖๖ โดยมีเนื้อหาหลักสูตร "
                "สอดแทรกเรื่องคุณธรรม จริยธรรม และ การป้องกัน ทุจริตและประพฤติมิชอบ "
                "เมื่อวันที่ ๒๐-๒๒ มีนาคม ๒๕๖๖",
                "-ควรเพิ่มเวลาในหลักสูตรด้านคุณธรรม จริยธรรมและให้มีภาคปฏิบัติด้วย",
            ),
            (
                "๒.ทบทวนปรับปรุงมาตรการการป้องกันการทุจริตของหน่วยงานและเน้นย้ำให้ทุกคนถือปฏิบัติ"
                "อย่างเคร่งครัดต่อเนื่อง",
                "-สำนักปลัด อบต. -นิติกร",
                "ม.ค.-เม.ย. ๖๖",
                "๑.แจ้งเวียนบุคลากรทุกคน ทราบและถือปฏิบัติตาม มาตรการป้องกันการทุจริต "
                "โดยเคร่งครัดในหน่วยงาน แล้วในการประชุมพนักงานฯ เมื่อวันที่ ๕ มกราคม ๒๕๖๖ "
                "และรายงานผู้บริหารทุกไตรมาส",
                "-ควรกำกับติดตามผลการปฏิบัติงานอย่างต่อเนื่อง",
            ),
        ],
    ),
    (
        "การพัฒนาช่องทางการให้บริการในรูปแบบออนไลน์ หรือ E-Service",
        ["IIT"],
        [
            (
                "๑. สร้างช่องทางให้บริการรูปแบบออนไลน์ หรือ E-Service ผ่านเว็บไซต์ www.prtong.go.th เพิ่มเติม",
                "-สำนักปลัดอบต. -กองคลัง -กองช่าง -กองศึกษาฯ -ผู้ดูแล web",
                "มี.ค.-ก.ย. ๖๖",
                "-ทุกสำนัก/กอง อยู่ระหว่างการพิจารณา ว่าภารกิจใดที่สามารถสร้างช่องทางให้บริการออนไลน์"
                "หรือ E-Service ผ่านเว็บไซต์ www.prtong.go.th เพิ่มเติม อีกรงานบริการ "
                "ให้แล้วเสร็จตามห้วงระยะเวลาที่กำหนด",
                "-ควรพิจารณาเลือก ภารกิจการให้บริการ ที่มีขั้นตอนที่ไม่ยุ่งยาก ซับซ้อนมาก",
            ),
            (
                "๒. ประชาสัมพันธ์ขั้นตอน วิธีการให้บริการ รูปแบบออนไลน์ หรือ E-Service "
                "ที่ดำเนินการปรับปรุงให้ประชาชนทราบผ่านเว็บไซต์/ช่องทางอื่น",
                "-หัวหน้าสำนักปลัดอบต.- ผู้ดูแล web",
                "มี.ค.-ก.ย. 66",
                "-องค์การบริหารส่วนตำบล ประชาสัมพันธ์ช่องทางให้บริการ รูปแบบออนไลน์ หรือ E-Service "
                "ที่ใช้งานอยู่ ณ ปัจจุบัน ที่ได้ทำการปรับปรุงให้สามารถเข้าได้มากกว่า ๑ จุด "
                "ในหน้าเว็บไซต์ www.prtong.go.th โดยประชาสัมพันธ์ ผ่าน Face book กลุ่ม Line "
                "และแจ้งเวียนในที่ประชุม บูรณาการทุกวันที่ ๗ ของเดือน",
                "-ควรสร้างช่องทางการบริการออนไลน์ หรือ E-Service ที่เข้าถึงได้ง่าย มองเห็นได้ชัดเจน "
                "บนหน้า web page ของเว็บไซต์หน่วยงาน",
            ),
        ],
    ),
    (
        "ประชาสัมพันธ์ช่องทางในการติดต่อ – สอบถาม เพื่อให้บุคลากรได้แสดงความคิดเห็น สอบถาม "
        "หรือทักท้วงในเรื่องการใช้จ่ายงบประมาณ",
        ["IIT"],
        [
            (
                "-สร้างความรู้ความเข้าใจให้บุคลากรในสังกัดและสร้างช่องทางให้แสดงความคิดเห็น สอบถาม "
                "หรือทักท้วงการใช้งบประมาณ",
                "",
                "",
                "-เจ้าหน้าที่งบประมาณ ได้ชี้แจงสร้างความรู้ความเข้าใจเรื่องระบบงบประมาณ "
                "รายจ่ายประจำปีของหน่วยงาน และได้แจ้งแนวทางให้ บุคลากร ทุกคนมีส่วนร่วม"
                "ในการตั้งงบประมาณปีถัดไปในส่วนงานที่รับผิดชอบ ทุกสำนัก/กอง ทราบ "
                "ในคราวประชุมพนักงานฯ เมื่อวันที่ ๕ มกราคม ๒๕๖๖",
                "-แต่ละสำนัก/กอง ควรสร้าง KM ให้บุคลากรในสังกัดได้ศึกษาค้นคว้าทำความเข้าใจ"
                "และเปิดช่องทางในการรับฟังความคิดเห็น",
            ),
            (
                "-ให้บุคลากรมีส่วนร่วมในการเสนอตั้งงบประมาณรายจ่ายแต่ละปีประจำปี",
                "",
                "ม.ค.-มิ.ย.๒๕๖๖",
                "",
                "",
            ),
        ],
    ),
    (
        "คุณภาพการดำเนินงาน เปิดโอกาสให้ประชาชนและบุคคลภายนอก เข้ามามีส่วนร่วมในการดำเนินงาน"
        "ตามภารกิจของหน่วยงาน",
        ["EIT"],
        [
            (
                "๑.จัดโครงการ/กิจกรรมที่ส่งเสริมการมีส่วนร่วมของประชาชนให้ผู้มีส่วนได้เสีย"
                "ได้ร่วมแสดงความคิดเห็นในการดำเนินงาน",
                "",
                "ม.ค.-ก.ย. ๖๖",
                "สำนักปลัด อบต. ได้จัดโครงการจัดการขยะมูลฝอย และการจัดการน้ำเสียในชุมชน "
                "ประจำปี ๒๕๖๖ วันที่ ๑๘-๑๙ มกราคม ๒๕๖๖ โดยการมีส่วนร่วมของประชาชน ม.๖ บ้านสามโค "
                "ร่วมวางแผนจัดกิจกรรมในชุมชน วางแผนการใช้จ่ายงบประมาณตามโครงการ",
                "ในการจัดกิจกรรมคราวต่อไปควรให้ชุมชนคิดริเริ่มนำเสนอความต้องการแนวทาง"
                "ในการกำหนดกิจกรรมตามโครงการโดยให้ชุมชนเป็นศูนย์กลาง",
            ),
            (
                "๒. สํารวจความพึงพอใจประชาชนใน การร่วมกิจกรรม",
                "",
                "ม.ค.-ก.ย. 66",
                "-ผลสำรวจความพึงพอใจ ประชาชนที่เข้าร่วมกิจกรรม โครงการจัดการขยะมูลฝอย "
                "และการจัดการน้ำเสียใน ชุมชน ประจำปี ๒๕๖๖ บ้าน สามโคก มีคะแนนความพึง พอใจคิดเป็น "
                "ร้อยละ {satisfaction}",
                "-ควรสร้างช่องทางใน การตอบแบบประเมิน ผ่าน smart phone เพื่อความสะดวก "
                "รวดเร็วในการตอบแบบ สำรวจ\n-เน้นย้ำให้ทุกสำนัก/ กอง รายงานผลการการ สำรวจ"
                "ตามห้วง ระยะเวลาที่กำหนด",
            ),
        ],
    ),
    (
        "จัดทำและเผยแพร่ ช่องทางการติดต่อ-สอบถามข้อมูล โดยมีลักษณะเป็นการสื่อสารสองทาง",
        ["EIT"],
        [
            (
                "ประชาสัมพันธ์ช่องทางการติดต่อสื่อ กับบุคคลภายนอก ผ่านเว็บไซต์ หน่วยงาน ได้แก่ "
                "Live chat ,Facebook , line, อย่างต่อเนื่อง ให้ประชาชนผู้มีส่วนได้เสียติดต่อได้ "
                "สะดวก รวดเร็ว",
                "-หัวหน้าสำนักปลัด อบต. -ผู้ดูแล web",
                "ม.ค.-ก.ย. ๒๕๖๖",
                "-องค์การบริหารส่วนตำบล ได้รับเรื่องร้องทุกข์ ผ่าน เว็บไซต์หน่วยงาน ระหว่าง "
                "เดือนมกราคม-มีนาคม ๒๕๖๖\n"
                "-Line จำนวน {{cases channel=line " + QUARTER + "}} ราย\n"
                "-live chat จำนวน {{cases channel=livechat " + QUARTER + "}} ราย\n"
                "-webbord จำนวน {{cases channel=webboard " + QUARTER + "}} ราย\n"
                "- Q&A กระดานถามตอบ จำนวน {{cases channel=qa " + QUARTER + "}} ราย",
                "ควรให้ความสำคัญกับการประชาสัมพันธ์ ข้อมูลข่าวสารผ่าน ระบบออนไลน์ เช่น face book , "
                "หรือ Line ด้วยอีกทาง",
            ),
        ],
    ),
    (
        "จัดทำและเผยแพร่ช่องทางการรับฟังความคิดเห็น และนำเสนอผลงานที่แสดงให้เห็นถึงการปรับปรุง "
        "การพัฒนาขั้นตอนการดำเนินงานของหน่วยงาน",
        ["EIT"],
        [
            (
                "๑.แจ้งเวียนช่องทางการรับฟังความคิดเห็นทุกช่องทางให้ผู้นำชุมชนทุกหมู่บ้านประชาสัมพันธ์ผ่านหอกระจายข่าว",
                "-หัวหน้าสำนักปลัด อบต. -นิติกร",
                "ม.ค.-ก.ย. ๒๕๖๖",
                "-องค์การบริหารส่วนตำบลได้แจ้งทุกหมู่บ้านได้ ประชาสัมพันธ์ช่องทางการรับฟังความคิดเห็น"
                "ในเวทีการประชุมบูรณาการทุกวันที่ ๗ ของเดือน",
                "ควรส่ง link ช่องทางการรับฟังความคิดเห็นให้ผู้มีส่วนได้เสียทาง social network ด้วยอีกทาง",
            ),
            (
                "๒.ประชาสัมพันธ์ผลงานกิจกรรมที่ได้ปรับปรุงพัฒนา ขั้นตอนการดำเนินงาน "
                "ผ่านสื่อประชาสัมพันธ์ที่ประชาชนสามารถโต้ตอบหรือแสดงความคิดเห็นได้ง่ายรวดเร็ว "
                "เช่น face book , Line",
                "-สำนักปลัด อบต. -ผู้ดูแล web",
                "ม.ค.-ก.ย. ๒๕๖๖",
                "-สำนักปลัด อบต.กำลังจัดทำโครงการปรับปรุงศูนย์ข้อมูลข่าวสารให้บริการประชาชน ในปีงบประมาณ ๒๕๖๖",
                "เมื่อดำเนินการแล้วเสร็จ ให้ประชาสัมพันธ์ผ่าน เว็บไซต์หน่วยงาน face book , Line "
                "ด้วยให้ผู้มีส่วนได้เสียโต้ตอบได้",
            ),
            (
                "",
                "-นิติกร -ผู้ดูแล web",
                "ม.ค.-ก.ย. ๒๕๖๖",
                "-องค์การบริหารส่วนตำบลอยู่ระหว่างการดำเนินการจัดซื้อรถกระบะเข้าให้บริการประชาชน "
                "โดยกำหนดสร้างช่องทางให้บริการผ่าน ระบบ E-Service ด้วย "
                "คาดว่าจะแล้วเสร็จภายในปีงบประมาณ ๒๕๖๖",
                "ควรเร่งดำเนินการให้แล้วเสร็จภายในปีงบประมาณ พ.ศ. ๒๕๖๖",
            ),
            (
                "๓. ประชาสัมพันธ์เชิญชวนให้ประชาชนผู้มีส่วนได้เสียร่วมตอบแบบประเมิน (EIT) "
                "ในการประเมินคุณธรรมและความโปร่งใสในหน่วยงานภาครัฐ ITA ประจำปี ๒๕๖๖",
                "",
                "ก.พ.-มิ.ย. ๒๕๖๖",
                "องค์การบริหารส่วนตำบลได้ประชาสัมพันธ์เชิญชวนให้ประชาชนผู้มีส่วนได้เสียร่วมตอบ"
                "แบบประเมิน (EIT) ปี ๒๕๖๖ โดยเผยแพร่ในเว็บไซต์หน่วยงาน /Face book , Line กลุ่ม "
                "อย่างต่อเนื่อง\nโดยองค์การบริหารส่วนตำบล ได้ ประชาสัมพันธ์ QR CODE "
                "ให้ผู้มีส่วนได้เสีย เข้า ตอบแบบประเมิน EIT\nใน หน้าแรกของเว็บไซต์ หน่วยงาน "
                "www.prtong.go.th",
                "ควรเน้นย้ำเจ้าหน้าที่ผู้ให้บริการแต่ละสำนัก/กอง แจ้งผู้มารับบริการให้เข้าใจ "
                "และทราบถึงช่องทางต่างๆ ในการตอบแบบประเมิน (EIT) ปี ๒๕๖๖",
            ),
        ],
    ),
]

# Divisions every อบต. has; steps that name none print these instead of a typed text.
DIVISIONS = ("สำนักปลัด อบต.", "กองคลัง", "กองช่าง", "กองการศึกษาฯ")


def _division_rows(org: Organization) -> list[Division]:
    rows = []
    for order, name in enumerate(DIVISIONS):
        division = Division.objects.for_org(org).filter(name__iexact=name).first()
        rows.append(division or Division.objects.create(org=org, name=name, order=order))
    return rows


@transaction.atomic
def reference_plan(
    org: Organization, fiscal_year: int, *, satisfaction: str = "๘๕", **flags: bool
) -> Plan:
    """The reference report's 6 measures and 13 steps as a plan of `org`.

    `satisfaction` is the text put where the reference prints "๘๕", e.g. a
    `{{satisfaction survey=…}}` placeholder. Steps without a typed responsible
    text name the usual divisions, so they print from the org's own names.
    """
    plan = Plan.objects.create(org=org, fiscal_year=fiscal_year, intro=INTRO, **flags)
    divisions = _division_rows(org)
    first, _last = fiscal_year_range(fiscal_year)
    for number, (title, tools, steps) in enumerate(REFERENCE, start=1):
        measure = Measure.objects.create(plan=plan, number=number, title=title, tools=tools)
        for order, (method, responsible, period, result, suggestion) in enumerate(steps):
            step = Step.objects.create(
                measure=measure,
                order=order,
                method=method,
                responsible=responsible,
                period_label=period,
                # An empty label prints from the months: Jan–Sep of the fiscal year.
                start_month=date(first.year + 1, 1, 1),
                end_month=date(first.year + 1, 9, 1),
                result=result.replace("{satisfaction}", satisfaction),
                suggestion=suggestion,
                status=Step.Status.DONE,
            )
            if not responsible:
                step.divisions.set(divisions)
    return plan


@transaction.atomic
def long_plan(org: Organization, fiscal_year: int, *, measures: int = 60, steps: int = 3) -> Plan:
    """`measures` × `steps` steps cycling through the reference's texts, a figure in each result."""
    plan = Plan.objects.create(org=org, fiscal_year=fiscal_year, intro=INTRO)
    divisions = _division_rows(org)
    position = Position.objects.for_org(org).filter(name__iexact="นิติกร").first()
    position = position or Position.objects.create(org=org, name="นิติกร")
    texts = [step for _title, _tools, rows in REFERENCE for step in rows if step[0]]
    first, _last = fiscal_year_range(fiscal_year)
    n = 0
    for number in range(1, measures + 1):
        title, tools, _rows = REFERENCE[(number - 1) % len(REFERENCE)]
        measure = Measure.objects.create(plan=plan, number=number, title=title, tools=tools)
        for order in range(steps):
            method, _responsible, _period, result, suggestion = texts[n % len(texts)]
            month = 1 + n % 6
            step = Step.objects.create(
                measure=measure,
                order=order,
                method=method,
                start_month=date(first.year + 1, month, 1),
                end_month=date(first.year + 1, month + 3, 1),
                result=(result.replace("{satisfaction}", "๘๕") or "-ดำเนินการแล้ว")
                + f"\nรับเรื่องทาง Line {{{{cases channel=line {QUARTER}}}}} ราย",
                suggestion=suggestion,
            )
            step.divisions.set(divisions[: 1 + n % len(divisions)])
            step.positions.set([position])
            n += 1
    return plan

"""Demo catalog of อบต.ปราสาททอง: the typical services of a Thai อบต., and what can be booked."""

from prongsai.eservices.models import Resource, Service
from prongsai.eservices.open311 import keys
from prongsai.orgs.models import Division, Organization

Kind = Service.Kind

NO_FEE = "ไม่มีค่าธรรมเนียม"
ID_CARD = "สำเนาบัตรประจำตัวประชาชน 1 ฉบับ"
# Published in the README (a DESIGN.md contract) so anyone can try filing by Open311.
OPEN311_DEMO_KEY = "prasat-thong-demo-key"

RESOURCES = [
    ("รถกระบะ อบต.ปราสาททอง", Resource.Kind.VEHICLE, "สำนักปลัด อบต.", "รถกระบะ 4 ประตู นั่งได้ 5 คน"),
    ("หอประชุม อบต.ปราสาททอง", Resource.Kind.VENUE, "สำนักปลัด อบต.", "จุได้ประมาณ 200 คน"),
    ("เต็นท์และโต๊ะเก้าอี้", Resource.Kind.EQUIPMENT, "กองช่าง", "เต็นท์ 10 หลัง โต๊ะ 20 ตัว เก้าอี้ 200 ตัว"),
]

LOCATION = {"name": "location", "label": "ตำแหน่งบ้าน", "type": "location", "required": True}

# Complaint categories ask nothing more than the complaint form does; e-services
# ask their own fields. code, name, kind, division, days, physical, resource,
# fields, manual steps, documents, fee:
SERVICES = [
    ("road", "ถนนชำรุด", Kind.COMPLAINT, "กองช่าง", 15, True, None, [], [], "", ""),
    ("street-light", "ไฟฟ้าสาธารณะขัดข้อง", Kind.COMPLAINT, "กองช่าง", 7, True, None, [], [], "", ""),
    ("water", "น้ำประปาไม่ไหลหรือรั่ว", Kind.COMPLAINT, "กองช่าง", 7, True, None, [], [], "", ""),
    ("waste", "ขยะตกค้าง", Kind.COMPLAINT, "สำนักปลัด อบต.", 7, True, None, [], [], "", ""),
    (
        "nuisance",
        "เหตุเดือดร้อนรำคาญ",
        Kind.COMPLAINT,
        "สำนักปลัด อบต.",
        15,
        False,
        None,
        [],
        [],
        "",
        "",
    ),
    (
        "complaint-other",
        "เรื่องร้องเรียนอื่น ๆ",
        Kind.COMPLAINT,
        "สำนักปลัด อบต.",
        15,
        False,
        None,
        [],
        [],
        "",
        "",
    ),
    (
        "corruption",
        "ร้องเรียนการทุจริตและประพฤติมิชอบ",
        Kind.CORRUPTION,
        "สำนักปลัด อบต.",
        30,
        False,
        None,
        [],
        [],
        "",
        "",
    ),
    (
        "general-request",
        "คำร้องทั่วไป",
        Kind.REQUEST,
        "สำนักปลัด อบต.",
        15,
        False,
        None,
        [],
        [
            {"step": "ยื่นคำร้องออนไลน์หรือที่สำนักปลัด", "time": "5 นาที"},
            {"step": "เจ้าหน้าที่พิจารณาและเสนอผู้บริหาร", "time": "7 วัน"},
            {"step": "แจ้งผลการพิจารณา", "time": "1 วัน"},
        ],
        ID_CARD,
        NO_FEE,
    ),
    (
        "pickup-truck",
        "ขอใช้รถกระบะ",
        Kind.ESERVICE,
        "สำนักปลัด อบต.",
        3,
        False,
        "รถกระบะ อบต.ปราสาททอง",
        [
            {"name": "purpose", "label": "วัตถุประสงค์การใช้รถ", "type": "textarea", "required": True},
            {"name": "destination", "label": "สถานที่ปลายทาง", "type": "text", "required": True},
            {"name": "passengers", "label": "จำนวนผู้โดยสาร", "type": "number", "required": True},
        ],
        [
            {"step": "ยื่นคำขอใช้รถล่วงหน้าอย่างน้อย 3 วันทำการ", "time": "5 นาที"},
            {"step": "หัวหน้าสำนักปลัดพิจารณาอนุมัติ", "time": "2 วัน"},
            {"step": "แจ้งผลและนัดรับรถ", "time": "1 วัน"},
        ],
        ID_CARD,
        "ผู้ขอใช้รถออกค่าน้ำมันเชื้อเพลิงตามระยะทางจริง",
    ),
    (
        "water-delivery",
        "ขอน้ำอุปโภคบริโภค",
        Kind.ESERVICE,
        "กองช่าง",
        3,
        False,
        None,
        [
            {
                "name": "household",
                "label": "จำนวนสมาชิกในครัวเรือน",
                "type": "number",
                "required": True,
            },
            {"name": "litres", "label": "ปริมาณน้ำที่ต้องการ (ลิตร)", "type": "number", "required": True},
            LOCATION,
        ],
        [{"step": "ยื่นคำขอ", "time": "5 นาที"}, {"step": "จัดรถบรรทุกน้ำออกให้บริการ", "time": "3 วัน"}],
        "",
        NO_FEE,
    ),
    (
        "elderly-allowance",
        "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ",
        Kind.ESERVICE,
        "สำนักปลัด อบต.",
        30,
        False,
        None,
        [
            {"name": "birth_date", "label": "วันเกิดของผู้สูงอายุ", "type": "date", "required": True},
            {
                "name": "payment",
                "label": "ช่องทางรับเงิน",
                "type": "choice",
                "required": True,
                "choices": ["โอนเข้าบัญชีธนาคาร", "รับเงินสด"],
            },
        ],
        [
            {"step": "ลงทะเบียนออนไลน์หรือที่ อบต. ในเดือนตุลาคม–พฤศจิกายน", "time": "10 นาที"},
            {"step": "ตรวจสอบคุณสมบัติ", "time": "30 วัน"},
            {"step": "ประกาศรายชื่อผู้มีสิทธิ", "time": "15 วัน"},
        ],
        f"{ID_CARD}\nสำเนาทะเบียนบ้าน 1 ฉบับ\nสำเนาสมุดบัญชีธนาคาร (ถ้ารับเงินทางบัญชี)",
        NO_FEE,
    ),
    (
        "borrow-equipment",
        "ยืมพัสดุครุภัณฑ์ (เต็นท์ โต๊ะ เก้าอี้)",
        Kind.ESERVICE,
        "กองช่าง",
        3,
        False,
        "เต็นท์และโต๊ะเก้าอี้",
        [
            {"name": "purpose", "label": "ใช้ในงาน", "type": "text", "required": True},
            {"name": "items", "label": "รายการและจำนวนที่ขอยืม", "type": "textarea", "required": True},
        ],
        [
            {"step": "ยื่นคำขอล่วงหน้าอย่างน้อย 3 วัน", "time": "5 นาที"},
            {"step": "พิจารณาอนุมัติ", "time": "2 วัน"},
        ],
        ID_CARD,
        NO_FEE,
    ),
    (
        "venue",
        "ขอใช้หอประชุม",
        Kind.ESERVICE,
        "สำนักปลัด อบต.",
        5,
        False,
        "หอประชุม อบต.ปราสาททอง",
        [
            {"name": "purpose", "label": "ใช้จัดกิจกรรม", "type": "text", "required": True},
            {"name": "attendees", "label": "จำนวนผู้ร่วมงาน", "type": "number", "required": True},
        ],
        [{"step": "ยื่นคำขอ", "time": "5 นาที"}, {"step": "พิจารณาอนุมัติ", "time": "3 วัน"}],
        ID_CARD,
        "ตามประกาศอัตราค่าบำรุงสถานที่",
    ),
    (
        "information",
        "ขอข้อมูลข่าวสารของราชการ",
        Kind.ESERVICE,
        "สำนักปลัด อบต.",
        15,
        False,
        None,
        [
            {"name": "information", "label": "ข้อมูลที่ต้องการ", "type": "textarea", "required": True},
            {
                "name": "format",
                "label": "รูปแบบที่ต้องการ",
                "type": "choice",
                "required": True,
                "choices": ["ไฟล์อิเล็กทรอนิกส์", "สำเนาเอกสาร"],
            },
        ],
        [{"step": "ยื่นคำขอ", "time": "5 นาที"}, {"step": "จัดหาข้อมูลและแจ้งผล", "time": "15 วัน"}],
        "",
        "ค่าสำเนาเอกสารตามประกาศ",
    ),
]


def load(org: Organization) -> None:
    divisions = {d.name: d for d in Division.objects.for_org(org)}
    resources = {}
    for name, kind, division, description in RESOURCES:
        resources[name], _ = Resource.objects.update_or_create(
            org=org,
            name=name,
            defaults={"kind": kind, "division": divisions[division], "description": description},
        )
    for order, row in enumerate(SERVICES, start=1):
        code, name, kind, division, days, physical, resource, fields, steps, documents, fee = row
        Service.objects.update_or_create(
            org=org,
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "division": divisions[division],
                "time_limit_days": days,
                "is_physical": physical,
                "resource": resources[resource] if resource else None,
                "form_fields": fields,
                "manual_steps": steps,
                "manual_documents": documents,
                "manual_fee": fee,
                "order": order,
            },
        )
    keys.store_known_key(org=org, name="คีย์สาธิต (เผยแพร่ใน README)", raw=OPEN311_DEMO_KEY)

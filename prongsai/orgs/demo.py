"""Demo data of the orgs app: อบต.ปราสาททอง as in the reference O43 report, and a second org.

Idempotent: running it again leaves the same rows (and resets the demo passwords).
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from prongsai.orgs.models import (
    Division,
    ItasLink,
    Membership,
    Organization,
    Position,
    Village,
)
from prongsai.thai import fiscal_year, fiscal_year_range

DEMO_PASSWORD = "prongsai-demo"

Role = Membership.Role


@dataclass(frozen=True)
class DemoLogin:
    org: str
    role: str
    username: str
    password: str


PRASAT_THONG = {
    "slug": "prasat-thong",
    "name_th": "องค์การบริหารส่วนตำบลปราสาททอง",
    "name_en": "Prasat Thong Subdistrict Administrative Organization",
    "short_name": "อบต.ปราสาททอง",
    "kind": Organization.Kind.SAO,
    "district": "เขวาสินรินทร์",
    "province": "สุรินทร์",
    "website": "http://www.prtong.go.th",
    # Contact details made up for the demo.
    "address": "หมู่ที่ 1 ตำบลปราสาททอง อำเภอเขวาสินรินทร์ จังหวัดสุรินทร์ 32000",
    "phone": "044-000-000",
    "email": "saraban@prasat-thong.example",
}
# หมู่ 6 บ้านสามโคก is in the reference report; the other names are made up for the demo.
PRASAT_THONG_VILLAGES = [
    (1, "บ้านปราสาททอง"),
    (2, "บ้านโคกกลาง"),
    (3, "บ้านหนองบัว"),
    (4, "บ้านตะเคียน"),
    (5, "บ้านสวาย"),
    (6, "บ้านสามโคก"),
    (7, "บ้านหนองแวง"),
    (8, "บ้านโนนสูง"),
    (9, "บ้านโพธิ์ทอง"),
]
# Divisions and positions named in the reference report.
PRASAT_THONG_DIVISIONS = [
    ("สำนักปลัด อบต.", "สำนักปลัด"),
    ("กองคลัง", "กองคลัง"),
    ("กองช่าง", "กองช่าง"),
    ("กองการศึกษา ศาสนาและวัฒนธรรม", "กองศึกษาฯ"),
]
# name, division, is executive; นิติกร and ปลัด receive corruption complaints.
PRASAT_THONG_POSITIONS = [
    ("นายก อบต.", None, True),
    ("ปลัด อบต.", None, True),
    ("หัวหน้าสำนักปลัด อบต.", "สำนักปลัด อบต.", False),
    ("นักทรัพยากรบุคคล", "สำนักปลัด อบต.", False),
    ("นิติกร", "สำนักปลัด อบต.", False),
    ("ผู้ดูแลเว็บไซต์", "สำนักปลัด อบต.", False),
    ("เจ้าหน้าที่งบประมาณ", "สำนักปลัด อบต.", False),
    ("ผู้อำนวยการกองคลัง", "กองคลัง", False),
    ("ผู้อำนวยการกองช่าง", "กองช่าง", False),
    ("ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม", "กองการศึกษา ศาสนาและวัฒนธรรม", False),
]
CORRUPTION_HANDLERS = {"นิติกร", "ปลัด อบต."}
# Who hears of their division's late matters and gets its daily digest.
DIVISION_HEADS = {
    "หัวหน้าสำนักปลัด อบต.",
    "ผู้อำนวยการกองคลัง",
    "ผู้อำนวยการกองช่าง",
    "ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม",
}
# username, first name, last name, role, division, position
PRASAT_THONG_USERS = [
    ("pt-admin", "วิภาดา", "ดูแลดี", Role.ADMIN, "สำนักปลัด อบต.", "ผู้ดูแลเว็บไซต์"),
    ("pt-officer", "สมศักดิ์", "ยุติธรรม", Role.OFFICER, "สำนักปลัด อบต.", "นิติกร"),
    ("pt-executive", "ประเสริฐ", "มั่นคง", Role.EXECUTIVE, None, "ปลัด อบต."),
    ("pt-staff", "มาลี", "ประหยัด", Role.STAFF, "สำนักปลัด อบต.", "เจ้าหน้าที่งบประมาณ"),
]

# A second org, so that isolation can be seen and tested on the demo.
BAN_MAI = {
    "slug": "ban-mai",
    "name_th": "เทศบาลตำบลบ้านใหม่",
    "name_en": "Ban Mai Subdistrict Municipality",
    "short_name": "ทต.บ้านใหม่",
    "kind": Organization.Kind.TAMBON_MUNICIPALITY,
    "district": "เมืองสุรินทร์",
    "province": "สุรินทร์",
    "website": "",
}
BAN_MAI_DIVISIONS = [("สำนักปลัดเทศบาล", "สำนักปลัด"), ("กองคลัง", "กองคลัง")]
BAN_MAI_USERS = [("bm-admin", "อรุณ", "แสงทอง", Role.ADMIN, "สำนักปลัดเทศบาล", None)]


def load() -> list[DemoLogin]:
    """Create or refresh the demo orgs and staff; return the logins to show."""
    prasat_thong = _org(PRASAT_THONG, PRASAT_THONG_DIVISIONS, PRASAT_THONG_POSITIONS)
    current = fiscal_year(timezone.localdate())
    for year in sorted({2566, current}):
        # 2566 ran its questionnaires from May to July; the current year's stay open
        # all year in the demo, so that the home page shows its invitation.
        period = (date(2023, 5, 1), date(2023, 7, 31)) if year == 2566 else fiscal_year_range(year)
        ItasLink.objects.update_or_create(
            org=prasat_thong,
            fiscal_year=year,
            defaults={
                "eit_url": f"https://itas.nacc.go.th/go/eit/demo-prtong-{year}",
                "iit_url": f"https://itas.nacc.go.th/go/iit/demo-prtong-{year}",
                "opens_on": period[0],
                "closes_on": period[1],
            },
        )
    for number, name in PRASAT_THONG_VILLAGES:
        Village.objects.update_or_create(org=prasat_thong, number=number, defaults={"name": name})
    ban_mai = _org(BAN_MAI, BAN_MAI_DIVISIONS, [])
    return [
        *_users(prasat_thong, PRASAT_THONG_USERS),
        *_users(ban_mai, BAN_MAI_USERS),
        _platform_admin(),
    ]


def _platform_admin() -> DemoLogin:
    """The instance's own administrator, for the Django admin of every org."""
    user, _ = get_user_model().objects.update_or_create(
        username="platform",
        defaults={"is_staff": True, "is_superuser": True, "is_active": True},
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return DemoLogin("(ทุกหน่วยงาน)", "ผู้ดูแลระบบ Prongsai", user.username, DEMO_PASSWORD)


def _org(fields: dict, divisions: list, positions: list) -> Organization:
    org, _ = Organization.objects.update_or_create(slug=fields["slug"], defaults=fields)
    for order, (name, short_name) in enumerate(divisions, start=1):
        Division.objects.update_or_create(
            org=org, name=name, defaults={"short_name": short_name, "order": order}
        )
    for name, division, is_executive in positions:
        Position.objects.update_or_create(
            org=org,
            name=name,
            defaults={
                "division": Division.objects.get(org=org, name=division) if division else None,
                "is_executive": is_executive,
                "handles_corruption": name in CORRUPTION_HANDLERS,
                "heads_division": name in DIVISION_HEADS,
            },
        )
    return org


def _users(org: Organization, users: list) -> list[DemoLogin]:
    User = get_user_model()
    logins = []
    for username, first_name, last_name, role, division, position in users:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name, "is_active": True},
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        Membership.objects.update_or_create(
            org=org,
            user=user,
            defaults={
                "role": role,
                "is_active": True,
                "division": Division.objects.get(org=org, name=division) if division else None,
                "position": Position.objects.get(org=org, name=position) if position else None,
            },
        )
        logins.append(DemoLogin(org.slug, role.label, username, DEMO_PASSWORD))
    return logins

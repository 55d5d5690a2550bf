"""Orgs with years of realistic data, generated fast, to see how Prongsai holds at national scale.

Each generated org (slug `<prefix>-0001`, …) gets what a working อบต. has: divisions,
villages, positions, four staff (admin, officer, executive, staff), the demo's
catalog of e-services, cases from every channel since the start of fiscal year
(current − 2) with their timelines as the inbox writes them (the first answer
timed, a few resolved only after their reporter reopened them), a satisfaction
survey answered by reporters and walk-ins, two participation projects a year
each with its survey, and a published plan of measures per fiscal year whose
results quote live figures (case counts and follow-through, satisfaction, project
dates).

Orgs are written one per transaction, the big tables by COPY on PostgreSQL, and
an org whose slug exists is left alone: running again with the same numbers
adds nothing, with more orgs adds the missing ones (each gets cases ÷ orgs).
"""

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from prongsai import thai
from prongsai.eservices import demo as eservices_demo
from prongsai.eservices.models import Service
from prongsai.inbox import tracking
from prongsai.inbox.models import Case, CaseEvent, CasePolicy
from prongsai.ita.models import Measure, Plan, Step
from prongsai.orgs import demo as orgs_demo
from prongsai.orgs.models import Division, Membership, Organization, Position, Village
from prongsai.scale.rows import RowWriter, reserve_ids
from prongsai.surveys.models import Answer, Project, Question, Response, Survey

Channel, Kind, Status, Event = Case.Channel, Case.Kind, Case.Status, CaseEvent.Kind
Role = Membership.Role

PROVINCES = ("สุรินทร์", "บุรีรัมย์", "ศรีสะเกษ", "ขอนแก่น", "เชียงใหม่", "นครศรีธรรมราช", "ชลบุรี", "ลำปาง")
ORG_KINDS = (
    (Organization.Kind.SAO, "องค์การบริหารส่วนตำบล", "อบต."),
    (Organization.Kind.TAMBON_MUNICIPALITY, "เทศบาลตำบล", "ทต."),
)
PLACE_NAMES = (
    "หนองบัว",
    "โคกกลาง",
    "สวาย",
    "ตะเคียน",
    "โพธิ์ทอง",
    "นาดี",
    "ดอนแก้ว",
    "บ้านใหม่",
    "ห้วยทราย",
)
STAFF_ROLES = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE, Role.STAFF)
# Roughly how matters reach an อบต.: LINE and the web form carry most.
CHANNEL_WEIGHTS = {
    Channel.LINE: 34,
    Channel.WEB: 16,
    Channel.ESERVICE: 14,
    Channel.PHONE: 10,
    Channel.WALKIN: 9,
    Channel.LIVECHAT: 4,
    Channel.FACEBOOK: 3,
    Channel.QA: 3,
    Channel.WEBBOARD: 2,
    Channel.LETTER: 3,
    Channel.STAFF: 2,
}
# The service a case names, by channel: e-services come by their forms, complaints by any.
COMPLAINT_CODES = ("road", "street-light", "water", "waste", "nuisance", "complaint-other")
ESERVICE_CODES = ("water-delivery", "elderly-allowance", "information", "general-request")
SUBJECTS = {
    "road": ("ถนนลูกรังเป็นหลุมลึก", "ไหล่ทางถนนสายหลักทรุด", "ฝาท่อระบายน้ำหาย"),
    "street-light": ("ไฟกิ่งหน้าศาลากลางบ้านดับ", "เสาไฟเอียงเสี่ยงล้ม"),
    "water": ("น้ำประปาไหลอ่อนช่วงเย็น", "ท่อประปาแตกหน้าโรงเรียน", "น้ำประปามีตะกอนขุ่น"),
    "waste": ("ขยะไม่ได้เก็บมาหนึ่งสัปดาห์", "ถังขยะหน้าตลาดล้น"),
    "nuisance": ("เสียงดังจากร้านคาราโอเกะหลังเที่ยงคืน", "กลิ่นเหม็นจากฟาร์มสุกร"),
    "complaint-other": ("สุนัขจรจัดไล่กัดเด็กนักเรียน", "ขอให้ตัดหญ้าริมทางเข้าหมู่บ้าน"),
    "corruption": ("สงสัยการจัดซื้อวัสดุก่อสร้างราคาสูงเกินจริง",),
    "water-delivery": ("ขอรับน้ำอุปโภคบริโภค",),
    "elderly-allowance": ("ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ",),
    "information": ("ขอสำเนาแผนพัฒนาท้องถิ่น", "ขอข้อมูลงบประมาณโครงการถนน"),
    "general-request": ("ขอหนังสือรับรองการเป็นผู้อยู่ในพื้นที่",),
    Kind.QUESTION: ("สอบถามกำหนดการฉีดวัคซีนพิษสุนัขบ้า", "สอบถามวันชำระภาษีที่ดิน"),
    Kind.OPINION: ("เสนอให้จัดตลาดนัดชุมชนทุกวันเสาร์", "ขอบคุณที่ซ่อมถนนรวดเร็ว"),
    Kind.BUDGET: ("ถาม: ค่าจ้างเหมาซ่อมแซมถนน", "ทักท้วง: ค่าวัสดุสำนักงาน"),
}
RESOLUTIONS = {
    Status.RESOLVED: "ดำเนินการแก้ไขแล้วเสร็จ และแจ้งผู้แจ้งแล้ว",
    Status.REJECTED: "ไม่อยู่ในอำนาจหน้าที่ขององค์กร แจ้งผู้แจ้งแล้ว",
    Status.FORWARDED: "ส่งต่อหน่วยงานที่รับผิดชอบแล้ว",
}
LIKERT_QUESTIONS = (
    "ความรวดเร็วในการให้บริการ",
    "ความสุภาพและเต็มใจของเจ้าหน้าที่",
    "ความชัดเจนของขั้นตอนและเอกสาร",
    "ผลการดำเนินการตรงกับความต้องการ",
)
PROJECTS = (
    ("โครงการจัดการขยะมูลฝอยและน้ำเสียในชุมชน", (Project.Mode.PLANNING, Project.Mode.IMPLEMENTING)),
    ("โครงการประชาคมจัดทำแผนพัฒนาท้องถิ่น", (Project.Mode.PLANNING, Project.Mode.BUDGETING)),
)
PROJECT_RESPONSES = 30
# A case is closed after a few days to weeks; this share of those past 60 days is.
CLOSED_SHARE_OLD, CLOSED_SHARE_RECENT = 0.95, 0.5
CLOSINGS = list(RESOLUTIONS)
CLOSING_CUM_WEIGHTS = list(accumulate((85, 10, 5)))
# Of the matters resolved, this share the reporter reopens once before the final fix.
REOPENED_SHARE = 0.05
REOPEN_REASON = "ยังไม่ได้รับการแก้ไขจริง ขอให้ตรวจสอบอีกครั้ง"
REOPEN_DATA = json.dumps({"via": "web"})
CHANNELS = list(CHANNEL_WEIGHTS)
CHANNEL_CUM_WEIGHTS = list(accumulate(CHANNEL_WEIGHTS.values()))
CHANNEL_DATA = {channel: json.dumps({"channel": channel}) for channel in CHANNELS}


@dataclass
class Result:
    """What a run made: orgs created and skipped, rows per table, and the time it took."""

    created: int = 0
    skipped: int = 0
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def slug(prefix: str, n: int) -> str:
    return f"{prefix}-{n:04d}"


def first_fiscal_year(today: date) -> int:
    return thai.fiscal_year(today) - 2


def generate(
    *,
    orgs: int,
    cases: int,
    seed: int = 2566,
    prefix: str = "scale",
    password: str | None = None,
    progress: Callable[[int, Result], None] | None = None,
) -> Result:
    """Make sure orgs `<prefix>-0001` … `<prefix>-<orgs>` exist; each new one gets cases ÷ orgs.

    Orgs are seeded by their number, so an org comes out the same whatever the
    run that made it. Without `password` the staff accounts cannot log in.
    """
    if orgs < 1 or cases < 0:
        raise ValueError("orgs must be at least 1 and cases not negative")
    started = time.perf_counter()
    result = Result()
    existing = set(
        Organization.objects.filter(slug__startswith=f"{prefix}-").values_list("slug", flat=True)
    )
    context = _Context(
        now=timezone.now(),
        password=make_password(password) if password else make_password(None),
        cases=cases // orgs,
    )
    for n in range(1, orgs + 1):
        if slug(prefix, n) in existing:
            result.skipped += 1
            continue
        with transaction.atomic():
            _Org(context, prefix, n, random.Random(f"{seed}-{n}"), result.rows).make()
        result.created += 1
        if progress:
            result.seconds = time.perf_counter() - started
            progress(n, result)
    if result.created and connection.vendor == "postgresql":
        # What autovacuum would do in a while: the planner learns how big the tables
        # have grown, and index-only scans can skip the freshly written pages.
        # VACUUM cannot run in a transaction (a test's): there, statistics only.
        verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            tables = [apps.get_model(label)._meta.db_table for label in result.rows]
            cursor.execute(f"{verb} {', '.join(tables)}")
    result.seconds = time.perf_counter() - started
    return result


@dataclass(frozen=True)
class _Context:
    now: datetime
    password: str
    cases: int

    @property
    def first_day(self) -> date:
        return thai.fiscal_year_range(first_fiscal_year(timezone.localdate(self.now)))[0]

    @property
    def fiscal_years(self) -> range:
        first = first_fiscal_year(timezone.localdate(self.now))
        return range(first, first + 3)


def _aware(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


class _Org:
    """One generated org, written in one transaction."""

    def __init__(self, context: _Context, prefix: str, n: int, rng: random.Random, rows: Counter):
        self.context, self.prefix, self.n, self.rng, self.rows = context, prefix, n, rng, rows

    def make(self) -> None:
        self.org = self._organization()
        self._structure()
        self._staff()
        self._services()
        closed = self._cases()
        self._projects()
        self._surveys(closed)
        self._plans()

    def _bulk(self, model, objects: list) -> list:
        made = model.objects.bulk_create(objects)
        self.rows[model._meta.label] += len(made)
        return made

    def _organization(self) -> Organization:
        kind, prefix_th, short = ORG_KINDS[self.n % len(ORG_KINDS)]
        place = f"{PLACE_NAMES[self.n % len(PLACE_NAMES)]} {thai.to_thai_digits(str(self.n))}"
        org = Organization.objects.create(
            slug=slug(self.prefix, self.n),
            name_th=f"{prefix_th}{place}",
            short_name=f"{short}{place}",
            kind=kind,
            district=PLACE_NAMES[(self.n // 9) % len(PLACE_NAMES)],
            province=PROVINCES[self.n % len(PROVINCES)],
            phone="044-000-000",
        )
        self.rows["orgs.Organization"] += 1
        CasePolicy.objects.create(org=org, board_kinds=[Case.Kind.COMPLAINT, Case.Kind.REQUEST])
        self.rows["inbox.CasePolicy"] += 1
        return org

    def _structure(self) -> None:
        org = self.org
        self.divisions = self._bulk(
            Division,
            [
                Division(org=org, name=name, short_name=short, order=order)
                for order, (name, short) in enumerate(orgs_demo.PRASAT_THONG_DIVISIONS, start=1)
            ],
        )
        self.by_division = {d.name: d for d in self.divisions}
        self._bulk(
            Village,
            [
                Village(org=org, number=number, name=name)
                for number, name in orgs_demo.PRASAT_THONG_VILLAGES
            ],
        )
        self.positions = self._bulk(
            Position,
            [
                Position(
                    org=org,
                    name=name,
                    division=self.by_division.get(division),
                    is_executive=executive,
                    handles_corruption=name in orgs_demo.CORRUPTION_HANDLERS,
                )
                for name, division, executive in orgs_demo.PRASAT_THONG_POSITIONS
            ],
        )

    def _staff(self) -> None:
        User = get_user_model()
        base = slug(self.prefix, self.n)
        users = self._bulk(
            User,
            [
                User(
                    username=f"{base}-{role}",
                    first_name=first,
                    last_name=last,
                    password=self.context.password,
                )
                for role, (_u, first, last, *_rest) in zip(
                    STAFF_ROLES, orgs_demo.PRASAT_THONG_USERS, strict=True
                )
            ],
        )
        positions = {p.name: p for p in self.positions}
        self._bulk(
            Membership,
            [
                Membership(
                    org=self.org,
                    user=user,
                    role=role,
                    division=self.by_division.get(division),
                    position=positions.get(position),
                )
                for user, (_u, _f, _l, role, division, position) in zip(
                    users, orgs_demo.PRASAT_THONG_USERS, strict=True
                )
            ],
        )
        self.officer = users[1]

    def _services(self) -> None:
        """The demo's catalog; bookable services without their resource, which is not generated."""
        services = []
        for order, row in enumerate(eservices_demo.SERVICES, start=1):
            code, name, kind, division, days, physical, _resource, fields, steps, docs, fee = row
            services.append(
                Service(
                    org=self.org,
                    code=code,
                    name=name,
                    kind=kind,
                    division=self.by_division[division],
                    time_limit_days=days,
                    is_physical=physical,
                    form_fields=fields,
                    manual_steps=steps,
                    manual_documents=docs,
                    manual_fee=fee,
                    order=order,
                )
            )
        self.services = {s.code: s for s in self._bulk(Service, services)}

    def _case(self, channel: str) -> tuple[str, Service | None, Division | None]:
        """The kind, service and division of a case that came by `channel`."""
        rng = self.rng
        if channel == Channel.STAFF:
            return Kind.BUDGET, None, self.by_division["กองคลัง"]
        if channel == Channel.ESERVICE or (
            channel in (Channel.WALKIN, Channel.PHONE) and rng.random() < 0.4
        ):
            service = self.services[rng.choice(ESERVICE_CODES)]
        elif channel in (Channel.QA, Channel.WEBBOARD) or rng.random() < 0.1:
            kind = Kind.QUESTION if rng.random() < 0.7 else Kind.OPINION
            return kind, None, None
        elif rng.random() < 0.01:
            service = self.services["corruption"]
        else:
            service = self.services[rng.choice(COMPLAINT_CODES)]
        return service.kind, service, service.division

    def _cases(self) -> list[tuple[int, datetime]]:
        """Cases in time order, with their events; returns (id, closed_at) of the closed ones.

        Cases are made while they are written, so that the database stores one
        while the next is made; the events follow them.
        """
        events: list[tuple] = []
        closed: list[tuple[int, datetime]] = []
        # Before the writing starts: the connection has no other query while it copies.
        ids = reserve_ids(Case, self.context.cases)
        self._write(Case, CASE_FIELDS, self._case_rows(ids, events, closed))
        self._write(CaseEvent, EVENT_FIELDS, events)
        return closed

    def _case_rows(self, ids: list[int], events: list[tuple], closed: list) -> Iterator[tuple]:
        rng, now = self.rng, self.context.now
        low = _aware(self.context.first_day, 0)
        span = int((now - low).total_seconds())
        moments = sorted(low + timedelta(seconds=rng.randrange(span)) for _ in ids)
        officer = self.officer
        assigned = json.dumps({"assignee": officer.username})
        # Near the org's office; each org somewhere else in the country.
        lat0, long0 = 14 + (self.n % 60) / 10, 100 + (self.n % 45) / 10
        for case_id, received in zip(ids, moments, strict=True):
            channel = rng.choices(CHANNELS, cum_weights=CHANNEL_CUM_WEIGHTS)[0]
            kind, service, division = self._case(channel)
            subject = rng.choice(SUBJECTS[service.code if service else kind])
            days = service.time_limit_days if service else settings.CASE_DEFAULT_TIME_LIMIT_DAYS
            old = now - received > timedelta(days=60)
            status, closed_at, assignee, answered_at = Status.RECEIVED, None, None, None
            if rng.random() < (CLOSED_SHARE_OLD if old else CLOSED_SHARE_RECENT):
                status = rng.choices(CLOSINGS, cum_weights=CLOSING_CUM_WEIGHTS)[0]
                closed_at = min(
                    received + timedelta(hours=rng.randrange(4, 24 * days * 3 // 2)), now
                )
            if status != Status.RECEIVED or rng.random() < 0.5:
                assignee = officer
                if status == Status.RECEIVED:
                    status = Status.IN_PROGRESS
                # The status change of the assignment is the reporter's first answer.
                answered_at = received + timedelta(hours=2)
                if closed_at is not None:
                    answered_at = min(answered_at, closed_at)
            # A reopen between a first fix and the last, when there is time for both.
            reopened_at = None
            if (
                status == Status.RESOLVED
                and closed_at - answered_at > timedelta(hours=6)
                and rng.random() < REOPENED_SHARE
            ):
                reopened_at = answered_at + (closed_at - answered_at) / 2
            physical = service is not None and service.is_physical
            yield (
                case_id,
                self.org.pk,
                _tracking_code(case_id),
                kind,
                channel,
                service.pk if service else None,
                subject,
                subject,
                json.dumps({"intent": "question", "item": subject})
                if kind == Kind.BUDGET
                else "{}",
                _coordinate(lat0, rng) if physical else None,
                _coordinate(long0, rng) if physical else None,
                "",
                rng.randint(1, 9) if physical else None,
                division.pk if division else None,
                assignee.pk if assignee else None,
                status,
                Case.Priority.NORMAL,
                received,
                received + timedelta(days=days),
                closed_at,
                answered_at,
                1 if reopened_at else 0,
                RESOLUTIONS.get(status, ""),
                "",
                "",
                "",
                None,
                "",
                received,
                closed_at or received,
            )
            events.append(
                (case_id, Event.CREATED, None, "", True, "", Status.RECEIVED,
                 CHANNEL_DATA[channel], received)
            )  # fmt: skip
            if assignee is not None:
                # As the inbox writes an assignment: the case is then in progress.
                at = received + timedelta(hours=2)
                events += [
                    (case_id, Event.ASSIGNED, officer.pk, "", False, "", "", assigned, at),
                    (case_id, Event.STATUS_CHANGED, officer.pk, "", True,
                     Status.RECEIVED, Status.IN_PROGRESS, "{}", at),
                ]  # fmt: skip
            if reopened_at is not None:
                first_fix = answered_at + (reopened_at - answered_at) / 2
                events += [
                    (case_id, Event.CLOSED, officer.pk, RESOLUTIONS[status], True,
                     Status.IN_PROGRESS, status, "{}", first_fix),
                    (case_id, Event.REOPENED, None, REOPEN_REASON, True,
                     status, Status.IN_PROGRESS, REOPEN_DATA, reopened_at),
                ]  # fmt: skip
            if closed_at is not None:
                events.append(
                    (case_id, Event.CLOSED, officer.pk, RESOLUTIONS[status], True,
                     Status.IN_PROGRESS, status, "{}", closed_at)
                )  # fmt: skip
                if kind in (Kind.COMPLAINT, Kind.REQUEST, Kind.ESERVICE):
                    closed.append((case_id, closed_at))

    def _write(self, model, fields: tuple[str, ...], rows: Iterable[tuple]) -> None:
        self.rows[model._meta.label] += RowWriter(model, fields).write(rows)

    def _projects(self) -> None:
        rng = self.rng
        villages = list(Village.objects.for_org(self.org))
        projects = []
        for year in self.context.fiscal_years:
            start, _end = thai.fiscal_year_range(year)
            for number, (title, modes) in enumerate(PROJECTS):
                starts_on = start + timedelta(days=60 + 150 * number + rng.randrange(30))
                projects.append(
                    Project(
                        org=self.org,
                        title=f"{title} ประจำปี {year}",
                        starts_on=starts_on,
                        ends_on=starts_on + timedelta(days=1),
                        fiscal_year=year,
                        division=self.divisions[0],
                        budget=Decimal(rng.randrange(10, 50) * 1000),
                        participants=rng.randrange(25, 80),
                        modes=list(modes),
                        outcome="ผู้เข้าร่วมเสนอความเห็นและร่วมดำเนินกิจกรรมครบทุกขั้นตอน",
                    )
                )
        # Projects still ahead are not part of the data yet.
        self.projects = self._bulk(Project, [p for p in projects if p.ends_on < self.today])
        Through = Project.villages.through
        self._bulk(
            Through,
            [Through(project=project, village=rng.choice(villages)) for project in self.projects],
        )

    @property
    def today(self) -> date:
        return timezone.localdate(self.context.now)

    def _survey(self, title: str, **fields) -> tuple[Survey, list[Question]]:
        survey = Survey.objects.create(org=self.org, title=title, **fields)
        self.rows["surveys.Survey"] += 1
        questions = self._bulk(
            Question,
            [
                *(
                    Question(survey=survey, order=order, kind=Question.Kind.LIKERT, text=text)
                    for order, text in enumerate(LIKERT_QUESTIONS)
                ),
                Question(
                    survey=survey,
                    order=len(LIKERT_QUESTIONS),
                    kind=Question.Kind.LONG,
                    text="ข้อเสนอแนะ",
                    required=False,
                ),
            ],
        )
        return survey, questions[: len(LIKERT_QUESTIONS)]

    def _surveys(self, closed: list[tuple[int, datetime]]) -> None:
        """A service survey offered on closing (a tenth of reporters answer) and one per project."""
        self.service_survey, likert = self._survey(
            "แบบประเมินความพึงพอใจต่อการให้บริการ",
            status=Survey.Status.OPEN,
            formula=Survey.Formula.TOP_TWO,
            offer_on_close=True,
        )
        answered = [(case_id, at + timedelta(hours=5)) for case_id, at in closed[::10]]
        self._responses(self.service_survey, likert, answered, (3, 4, 4, 5, 5))
        self.project_surveys = {}
        for project in self.projects:
            survey, likert = self._survey(
                f"แบบสำรวจความพึงพอใจผู้เข้าร่วม{project.title}",
                status=Survey.Status.CLOSED,
                formula=Survey.Formula.MEAN,
                project=project,
                division=project.division,
                allow_repeat=True,
            )
            at = _aware(project.ends_on, 15)
            taken = [(None, at + timedelta(minutes=n)) for n in range(PROJECT_RESPONSES)]
            self._responses(survey, likert, taken, (3, 4, 4, 5, 5, 5))
            self.project_surveys[project.pk] = survey

    def _responses(self, survey, likert, taken: list, scores: tuple[int, ...]) -> None:
        ids = reserve_ids(Response, len(taken))
        responses, answers = [], []
        for response_id, (case_id, at) in zip(ids, taken, strict=True):
            given = [self.rng.choice(scores) for _ in likert]
            mean = (Decimal(sum(given)) / len(given)).quantize(Decimal("0.001"), ROUND_HALF_UP)
            responses.append(
                (response_id, survey.pk, min(at, self.context.now), mean, case_id,
                 "", "", "", None, f"scale-{response_id}")
            )  # fmt: skip
            answers += [
                (response_id, q.pk, s, None, "") for q, s in zip(likert, given, strict=True)
            ]
        self._write(Response, RESPONSE_FIELDS, responses)
        self._write(Answer, ANSWER_FIELDS, answers)

    def _plans(self) -> None:
        """A plan per fiscal year, published, whose results quote the year's live figures."""
        for year in self.context.fiscal_years:
            start, end = thai.fiscal_year_range(year)
            if start > self.today:
                continue
            plan = Plan.objects.create(
                org=self.org, fiscal_year=year, o42_published=True, o43_published=True
            )
            self.rows["ita.Plan"] += 1
            q_start, q_end = thai.quarter_range(year, 2)
            period = f"start={q_start} end={q_end}"
            projects = [p for p in self.projects if p.fiscal_year == year]
            survey = f"survey={self.service_survey.pk} start={start} end={end}"
            satisfaction = f"{{{{satisfaction {survey}}}}}"
            results = [
                (
                    "เปิดช่องทางรับเรื่องร้องเรียนออนไลน์หลายช่องทาง และรายงานผลรายไตรมาส",
                    f"ไตรมาส ๒ รับเรื่องทาง Line จำนวน {{{{cases channel=line {period}}}}} ราย "
                    f"แชทสด {{{{cases channel=livechat {period}}}}} ราย "
                    f"เว็บบอร์ด {{{{cases channel=webboard {period}}}}} ราย "
                    f"ถาม-ตอบ {{{{cases channel=qa {period}}}}} ราย "
                    f"แก้ไขแล้วเสร็จร้อยละ {{{{resolution_rate {period}}}}} "
                    f"ภายใน {{{{median_resolve_days {period}}}}} (มัธยฐาน) "
                    f"ผู้แจ้งขอเปิดใหม่ {{{{reopened {period}}}}} ราย",
                ),
                (
                    "ประเมินความพึงพอใจของผู้รับบริการ",
                    f"ผู้ตอบ {{{{responses {survey}}}}} ราย พึงพอใจร้อยละ {satisfaction}",
                ),
                *(
                    (
                        f"จัด{project.title}",
                        f"จัดเมื่อ {{{{project_dates project={project.pk}}}}} "
                        f"ผู้เข้าร่วม {{{{participants project={project.pk}}}}} คน "
                        f"พึงพอใจร้อยละ "
                        f"{{{{satisfaction survey={self.project_surveys[project.pk].pk}}}}}",
                    )
                    for project in projects
                ),
                (
                    "เผยแพร่ข้อมูลการดำเนินงานและงบประมาณบนเว็บไซต์",
                    f"รับคำร้องขอข้อมูลข่าวสาร {{{{cases kind=eservice start={start} end={end}}}}} ราย",
                ),
            ]
            measures = self._bulk(
                Measure,
                [
                    Measure(plan=plan, number=number, title=title, tools=["EIT", "OIT"])
                    for number, (title, _result) in enumerate(results, start=1)
                ],
            )
            past = end < self.today
            self._bulk(
                Step,
                [
                    Step(
                        measure=measure,
                        order=1,
                        method=title,
                        responsible="สำนักปลัด",
                        start_month=start,
                        end_month=end.replace(day=1),
                        result=result,
                        status=Step.Status.DONE if past else Step.Status.IN_PROGRESS,
                    )
                    for measure, (title, result) in zip(measures, results, strict=True)
                ],
            )


CASE_FIELDS = (
    "id", "org", "tracking_code", "kind", "channel", "service", "subject", "text", "form_data",
    "latitude", "longitude", "address", "village_no", "division", "assignee", "status",
    "priority", "received_at", "due_at", "closed_at", "first_response_at", "reopen_count",
    "resolution", "reporter_name",
    "reporter_phone", "reporter_email", "consent_at", "idempotency_key", "created_at",
    "updated_at",
)  # fmt: skip
EVENT_FIELDS = (
    "case",
    "kind",
    "actor",
    "text",
    "is_public",
    "from_status",
    "to_status",
    "data",
    "created_at",
)
RESPONSE_FIELDS = (
    "id", "survey", "submitted_at", "score", "case", "contact_name", "contact_phone",
    "contact_email", "consent_at", "token",
)  # fmt: skip
ANSWER_FIELDS = ("response", "question", "score", "choice", "text")

# An odd multiplier makes id → code a bijection on the 32**8 codes: unique, never sequential.
_SPREAD = 0x5DEECE66D
_CODES = len(tracking.ALPHABET) ** tracking.LENGTH


def _tracking_code(case_id: int) -> str:
    value = (case_id * _SPREAD + 0x9E3779B9) % _CODES
    digits = []
    for _ in range(tracking.LENGTH):
        value, digit = divmod(value, len(tracking.ALPHABET))
        digits.append(tracking.ALPHABET[digit])
    return "".join(digits)


def _coordinate(center: float, rng: random.Random) -> Decimal:
    return Decimal(f"{center + rng.uniform(-0.05, 0.05):.6f}")

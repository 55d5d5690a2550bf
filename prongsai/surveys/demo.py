"""Demo surveys and the participation project of อบต.ปราสาททอง.

The reference O43 report says participants of the waste and wastewater project
(18–19 Jan 2566, หมู่ 6 บ้านสามโคก) were 85 % satisfied: the project's survey
holds 20 responses whose mean score is 4.25 of 5, which is that 85 % by its
formula. A service satisfaction survey collects answers over fiscal 2566, some
from reporters of the demo's closed cases. Fixed tokens keep loading idempotent.
"""

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from prongsai.inbox.models import Case
from prongsai.orgs.models import Division, Organization, Village
from prongsai.surveys import services
from prongsai.surveys.models import Project, Question, Survey

BANGKOK = timezone.get_fixed_timezone(7 * 60)

PROJECT_TITLE = "โครงการจัดการขยะมูลฝอยและการจัดการน้ำเสียในชุมชน ประจำปี 2566"
PROJECT_SURVEY_TITLE = "แบบสำรวจความพึงพอใจผู้เข้าร่วมโครงการจัดการขยะมูลฝอยและการจัดการน้ำเสียในชุมชน"
PROJECT_QUESTIONS = [
    "ความเหมาะสมของวัน เวลา และสถานที่จัดกิจกรรม",
    "ความรู้ความเข้าใจเรื่องการคัดแยกขยะที่ได้รับ",
    "การนำความรู้เรื่องการจัดการน้ำเสียไปใช้ในครัวเรือน",
    "ความพึงพอใจต่อโครงการโดยรวม",
]
# Four answers per respondent, five respondents of each: means 5, 4.25, 4 and
# 3.75, so the mean of the 20 respondents is 4.25 → 4.25 ÷ 5 × 100 = 85 %.
PROJECT_ANSWERS = [(5, 5, 5, 5), (4, 4, 5, 4), (4, 4, 4, 4), (4, 4, 3, 4)]

SERVICE_SURVEY_TITLE = "แบบประเมินความพึงพอใจต่อการให้บริการขององค์การบริหารส่วนตำบลปราสาททอง"
SERVICE_QUESTIONS = [
    "ความรวดเร็วในการให้บริการ",
    "ความสุภาพและเต็มใจของเจ้าหน้าที่",
    "ความชัดเจนของขั้นตอนและเอกสาร",
    "ผลการแก้ไขปัญหาตรงกับความต้องการ",
]


def load(org: Organization) -> None:
    project = _project(org)
    _project_survey(org, project)
    _service_survey(org)


def _project(org: Organization) -> Project:
    project, _ = Project.objects.update_or_create(
        org=org,
        title=PROJECT_TITLE,
        defaults={
            "description": (
                "อบรมให้ความรู้การคัดแยกขยะต้นทาง การทำปุ๋ยหมักจากขยะอินทรีย์ "
                "และการทำบ่อดักไขมันในครัวเรือน ร่วมกับชาวบ้านหมู่ที่ 6 บ้านสามโคก"
            ),
            "starts_on": date(2023, 1, 18),
            "ends_on": date(2023, 1, 19),
            "division": Division.objects.get(org=org, name="สำนักปลัด อบต."),
            "budget": 20000,
            "participants": 40,
            "modes": [
                Project.Mode.PLANNING,
                Project.Mode.IMPLEMENTING,
                Project.Mode.EVALUATING,
            ],
            "outcome": (
                "ผู้เข้าร่วมโครงการ 40 คน ทุกครัวเรือนที่เข้าร่วมเริ่มคัดแยกขยะ และจัดทำบ่อดักไขมัน 12 ครัวเรือน"
            ),
        },
    )
    project.villages.set(Village.objects.filter(org=org, number=6))
    return project


def _survey(org: Organization, title: str, questions: list[str], **fields) -> Survey:
    survey, created = Survey.objects.get_or_create(
        org=org, title=title, defaults={"status": Survey.Status.OPEN, **fields}
    )
    if created:
        for order, text in enumerate(questions):
            survey.questions.create(order=order, kind=Question.Kind.LIKERT, text=text)
        survey.questions.create(
            order=len(questions), kind=Question.Kind.LONG, text="ข้อเสนอแนะ", required=False
        )
    return survey


def _answer(survey: Survey, scores, *, token: str, at: datetime, case=None, note="") -> None:
    likert = [q for q in survey.questions.all() if q.kind == Question.Kind.LIKERT]
    data = {q.field_name: [str(score)] for q, score in zip(likert, scores, strict=True)}
    if note:
        data[survey.questions.get(kind=Question.Kind.LONG).field_name] = [note]
    services.submit_response(survey=survey, data=data, token=token, at=at, case=case)


def _project_survey(org: Organization, project: Project) -> None:
    survey = _survey(
        org,
        PROJECT_SURVEY_TITLE,
        PROJECT_QUESTIONS,
        project=project,
        division=project.division,
        formula=Survey.Formula.MEAN,
        allow_repeat=True,  # staff typed in the paper forms on one computer
    )
    survey.status = Survey.Status.OPEN  # in memory: the answers date from when it was open
    for n in range(20):
        _answer(
            survey,
            PROJECT_ANSWERS[n % 4],
            token=f"demo-waste-2566-{n:02d}",
            at=datetime(2023, 1, 19, 15, n, tzinfo=BANGKOK),
            note="อยากให้จัดอบรมแบบนี้ทุกหมู่บ้าน" if n == 3 else "",
        )
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)


def _service_survey(org: Organization) -> None:
    survey = _survey(
        org,
        SERVICE_SURVEY_TITLE,
        SERVICE_QUESTIONS,
        formula=Survey.Formula.TOP_TWO,
        offer_on_close=True,
        intro="ขอความร่วมมือประเมินความพึงพอใจ ใช้เวลาไม่เกิน 1 นาที ไม่ต้องระบุชื่อ",
    )
    if survey.status != Survey.Status.OPEN:
        return  # closed by staff since: the demo leaves their choice alone
    rng = random.Random(2566)
    closed = list(
        Case.objects.for_org(org)
        .filter(closed_at__year=2023, kind__in=[Case.Kind.COMPLAINT, Case.Kind.REQUEST])
        .order_by("closed_at")
    )
    for n, case in enumerate(closed):
        scores = [rng.choice((3, 4, 4, 5, 5)) for _ in SERVICE_QUESTIONS]
        _answer(
            survey,
            scores,
            token=f"demo-service-case-{n:03d}",
            at=case.closed_at + timedelta(hours=5),
            case=case,
        )
    # Walk-in answers through the fiscal year (Oct 2565 – Sep 2566), about 8 a month.
    start = datetime(2022, 10, 3, 10, tzinfo=BANGKOK)
    for n in range(96):
        scores = [rng.choice((2, 3, 4, 4, 4, 5, 5, 5)) for _ in SERVICE_QUESTIONS]
        _answer(
            survey,
            scores,
            token=f"demo-service-walkin-{n:03d}",
            at=start + timedelta(days=n * 3.6, hours=rng.randrange(0, 6)),
        )

"""Two orgs for the tenant isolation sweep: B full of data, A with staff and nothing else.

B is the demo's อบต.ปราสาททอง with one row of every org-owned model (the demo
leaves a few empty; they are added here through the apps' services). A is the
demo's second org, ทต.บ้านใหม่, with an admin and an officer. `rows_of(org)`
snapshots every row that belongs to an org, to prove a request changed none.
"""

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Model
from django.utils import timezone
from PIL import Image

from prongsai.eservices.models import Booking, Open311Key, Resource, Service
from prongsai.inbox import services as inbox
from prongsai.inbox.models import Attachment, Case, MeToo
from prongsai.integrity import circulars
from prongsai.integrity.models import (
    BudgetProposal,
    GiftDeclaration,
    KmArticle,
    Loan,
    Meeting,
    PropertyItem,
    QuarterlyReport,
    Training,
)
from prongsai.ita import assessments
from prongsai.ita import plans as ita_plans
from prongsai.ita.models import FrameworkYear, Plan, Step
from prongsai.messaging.boards import services as boards
from prongsai.messaging.boards.models import BoardSettings, Question, Reply, Topic
from prongsai.messaging.line.models import LineReport, LineUser, WebhookEvent
from prongsai.messaging.livechat.models import Chat, OfficeHours
from prongsai.messaging.messenger.models import MessengerMessage, MessengerPage
from prongsai.orgs import tokens
from prongsai.orgs.models import Division, ItasLink, Membership, Organization, Village
from prongsai.orgs.tests.factories import MembershipFactory
from prongsai.portal.models import NewsItem, OitEvidence, Page
from prongsai.surveys import projects
from prongsai.surveys.models import OpenCount, Project, Survey
from prongsai.surveys.tests.factories import mixed_survey

Role = Membership.Role

# B's name: none of A's pages may show it.
B_NAMES = ("ปราสาททอง", "prasat-thong")
A_DOMAIN = "www.ban-mai.example"


@dataclass
class World:
    a: Organization
    b: Organization
    a_admin: object
    a_officer: object
    b_admin: object
    # One object of B per name the URL map refers to.
    objects: dict[str, object] = field(default_factory=dict)
    a_token: str = ""
    a_officer_token: str = ""
    b_token: str = ""

    def secrets(self) -> list[str]:
        """Texts of B that only B's staff may read, not even on B's own refusal pages."""
        o = self.objects
        texts = [
            o["case"].subject,
            o["confidential"].subject,
            o["confidential"].reporter_name,
            o["circular"].title,
            o["proposal"].item,
            o["loan"].purpose,
        ]
        return [text for text in texts if len(text) >= 4]


def png(name: str = "photo.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def build() -> World:
    """Load the demo and fill in what it leaves empty; only the caller's transaction keeps it."""
    call_command("demo", verbosity=0)
    b = Organization.objects.get(slug="prasat-thong")
    a = Organization.objects.get(slug="ban-mai")
    a.domain = A_DOMAIN
    a.save()
    User = get_user_model()
    world = World(
        a=a,
        b=b,
        a_admin=User.objects.get(username="bm-admin"),
        a_officer=MembershipFactory(
            org=a,
            role=Role.OFFICER,
            user__username="bm-officer",
            division=Division.objects.filter(org=a).first(),
        ).user,
        b_admin=User.objects.get(username="pt-admin"),
    )
    _, world.a_token = tokens.issue_token(user=world.a_admin, label="A")
    _, world.a_officer_token = tokens.issue_token(user=world.a_officer, label="A")
    api_token, world.b_token = tokens.issue_token(user=world.b_admin, label="B")
    world.objects = _objects_of_b(b, world.b_admin, api_token)
    return world


def _objects_of_b(b: Organization, admin, api_token) -> dict[str, object]:
    officer = Membership.objects.get(org=b, user__username="pt-officer")
    case = Case.objects.filter(org=b, kind="complaint", channel="web").first()
    answer = inbox.reply_publicly(case=case, actor=admin, text="ตอบพร้อมภาพ", files=[png()])
    attachment = answer.attachments.get()
    MeToo.objects.create(case=case, fingerprint="b")
    confidential = Case.objects.get(org=b, kind="corruption")
    budget_question = Case.objects.filter(org=b, kind="budget").first()
    topic = Topic.objects.filter(org=b).first()
    reply = Reply.objects.filter(org=b).first()
    question = Question.objects.filter(org=b).first()
    boards.report_abuse(post=topic, reason="spam")
    BoardSettings.objects.get_or_create(org=b)
    chat = Chat.objects.filter(org=b).first()
    OfficeHours.objects.create(org=b, weekday=OfficeHours.Weekday.MONDAY)
    line_user = LineUser.objects.create(org=b, line_user_id="U" + "b" * 32)
    LineReport.objects.create(
        case=Case.objects.filter(org=b, channel="line").first(), line_user=line_user
    )
    WebhookEvent.objects.create(org=b, webhook_event_id="01B")
    MessengerPage.objects.create(org=b, page_id="1", verify_token="v")
    MessengerMessage.objects.create(
        org=b, mid="m.1", sender_id="s", case=case, received_at=timezone.now()
    )
    survey = Survey.objects.filter(org=b).first()
    choices_survey = mixed_survey(b)
    choices_survey.offer_on_close = True
    choices_survey.save()
    closed = inbox.submit_case(org=b, channel="web", kind="complaint", subject="ไฟทางดับ")
    inbox.close_case(case=closed, status="resolved", resolution="ซ่อมแล้ว", actor=admin)
    project = Project.objects.filter(org=b).first()
    (photo,) = projects.add_photos(
        org=b, project=project, photos=[projects.NewPhoto(upload=png())], actor=admin
    )
    OpenCount.objects.create(org=b, key="eit", day=date(2023, 6, 1), count=3)
    plan = Plan.objects.get(org=b)
    step = Step.objects.filter(measure__plan=plan).first()
    evidence = ita_plans.add_evidence(
        org=b, step=step, title="ภาพการอบรม", upload=png(), actor=admin
    )
    year = FrameworkYear.objects.get(fiscal_year=plan.fiscal_year)
    indicator = year.indicators.first()
    assessments.save_scores(
        org=b, year=year, scores={indicator.number: Decimal("80")}, total=Decimal("80"), actor=admin
    )
    circular = circulars.send_circular(
        org=b, title="หนังสือเวียนพร้อมไฟล์", text="โปรดทราบ", files=[png()], actor=admin
    )
    report = QuarterlyReport.objects.create(
        org=b, fiscal_year=2566, quarter=2, pdf=ContentFile(b"%PDF-1.4\n%%EOF\n", name="q2.pdf")
    )
    oit_file = OitEvidence.objects.filter(org=b).exclude(file="").first()
    return {
        "org": b,
        "case": case,
        "attachment": attachment,
        "proof": Attachment.objects.filter(case__org=b, role="after").first(),
        "confidential": confidential,
        "closed": closed,
        "budget_question": budget_question,
        "service": Service.objects.filter(org=b).first(),
        "resource": Resource.objects.filter(org=b).first(),
        "booking": Booking.objects.filter(org=b).first(),
        "open311_key": Open311Key.objects.filter(org=b).first(),
        "topic": topic,
        "reply": reply,
        "question": question,
        "chat": chat,
        "survey": survey,
        "survey_question": survey.questions.first(),
        "text_question": choices_survey.questions.get(kind="long"),
        "project": project,
        "photo": photo,
        "plan": plan,
        "measure": step.measure,
        "step": step,
        "evidence": evidence,
        "circular": circular,
        "circular_file": circular.files.first(),
        "meeting": Meeting.objects.filter(org=b).first(),
        "training": Training.objects.filter(org=b).first(),
        "km": KmArticle.objects.filter(org=b).first(),
        "property_item": PropertyItem.objects.filter(org=b).first(),
        "loan": Loan.objects.filter(org=b).first(),
        "proposal": BudgetProposal.objects.filter(org=b).first(),
        "gift": GiftDeclaration.objects.filter(org=b).first(),
        "report": report,
        "news": NewsItem.objects.filter(org=b).exclude(image="").first(),
        "page": Page.objects.filter(org=b).first(),
        "oit_file": oit_file,
        "itas": ItasLink.objects.filter(org=b).first(),
        "village": Village.objects.filter(org=b).first(),
        "division": Division.objects.filter(org=b).first(),
        "member": officer,
        "api_token": api_token,
    }


def org_paths() -> dict[type[Model], str]:
    """{model: lookup from it to its org} for every model that belongs to an org.

    Users belong through their memberships; models reach an org through their
    foreign keys, shortest path first.
    """
    User = get_user_model()
    paths: dict[type[Model], str] = {Organization: "pk", User: "memberships__org"}
    models = [m for m in apps.get_models() if m not in paths]
    changed = True
    while changed:
        changed = False
        for model in models:
            if model in paths:
                continue
            for f in model._meta.concrete_fields:
                target = f.related_model if f.many_to_one or f.one_to_one else None
                if target in paths:
                    rest = paths[target]
                    paths[model] = f.name if rest == "pk" else f"{f.name}__{rest}"
                    changed = True
                    break
    return paths


def rows_of(org: Organization) -> dict[str, list[dict]]:
    """Every row that belongs to `org`, by model: equal snapshots mean nothing changed."""
    return {
        model._meta.label: list(
            model._base_manager.filter(**{path: org.pk}).distinct().order_by("pk").values()
        )
        for model, path in org_paths().items()
    }


def changed_rows(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> list[str]:
    return [label for label in before if before[label] != after[label]]

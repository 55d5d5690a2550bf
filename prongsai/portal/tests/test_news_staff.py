"""Staff pages that write news: who may, what the form checks, publishing, preview, deleting."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from prongsai.orgs.models import AuditEvent, Membership
from prongsai.portal.models import NewsItem
from prongsai.thai.formatting import format_date

Role = Membership.Role


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture(name="a.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def post_data(**extra) -> dict:
    return {
        "kind": "announcement",
        "title": "ประกาศรับสมัครพนักงานจ้าง",
        "summary": "รับสมัคร 2 อัตรา",
        "body": "<div>รายละเอียด <strong>สำคัญ</strong></div><script>x()</script>",
        "image_alt": "",
        **extra,
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.ADMIN, 200), (Role.OFFICER, 200), (Role.EXECUTIVE, 403), (Role.STAFF, 403)],
)
def test_admins_and_officers_write_news(client, org, make_member, role, status):
    client.force_login(make_member(org, role, "someone").user)
    for path in ("/alice-town/staff/news/", "/alice-town/staff/news/new/"):
        assert client.get(path).status_code == status
    response = client.post("/alice-town/staff/news/new/", post_data())
    assert response.status_code == (302 if status == 200 else 403)


def test_anonymous_visitors_are_sent_to_sign_in(client, org):
    response = client.get("/alice-town/staff/news/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_officer_writes_a_draft(client, org, make_member):
    officer = make_member(org, Role.OFFICER, "officer").user
    client.force_login(officer)
    response = client.post("/alice-town/staff/news/new/", post_data())
    item = NewsItem.objects.get()
    assert response["Location"] == f"/alice-town/staff/news/{item.pk}/"
    assert item.body == "<div>รายละเอียด <strong>สำคัญ</strong></div>"
    assert item.published_at is None and item.created_by == officer
    assert item.kind == NewsItem.Kind.ANNOUNCEMENT
    assert AuditEvent.objects.filter(action="news_created", actor=officer).exists()


def test_save_and_publish_with_a_picture(client, org, alice):
    client.force_login(alice)
    data = post_data(image=picture(), image_alt="ป้ายประกาศหน้าที่ทำการ", publish="")
    client.post("/alice-town/staff/news/new/", data)
    item = NewsItem.objects.get()
    assert item.published_at is not None and item.image
    assert client.get(f"/alice-town/news/{item.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"title": ""}, "title", "กรอกหัวข้อข่าว"),
        ({"image_alt": ""}, "image_alt", "กรอกคำอธิบายภาพ"),
        ({"kind": "gossip"}, "kind", "เลือกประเภทจากรายการ"),
        ({"title": "ก" * 201}, "title", "หัวข้อยาวได้ไม่เกิน 200 ตัวอักษร"),
    ],
)
def test_bad_input_gets_a_thai_message_and_nothing_is_saved(
    client, org, alice, media, extra, field, message
):
    client.force_login(alice)
    response = client.post("/alice-town/staff/news/new/", post_data(image=picture(), **extra))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert not NewsItem.objects.exists()
    assert [p for p in media.rglob("*") if p.is_file()] == []
    # The chosen file cannot be handed back: the page says so.
    assert "ภาพที่เลือกไว้ยังไม่ได้บันทึก" in response.content.decode()


def test_a_file_that_is_not_a_picture_is_refused(client, org, alice):
    client.force_login(alice)
    fake = SimpleUploadedFile("a.jpg", b"<html><script>x()</script>", "image/jpeg")
    response = client.post("/alice-town/staff/news/new/", post_data(image=fake, image_alt="ภาพ"))
    assert response.status_code == 400
    assert "ไม่ใช่รูปภาพ" in response.context["form"].errors["image"][0]
    assert not NewsItem.objects.exists()


def test_editing_keeps_the_picture_unless_removed(client, org, alice):
    client.force_login(alice)
    client.post("/alice-town/staff/news/new/", post_data(image=picture(), image_alt="ภาพ"))
    item = NewsItem.objects.get()
    client.post(f"/alice-town/staff/news/{item.pk}/", post_data(title="แก้หัวข้อ", image_alt="ภาพ"))
    item.refresh_from_db()
    assert item.title == "แก้หัวข้อ" and item.image
    client.post(f"/alice-town/staff/news/{item.pk}/", post_data(remove_image="on"))
    item.refresh_from_db()
    assert not item.image


def test_publish_schedule_and_unpublish_pages(client, org, alice):
    client.force_login(alice)
    item = NewsItem.objects.create(org=org, title="ร่าง")
    later = timezone.localtime() + timedelta(days=3)
    client.post(
        f"/alice-town/staff/news/{item.pk}/publish/", {"at": later.strftime("%Y-%m-%dT%H:%M")}
    )
    item.refresh_from_db()
    assert item.published_at.replace(second=0) == later.replace(second=0, microsecond=0)
    listing = client.get("/alice-town/staff/news/").content.decode()
    assert "ตั้งเวลาเผยแพร่" in listing
    client.post(f"/alice-town/staff/news/{item.pk}/publish/", {"at": ""})
    item.refresh_from_db()
    assert item.published_at <= timezone.now()
    assert "เผยแพร่แล้ว" in client.get("/alice-town/staff/news/").content.decode()
    client.post(f"/alice-town/staff/news/{item.pk}/unpublish/")
    item.refresh_from_db()
    assert item.published_at is None
    assert client.get(f"/alice-town/staff/news/{item.pk}/publish/").status_code == 405


def test_a_bad_publish_date_publishes_nothing(client, org, alice):
    client.force_login(alice)
    item = NewsItem.objects.create(org=org, title="ร่าง")
    response = client.post(f"/alice-town/staff/news/{item.pk}/publish/", {"at": "31/02/2567"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.published_at is None


def test_the_list_shows_drafts_first_with_thai_dates(client, org, alice):
    client.force_login(alice)
    NewsItem.objects.create(
        org=org, title="เผยแพร่แล้ว ข่าว", published_at=timezone.now() - timedelta(days=1)
    )
    NewsItem.objects.create(org=org, title="ร่าง ข่าว")
    body = client.get("/alice-town/staff/news/").content.decode()
    assert body.index("ร่าง ข่าว") < body.index("เผยแพร่แล้ว ข่าว")
    assert format_date(timezone.localdate(), short=True, thai_digits=False) in body


def test_staff_preview_drafts_that_the_public_cannot_see(client, org, alice):
    client.force_login(alice)
    client.post("/alice-town/staff/news/new/", post_data(image=picture(), image_alt="ภาพ"))
    item = NewsItem.objects.get()
    preview = client.get(f"/alice-town/staff/news/{item.pk}/preview/")
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "ฉบับร่าง" in body and 'name="robots" content="noindex"' in body
    assert f"/alice-town/staff/news/{item.pk}/image/" in body
    image = client.get(f"/alice-town/staff/news/{item.pk}/image/")
    assert image.status_code == 200 and "no-store" in image["Cache-Control"]
    client.logout()
    assert client.get(f"/alice-town/news/{item.pk}/").status_code == 404
    assert client.get(f"/alice-town/staff/news/{item.pk}/preview/").status_code == 302


def test_deleting_asks_first(client, org, alice):
    client.force_login(alice)
    item = NewsItem.objects.create(org=org, title="จะลบ")
    confirm = client.get(f"/alice-town/staff/news/{item.pk}/delete/")
    assert confirm.status_code == 200 and "ลบถาวร" in confirm.content.decode()
    assert NewsItem.objects.exists()
    response = client.post(f"/alice-town/staff/news/{item.pk}/delete/")
    assert response["Location"] == "/alice-town/staff/news/"
    assert not NewsItem.objects.exists()
    assert AuditEvent.objects.filter(action="news_deleted").exists()


def test_another_orgs_items_are_404(client, org, other_org, alice):
    client.force_login(alice)
    theirs = NewsItem.objects.create(org=other_org, title="ของเขา")
    for path in ("", "preview/", "image/", "delete/"):
        assert client.get(f"/alice-town/staff/news/{theirs.pk}/{path}").status_code == 404
    for path in ("", "publish/", "unpublish/", "delete/"):
        response = client.post(f"/alice-town/staff/news/{theirs.pk}/{path}", post_data())
        assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "ของเขา" and theirs.published_at is None


def test_only_the_editor_pages_allow_trix_styles_by_nonce(client, org, alice):
    client.force_login(alice)
    editor = client.get("/alice-town/staff/news/new/")
    policy = editor["Content-Security-Policy"]
    style_src = next(d for d in policy.split(";") if d.strip().startswith("style-src"))
    nonce = style_src.split("'nonce-")[1].split("'")[0]
    body = editor.content.decode()
    assert f'<meta name="trix-csp-nonce" content="{nonce}">' in body
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy  # scripts get no nonce
    assert "trix-button--icon-attach" not in body  # no file attachments
    assert "nonce" not in client.get("/alice-town/staff/news/")["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("published_at", "label", "button"),
    [
        (None, "ฉบับร่าง", "บันทึกและเผยแพร่ทันที"),
        (timedelta(days=2), "ตั้งเวลาเผยแพร่", "ยกเลิกการตั้งเวลา"),
        (timedelta(days=-2), "เผยแพร่แล้ว", "ยกเลิกการเผยแพร่"),
    ],
)
def test_the_edit_page_shows_where_the_item_stands(client, org, alice, published_at, label, button):
    at = timezone.now() + published_at if published_at is not None else None
    item = NewsItem.objects.create(org=org, title="ข่าวที่แก้ไข", published_at=at)
    client.force_login(alice)
    response = client.get(f"/alice-town/staff/news/{item.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert label in body and button in body
    assert f"/alice-town/staff/news/{item.pk}/preview/" in body

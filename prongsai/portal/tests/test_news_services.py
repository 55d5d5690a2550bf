"""Writing news: sanitised, pictures checked and resized, audited, all or nothing."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import ExifTags, Image

from prongsai.orgs.models import AuditEvent
from prongsai.portal import news
from prongsai.portal.images import MAX_SIDE
from prongsai.portal.models import NewsItem


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(size=(80, 60), fmt="JPEG", name="photo.jpg") -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.GPSInfo] = {1: "N", 2: (14.0, 52.0, 30.0), 3: "E", 4: (103.0, 30.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, fmt, exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()]


def draft(org, **fields) -> NewsItem:
    return NewsItem(org=org, title=fields.pop("title", "ประกาศรับสมัคร"), **fields)


def test_a_news_item_is_saved_sanitised_and_audited(org, alice):
    item = news.save_news(
        org=org,
        item=draft(org, body='<h1>หัวข้อ</h1><p onclick="x()">ข้อความ<script>x()</script></p>'),
        actor=alice,
    )
    item.refresh_from_db()
    assert item.body == "<h2>หัวข้อ</h2><p>ข้อความ</p>"
    assert item.published_at is None and item.created_by == alice
    event = AuditEvent.objects.get(action="news_created")
    assert event.org == org and event.actor == alice and event.target_id == str(item.pk)


def test_saving_with_publish_puts_a_draft_online(org, alice):
    item = news.save_news(org=org, item=draft(org), publish=True, actor=alice)
    assert item.published_at is not None and item.published_at <= timezone.now()
    assert news.published_news(org=org).get() == item
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"news_created", "news_published"} <= actions


def test_publish_keeps_the_date_of_an_item_already_online(org, alice):
    then = timezone.now() - timedelta(days=30)
    item = NewsItem.objects.create(org=org, title="เดิม", published_at=then)
    item.title = "แก้ไขแล้ว"
    news.save_news(org=org, item=item, publish=True, actor=alice)
    item.refresh_from_db()
    assert item.published_at == then and item.title == "แก้ไขแล้ว"
    assert not AuditEvent.objects.filter(action="news_published").exists()


def test_a_title_is_required(org, alice):
    with pytest.raises(ValidationError) as error:
        news.save_news(org=org, item=draft(org, title="   "), actor=alice)
    assert error.value.message_dict["title"] == ["กรอกหัวข้อข่าว"]
    assert not NewsItem.objects.exists()


def test_the_picture_is_stripped_of_exif_and_resized(org, alice, media):
    item = news.save_news(
        org=org,
        item=draft(org, image_alt="ชาวบ้านคัดแยกขยะ"),
        image=photo(size=(3000, 1500)),
        actor=alice,
    )
    with Image.open(item.image.path) as stored:
        assert stored.size == (MAX_SIDE, MAX_SIDE // 2)
        assert stored.format == "JPEG"
        assert not stored.getexif()
    assert item.image.name.startswith(f"portal/{org.pk}/news/")
    assert item.image.name.endswith(".jpg")


def test_a_small_picture_keeps_its_size(org, alice):
    item = news.save_news(
        org=org, item=draft(org, image_alt="ภาพ"), image=photo(fmt="PNG", name="a.png"), actor=alice
    )
    with Image.open(item.image.path) as stored:
        assert stored.size == (80, 60) and stored.format == "PNG"


def test_a_picture_needs_its_alt_text_and_nothing_is_stored_without_it(org, alice, media):
    with pytest.raises(ValidationError) as error:
        news.save_news(org=org, item=draft(org), image=photo(), actor=alice)
    assert "image_alt" in error.value.message_dict
    assert not NewsItem.objects.exists()
    assert stored_files(media) == []
    assert not AuditEvent.objects.exists()


def test_a_pdf_or_a_broken_file_is_not_a_picture(org, alice, media):
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")
    with pytest.raises(ValidationError) as error:
        news.save_news(org=org, item=draft(org, image_alt="ภาพ"), image=pdf, actor=alice)
    assert "ไม่ใช่รูปภาพ" in error.value.message_dict["image"][0]
    fake = SimpleUploadedFile("a.jpg", b"not an image", "image/jpeg")
    with pytest.raises(ValidationError):
        news.save_news(org=org, item=draft(org, image_alt="ภาพ"), image=fake, actor=alice)
    assert stored_files(media) == [] and not NewsItem.objects.exists()


def test_a_picture_over_the_size_limit_is_refused(org, alice, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        news.save_news(org=org, item=draft(org, image_alt="ภาพ"), image=photo(), actor=alice)
    assert "ใหญ่เกิน" in error.value.message_dict["image"][0]


@pytest.mark.django_db(transaction=True)
def test_replacing_and_removing_the_picture_removes_old_files(org, alice, media):
    item = news.save_news(org=org, item=draft(org, image_alt="ภาพแรก"), image=photo(), actor=alice)
    first = item.image.name
    item = news.save_news(org=org, item=item, image=photo(), actor=alice)
    assert item.image.name != first
    assert [p.name for p in stored_files(media)] == [item.image.name.rsplit("/", 1)[-1]]
    item = news.save_news(org=org, item=item, remove_image=True, actor=alice)
    item.refresh_from_db()
    assert not item.image and item.image_alt == ""
    assert stored_files(media) == []


def test_keeping_a_picture_keeps_needing_its_alt_text(org, alice):
    item = news.save_news(org=org, item=draft(org, image_alt="ภาพ"), image=photo(), actor=alice)
    item.image_alt = ""
    with pytest.raises(ValidationError) as error:
        news.save_news(org=org, item=item, actor=alice)
    assert "image_alt" in error.value.message_dict


def test_publish_schedule_and_unpublish(org, alice):
    item = news.save_news(org=org, item=draft(org), actor=alice)
    later = timezone.now() + timedelta(days=2)
    news.publish_news(org=org, item=item, at=later, actor=alice)
    assert item.published_at == later
    assert not news.published_news(org=org).exists()
    news.publish_news(org=org, item=item, actor=alice)
    assert news.published_news(org=org).get() == item
    news.unpublish_news(org=org, item=item, actor=alice)
    item.refresh_from_db()
    assert item.published_at is None
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["news_created", "news_scheduled", "news_published", "news_unpublished"]


@pytest.mark.django_db(transaction=True)
def test_delete_removes_the_row_and_its_picture(org, alice, media):
    item = news.save_news(org=org, item=draft(org, image_alt="ภาพ"), image=photo(), actor=alice)
    news.delete_news(org=org, item=item, actor=alice)
    assert not NewsItem.objects.exists()
    assert stored_files(media) == []
    event = AuditEvent.objects.get(action="news_deleted")
    assert event.detail["title"] == "ประกาศรับสมัคร"


def test_another_orgs_item_is_refused(org, other_org, alice):
    theirs = NewsItem.objects.create(org=other_org, title="ของเขา")
    for write in (
        lambda: news.save_news(org=org, item=theirs, actor=alice),
        lambda: news.publish_news(org=org, item=theirs, actor=alice),
        lambda: news.unpublish_news(org=org, item=theirs, actor=alice),
        lambda: news.delete_news(org=org, item=theirs, actor=alice),
    ):
        with pytest.raises(ValueError):
            write()
    assert NewsItem.objects.get().org == other_org


def test_published_news_leaves_out_drafts_the_future_and_other_orgs(org, other_org):
    now = timezone.now()
    shown = NewsItem.objects.create(org=org, title="ออนไลน์", published_at=now - timedelta(hours=1))
    NewsItem.objects.create(org=org, title="ร่าง")
    NewsItem.objects.create(org=org, title="อนาคต", published_at=now + timedelta(hours=1))
    NewsItem.objects.create(org=other_org, title="ของเขา", published_at=now - timedelta(hours=1))
    assert list(news.published_news(org=org)) == [shown]
    assert news.latest_news(org=org, limit=4) == [shown]

"""Pictures of news items: checked and re-encoded like every upload, then sized for the web."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

from prongsai.inbox.attachments import CleanFile, clean_upload

# Sharp on a wide screen and on a share card, a few hundred KB at most.
MAX_SIDE = 1600


def clean_news_image(upload: UploadedFile) -> CleanFile:
    """A JPEG, PNG or WebP without EXIF, its longest side at most MAX_SIDE; else ValidationError."""
    clean = clean_upload(upload)
    if not clean.content_type.startswith("image/"):
        raise ValidationError(
            _("ไฟล์ “%(name)s” ไม่ใช่รูปภาพ ภาพประกอบข่าวต้องเป็น JPEG, PNG หรือ WebP"),
            params={"name": upload.name},
            code="not_an_image",
        )
    with Image.open(io.BytesIO(clean.data)) as image:
        if max(image.size) <= MAX_SIDE:
            return clean
        image.load()
        kind = image.format
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        out = io.BytesIO()
        image.save(out, kind, **({"quality": 85} if kind != "PNG" else {"optimize": True}))
    return CleanFile(clean.name, clean.content_type, out.getvalue())

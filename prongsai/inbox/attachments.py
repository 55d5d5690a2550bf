"""Uploads of cases: accepted by content, not by name; images are re-encoded without EXIF."""

import io
import re
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}
MAX_PIXELS = 40_000_000  # larger claims are decompression bombs, not phone photos
MAX_SIDE = 2560  # photos are kept at a size that shows every detail on a screen


@dataclass(frozen=True)
class CleanFile:
    name: str
    content_type: str
    data: bytes


def clean_upload(upload: UploadedFile) -> CleanFile:
    """Check one uploaded file and return what may be stored, or raise ValidationError.

    Images are decoded and saved again, which drops EXIF (with any GPS position)
    and anything appended to the file; PDFs are kept as they are.
    """
    check_size(upload)
    upload.seek(0)
    data = upload.read()
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]:
        if _is_active_pdf(data):
            raise ValidationError(
                _("ไฟล์ PDF “%(name)s” มีสคริปต์หรือไฟล์ฝังอยู่ ระบบรับไม่ได้ กรุณาบันทึกเป็น PDF ใหม่"),
                params={"name": upload.name},
                code="active_pdf",
            )
        return CleanFile(upload.name, "application/pdf", data)
    return CleanFile(upload.name, *_reencode_image(data, upload.name))


def check_size(upload: UploadedFile) -> None:
    """Refuse a file past ATTACHMENT_MAX_BYTES by its declared size, before reading it."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("ไฟล์ “%(name)s” ใหญ่เกิน %(mb)s MB"),
            params={"name": upload.name, "mb": limit // (1024 * 1024)},
            code="too_large",
        )


# What makes a PDF act rather than show: scripts, launched programs, files inside it.
_ACTIVE_PDF = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")
# A name may spell a letter as #xx (/J#61vaScript is /JavaScript).
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Stream contents (pictures, fonts) are binary: by chance they may hold any bytes.
_PDF_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)


def _is_active_pdf(data: bytes) -> bool:
    """Whether the PDF's objects name scripts, actions or embedded files.

    Names inside compressed object streams are not seen; such a file is still
    only ever served as a sandboxed download.
    """
    objects = _PDF_STREAM.sub(b"", data)
    return bool(_ACTIVE_PDF.search(_PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), objects)))


def _reencode_image(data: bytes, name: str) -> tuple[str, bytes]:
    refused = ValidationError(
        _("ไฟล์ “%(name)s” ไม่ใช่รูปภาพ (JPEG, PNG, WebP) หรือ PDF ที่เปิดได้"),
        params={"name": name},
        code="invalid_type",
    )
    too_many_pixels = ValidationError(
        _("รูป “%(name)s” มีจำนวนพิกเซลมากเกินไป (เกิน %(mp)s ล้านพิกเซล)"),
        params={"name": name, "mp": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in IMAGE_TYPES:
                    raise refused
                if probe.width * probe.height > MAX_PIXELS:
                    raise too_many_pixels
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                kind = image.format
                # Turn the picture upright before the orientation tag goes with EXIF.
                upright = ImageOps.exif_transpose(image)
                upright.thumbnail((MAX_SIDE, MAX_SIDE))
                if kind == "JPEG" and upright.mode not in ("RGB", "L"):
                    upright = upright.convert("RGB")
                out = io.BytesIO()
                # No exif= and no pnginfo=: Pillow writes the pixels and nothing else.
                upright.save(out, kind, **({"quality": 88} if kind != "PNG" else {}))
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own check, at open, of sizes far past ours.
        raise too_many_pixels from None
    except (OSError, ValueError, SyntaxError, Warning):
        raise refused from None
    return IMAGE_TYPES[kind], out.getvalue()


def stored_file_response(
    stored, *, content_type: str, cache_control: str, as_attachment: bool = False, filename=""
) -> FileResponse:
    """A stored upload as a response, or 404 when its file is gone.

    Checked at upload; still, a file must never run as a page of this site.
    """
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=as_attachment, filename=filename
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response

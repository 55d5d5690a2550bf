"""Documents the org uploads as OIT evidence: PDFs and images, Word and Excel files, by content."""

import io
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from prongsai.inbox.attachments import EXTENSIONS, CleanFile, check_size, clean_upload
from prongsai.portal.models import OitEvidence

# Word and Excel files are zips; these are the parts and main types that make them documents.
OFFICE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        ".docx",
        "word/document.xml",
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (
        ".xlsx",
        "xl/workbook.xml",
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}
FILE_EXTENSIONS = {**EXTENSIONS, **{kind: ext for kind, (ext, _p, _m) in OFFICE_TYPES.items()}}
CONTENT_TYPES = {extension: kind for kind, extension in FILE_EXTENSIONS.items()}
ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx"
# A document a person wrote unpacks to a few MB; more is a zip bomb, not a report.
_MAX_UNPACKED = 200 * 1024 * 1024
_MAX_PARTS = 5000
KINDS = {
    "application/pdf": "PDF",
    "image/jpeg": _("รูปภาพ"),
    "image/png": _("รูปภาพ"),
    "image/webp": _("รูปภาพ"),
    **{kind: ext[1:].upper() for kind, (ext, _p, _m) in OFFICE_TYPES.items()},
}


def clean(upload: UploadedFile) -> CleanFile:
    """A PDF or an image (checked and re-encoded by `clean_upload`), or a .docx/.xlsx document.

    Word and Excel files are accepted by their content: a zip that declares the
    document's main part in [Content_Types].xml and holds that part, with no
    macros, no encryption, and a plausible unpacked size. Raises ValidationError.
    """
    refused = ValidationError(
        _(
            "ไฟล์ “%(name)s” ไม่ใช่ PDF รูปภาพ (JPEG, PNG, WebP) "
            "หรือเอกสาร Word (.docx) / Excel (.xlsx) ที่เปิดได้"
        ),
        params={"name": upload.name},
        code="invalid_type",
    )
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        try:
            return clean_upload(upload)
        except ValidationError as error:
            # Its own message names PDFs and images only; here documents are welcome too.
            if error.code == "invalid_type":
                raise refused from None
            raise
    check_size(upload)
    data = upload.read()
    kind = _office_type(data)
    if kind is None:
        raise refused
    return CleanFile(upload.name, kind, data)


def _office_type(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            names = {part.filename for part in parts}
            if (
                len(parts) > _MAX_PARTS
                or sum(part.file_size for part in parts) > _MAX_UNPACKED
                or any(part.flag_bits & 0x1 for part in parts)  # encrypted
                or any(name.lower().endswith("vbaproject.bin") for name in names)
            ):
                return None
            declared = archive.getinfo("[Content_Types].xml")
            if declared.file_size > 1024 * 1024:
                return None
            types = archive.read(declared)
    except (
        zipfile.BadZipFile,
        zlib.error,
        KeyError,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,  # encrypted, or a compression Python cannot read
    ):
        return None
    if b"macroEnabled" in types:
        return None
    for kind, (_extension, main_part, main_type) in OFFICE_TYPES.items():
        if main_type in types and main_part in names:
            return kind
    return None


def content_type(evidence: OitEvidence) -> str:
    """The type a stored file was accepted as: its extension was chosen when it was checked."""
    name = evidence.file.name.lower()
    suffix = name[name.rfind(".") :] if "." in name else ""
    return CONTENT_TYPES.get(suffix, "application/octet-stream")

"""Small real photos for tests that attach them to cases."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def photo(
    name: str = "photo.jpg", color: tuple[int, int, int] = (90, 90, 95)
) -> SimpleUploadedFile:
    data = BytesIO()
    Image.new("RGB", (64, 48), color).save(data, "JPEG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")

"""Requests refused before any view runs still get a clear answer in the right format."""

import pytest


@pytest.fixture
def small_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False


def test_an_oversized_form_gets_413_in_thai(client, org, small_limit):
    response = client.post(f"/{org.slug}/complain/", {"text": "ก" * 2000})
    assert response.status_code == 413
    assert "ขนาดใหญ่เกินกำหนด" in response.content.decode()


def test_an_oversized_open311_post_gets_413_in_the_spec_format(client, org, small_limit):
    response = client.post(f"/{org.slug}/open311/v2/requests.json", {"description": "x" * 2000})
    assert response.status_code == 413
    assert response.json() == [{"code": 413, "description": "ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด"}]

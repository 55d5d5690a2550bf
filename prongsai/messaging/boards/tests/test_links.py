"""The org home links the boards; the staff dashboard links the moderation pages."""


def test_the_home_page_links_the_boards(client, org):
    body = client.get(f"/{org.slug}/").content.decode()
    assert f'href="/{org.slug}/qa/"' in body
    assert f'href="/{org.slug}/board/"' in body
    assert f'href="/{org.slug}/qa/faq/"' in body


def test_the_dashboard_links_the_moderation_pages(client, org, officer):
    client.force_login(officer)
    body = client.get(f"/{org.slug}/staff/").content.decode()
    assert f'href="/{org.slug}/staff/board/"' in body
    assert f'href="/{org.slug}/staff/qa/"' in body

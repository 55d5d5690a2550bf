"""The demo home page and everything it loads stay under 250 KB, all from the instance (Chromium).

The test server sends nothing compressed, so the bytes counted here (bodies and
headers as they crossed the wire) bound from above what a visitor downloads from
`make run`, whose static files go out gzip- or brotli-compressed; `make bench`
prints that real figure.
"""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIMIT_KB = 250


def test_home_page_weighs_under_250_kb_and_asks_no_other_host(phone, live_server):
    call_command("demo", verbosity=0)
    finished = []
    phone.on("requestfinished", lambda request: finished.append(request))
    phone.goto(live_server.url + "/prasat-thong/", wait_until="networkidle")

    own = (live_server.url + "/", "data:")
    assert [url for url in phone.requested_urls if not url.startswith(own)] == []
    sizes = {}
    for request in finished:
        transferred = request.sizes()
        sizes[request.url] = transferred["responseBodySize"] + transferred["responseHeadersSize"]
    kinds = {request.resource_type for request in finished}
    assert {"document", "stylesheet", "font", "script"} <= kinds, kinds
    total_kb = sum(sizes.values()) / 1024
    biggest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert total_kb < LIMIT_KB, f"{total_kb:.0f} KB; the biggest: {biggest}"

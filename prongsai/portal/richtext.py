"""The rich text of news and pages: what the Trix editor writes, cleaned before it is stored.

Only what Trix produces and a reader needs survives: paragraphs, bold, italic,
strike, links, lists, headings, quotes and preformatted text; the only
attribute is a link's address. A heading becomes an h2, so that it never
competes with the h1 of the page that shows it.
"""

import html
import re

import nh3
from django.utils.html import strip_tags
from django.utils.text import Truncator

TAGS = {
    "p",
    "div",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "del",
    "a",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "blockquote",
    "pre",
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_H1 = re.compile(r"<(/?)h1>")
# A parser drops one newline after <pre>, and the serialiser does not put it back:
# without this, each pass would take one more.
_PRE_NEWLINES = re.compile(r"<pre>\n+")
# Removing a disallowed wrapper can leave what a parser never builds (a <p> in a
# <p>), which the next parse rearranges; a few passes reach the fixed point.
_MAX_PASSES = 4


def _relative(url: str) -> str | None:
    # Links within the site ("/prasat-thong/pages/history/", "#top"); any other
    # relative address is a typing slip that would lead nowhere.
    return url if url.startswith(("/", "#")) else None


_cleaner = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    # "*": none on every tag; without it nh3 keeps lang and title everywhere.
    attributes={"a": {"href"}, "*": set()},
    url_schemes=URL_SCHEMES,
    url_relative=_relative,
    link_rel="noopener noreferrer",
)


def sanitize(markup: str) -> str:
    """HTML that is safe to show as is (`|safe`), and unchanged when sanitised again."""
    text = markup or ""
    for _ in range(_MAX_PASSES):
        # The tag has no attributes left, so it is spelled exactly <h1> and </h1>.
        cleaned = _H1.sub(r"<\1h2>", _cleaner.clean(text))
        cleaned = _PRE_NEWLINES.sub("<pre>", cleaned)
        if cleaned == text:
            break
        text = cleaned
    return text.strip()


def plain_text(markup: str, *, chars: int | None = None) -> str:
    """The words of stored rich text, for summaries, feeds and share cards (not escaped)."""
    # Block ends become spaces, or "a</p><p>b" would read "ab".
    spaced = re.sub(r"</(p|div|li|h2|blockquote|pre)>|<br>", " ", markup or "")
    words = " ".join(html.unescape(strip_tags(spaced)).split())
    return Truncator(words).chars(chars) if chars else words

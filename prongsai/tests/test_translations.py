"""The English catalogue is complete, and the compiled file matches its source."""

import gettext
import re
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES"


def unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n")


def entries() -> dict[str, str]:
    """msgid → msgstr; `make messages` writes the catalogue unwrapped, one line each."""
    text = (CATALOGUE / "django.po").read_text()
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, flags=re.MULTILINE)
    return {unescape(msgid): unescape(msgstr) for msgid, msgstr in pairs}


def test_every_text_has_an_english_translation():
    text = (CATALOGUE / "django.po").read_text()
    assert "#, fuzzy" not in text
    untranslated = [msgid for msgid, msgstr in entries().items() if not msgstr]
    assert untranslated == []


def test_compiled_catalogue_is_up_to_date():
    with open(CATALOGUE / "django.mo", "rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = [msgid for msgid, msgstr in entries().items() if compiled.gettext(msgid) != msgstr]
    assert stale == [], "run `make messages`"

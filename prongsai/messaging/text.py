"""Text as the chat platforms deliver it, made storable."""

import re

# Only a JSON escape ("\ud800") can carry half a surrogate pair; UTF-8 cannot encode it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` without NUL, which PostgreSQL cannot store, and with U+FFFD for each lone surrogate.

    A webhook cannot send a form back with a message, so it keeps what it can.
    """
    return _LONE_SURROGATE.sub("\ufffd", text.replace("\x00", ""))

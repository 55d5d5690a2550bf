"""Thai digits and the dash that official reports print for "none"."""

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
DASH = "–"

_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")


def to_thai_digits(value: int | str) -> str:
    """Write 0-9 as Thai digits; every other character stays as it is."""
    if not isinstance(value, int | str):
        raise TypeError(f"expected int or str, got {type(value).__name__}")
    return str(value).translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Write Thai digits as 0-9; every other character stays as it is."""
    return text.translate(_TO_ARABIC)


def count_or_dash(n: int, *, thai_digits: bool = True) -> str:
    """A count as reports print it: "–" for zero, else the number."""
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    if n == 0:
        return DASH
    return to_thai_digits(n) if thai_digits else str(n)

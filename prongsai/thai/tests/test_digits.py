import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thai.digits import THAI_DIGITS, count_or_dash, to_arabic_digits, to_thai_digits

ARABIC = "0123456789"


def test_it_converts_an_int():
    assert to_thai_digits(2566) == "๒๕๖๖"
    assert to_thai_digits(0) == "๐"
    assert to_thai_digits(-17) == "-๑๗"


def test_it_converts_only_the_digits_of_a_str():
    assert to_thai_digits("มี.ค.-ก.ย. 66, 1,234.50") == "มี.ค.-ก.ย. ๖๖, ๑,๒๓๔.๕๐"


def test_it_rejects_other_types():
    with pytest.raises(TypeError):
        to_thai_digits(1.5)  # type: ignore[arg-type]


def test_it_converts_thai_digits_back():
    assert to_arabic_digits("ม.ค.-มิ.ย.๒๕๖๖ จำนวน ๑๗ ราย") == "ม.ค.-มิ.ย.2566 จำนวน 17 ราย"
    assert to_arabic_digits(THAI_DIGITS) == ARABIC


def test_count_is_a_dash_for_zero():
    assert count_or_dash(0) == "–"
    assert count_or_dash(0, thai_digits=False) == "–"


def test_count_uses_thai_digits_by_default():
    assert count_or_dash(17) == "๑๗"
    assert count_or_dash(2) == "๒"
    assert count_or_dash(17, thai_digits=False) == "17"


def test_count_cannot_be_negative():
    with pytest.raises(ValueError):
        count_or_dash(-1)


@given(st.text(alphabet=st.characters(exclude_characters=THAI_DIGITS)))
def test_thai_then_arabic_is_identity(text):
    assert to_arabic_digits(to_thai_digits(text)) == text


@given(st.text(alphabet=st.characters(exclude_characters=ARABIC)))
def test_arabic_then_thai_is_identity(text):
    assert to_thai_digits(to_arabic_digits(text)) == text


@given(st.integers())
def test_no_arabic_digit_survives(n):
    converted = to_thai_digits(n)
    assert not any(c in ARABIC for c in converted)
    assert int(to_arabic_digits(converted)) == n

"""Tracking codes: random, non-sequential, easy to read out over the phone."""

import re
import secrets

# Crockford's base32 without I, L, O and U: nothing to confuse with 1, 0 or V.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8  # 32**8 ≈ 10**12 codes: guessing one that exists is hopeless


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(text: str) -> str:
    """What a person typed ("7kq4-m9xa", "7KQ4 M9XA", "7KQ4-M9XO") as a stored code."""
    code = re.sub(r"[\s\-]", "", text.upper())
    return code.translate(str.maketrans({"I": "1", "L": "1", "O": "0"}))


def is_well_formed(code: str) -> bool:
    """Whether a normalized code could be one we issued; anything else is looked up nowhere."""
    return len(code) == LENGTH and all(c in ALPHABET for c in code)


def display(code: str) -> str:
    """ "7KQ4M9XA" → "7KQ4-M9XA": two groups of four are easier to read and type."""
    return f"{code[:4]}-{code[4:]}"

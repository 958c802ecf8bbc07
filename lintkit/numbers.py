"""Numbers written as text in linted files: a port ``"8080"``, a user id, a cron field.

``str.isdigit()`` then ``int()`` is not safe on what a stranger writes: ``isdigit`` accepts
digits ``int`` does not (``"²"``), and Python refuses to convert a string of more than 4,300
digits (``sys.set_int_max_str_digits``), so a port of 5,000 nines would stop a rule.
"""

from __future__ import annotations

#: Significant digits past which a number is only known to be huge; no port, id, count or
#: duration comes near.
MAX_DIGITS = 18
#: What a number of more than MAX_DIGITS significant digits reads as: larger than any
#: bound a rule compares with, and still printable.
HUGE = 10**MAX_DIGITS


def decimal(text: str) -> int | None:
    """The value of a string of ASCII digits (None for anything else, ``""`` included);
    :data:`HUGE` for one of more than :data:`MAX_DIGITS` significant digits."""
    if not (text.isascii() and text.isdigit()):
        return None
    significant = text.lstrip("0")
    return HUGE if len(significant) > MAX_DIGITS else int(significant or "0")

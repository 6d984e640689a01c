"""How lists number their entries: letters (a … z, aa …) and roman numerals, as Word and browsers count."""

from __future__ import annotations

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def letters(value: int) -> str:
    """1 → "a", 26 → "z", 27 → "aa" (Word repeats the letter rather than counting on)."""
    if value < 1:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def roman(value: int) -> str:
    """1 → "i", 4 → "iv", 14 → "xiv"."""
    if value < 1:
        return str(value)
    out = ""
    for amount, numeral in _ROMAN:
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def render(value: int, style: str) -> str:
    """The entry's number in a list style: "decimal", "lowerLetter", "upperRoman", "decimalZero", "none"."""
    if style in ("lowerLetter", "upperLetter"):
        text = letters(value)
        return text.upper() if style == "upperLetter" else text
    if style in ("lowerRoman", "upperRoman"):
        text = roman(value)
        return text.upper() if style == "upperRoman" else text
    if style == "decimalZero":
        return f"{value:02d}"
    if style == "none":
        return ""
    return str(value)

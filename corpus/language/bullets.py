"""The marks lists are set with, as clerks type them and converters print them: one set for every reader
and rule, so an entry behind "○" or "■" is a list entry wherever it is read."""

from __future__ import annotations

import re

BULLETS = "-–•*▪◦●○■□‣⁃∙·➢➤►▶✓✔❖◆◇"
# One list mark, as a character class for patterns: "[-–•*…]".
BULLET = f"[{re.escape(BULLETS)}]"

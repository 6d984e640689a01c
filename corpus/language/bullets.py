"""The marks lists are set with, as clerks type them and converters print them: one set for every reader
and rule, so an entry behind "○" or "■" is a list entry wherever it is read."""

from __future__ import annotations

import re

# … and the Symbol and Wingdings bullets Word documents keep in their PDFs as private-use characters.
SYMBOL_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e8\uf06c\uf071\uf075\uf09f\uf0a1\uf0e0\uf0f0"
BULLETS = "-–•*▪◦●○■□‣⁃∙·➢➤►▶✓✔❖◆◇" + SYMBOL_BULLETS
# One list mark, as a character class for patterns: "[-–•*…]".
BULLET = f"[{re.escape(BULLETS)}]"

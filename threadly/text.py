"""Control characters in what people write: one definition, one cleaner, one validator for every app.

Control characters (Unicode category Cc) are invisible and mean nothing in a post or a name;
search even uses two of them (U+0002, U+0003) to mark matching words, so one typed into a
body would turn into a `<mark>` in the highlights. Multi-line text keeps its line breaks
(one spelling, `\\n`) and tabs.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_CHARACTERS_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LAYOUT_CHARACTERS = re.compile(r"[\t\n\r]")


def multiline_text(text: str) -> str:
    """Text with lines (posts, replies, reports, bios): `\\r\\n` and `\\r` become `\\n`; tabs stay; other
    control characters go."""
    return CONTROL_CHARACTERS_BUT_LAYOUT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def single_line_text(text: str) -> str:
    """One line (a name): line breaks and tabs become spaces, other control characters go."""
    return CONTROL_CHARACTERS.sub("", LAYOUT_CHARACTERS.sub(" ", text))


@deconstructible
class ControlCharacterValidator:
    """Refuses control characters, naming the first one; `multiline` lets line breaks and tabs through."""

    code = "control_character"

    def __init__(self, *, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value: str) -> None:
        pattern = CONTROL_CHARACTERS_BUT_LAYOUT if self.multiline else CONTROL_CHARACTERS
        if found := pattern.search(value):
            allowed = "Line breaks and tabs are fine" if self.multiline else "Write it on one line, without tabs"
            raise ValidationError(
                "Remove the invisible control character %(character)s. %(allowed)s.",
                code=self.code,
                params={"character": f"U+{ord(found.group()):04X}", "allowed": allowed},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator) and other.multiline == self.multiline

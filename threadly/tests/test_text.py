"""The one definition of control characters: what multi-line and one-line text keep, and what is refused."""

import pytest
from django.core.exceptions import ValidationError

from threadly.text import ControlCharacterValidator, multiline_text, single_line_text


def test_multiline_text_drops_control_characters_but_keeps_lines_and_tabs():
    assert multiline_text("\x02coffee\x03 and\ttea\r\nnext\rlast\x00\x1b\x7f\x85") == "coffee and\ttea\nnext\nlast"


def test_single_line_text_turns_layout_into_spaces_and_drops_the_rest():
    assert single_line_text("Ann\nSmith\t\x02(\x9f)") == "Ann Smith ()"


def test_text_without_control_characters_is_unchanged():
    text = "Plain words, émojis 🎉 and ünïcödé\nover two lines"
    assert multiline_text(text) == text
    assert single_line_text("Ann Smith 🎉") == "Ann Smith 🎉"


@pytest.mark.parametrize("value", ["\x02", "a\x03b", "\x00", "\x1b[31m", "\x7f", "\x9b"])
@pytest.mark.parametrize("multiline", [True, False])
def test_the_validator_refuses_control_characters_and_names_the_first(value, multiline):
    with pytest.raises(ValidationError) as error:
        ControlCharacterValidator(multiline=multiline)(value)

    assert error.value.code == "control_character"
    assert "U+00" in error.value.messages[0]


def test_the_validator_lets_line_breaks_and_tabs_through_only_in_multiline_text():
    ControlCharacterValidator(multiline=True)("two\r\nlines\tand a tab")
    with pytest.raises(ValidationError, match="one line"):
        ControlCharacterValidator()("two\nlines")

"""The API's JSON parser: DRF's, decoding through the one depth-bounded `json_loads`."""

import codecs

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils.json import strict_constant

from threadly.json_input import json_loads


class JSONParser(parsers.JSONParser):
    """A body nested too deeply is a 400 parse error, like any other malformed JSON, not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        try:
            text = codecs.getreader(encoding)(stream).read()
            return json_loads(text, parse_constant=strict_constant if self.strict else None)
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from error

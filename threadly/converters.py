"""Path converters shared by the site's and the API's URLs."""


class IdConverter:
    """A database id: at most 18 digits, so a huge number is a 404 and never overflows a bigint."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class NameConverter:
    """A username or a tag: like `str`, without control characters.

    A NUL byte is a 404 here rather than a 500 from PostgreSQL, which cannot compare text
    holding one. Names are looked up, not validated: the pattern stays as loose as `str` so
    that every stored name still reverses.
    """

    regex = "[^/\\x00-\\x1f\\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value

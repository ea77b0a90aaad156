"""Path converters shared by the site's and the API's URLs."""


class IdConverter:
    """A database id: at most 18 digits, so a huge number is a 404 and never overflows a bigint."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)

"""Reading a Mastodon list answer in tests: its ids, and the pages its Link header points to."""


def links(answer) -> dict[str, str]:
    """{rel: url} of a Link header."""
    found = {}
    for part in answer["Link"].split(", "):
        url, rel = part.split("; ")
        found[rel.split('"')[1]] = url.strip("<>")
    return found


def ids(answer) -> list[str]:
    return [item["id"] for item in answer.json()]

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


def link_ids(link: str) -> dict[str, str]:
    """{rel: the max_id or min_id it carries} from a Link header."""
    found = {}
    for rel, url in links({"Link": link}).items():
        bound = dict(item.split("=", 1) for item in url.split("?", 1)[1].split("&"))
        found[rel] = bound.get("max_id") or bound.get("min_id")
    return found

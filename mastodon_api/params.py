"""Reading Mastodon's parameters as its clients send them: in the query string, a form, multipart
or JSON; lists as `name[]=a&name[]=b`, `name=a` or a JSON array; booleans as true/false/1/0."""

from django.http import Http404
from rest_framework import exceptions

TRUE = {"true", "1", "on", "yes"}
FALSE = {"false", "0", "off", "no", ""}


def _source(request):
    return request.query_params if request.method in {"GET", "HEAD", "DELETE"} else request.data


def values(request, name: str, *, source=None) -> list[str]:
    """Every value of list parameter `name`, in order; [] when absent."""
    data = _source(request) if source is None else source
    found = []
    for key in (f"{name}[]", name):
        if hasattr(data, "getlist"):
            found += data.getlist(key)
        elif key in data:
            value = data[key]
            found += value if isinstance(value, list) else [value]
    return [str(value) for value in found]


def value(request, name: str, default=None, *, source=None):
    data = _source(request) if source is None else source
    found = data.get(name, default)
    if isinstance(found, list):
        return found[0] if found else default
    return found


def boolean(request, name: str, default: bool = False, *, source=None) -> bool:
    found = value(request, name, None, source=source)
    if found is None:
        return default
    if isinstance(found, bool):
        return found
    text = str(found).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise exceptions.ValidationError({name: ["must be true or false"]})


def identifier(text, name: str = "id") -> int:
    """A Mastodon id (a string of digits) as our integer primary key; a 404 for anything else,
    as no such record can exist."""
    text = str(text)
    if not text.isdigit() or len(text) > 18:
        raise Http404(f"No {name} {text!r}.")
    return int(text)

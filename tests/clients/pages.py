"""A person at a web browser, as the apps send them: log in on the site's own login page and press a
button of the OAuth consent page. The forms are read from the pages' HTML (Python's html.parser), so
the test submits what the page offers, never a hand-made list of fields."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

PASSWORD = "correct-horse-battery-staple-42"  # what every test person types on the login page
SUBMITTING = {"submit", "image"}
NOT_SENT = SUBMITTING | {"button", "reset", "file"}
# Elements without an end tag: they hold no text, so they never open an element whose text is kept.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (type, name, value)
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # (label, name, value)

    def data(self, *, button: str, typed: dict[str, str]) -> dict[str, str]:
        """What a browser sends when `button` is pressed, with `typed` filled into fields by type or name."""
        sent = {}
        for kind, name, value in self.fields:
            if name:
                sent[name] = typed.get(name, typed.get(kind, value))
        _label, name, value = next(b for b in self.buttons if b[0] == button)
        if name:
            sent[name] = value
        return sent


class PageReader(HTMLParser):
    """The forms of a page (with their fields and submit buttons) and the text of elements by id."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.texts: dict[str, str] = {}
        self._form: Form | None = None
        self._button: tuple[str, str] | None = None
        self._label: list[str] = []
        self._text_of: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag not in VOID:
            self._text_of.append(attrs.get("id"))
            if attrs.get("id"):
                self.texts[attrs["id"]] = ""
        if tag == "form":
            self._form = Form(action=attrs.get("action", ""), method=attrs.get("method", "get").lower())
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            self._input(attrs)
        elif tag == "button":
            self._button = (attrs.get("name", ""), attrs.get("value", ""))
            self._label = []
        elif tag in {"textarea", "select"}:
            self._form.fields.append((tag, attrs.get("name", ""), ""))

    def _input(self, attrs):
        kind = attrs.get("type", "text").lower()
        if kind in SUBMITTING:
            self._form.buttons.append((attrs.get("value", ""), attrs.get("name", ""), attrs.get("value", "")))
        elif kind in {"checkbox", "radio"} and "checked" not in attrs:
            return
        elif kind not in NOT_SENT:
            self._form.fields.append((kind, attrs.get("name", ""), attrs.get("value", "")))

    def handle_data(self, data):
        if self._button is not None:
            self._label.append(data)
        for element_id in filter(None, self._text_of):
            self.texts[element_id] += data

    def handle_endtag(self, tag):
        if tag not in VOID and self._text_of:
            self._text_of.pop()
        if tag == "button" and self._button is not None and self._form is not None:
            self._form.buttons.append((" ".join("".join(self._label).split()), *self._button))
            self._button = None
        elif tag == "form":
            self._form = None


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader


def submit(session: requests.Session, page: requests.Response, form: Form, **data) -> requests.Response:
    response = session.request(form.method.upper(), urljoin(page.url, form.action or page.url), data=data)
    response.raise_for_status()
    return response


def form_with_button(page: requests.Response, label: str) -> Form:
    forms = [form for form in read_page(page.text).forms if any(button[0] == label for button in form.buttons)]
    assert len(forms) == 1, f"one form with a {label!r} button expected at {page.url}, found {len(forms)}"
    return forms[0]


def log_in(session: requests.Session, page: requests.Response, username: str, password: str) -> requests.Response:
    """Fill the login form the authorisation page sent us to, as a person would, and press "Log in"."""
    form = form_with_button(page, "Log in")
    typed = {"text": username, "email": username, "password": password}
    return submit(session, page, form, **form.data(button="Log in", typed=typed))


def consent(authorize_url: str, username: str, password: str, button: str = "Authorize") -> requests.Response:
    """Open the app's authorisation URL in a fresh browser, log in, press `button` on the consent page.

    Redirects within the site are followed; the answer is the last page of the site (the out-of-band
    code page) or the redirect to the app's own redirect_uri, which a browser would hand to the app."""
    site = urlsplit(authorize_url).netloc
    with requests.Session() as session:
        page = session.get(authorize_url)
        page.raise_for_status()
        assert "/accounts/login/" in page.url, f"the consent page asks who you are first, not {page.url}"
        page = log_in(session, page, username, password)
        assert "/oauth/authorize" in page.url, f"after logging in, the consent page, not {page.url}"
        form = form_with_button(page, button)
        answer = session.request(
            form.method.upper(),
            urljoin(page.url, form.action or page.url),
            data=form.data(button=button, typed={}),
            allow_redirects=False,
        )
        while answer.is_redirect and urlsplit(urljoin(answer.url, answer.headers["Location"])).netloc == site:
            answer = session.get(urljoin(answer.url, answer.headers["Location"]), allow_redirects=False)
        return answer


def out_of_band_code(answer: requests.Response) -> str:
    """The code the out-of-band page (redirect_uri urn:ietf:wg:oauth:2.0:oob) shows for copying."""
    answer.raise_for_status()
    code = read_page(answer.text).texts.get("authorization-code", "").strip()
    assert code, f"no <code id='authorization-code'> on {answer.url}"
    return code


def redirected_query(answer: requests.Response) -> dict[str, str]:
    """The query the consent page sent the browser back to the app with (code and state, or error)."""
    assert answer.is_redirect, f"a redirect to the app expected, got {answer.status_code} at {answer.url}"
    return {name: values[0] for name, values in parse_qs(urlsplit(answer.headers["Location"]).query).items()}

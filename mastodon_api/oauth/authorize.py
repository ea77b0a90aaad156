"""`/oauth/authorize`: django-oauth-toolkit's authorization view with Threadly's login, consent page
and the three things Mastodon's apps expect of it that DOT does not do: the out-of-band code page,
redirects to an app's own scheme (`myapp://callback`), and `force_login`."""

from urllib.parse import parse_qsl, urlencode, urlsplit

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from oauth2_provider.http import OAuth2ResponseRedirect
from oauth2_provider.views import AuthorizationView

from mastodon_api import scopes
from mastodon_api.oauth.services import OOB, UNSAFE_SCHEMES

TRUE = {"1", "true", "on", "yes"}


def _normalised_query(query: str) -> str:
    """Mastodon's apps may separate scopes with `+` (also when percent-encoded) or commas; oauthlib
    splits on spaces only. `force_login` and `lang` are Mastodon's own and are answered here."""
    pairs = [
        (key, " ".join(value.replace("+", " ").replace(",", " ").split()) if key == "scope" else value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if key not in {"force_login", "lang"} and not (key == "scope" and not value.strip())
    ]
    return urlencode(pairs)


class ConsentView(AuthorizationView):
    template_name = "mastodon_api/authorize.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET":
            forced = request.GET.get("force_login", "").lower() in TRUE
            request.META["QUERY_STRING"] = _normalised_query(request.META.get("QUERY_STRING", ""))
            request.GET = request.GET.__class__(request.META["QUERY_STRING"])
            if request.GET.get("code_challenge") and request.GET.get("code_challenge_method", "plain") != "S256":
                return self._refused("PKCE must use the S256 method (RFC 9700): plain is refused.")
            if forced:
                # Mastodon asks for the password again, to log in as someone else: start logged out.
                if request.user.is_authenticated:
                    logout(request)
                return redirect_to_login(request.get_full_path(), self.get_login_url())
        return super().dispatch(request, *args, **kwargs)

    def _refused(self, description: str):
        """The consent page's error state, before any consent is asked."""
        error = {"error": "invalid_request", "description": description}
        return render(self.request, self.template_name, {"error": error}, status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = context.get("application")
        context["client_app"] = getattr(application, "client_app", None) if application else None
        context["scope_rows"] = [(scope, scopes.SCOPES.get(scope, scope)) for scope in context.get("scopes") or []]
        return context

    def redirect(self, redirect_to, application):
        """The out-of-band URN is shown as a page with the code (or the refusal); an app's own
        scheme is redirected to when the address starts with a URI the app registered (a refusal's
        address comes from the consent form, so it is checked here again); http(s) as DOT does."""
        parts = urlsplit(redirect_to)
        if redirect_to.startswith(OOB):
            answer = dict(parse_qsl(parts.query))
            context = {"application": application, "code": answer.get("code"), "error": answer.get("error")}
            status = 200 if answer.get("code") else 400
            return render(self.request, "mastodon_api/authorize_oob.html", context, status=status)
        if application is not None and _own_scheme(redirect_to, application.redirect_uris.split()):
            return OAuth2ResponseRedirect(redirect_to, [parts.scheme])
        return super().redirect(redirect_to, application)


def _own_scheme(address: str, registered: list[str]) -> bool:
    scheme = urlsplit(address).scheme.lower()
    if scheme in {"http", "https", ""} or scheme in UNSAFE_SCHEMES:
        return False
    return any(address == uri or address.startswith(f"{uri}?") for uri in registered)

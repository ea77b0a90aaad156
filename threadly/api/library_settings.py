"""Settings of the JSON API's libraries (DRF, drf-spectacular, django-oauth-toolkit,
django-cors-headers), which read nothing from the environment: threadly.settings imports them, so
the settings module stays about this deployment."""

from corsheaders.defaults import default_headers

REST_FRAMEWORK = {
    # Bearer first (a JWT or an app's OAuth token): its WWW-Authenticate header makes a missing
    # credential a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.BearerAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["threadly.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "threadly.api.pagination.NewestFirstPagination",
    "DEFAULT_THROTTLE_CLASSES": ["threadly.api.throttling.ClientThrottle", "threadly.api.throttling.ActionThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "threadly.api.errors.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Threadly API",
    "DESCRIPTION": (
        "Everything a person can do on Threadly, as JSON. Authenticate with a JWT "
        "(`Authorization: Bearer <access>`) from `POST /api/threadly/v1/auth/token`, or with the site's "
        "session cookie and CSRF token. Every error has the shape "
        '`{"error": {"code", "message", "fields"}}`. Every list is cursor-paginated. '
        "Creates accept an `Idempotency-Key` header."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge from validator.swagger.io: the docs page loads nothing from other sites (SECURE_CSP).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SCHEMA_PATH_PREFIX": r"/api/threadly/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # A post's quote_policy and a person's default_quote_policy are one set of choices.
    "ENUM_NAME_OVERRIDES": {"QuotePolicyEnum": "accounts.models.QuotePolicy"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "threadly.api.schema.add_shared_behaviour",
    ],
}

# The OAuth 2 server Mastodon's apps log in with (django-oauth-toolkit; mastodon_api.oauth).
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
OAUTH2_PROVIDER = {
    # The scope names and descriptions come from mastodon_api.scopes through the scopes backend.
    "SCOPES_BACKEND_CLASS": "mastodon_api.oauth.backends.ClientAppScopes",
    "OAUTH2_VALIDATOR_CLASS": "mastodon_api.oauth.backends.MastodonValidator",
    "OAUTH2_BACKEND_CLASS": "mastodon_api.oauth.backends.FormOrJSONCore",
    # PKCE when the app sends it (S256 only, as Mastodon advertises), not required: most of
    # Mastodon's apps do not send it (OAUTH_DEPLOY_CHECKS_SILENCED).
    "PKCE_REQUIRED": False,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "ALLOWED_GRANT_TYPES": None,
    # Custom schemes (myapp://callback) are sent by mastodon_api.oauth.authorize to the URI the app
    # registered; these are the schemes DOT itself lets through. http stays for native apps'
    # loopback callbacks (http://127.0.0.1:port, RFC 8252), as Mastodon allows.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"],
    "REFRESH_TOKEN_EXPIRE_SECONDS": None,
    # The rest of RFC 9700 (the OAuth 2.0 Security BCP): no implicit or password grant, tokens only
    # in the Authorization header, `iss` in the authorization response, tokens stored hashed, and a
    # replayed refresh token ends its whole family.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
}
# The two RFC 9700 warnings that are choices: PKCE optional and http loopback redirects (above).
OAUTH_DEPLOY_CHECKS_SILENCED = ["oauth2_provider.W008", "oauth2_provider.W010"]

# Browser clients (Elk, Phanpy) call the API and OAuth from their own origin with a bearer token,
# never a cookie: any origin, on those paths only.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/(api/v1|api/v2|oauth|\.well-known|nodeinfo)/.*$"
# Mastodon's apps send Idempotency-Key with a new status.
CORS_ALLOW_HEADERS = (*default_headers, "idempotency-key")
CORS_EXPOSE_HEADERS = ["Link", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"]

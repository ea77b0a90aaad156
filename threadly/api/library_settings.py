"""Settings of the JSON API's libraries (DRF, drf-spectacular), which read nothing from the
environment: threadly.settings imports them, so the settings module stays about this deployment."""

REST_FRAMEWORK = {
    # JWT first: its WWW-Authenticate header makes a missing credential a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.JWTAuthentication",
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

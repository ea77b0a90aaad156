"""API throttles on the same cache counters as the site's rate limits (threadly.ratelimit).

A client posting through the pages and the API at once draws on one allowance.
"""

from abc import ABC, abstractmethod

from rest_framework.throttling import BaseThrottle

from threadly.ratelimit import RateState, count_hit


def _remember_tightest(request, state: RateState) -> None:
    """Keep the state closest to its limit on the request, for the X-RateLimit-* headers."""
    http_request = request._request
    current = getattr(http_request, "api_rate_state", None)
    if current is None or state.remaining < current.remaining or state.exceeded:
        http_request.api_rate_state = state


class ScopeThrottle(BaseThrottle, ABC):
    state: RateState | None = None

    @abstractmethod
    def scope_for(self, request, view) -> str | None:
        """The RATE_LIMITS scope this request counts against, or None when it counts against none."""

    def allow_request(self, request, view) -> bool:
        scope = self.scope_for(request, view)
        if scope is None:
            return True
        self.state = count_hit(request, scope)
        _remember_tightest(request, self.state)
        return not self.state.exceeded

    def wait(self) -> float | None:
        return self.state.retry_after if self.state else None


class ClientThrottle(ScopeThrottle):
    """Every API request: per user when authenticated, per IP otherwise."""

    def scope_for(self, request, view) -> str:
        return "api_user" if request.user.is_authenticated else "api_anon"


class ActionThrottle(ScopeThrottle):
    """The tighter limits of costly or abusable actions, named per method by the view.

    A view sets `throttle_scopes = {"POST": "post"}`; the scope's rate is in RATE_LIMITS.
    """

    def scope_for(self, request, view) -> str | None:
        return getattr(view, "throttle_scopes", {}).get(request.method)

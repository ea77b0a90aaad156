"""An htmx request whose session has ended (logged out in another tab, or expired) meets
login_required's redirect to the login page; htmx would follow it and swap the login form into the
button pressed. It gets a 403 page that says so instead, which js/request-alert.js shows."""

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render, resolve_url
from django.utils.http import urlencode


class HtmxLoginRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or response.status_code != 302:
            return response
        login_path = resolve_url(settings.LOGIN_URL)
        if urlsplit(response["Location"]).path != login_path:
            return response
        back_to = request.htmx.current_url_abs_path or "/"
        context = {"login_url": f"{login_path}?{urlencode({'next': back_to})}"}
        return render(request, "logged_out.html", context, status=403)

"""Settings → Apps: the apps a person authorised, each with a button taking its access back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mastodon_api.oauth.services import authorisation_revoke, authorisations_of


@login_required
def authorised_apps(request):
    return render(request, "mastodon_api/apps.html", {"authorisations": authorisations_of(request.user)})


@login_required
@require_POST
def authorised_app_revoke(request, application_id: int):
    """Revoke, then show the list again (htmx swaps in the page's list fragment)."""
    authorisation_revoke(user=request.user, application_id=application_id)
    if request.htmx:
        context = {"authorisations": authorisations_of(request.user), "revoked": True}
        return render(request, "mastodon_api/apps.html#app-list", context)
    messages.success(request, "The app's access was revoked.")
    return redirect("oauth:settings_apps")

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.forms import AccountDeleteForm, ProfileForm, SignupForm
from accounts.uniqueness import taken_errors
from threadly.ratelimit import rate_limit


def add_taken_errors(form, error: IntegrityError) -> None:
    """Another account took the username or email between validation and saving: the form's own error.
    Any other IntegrityError is raised again."""
    taken = taken_errors(error)
    if taken is None:
        raise error
    for field, message in taken.items():
        form.add_error(field, message)


@require_http_methods(["GET", "POST"])
@rate_limit("signup")
def signup(request):
    if request.user.is_authenticated:
        return redirect("social:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
            )
        except IntegrityError as error:
            add_taken_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to Threadly, {user.name}!")
            return redirect("social:home")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        changed = form.changed_profile
        try:
            if changed:
                services.user_update_profile(user=request.user, **changed)
            services.user_profile_pictures_update(user=request.user, **form.changed_pictures)
        except IntegrityError as error:
            add_taken_errors(form, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect(request.user)
    if form.is_bound:
        # A failed ModelForm validation has written the rejected values onto request.user.
        request.user.refresh_from_db()
    return render(request, "accounts/profile_edit.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_delete(user=request.user)
        logout(request)
        messages.success(request, "Your account and everything in it are deleted.")
        return redirect("social:explore")
    return render(request, "accounts/account_delete.html", {"form": form})

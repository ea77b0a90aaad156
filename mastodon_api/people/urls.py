"""Routes of this part of Mastodon's client API, each under its full path. The named routes under
api/v1/accounts/ come before `accounts/<id>`, which would otherwise take them."""

from django.urls import path

from mastodon_api.people import accounts, actions, credentials, lists, registration

ACCOUNT = "api/v1/accounts/<str:account_id>"

urlpatterns = [
    path("api/v1/accounts", registration.RegisterView.as_view(), name="mastodon-register"),
    path("api/v1/accounts/verify_credentials", credentials.VerifyCredentialsView.as_view()),
    path("api/v1/accounts/update_credentials", credentials.UpdateCredentialsView.as_view()),
    path("api/v1/accounts/lookup", accounts.LookupView.as_view()),
    path("api/v1/accounts/relationships", actions.RelationshipsView.as_view()),
    path("api/v1/accounts/search", accounts.AccountSearchView.as_view()),
    path("api/v1/accounts/familiar_followers", lists.FamiliarFollowersView.as_view()),
    path(ACCOUNT, accounts.AccountView.as_view(), name="mastodon-account"),
    path(f"{ACCOUNT}/statuses", accounts.AccountStatusesView.as_view()),
    path(f"{ACCOUNT}/followers", accounts.FollowersView.as_view()),
    path(f"{ACCOUNT}/following", accounts.FollowingView.as_view()),
    path(f"{ACCOUNT}/follow", actions.FollowView.as_view()),
    path(f"{ACCOUNT}/unfollow", actions.unfollow),
    path(f"{ACCOUNT}/block", actions.block),
    path(f"{ACCOUNT}/unblock", actions.unblock),
    path(f"{ACCOUNT}/mute", actions.mute),
    path(f"{ACCOUNT}/unmute", actions.unmute),
    path(f"{ACCOUNT}/featured_tags", lists.AccountEmptyListView.as_view()),
    path(f"{ACCOUNT}/lists", lists.AccountEmptyListView.as_view()),
    path("api/v1/preferences", credentials.PreferencesView.as_view()),
    path("api/v1/blocks", lists.BlocksView.as_view()),
    path("api/v1/mutes", lists.MutesView.as_view()),
    path("api/v2/suggestions", lists.SuggestionsV2View.as_view()),
    path("api/v1/suggestions", lists.SuggestionsV1View.as_view()),
    path("api/v1/suggestions/<str:account_id>", lists.SuggestionDismissView.as_view()),
]

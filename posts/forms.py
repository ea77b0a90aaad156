from django import forms
from django.conf import settings

from posts.models import CONTENT_WARNING_MAX_LENGTH, Post


class PostForm(forms.Form):
    # The words first: the warning is an option on them.
    field_order = ["body", "content_warning"]

    content_warning = forms.CharField(
        label="Content warning (optional)",
        max_length=CONTENT_WARNING_MAX_LENGTH,
        required=False,
        strip=True,
        help_text="Readers see these words first and open the post to read it, pictures included.",
    )
    body = forms.CharField(
        label="What's happening?",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "What's happening?", "dir": "auto"}),
        strip=True,
        required=False,
    )
    visibility = forms.ChoiceField(choices=Post.Visibility.choices, initial=Post.Visibility.PUBLIC)
    reply_policy = forms.ChoiceField(
        label="Who can reply", choices=Post.ReplyPolicy.choices, initial=Post.ReplyPolicy.EVERYONE, required=False
    )
    # Blank keeps what there is: the author's default on a new post, the post's own on an edit.
    quote_policy = forms.ChoiceField(
        label="Who may quote it",
        choices=[("", "As in my settings"), *Post.QuotePolicy.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not `maxlength`: browsers count it in UTF-16 units, the server in characters (js/char-counter.js).
        self.fields["body"].widget.attrs["data-max-chars"] = settings.POST_MAX_LENGTH

    def clean_reply_policy(self) -> str:
        """A form sent without the choice (an older page, a script) leaves replies open, as the API does."""
        return self.cleaned_data["reply_policy"] or Post.ReplyPolicy.EVERYONE

    def clean_quote_policy(self) -> str | None:
        return self.cleaned_data["quote_policy"] or None


class ComposeForm(PostForm):
    """A new post, which may quote one (the compose page's `?quote=` fills it in)."""

    quoted_post = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=10**18 - 1)

    def clean(self):
        """A hidden field's error would go unseen: say it where the form's own errors show."""
        cleaned_data = super().clean()
        if "quoted_post" in self.errors:
            self.add_error(None, "The post you are quoting is not available.")
        return cleaned_data


class ReplyForm(forms.Form):
    """A reply is a post: as long as one, and public or for followers (the post's own by default)."""

    body = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Write a reply", "dir": "auto"}),
        strip=True,
        required=False,
    )
    visibility = forms.ChoiceField(choices=Post.Visibility.choices, required=False)

    def __init__(self, *args, parent: Post, **kwargs):
        super().__init__(*args, initial={"visibility": parent.visibility}, **kwargs)
        self.parent = parent
        self.fields["body"].widget.attrs["data-max-chars"] = settings.POST_MAX_LENGTH

    def clean_visibility(self) -> str:
        return self.cleaned_data["visibility"] or self.parent.visibility

from django import forms
from django.conf import settings

from posts.models import Post


class PostForm(forms.Form):
    body = forms.CharField(
        label="What's happening?",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "What's happening?"}),
        strip=True,
        required=False,
    )
    visibility = forms.ChoiceField(choices=Post.Visibility.choices, initial=Post.Visibility.PUBLIC)
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
    body = forms.CharField(
        label="Reply",
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Write a reply"}),
        strip=True,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["data-max-chars"] = settings.POST_MAX_LENGTH

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
    reply_policy = forms.ChoiceField(
        label="Who can reply", choices=Post.ReplyPolicy.choices, initial=Post.ReplyPolicy.EVERYONE, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not `maxlength`: browsers count it in UTF-16 units, the server in characters (js/char-counter.js).
        self.fields["body"].widget.attrs["data-max-chars"] = settings.POST_MAX_LENGTH

    def clean_reply_policy(self) -> str:
        """A form sent without the choice (an older page, a script) leaves replies open, as the API does."""
        return self.cleaned_data["reply_policy"] or Post.ReplyPolicy.EVERYONE


class ReplyForm(forms.Form):
    """A reply is a post: as long as one, and public or for followers (the post's own by default)."""

    body = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Write a reply"}),
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

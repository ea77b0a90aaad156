from django import forms
from django.conf import settings

from posts.models import CONTENT_WARNING_MAX_LENGTH, Post
from threadly.text import multiline_text


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


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files from one input: a list, empty when none was chosen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleImageField, self).clean(each, initial) for each in files if each]


class ImagesForm(forms.Form):
    """The images a post gets from the composer: files from one input (several may be chosen) and an
    alt text field for each place, matched in the order the files come. Without JavaScript the labels
    say so; js/compose-images.js shows each file's preview beside its field."""

    images = MultipleImageField(
        label="Images",
        required=False,
        help_text=f"Up to {settings.POST_MAX_IMAGES}: JPEG, PNG, WebP or GIF.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for place in range(1, settings.POST_MAX_IMAGES + 1):
            self.fields[f"alt_text_{place}"] = forms.CharField(
                label=f"Alt text for image {place}",
                help_text="Describe it for people who cannot see it." if place == 1 else "",
                required=False,
                strip=True,
                max_length=settings.IMAGE_ALT_TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2, "class": "alt-text", "data-place": place}),
            )

    def alt_text_fields(self) -> list:
        return [self[f"alt_text_{place}"] for place in range(1, settings.POST_MAX_IMAGES + 1)]

    def clean_images(self) -> list:
        images = self.cleaned_data["images"]
        if len(images) > settings.POST_MAX_IMAGES:
            raise forms.ValidationError(
                f"A post carries at most {settings.POST_MAX_IMAGES} images (you chose {len(images)})."
            )
        return images

    def uploads(self) -> list[tuple]:
        """(file, alt text) for each chosen file, in order."""
        return [
            (upload, multiline_text(self.cleaned_data.get(f"alt_text_{place}") or ""))
            for place, upload in enumerate(self.cleaned_data.get("images") or [], start=1)
        ]

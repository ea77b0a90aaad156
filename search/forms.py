from django import forms

from search.query import clean_query


class SearchForm(forms.Form):
    TYPES = (("posts", "Posts"), ("people", "People"), ("tags", "Tags"))

    q = forms.CharField(label="Search", required=False, strip=False)
    type = forms.ChoiceField(choices=TYPES, required=False)
    cursor = forms.CharField(required=False)

    def clean_q(self) -> str:
        return clean_query(self.cleaned_data["q"])

    def clean_type(self) -> str:
        return self.cleaned_data["type"] or "posts"

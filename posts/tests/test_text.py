import pytest

from posts.text import extract_hashtags, extract_mentions, render_text


def test_html_is_escaped():
    html = render_text('<script>alert("hi")</script> & <b>bold</b>')

    assert "<script>" not in html
    assert "<b>" not in html
    assert html == "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"


def test_html_inside_a_link_target_is_escaped():
    html = render_text("https://example.com/?a=1&b=<script>")

    assert "<script>" not in html
    assert '<a href="https://example.com/?a=1&amp;b=" rel="nofollow noopener ugc" target="_blank">' in html


def test_urls_are_linked_without_trailing_punctuation():
    html = render_text("Read https://example.com/a?b=c. Now!")

    assert html == (
        'Read <a href="https://example.com/a?b=c" rel="nofollow noopener ugc" target="_blank">'
        "https://example.com/a?b=c</a>. Now!"
    )


def test_linked_mentions_link_to_the_profile():
    html = render_text("Thanks @Alice!", linked_mentions={"alice"})

    assert html == 'Thanks <a href="/@Alice" class="mention">@Alice</a>!'


def test_a_mention_of_nobody_known_is_plain_text():
    assert render_text("Thanks @alice and @ghost!", linked_mentions={"alice"}) == (
        'Thanks <a href="/@alice" class="mention">@alice</a> and @ghost!'
    )


def test_marks_wrap_the_marked_words():
    assert render_text("good <coffee> here", marks=[(6, 12)]) == "good &lt;<mark>coffee</mark>&gt; here"


@pytest.mark.parametrize(
    ("text", "marks", "html"),
    [
        ("#coffee", [(1, 7)], '<a href="/tags/coffee/" class="hashtag"><mark>#coffee</mark></a>'),
        ("@alice", [(1, 6)], '<a href="/@alice" class="mention"><mark>@alice</mark></a>'),
        (
            "see https://a.example/coffee now",
            [(22, 28)],
            'see <a href="https://a.example/coffee" rel="nofollow noopener ugc" target="_blank">'
            "<mark>https://a.example/coffee</mark></a> now",
        ),
        (
            "hot #coffee now",
            [(0, 8)],
            '<mark>hot </mark><a href="/tags/coffee/" class="hashtag"><mark>#coffee</mark></a> now',
        ),
    ],
)
def test_a_mark_never_splits_a_link(text, marks, html):
    """A mark touching a link marks the link's whole text, inside the link."""
    assert render_text(text, linked_mentions={"alice"}, marks=marks) == html


def test_hashtags_link_to_the_lower_cased_tag_page():
    html = render_text("Loving #Django")

    assert html == 'Loving <a href="/tags/django/" class="hashtag">#Django</a>'


def test_digits_only_hashtags_are_plain_text():
    assert render_text("We are #1") == "We are #1"


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("one\ntwo", "one<br>two"),
        ("one\r\ntwo\n\nthree", "one<br>two<br><br>three"),
    ],
)
def test_line_breaks_are_kept(text, html):
    assert render_text(text) == html


def test_mentions_and_hashtags_inside_urls_are_part_of_the_link():
    html = render_text("https://social.example/@bob#top")

    assert 'class="mention"' not in html
    assert 'class="hashtag"' not in html
    assert html.count("<a ") == 1
    assert extract_mentions("https://social.example/@bob#top") == []
    assert extract_hashtags("https://social.example/@bob#top") == []


@pytest.mark.parametrize("email", ["a@example.com", "bob.smith@example.com", "bob_99@mail.example.org"])
def test_email_addresses_are_not_mentions(email):
    text = f"Write to {email} please"

    assert extract_mentions(text) == []
    assert 'class="mention"' not in render_text(text)


def test_extract_mentions_lower_cases_and_deduplicates_in_order():
    assert extract_mentions("@Bob, @alice and @BOB (@carol)") == ["bob", "alice", "carol"]


def test_extract_mentions_ignores_names_that_cannot_be_usernames():
    assert extract_mentions("@ab is too short, @bob@example.org is remote") == []


def test_extract_hashtags_lower_cases_deduplicates_and_skips_digits_only():
    assert extract_hashtags("#Django #django #2024 #Python3 x#notatag") == ["django", "python3"]


def test_a_hashtag_longer_than_a_tag_can_be_is_not_cut_into_one():
    too_long = "a" * 101
    assert extract_hashtags(f"#{too_long} #fine") == ["fine"]
    assert 'class="hashtag"' not in render_text(f"#{too_long}")

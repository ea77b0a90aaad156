"""Reporting from the pages: a post, a reply or a person, with a reason."""

import pytest
from django.urls import reverse

from moderation.models import Report
from posts import services as posts_services
from posts.models import Post
from posts.tests.helpers import assert_login_redirect
from social import services as social_services


def report_post_url(post) -> str:
    return reverse("moderation:report_post", kwargs={"post_id": post.pk})


def report_reply_url(reply) -> str:
    return reverse("moderation:report_comment", kwargs={"comment_id": reply.pk})


def report_person_url(user) -> str:
    return reverse("moderation:report_person", kwargs={"username": user.username})


@pytest.mark.django_db
def test_report_pages_need_a_login(client, post, reply, bob):
    for url in (report_post_url(post), report_reply_url(reply), report_person_url(bob)):
        assert_login_redirect(client.get(url))
        assert_login_redirect(client.post(url, {"reason": "spam"}))
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_the_report_form_shows_the_reported_words(client_of, alice, post, reply):
    client = client_of(alice)

    post_page = client.get(report_post_url(post))
    reply_page = client.get(report_reply_url(reply))

    assert post_page.status_code == 200
    assert "Buy cheap watches at spam.example" in post_page.content.decode()
    assert "@bob" in post_page.content.decode()
    assert reply_page.status_code == 200
    assert "You are an idiot" in reply_page.content.decode()


@pytest.mark.django_db
def test_the_person_report_form_names_the_person(client_of, alice, bob):
    response = client_of(alice).get(report_person_url(bob))

    assert response.status_code == 200
    assert "You are reporting" in response.content.decode()
    assert bob.get_absolute_url() in response.content.decode()


@pytest.mark.django_db
def test_reporting_a_post_files_it_and_goes_back_with_thanks(client_of, alice, post):
    response = client_of(alice).post(report_post_url(post), {"reason": "spam"}, follow=True)

    assert response.redirect_chain[0] == (post.get_absolute_url(), 302)
    assert "Thank you. The moderators will look at it." in response.content.decode()
    report = Report.objects.get()
    assert (report.reporter, report.post, report.comment, report.person) == (alice, post, None, None)
    assert (report.reason, report.status) == ("spam", "open")


@pytest.mark.django_db
def test_reporting_a_reply_files_it(client_of, alice, reply):
    response = client_of(alice).post(report_reply_url(reply), {"reason": "abuse", "text": "  name-calling  "})

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.comment, report.post, report.reason, report.text) == (reply, None, "abuse", "name-calling")


@pytest.mark.django_db
def test_reporting_a_person_files_it_and_honours_a_local_next(client_of, alice, bob):
    response = client_of(alice).post(
        report_person_url(bob), {"reason": "other", "text": "Impersonates me", "next": "/explore/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/explore/"
    report = Report.objects.get()
    assert (report.person, report.reason, report.text) == (bob, "other", "Impersonates me")


@pytest.mark.django_db
def test_a_foreign_next_is_not_followed(client_of, alice, bob):
    response = client_of(alice).post(report_person_url(bob), {"reason": "spam", "next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == bob.get_absolute_url()


@pytest.mark.django_db
def test_other_needs_words(client_of, alice, post):
    response = client_of(alice).post(report_post_url(post), {"reason": "other", "text": "   "})

    assert response.status_code == 400
    assert "Say what is wrong." in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{"text": ""}, {"reason": "rude"}, {"reason": "spam", "text": "x" * 1001}])
def test_a_bad_form_is_a_400(client_of, alice, post, data):
    response = client_of(alice).post(report_post_url(post), data)

    assert response.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_nobody_reports_themself(client_of, bob, post, reply):
    client = client_of(bob)

    for url in (report_post_url(post), report_reply_url(reply), report_person_url(bob)):
        response = client.post(url, {"reason": "spam"})
        assert response.status_code == 400
        assert "You cannot report yourself." in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_a_second_identical_open_report_is_not_doubled(client_of, alice, post):
    client = client_of(alice)

    client.post(report_post_url(post), {"reason": "spam"})
    second = client.post(report_post_url(post), {"reason": "abuse"})

    assert second.status_code == 302
    assert Report.objects.filter(post=post).count() == 1


@pytest.mark.django_db
def test_once_the_first_report_is_handled_a_new_one_opens(client_of, alice, post, report_of):
    first = report_of(alice, post)
    Report.objects.filter(pk=first.pk).update(status=Report.Status.DISMISSED)

    client_of(alice).post(report_post_url(post), {"reason": "spam"})

    assert Report.objects.filter(post=post, status="open").count() == 1
    assert Report.objects.filter(post=post).count() == 2


@pytest.mark.django_db
def test_others_report_the_same_post_each(client_of, alice, carol, post):
    client_of(alice).post(report_post_url(post), {"reason": "spam"})
    client_of(carol).post(report_post_url(post), {"reason": "spam"})

    assert set(Report.objects.values_list("reporter__username", flat=True)) == {"alice", "carol"}


@pytest.mark.django_db
def test_a_post_you_cannot_see_cannot_be_reported(client_of, alice, bob):
    followers_only = posts_services.post_create(
        author=bob, body="For my followers", visibility=Post.Visibility.FOLLOWERS
    )
    client = client_of(alice)

    assert client.get(report_post_url(followers_only)).status_code == 404
    assert client.post(report_post_url(followers_only), {"reason": "spam"}).status_code == 404
    assert client.get(reverse("moderation:report_post", kwargs={"post_id": 999_999})).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_a_follower_may_report_a_followers_only_post(client_of, alice, bob):
    followers_only = posts_services.post_create(
        author=bob, body="For my followers", visibility=Post.Visibility.FOLLOWERS
    )
    social_services.follow_create(follower=alice, followee=bob)

    response = client_of(alice).post(report_post_url(followers_only), {"reason": "spam"})

    assert response.status_code == 302
    assert Report.objects.filter(post=followers_only).exists()


@pytest.mark.django_db
def test_someone_who_blocked_you_cannot_be_reported_by_you(client_of, alice, bob, post):
    social_services.block_create(blocker=bob, blocked=alice)
    client = client_of(alice)

    for url in (report_person_url(bob), report_post_url(post)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_reporting_is_rate_limited(client_of, alice, post, reply, bob, limits, clock):
    limits("report", "2/3600")
    client = client_of(alice)

    assert client.post(report_post_url(post), {"reason": "spam"}).status_code == 302
    assert client.post(report_reply_url(reply), {"reason": "spam"}).status_code == 302
    limited = client.post(report_person_url(bob), {"reason": "spam"})

    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert Report.objects.count() == 2
    assert client.get(report_person_url(bob)).status_code == 200  # Reading the form is not counted.
    clock.now += 3600
    assert client.post(report_person_url(bob), {"reason": "spam"}).status_code == 302


@pytest.mark.django_db
def test_report_links_show_on_others_posts_and_profiles(client_of, alice, post, reply):
    client = client_of(alice)

    post_page = client.get(post.get_absolute_url()).content.decode()
    profile = client.get(post.author.get_absolute_url()).content.decode()

    assert report_post_url(post) in post_page
    assert report_person_url(post.author) in profile
    assert f"Report @{post.author.username}" in profile


@pytest.mark.django_db
def test_no_report_links_on_your_own_things(client_of, bob, post, reply):
    client = client_of(bob)

    post_page = client.get(post.get_absolute_url()).content.decode()
    profile = client.get(bob.get_absolute_url()).content.decode()

    assert report_post_url(post) not in post_page
    assert report_person_url(bob) not in profile


@pytest.mark.django_db
def test_visitors_see_no_report_links(client, post):
    page = client.get(post.get_absolute_url()).content.decode()

    assert report_post_url(post) not in page

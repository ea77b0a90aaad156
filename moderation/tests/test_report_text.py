"""Report text loses control characters, as everything people write does."""

from moderation.models import Report


def test_report_text_loses_control_characters(api_as, alice, bob):
    response = api_as(alice).post(
        "/api/threadly/v1/reports",
        {"username": "bob", "reason": "other", "text": "Spam\x02 bot\r\nagain"},
        format="json",
    )

    assert response.status_code == 201
    assert Report.objects.get().text == "Spam bot\nagain"

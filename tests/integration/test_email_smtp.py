"""Email for real: EMAIL_URL=smtp://127.0.0.1:<port> delivers to a real SMTP server (aiosmtpd in a
process of its own, on a free loopback port, storing what it receives in a maildir)."""

import contextlib
import mailbox
import re
import smtplib
import subprocess
import sys
from collections.abc import Iterator
from email.message import Message
from email.utils import parseaddr
from pathlib import Path

import environ
import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.services import email_change_notice_send
from threadly import email_settings

from .processes import free_port, log_tail, started, stop_process, wait_until

pytestmark = pytest.mark.django_db

SENDER = "Threadly <noreply@threadly.example.org>"
NEW_PASSWORD = "a-new-password-over-smtp-1843"


class SmtpServer:
    def __init__(self, directory: Path):
        self.port = free_port()
        self.maildir = directory / "maildir"
        self.log = directory / "smtpd.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            *(sys.executable, "-m", "aiosmtpd", "--nosetuid", "--listen", f"127.0.0.1:{self.port}"),
            *("--class", "aiosmtpd.handlers.Mailbox", str(self.maildir)),
        ]
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=output)

        def answers() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"aiosmtpd exited with {self.process.returncode}:\n{log_tail(self.log)}")
            with contextlib.suppress(OSError), smtplib.SMTP("127.0.0.1", self.port, timeout=1) as client:
                return client.noop()[0] == 250
            return False

        wait_until(answers, timeout=15, what=f"aiosmtpd on port {self.port}", interval=0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        stop_process(self.process, timeout=10)
        self.process = None

    def received(self) -> list[Message]:
        return list(mailbox.Maildir(self.maildir, create=False))


@pytest.fixture
def smtp_server(tmp_path) -> Iterator[SmtpServer]:
    with started(SmtpServer(tmp_path)) as server:
        yield server


@pytest.fixture
def mail_over_smtp(smtp_server, settings, monkeypatch) -> SmtpServer:
    """MAILERS as production builds them from EMAIL_URL, pointed at the test's SMTP server."""
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{smtp_server.port}")
    settings.MAILERS = email_settings.mailers(environ.Env())
    settings.DEFAULT_FROM_EMAIL = SENDER
    return smtp_server


def test_a_password_reset_is_delivered_over_smtp_with_a_working_link(client, mail_over_smtp):
    ana = UserFactory(username="ana", email="ana@example.com")

    response = client.post(reverse("accounts:password_reset"), {"email": "ana@example.com"})

    assert response.status_code == 302
    [message] = mail_over_smtp.received()
    assert message["X-RcptTo"] == "ana@example.com"  # The envelope the server was given.
    assert parseaddr(message["To"])[1] == "ana@example.com"
    assert message["From"] == SENDER
    assert message["Subject"] == "Reset your Threadly password"
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", message.get_payload(decode=True).decode())
    assert link, message.get_payload()
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"] is True
    set_password = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert set_password.url == reverse("accounts:password_reset_complete")
    client.post(reverse("accounts:login"), {"username": "ana", "password": NEW_PASSWORD})
    assert int(client.session[SESSION_KEY]) == ana.pk


def test_an_email_change_notice_reaches_the_old_address_over_smtp(mail_over_smtp):
    ana = UserFactory(username="ana", email="ana.new@example.com")

    email_change_notice_send(user_id=ana.pk, old_email="ana.old@example.com")

    [message] = mail_over_smtp.received()
    assert message["X-RcptTo"] == "ana.old@example.com"
    assert message["From"] == SENDER
    assert "@ana" in message.get_payload(decode=True).decode()


def test_smtp_with_starttls_and_credentials_is_read_from_the_url(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://threadly:p%40ss%3Aword@smtp.example.org:587")
    monkeypatch.setenv("EMAIL_TIMEOUT", "5")

    assert email_settings.mailers(environ.Env()) == {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "smtp.example.org",
                "port": 587,
                "username": "threadly",
                "password": "p@ss:word",
                "use_tls": True,
                "use_ssl": False,
                "timeout": 5,
            },
        }
    }


def test_without_an_email_url_emails_are_printed(monkeypatch):
    monkeypatch.delenv("EMAIL_URL", raising=False)

    assert email_settings.mailers(environ.Env()) == {
        "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}
    }

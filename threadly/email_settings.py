"""MAILERS (Django 6.1) from EMAIL_URL: consolemail:// by default (emails are printed), or SMTP:
smtp://host:25, smtp+tls://user:password@host:587 (STARTTLS), smtp+ssl://user:password@host:465.

The SMTP backend's options are given only for SMTP; its timeout bounds how long a request (a password
reset) or a worker waits for a mail server that does not answer: without one it would wait forever.
"""

import environ

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mailers(env: environ.Env) -> dict[str, dict]:
    email = env.email_url("EMAIL_URL", default="consolemail://")
    options = {}
    if email["EMAIL_BACKEND"] == SMTP_BACKEND:
        options = {
            "host": email["EMAIL_HOST"],
            "port": email["EMAIL_PORT"],
            "username": email["EMAIL_HOST_USER"] or None,
            "password": email["EMAIL_HOST_PASSWORD"] or None,
            "use_tls": email.get("EMAIL_USE_TLS", False),
            "use_ssl": email.get("EMAIL_USE_SSL", False),
            "timeout": env.int("EMAIL_TIMEOUT", default=10),
        }
    return {"default": {"BACKEND": email["EMAIL_BACKEND"], "OPTIONS": options}}

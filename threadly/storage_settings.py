"""Where uploaded files (images, avatars) live: the filesystem under MEDIA_ROOT, or S3-compatible object
storage through django-storages when S3_BUCKET is set. Read by threadly/settings.py.

The bucket's objects are served to browsers at S3_PUBLIC_URL (a CDN, a custom domain, or the bucket
itself), unsigned: renderings of posts are cached for a day, longer than a signed address would live,
so the bucket (or the CDN in front of it) must allow public reads of its objects. The origin of that
address joins the Content-Security-Policy's img-src.
"""

from urllib.parse import urlsplit

import environ


def s3_options(env: environ.Env) -> dict | None:
    """django-storages' S3Storage options from the environment; None when S3_BUCKET is not set."""
    bucket = env.str("S3_BUCKET", default="")
    if not bucket:
        return None
    endpoint = env.str("S3_ENDPOINT_URL", default="") or None
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "region_name": env.str("S3_REGION", default="") or None,
        # Path-style addresses (endpoint/bucket/key) work with every S3-compatible server.
        "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path"),
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": env.str("S3_DEFAULT_ACL", default="") or None,
        "location": env.str("S3_PREFIX", default=""),
    }
    parts = urlsplit(public_url(env, endpoint=endpoint, bucket=bucket))
    options["custom_domain"] = f"{parts.netloc}{parts.path}".rstrip("/")
    options["url_protocol"] = f"{parts.scheme}:"
    return options


def public_url(env: environ.Env, *, endpoint: str | None, bucket: str) -> str:
    """Where browsers fetch the bucket's objects: S3_PUBLIC_URL, else the endpoint's path-style address
    of the bucket, else AWS's own address of it."""
    configured = env.str("S3_PUBLIC_URL", default="")
    if configured:
        return configured
    if endpoint:
        return f"{endpoint.rstrip('/')}/{bucket}"
    region = env.str("S3_REGION", default="")
    return f"https://{bucket}.s3.{region}.amazonaws.com" if region else f"https://{bucket}.s3.amazonaws.com"


def storages(env: environ.Env, *, static_backend: str) -> dict:
    s3 = s3_options(env)
    default = (
        {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3}
        if s3
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    )
    return {"default": default, "staticfiles": {"BACKEND": static_backend}}


def media_origins(env: environ.Env) -> list[str]:
    """The origin images are served from besides this site, for img-src: the bucket's public address's."""
    s3 = s3_options(env)
    if not s3:
        return []
    return [f"{s3['url_protocol']}//{s3['custom_domain'].split('/')[0]}"]

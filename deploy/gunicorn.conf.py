"""gunicorn's settings for every way Threadly runs in production: `make up` (Procfile), the Docker
image and the Kubernetes manifests. Each can be changed from the environment.

On SIGTERM gunicorn stops accepting connections and lets the requests in flight finish for up to
`graceful_timeout` seconds: keep it below the orchestrator's grace period (Kubernetes gives 30 s).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "25"))
keepalive = 5
# A worker is replaced after this many requests (with jitter, so they do not all restart together):
# it bounds what a slow leak can grow to.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Threadly logs every request itself, with its request id (threadly.observability); errors go to stderr.
accesslog = None
errorlog = "-"
# The addresses of the proxies allowed to set X-Forwarded-* (NUM_PROXIES says how many there are).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (for gunicornc) defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl),
# which several gunicorns on one machine would take from each other; Threadly does not use it.
control_socket_disable = True

# syntax=docker/dockerfile:1
# Threadly's production image: gunicorn serving Django (deploy/gunicorn.conf.py), static files by WhiteNoise.
# The same image runs the Celery workers, beat and migrations (deploy/k8s/, docker-compose.yml) with
# another command. It runs as uid 10001 and needs no writable root filesystem: only /tmp (and
# /app/media when uploads stay on the filesystem instead of S3_BUCKET).

FROM python:3.13-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt

FROM python:3.13-slim-bookworm
# GUNICORN_BIND: all interfaces inside the container. XDG_RUNTIME_DIR: gunicorn's control socket goes to
# /tmp, writable even when the root filesystem is read-only.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=threadly.settings \
    GUNICORN_BIND=0.0.0.0:8000 \
    XDG_RUNTIME_DIR=/tmp
RUN groupadd --system --gid 10001 threadly \
    && useradd --system --uid 10001 --gid threadly --home-dir /app --shell /usr/sbin/nologin threadly
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# Owned by root and only readable by the app: the code cannot be changed by the process running it.
COPY . .
# Static files collected and bytecode compiled at build time, since the running container may not write.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && python -m compileall -q /app \
    && mkdir -p /app/media \
    && chown threadly:threadly /app/media
# Numeric, so that Kubernetes' runAsNonRoot can check it (deploy/k8s runs uid 10001 too).
USER 10001:10001
EXPOSE 8000
# gunicorn drains on SIGTERM: the requests in flight finish within GUNICORN_GRACEFUL_TIMEOUT.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': 'localhost'}), timeout=4)"]
CMD ["gunicorn", "threadly.wsgi:application", "--config", "deploy/gunicorn.conf.py"]

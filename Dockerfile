# syntax=docker/dockerfile:1
# Threadly's production image: gunicorn serving Django, static files by WhiteNoise.

FROM python:3.13-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt

FROM python:3.13-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=threadly.settings
RUN groupadd --system --gid 10001 threadly \
    && useradd --system --uid 10001 --gid threadly --home-dir /app --shell /usr/sbin/nologin threadly
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=threadly:threadly . .
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/media && chown threadly:threadly /app/media
USER threadly
EXPOSE 8000
CMD ["gunicorn", "threadly.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", "--forwarded-allow-ips", "*"]

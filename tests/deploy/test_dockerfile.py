"""The Dockerfile, which cannot be built here (no Docker engine): linted by hadolint, and parsed with
Docker's own parser for the facts the manifests and the Procfile rely on."""

import fnmatch
import subprocess
import sys
from pathlib import Path

from tests.deploy import deployment_files as files

HADOLINT = Path(sys.executable).with_name("hadolint")


def hadolint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([HADOLINT, "--no-color", str(path)], capture_output=True, text=True, timeout=60)


def test_hadolint_finds_nothing_in_the_dockerfile():
    result = hadolint(files.ROOT / "Dockerfile")
    assert (result.returncode, result.stdout) == (0, "")


def test_hadolint_finds_what_it_is_for(tmp_path):
    careless = tmp_path / "Dockerfile"
    careless.write_text("FROM python:latest\nRUN cd /app && pip install gunicorn\nUSER threadly\n")
    result = hadolint(careless)
    assert result.returncode != 0
    for rule in ("DL3007", "DL3003", "DL3013", "DL3066"):
        assert rule in result.stdout


def test_the_image_runs_gunicorn_with_the_config_the_web_pods_run():
    cmd = files.final_stage_single("CMD")
    assert cmd == ("gunicorn", "threadly.wsgi:application", "--config", "deploy/gunicorn.conf.py")
    (web,) = files.resource("Deployment", "threadly-web")["spec"]["template"]["spec"]["containers"]
    assert tuple(web["command"]) == cmd
    assert files.procfile()["web"].split() == list(cmd)
    assert files.final_stage_env()["GUNICORN_BIND"] == "0.0.0.0:8000"
    assert files.final_stage_single("EXPOSE") == ("8000",)
    assert files.final_stage_single("STOPSIGNAL") == ("SIGTERM",)
    healthcheck = " ".join(files.final_stage_single("HEALTHCHECK"))
    assert "http://127.0.0.1:8000/healthz" in healthcheck


def test_the_image_holds_deploy_and_the_code_and_runs_as_a_numeric_non_root_user():
    copies = [i.value for i in files.final_stage() if i.cmd == "COPY" and not i.flags]
    assert (".", ".") in copies
    ignored = [line.strip() for line in (files.ROOT / ".dockerignore").read_text().splitlines() if line.strip()]
    for needed in ("deploy/gunicorn.conf.py", "deploy", "manage.py", "threadly", "Procfile", "requirements.txt"):
        assert not any(fnmatch.fnmatch(needed, pattern) for pattern in ignored), needed
    for kept_out in (".env", "var", "media", ".venv"):
        assert kept_out in ignored
    uid, gid = files.final_stage_single("USER")[0].split(":")
    assert int(uid) == int(gid) == 10001
    (user_creation,) = [i.value[0] for i in files.final_stage() if i.cmd == "RUN" and "useradd" in i.value[0]]
    assert f"--uid {uid}" in user_creation
    assert f"--gid {gid}" in user_creation
    assert files.final_stage_env()["XDG_RUNTIME_DIR"] == "/tmp"

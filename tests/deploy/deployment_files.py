"""Readers of deploy/: the Kubernetes manifests, the Dockerfile and the Procfile, for the tests that keep
them in line with each other and with the settings."""

import re
import shlex
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import dockerfile
import yaml
from django.conf import settings
from honcho.environ import parse_procfile

ROOT = Path(settings.BASE_DIR)
K8S = ROOT / "deploy" / "k8s"
KUSTOMIZATION = K8S / "kustomization.yaml"
# Shown for its keys only: the real Secret is created from the environment, never applied from a file.
SECRET_EXAMPLE = K8S / "secret.example.yaml"
# The modules whose environment variables configure Threadly (see `settings_env_names`).
SETTINGS_SOURCES = [
    ROOT / "threadly" / "settings.py",
    *sorted((ROOT / "threadly").glob("*_settings.py")),
    ROOT / "threadly" / "api" / "library_settings.py",
    ROOT / "deploy" / "gunicorn.conf.py",
]


@dataclass(frozen=True)
class Manifest:
    path: Path
    resource: dict

    @property
    def kind(self) -> str:
        return self.resource["kind"]

    @property
    def name(self) -> str:
        return self.resource["metadata"]["name"]


def manifest_paths() -> list[Path]:
    return sorted(path for path in K8S.glob("*.yaml") if path != KUSTOMIZATION)


@cache
def manifests() -> tuple[Manifest, ...]:
    return tuple(
        Manifest(path, resource)
        for path in manifest_paths()
        for resource in yaml.safe_load_all(path.read_text())
        if resource
    )


def resource(kind: str, name: str) -> dict:
    (found,) = [m.resource for m in manifests() if m.kind == kind and m.name == name]
    return found


def of_kind(kind: str) -> dict[str, dict]:
    return {m.name: m.resource for m in manifests() if m.kind == kind}


def pod_specs() -> dict[str, dict]:
    """Every pod template, by the name of the Deployment or Job that owns it."""
    return {m.name: m.resource["spec"]["template"]["spec"] for m in manifests() if m.kind in {"Deployment", "Job"}}


def config_map() -> dict[str, str]:
    return resource("ConfigMap", "threadly")["data"]


def worker_queues_in_manifests() -> dict[str, list[str]]:
    """The queues each worker Deployment consumes, by the group its name ends with."""
    queues = {}
    for name, deployment in of_kind("Deployment").items():
        if name.startswith("threadly-worker-"):
            (container,) = deployment["spec"]["template"]["spec"]["containers"]
            command = container["command"]
            queues[name.removeprefix("threadly-worker-")] = command[command.index("--queues") + 1].split(",")
    return queues


def procfile() -> dict[str, str]:
    """Each process's command, without the `exec` that makes it the shell's pid under honcho (so that
    bin/honcho-graceful's SIGTERM reaches gunicorn or celery itself)."""
    processes = parse_procfile((ROOT / "Procfile").read_text()).processes
    return {name: command.removeprefix("exec ") for name, command in processes.items()}


def worker_queues_in_procfile() -> dict[str, list[str]]:
    queues = {}
    for name, command in procfile().items():
        if name.startswith("worker_"):
            words = shlex.split(command)
            queues[name.removeprefix("worker_")] = words[words.index("--queues") + 1].split(",")
    return queues


def settings_env_names() -> set[str]:
    """The environment variables the settings modules and gunicorn's config read, and those .env.example
    documents (some, like PROMETHEUS_MULTIPROC_DIR, are read by a library)."""
    names = set()
    for source in SETTINGS_SOURCES:
        text = source.read_text()
        names |= set(re.findall(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", text))
        names |= set(re.findall(r"""os\.environ\.get\(\s*["']([A-Z][A-Z0-9_]*)["']""", text))
    example = (ROOT / ".env.example").read_text()
    names |= set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    return names


@cache
def dockerfile_instructions() -> tuple[dockerfile.Command, ...]:
    return dockerfile.parse_file(str(ROOT / "Dockerfile"))


def final_stage() -> list[dockerfile.Command]:
    instructions = list(dockerfile_instructions())
    last_from = max(i for i, instruction in enumerate(instructions) if instruction.cmd == "FROM")
    return instructions[last_from:]


def final_stage_env() -> dict[str, str]:
    env = {}
    for instruction in final_stage():
        if instruction.cmd == "ENV":
            pairs = instruction.value
            env.update(zip(pairs[::2], pairs[1::2], strict=True))
    return env


def final_stage_single(cmd: str) -> tuple[str, ...]:
    (instruction,) = [instruction for instruction in final_stage() if instruction.cmd == cmd]
    return instruction.value

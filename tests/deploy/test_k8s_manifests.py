"""deploy/k8s/ against the Kubernetes API's schemas (kubernetes-validate, strict: no unknown field), and
against the rest of Threadly: the Procfile's queue groups, the settings' queues and environment
variables, the health URLs, gunicorn's graceful timeout and the task time limits."""

import copy
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml
from django.conf import settings
from django.urls import resolve

from tests.deploy import deployment_files as files
from threadly.observability import health

# The oldest Kubernetes the manifests are written for (preStop's sleep action is on by default from
# 1.30) and the newest whose schemas kubernetes-validate ships.
KUBERNETES_VERSIONS = ["1.30", kubernetes_validate.latest_version()]
PLACEHOLDER = "replace-me"
COMPONENT = "app.kubernetes.io/component"
SECRETS = {"SECRET_KEY", "DATABASE_URL", "DATABASE_REPLICA_URLS", "REDIS_URL", "EMAIL_URL", "METRICS_TOKEN"}


def validate(resource: dict, version: str) -> None:
    kubernetes_validate.validate(resource, version, strict=True)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_is_valid_for_kubernetes(version):
    assert len(files.manifests()) >= 15
    for manifest in files.manifests():
        validate(manifest.resource, version)


def test_a_manifest_with_a_misspelt_or_missing_field_is_refused():
    deployment = files.resource("Deployment", "threadly-web")
    misspelt = copy.deepcopy(deployment)
    misspelt["spec"]["template"]["spec"]["containers"][0]["livenessprobe"] = {"httpGet": {"path": "/healthz"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(misspelt, KUBERNETES_VERSIONS[-1])
    without_selector = copy.deepcopy(deployment)
    del without_selector["spec"]["selector"]
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(without_selector, KUBERNETES_VERSIONS[-1])


def test_the_kustomization_applies_every_manifest_but_the_secret_example():
    kustomization = yaml.safe_load(files.KUSTOMIZATION.read_text())
    listed = {files.K8S / name for name in kustomization["resources"]}
    assert listed == set(files.manifest_paths()) - {files.SECRET_EXAMPLE}
    assert kustomization["namespace"] == "threadly"
    assert {m.resource["metadata"]["namespace"] for m in files.manifests() if m.kind != "Namespace"} == {"threadly"}


def test_workers_consume_the_procfiles_queue_groups_and_every_queue_once():
    in_manifests = files.worker_queues_in_manifests()
    assert in_manifests == files.worker_queues_in_procfile()
    assert in_manifests == {"fanout": ["notifications", "feeds"], "media": ["media"], "default": ["default", "search"]}
    consumed = [queue for queues in in_manifests.values() for queue in queues]
    assert sorted(consumed) == sorted(settings.CELERY_TASK_QUEUES)


def test_each_worker_and_the_web_tier_has_an_autoscaler_and_a_disruption_budget():
    deployments = files.of_kind("Deployment")
    scaled = {name for name in deployments if name != "threadly-beat"}
    autoscalers = files.of_kind("HorizontalPodAutoscaler")
    assert {hpa["spec"]["scaleTargetRef"]["name"] for hpa in autoscalers.values()} == scaled
    for hpa in autoscalers.values():
        assert 1 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
        (metric,) = hpa["spec"]["metrics"]
        assert metric["resource"]["name"] == "cpu"
    for name in scaled:
        # The autoscaler owns the count: a replicas field would reset it on every apply.
        assert "replicas" not in deployments[name]["spec"]
    assert files.resource("HorizontalPodAutoscaler", "threadly-web")["spec"]["minReplicas"] >= 2
    budgets = files.of_kind("PodDisruptionBudget")
    budgeted = {budget["spec"]["selector"]["matchLabels"][COMPONENT] for budget in budgets.values()}
    assert budgeted == {deployments[name]["spec"]["selector"]["matchLabels"][COMPONENT] for name in scaled}
    assert budgets["threadly-web"]["spec"]["minAvailable"] >= 1


def test_exactly_one_beat_and_never_two_at_once():
    beats = [name for name, spec in files.pod_specs().items() if "beat" in spec["containers"][0]["command"]]
    assert beats == ["threadly-beat"]
    beat = files.resource("Deployment", "threadly-beat")
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    autoscaled = {hpa["spec"]["scaleTargetRef"]["name"] for hpa in files.of_kind("HorizontalPodAutoscaler").values()}
    assert "threadly-beat" not in autoscaled


def test_every_container_has_resource_requests_and_limits():
    for owner, spec in files.pod_specs().items():
        for container in spec.get("initContainers", []) + spec["containers"]:
            resources = container["resources"]
            for bound in ("requests", "limits"):
                assert set(resources[bound]) == {"cpu", "memory"}, (owner, container["name"], bound)


def test_web_probes_ask_the_health_urls_with_an_allowed_host():
    (web,) = files.resource("Deployment", "threadly-web")["spec"]["template"]["spec"]["containers"]
    paths = {probe: web[probe]["httpGet"]["path"] for probe in ("startupProbe", "livenessProbe", "readinessProbe")}
    assert paths == {"startupProbe": "/healthz", "livenessProbe": "/healthz", "readinessProbe": "/readyz"}
    assert resolve("/healthz").func is health.healthz
    assert resolve("/readyz").func is health.readyz
    allowed_hosts = files.config_map()["ALLOWED_HOSTS"].split(",")
    for probe in paths:
        headers = {header["name"]: header["value"] for header in web[probe]["httpGet"]["httpHeaders"]}
        assert headers["Host"] in allowed_hosts
        assert web[probe]["httpGet"]["port"] == "http"
    assert web["ports"] == [{"name": "http", "containerPort": 8000}]


def test_web_runs_gunicorn_with_its_config_and_drains_before_it_is_killed():
    pod = files.resource("Deployment", "threadly-web")["spec"]["template"]["spec"]
    (web,) = pod["containers"]
    assert web["command"] == ["gunicorn", "threadly.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
    assert {"name": "GUNICORN_BIND", "value": "0.0.0.0:8000"} in web["env"]
    pre_stop_seconds = web["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pre_stop_seconds >= 3
    graceful_timeout = int(files.config_map()["GUNICORN_GRACEFUL_TIMEOUT"])
    assert pod["terminationGracePeriodSeconds"] > pre_stop_seconds + graceful_timeout


def test_workers_are_given_longer_than_a_task_may_run_to_stop():
    hard_limit = int(files.config_map()["CELERY_TASK_TIME_LIMIT"])
    assert hard_limit >= settings.CELERY_TASK_TIME_LIMIT
    for name in files.worker_queues_in_manifests():
        pod = files.resource("Deployment", f"threadly-worker-{name}")["spec"]["template"]["spec"]
        assert pod["terminationGracePeriodSeconds"] > hard_limit
        (worker,) = pod["containers"]
        assert worker["command"][worker["command"].index("--hostname") + 1] == f"{name}@%h"


def test_the_migration_job_migrates_straight_on_postgresql_and_apps_wait_for_it():
    job = files.resource("Job", "threadly-migrate")
    assert job["spec"]["backoffLimit"] >= 1
    assert job["spec"]["ttlSecondsAfterFinished"] > 0
    (migrate,) = job["spec"]["template"]["spec"]["containers"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    (database_url,) = migrate["env"]
    assert database_url["name"] == "DATABASE_URL"
    direct = {"name": "threadly", "key": "DATABASE_DIRECT_URL", "optional": True}
    assert database_url["valueFrom"]["secretKeyRef"] == direct
    for owner, spec in files.pod_specs().items():
        if owner != "threadly-migrate":
            (wait,) = spec["initContainers"]
            assert "python manage.py migrate --check" in wait["command"][-1], owner


def test_pods_run_as_the_images_user_on_a_read_only_root():
    uid, gid = files.final_stage_single("USER")[0].split(":")
    for owner, spec in files.pod_specs().items():
        context = spec["securityContext"]
        assert context["runAsNonRoot"] is True
        assert (context["runAsUser"], context["runAsGroup"]) == (int(uid), int(gid)), owner
        assert spec["automountServiceAccountToken"] is False
        for container in spec.get("initContainers", []) + spec["containers"]:
            assert container["securityContext"]["readOnlyRootFilesystem"] is True, (owner, container["name"])
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
            assert container["image"] == "threadly"


def test_configuration_comes_from_the_config_map_and_the_secret_by_names_settings_read():
    config = files.config_map()
    secret = files.resource("Secret", "threadly")["stringData"]
    assert not set(config) & set(secret)
    named_in_containers = set()
    keys_read_by_reference = set()
    for spec in files.pod_specs().values():
        for container in spec.get("initContainers", []) + spec["containers"]:
            assert container["envFrom"] == [{"configMapRef": {"name": "threadly"}}, {"secretRef": {"name": "threadly"}}]
            for variable in container.get("env", []):
                named_in_containers.add(variable["name"])
                if "valueFrom" in variable:
                    keys_read_by_reference.add(variable["valueFrom"]["secretKeyRef"]["key"])
    known = files.settings_env_names()
    unknown = (set(config) | set(secret) | named_in_containers) - known - keys_read_by_reference
    assert unknown == set()
    assert set(secret) >= SECRETS
    assert "SECRET_KEYS" not in known


def test_the_secret_example_holds_placeholders_only():
    secret = files.resource("Secret", "threadly")["stringData"]
    for key, value in secret.items():
        if "://" in value:
            assert urlsplit(value).password in (None, PLACEHOLDER), key
        else:
            assert value in ("", PLACEHOLDER), key
    assert secret["SECRET_KEY"] == PLACEHOLDER

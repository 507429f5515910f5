"""Every deployment file checked offline by a real validator."""
import glob
import os
import re
import shutil
import subprocess

from conftest import ROOT

DEPLOY = os.path.join(ROOT, "deploy")


def run(*command, cwd=None):
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=120)


def test_kubernetes_manifests_pass_strict_validation_without_warnings():
    manifests = sorted(f for f in glob.glob(os.path.join(DEPLOY, "k8s", "*.yaml")) if not f.endswith("kustomization.yaml"))
    assert len(manifests) == 4
    out = run("kubernetes-validate", "--strict", "--kubernetes-version", "1.33.0", *manifests)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "WARN" not in out.stdout + out.stderr, out.stdout + out.stderr
    kinds = out.stdout
    for resource in ("deployment/report-composer", "service/report-composer", "deployment/statistics-service",
                     "horizontalpodautoscaler/statistics-service", "poddisruptionbudget/initiatives-service",
                     "networkpolicy/report-workers", "service/statistics-service-metrics"):
        assert f"resource {resource} against" in kinds, resource
    listed = open(os.path.join(DEPLOY, "k8s", "kustomization.yaml")).read()
    for manifest in manifests:
        assert os.path.basename(manifest) in listed


RECOMMENDED_LABELS = ("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
                      "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by")


def kubernetes_objects():
    import yaml
    for manifest in sorted(glob.glob(os.path.join(DEPLOY, "k8s", "*.yaml"))):
        if not manifest.endswith("kustomization.yaml"):
            yield from (o for o in yaml.safe_load_all(open(manifest)) if o)


def test_kubernetes_objects_carry_the_recommended_labels_and_scrape_settings():
    objects = list(kubernetes_objects())
    assert len(objects) >= 12
    for thing in objects:
        labels = thing["metadata"].get("labels", {})
        assert all(label in labels for label in RECOMMENDED_LABELS), (thing["kind"], thing["metadata"]["name"], labels)
        assert labels["app.kubernetes.io/version"] == "0.1.0"
        if thing["kind"] != "Deployment":
            continue
        template = thing["spec"]["template"]
        assert all(label in template["metadata"]["labels"] for label in RECOMMENDED_LABELS), thing["metadata"]["name"]
        annotations = template["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true" and annotations["prometheus.io/port"] == "9100"
        [container] = template["spec"]["containers"]
        assert container["image"] == "keihin-report:0.1.0", container["image"]
        assert {"name": "metrics", "containerPort": 9100} in container["ports"]
        assert "--metrics-bind" in container["command"]
        # CURVE keys from an optional Secret, by name: the pod starts without it (in plaintext).
        [keys] = [v for v in template["spec"]["volumes"] if v["name"] == "keys"]
        assert keys["secret"]["optional"] is True and keys["secret"]["defaultMode"] == 0o440
        assert {"name": "CREDENTIALS_DIRECTORY", "value": "/keys"} in container["env"]
        assert template["spec"]["securityContext"]["fsGroup"] == 10001
    # Every Deployment's pods are behind a Service with their metrics port.
    services = [o for o in objects if o["kind"] == "Service"]
    for deployment in (o for o in objects if o["kind"] == "Deployment"):
        name = deployment["metadata"]["name"]
        assert any(s["spec"]["selector"] == {"app.kubernetes.io/name": name}
                   and any(p["name"] == "metrics" for p in s["spec"]["ports"]) for s in services), name


def test_docker_build_context_leaves_out_build_products_and_history():
    ignored = open(os.path.join(ROOT, ".dockerignore")).read().split()
    for path in (".build", ".git", "Package.resolved"):
        assert path in ignored, path


def test_compose_file_and_curve_overlay_are_valid(tmp_path):
    assert run("docker-compose", "-f", "compose.yaml", "config", "-q", cwd=DEPLOY).returncode == 0
    project = str(tmp_path)
    os.makedirs(os.path.join(project, "keys", "workers"))
    os.makedirs(os.path.join(project, "keys", "clients"))
    for name in ("composer.key", "composer.pub", "statistics.key", "initiatives.key"):
        open(os.path.join(project, "keys", name), "w").close()
    out = run("docker-compose", "--project-directory", project, "-f", os.path.join(DEPLOY, "compose.yaml"),
              "-f", os.path.join(DEPLOY, "compose.curve.yaml"), "config")
    assert out.returncode == 0, out.stderr
    assert "REPORT_WORKER_ALLOW: /run/secrets/workers_allow" in out.stdout


def test_dockerfile_passes_hadolint_at_its_default_threshold():
    out = run("hadolint", os.path.join(DEPLOY, "docker", "Dockerfile"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == "", out.stdout  # not a warning, not an info line


def test_systemd_units_verify_cleanly_under_a_fake_root(tmp_path):
    root = str(tmp_path)
    try:
        for folder in ("usr/local/bin", "etc/keihin-report", "etc/systemd/system", "usr/lib/systemd", "bin"):
            os.makedirs(os.path.join(root, folder), exist_ok=True)
        shutil.copytree("/lib/systemd/system", os.path.join(root, "usr/lib/systemd/system"), symlinks=True)
        for binary in ("report-composer", "statistics-service", "initiatives-service"):
            path = os.path.join(root, "usr/local/bin", binary)
            open(path, "w").write("#!/bin/sh\nexit 0\n")
            os.chmod(path, 0o755)
        for tool in ("/bin/sh", "/bin/kill"):
            shutil.copy(tool, os.path.join(root, "bin"))
        for env in glob.glob(os.path.join(DEPLOY, "systemd", "*.env")):
            shutil.copy(env, os.path.join(root, "etc/keihin-report"))
        for unit in glob.glob(os.path.join(DEPLOY, "systemd", "*.service")):
            shutil.copy(unit, os.path.join(root, "etc/systemd/system"))
        # With the CURVE drop-ins installed as the README says, and root-only key files.
        os.makedirs(os.path.join(root, "etc/keihin-report/keys"))
        for name in ("composer.key", "composer.pub", "workers.allow", "statistics.key", "initiatives.key"):
            open(os.path.join(root, "etc/keihin-report/keys", name), "w").close()
            os.chmod(os.path.join(root, "etc/keihin-report/keys", name), 0o600)
        for dropin in glob.glob(os.path.join(DEPLOY, "systemd", "curve", "*.service.d.conf")):
            unit = os.path.basename(dropin)[:-len(".d.conf")]
            os.makedirs(os.path.join(root, "etc/systemd/system", unit + ".d"))
            shutil.copy(dropin, os.path.join(root, "etc/systemd/system", unit + ".d", "curve.conf"))
        out = run("systemd-analyze", "verify", f"--root={root}", "report-composer.service",
                  "report-composer@a.service", "report-composer@b.service",
                  "statistics-service@1.service", "initiatives-service@2.service")
        assert out.returncode == 0, out.stderr
        assert out.stderr.strip() == "", out.stderr
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_systemd_units_are_hardened_to_an_exposure_of_at_most_two():
    units = sorted(glob.glob(os.path.join(DEPLOY, "systemd", "*.service")))
    assert len(units) == 4
    for unit in units:
        out = run("systemd-analyze", "security", "--offline=true", "--no-pager", unit)
        assert out.returncode == 0, out.stderr
        exposure = float(re.search(r"Overall exposure level for \S+: (\d+\.\d+)", out.stdout).group(1))
        assert exposure <= 2.0, f"{os.path.basename(unit)}: exposure {exposure}\n{out.stdout}"
        for setting in ("SystemCallFilter=~@privileged", "ProtectClock=", "ProtectKernelLogs=", "ProtectHostname=",
                        "ProtectProc=", "PrivateUsers=", "UMask="):
            line = next(line for line in out.stdout.splitlines() if setting in line)
            assert "✓" in line, line


def test_curve_drop_ins_hand_every_unit_its_keys_as_credentials():
    dropins = {os.path.basename(p): open(p).read() for p in glob.glob(os.path.join(DEPLOY, "systemd", "curve", "*"))}
    assert "LoadCredential=composer.key:" in dropins["report-composer.service.d.conf"]
    assert "LoadCredential=workers.allow:" in dropins["report-composer.service.d.conf"]
    for service in ("statistics", "initiatives"):
        text = dropins[f"{service}-service@.service.d.conf"]
        assert f"LoadCredential=service.key:/etc/keihin-report/keys/{service}.key" in text
        assert "LoadCredential=composer.pub:" in text

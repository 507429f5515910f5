"""Every deployment file checked offline by a real validator."""
import glob
import os
import shutil
import subprocess
import tempfile

from conftest import ROOT

DEPLOY = os.path.join(ROOT, "deploy")


def run(*command, cwd=None):
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=120)


def test_kubernetes_manifests_pass_strict_validation_without_warnings():
    manifests = sorted(f for f in glob.glob(os.path.join(DEPLOY, "k8s", "*.yaml")) if not f.endswith("kustomization.yaml"))
    assert len(manifests) == 5
    out = run("kubernetes-validate", "--strict", "--kubernetes-version", "1.33.0", *manifests)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "WARN" not in out.stdout + out.stderr, out.stdout + out.stderr
    kinds = out.stdout
    for resource in ("deployment/report-composer", "service/report-composer", "deployment/statistics-service",
                     "horizontalpodautoscaler/statistics-service", "poddisruptionbudget/initiatives-service",
                     "networkpolicy/report-workers", "secret/report-curve-keys"):
        assert f"resource {resource} against" in kinds, resource
    listed = open(os.path.join(DEPLOY, "k8s", "kustomization.yaml")).read()
    for manifest in manifests:
        assert os.path.basename(manifest) in listed


def test_compose_file_and_curve_overlay_are_valid():
    assert run("docker-compose", "-f", "compose.yaml", "config", "-q", cwd=DEPLOY).returncode == 0
    project = tempfile.mkdtemp()
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


def test_systemd_units_verify_cleanly_under_a_fake_root():
    root = tempfile.mkdtemp()
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
        out = run("systemd-analyze", "verify", f"--root={root}", "report-composer.service",
                  "report-composer@a.service", "report-composer@b.service",
                  "statistics-service@1.service", "initiatives-service@2.service")
        assert out.returncode == 0, out.stderr
        assert out.stderr.strip() == "", out.stderr
    finally:
        shutil.rmtree(root, ignore_errors=True)

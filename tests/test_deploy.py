"""The hosted deploy: the exact command the nightly job would run, and a plugin that loads there."""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pipeline.publish import deploy, serve

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "nightly.yml"


def test_deploy_command_publishes_the_site_as_it_is_served(tmp_path):
    plugins = deploy.stage_plugins(tmp_path / "plugins")
    metadata = deploy.hosted_metadata(tmp_path, "https://enforcement.example.org/")
    db = tmp_path / "enforcement.db"
    command = deploy.deploy_command(db, service="enforcement-monitor", plugins_dir=plugins,
                                    metadata_path=metadata, version_note="data-2026-11-29-1")
    assert command[1:5] == ["-m", "datasette", "publish", "cloudrun"]
    assert command[5] == str(db.resolve())
    value = lambda flag: command[command.index(flag) + 1]  # noqa: E731
    assert value("--service") == "enforcement-monitor"
    assert value("--template-dir") == str(serve.TEMPLATE_DIR)
    assert value("--static") == f"assets:{serve.STATIC_DIR}"
    assert value("--plugins-dir") == str(plugins)
    installs = [command[i + 1] for i, part in enumerate(command) if part == "--install"]
    assert "datasette>=0.65.3,<0.66" in installs
    extra = shlex.split(value("--extra-options"))
    settings = {extra[i + 1]: extra[i + 2] for i, part in enumerate(extra) if part == "--setting"}
    assert settings == {**serve.SETTINGS, "force_https_urls": "on"}
    for flag in ("--root", "--crossdb", "--reload", "--load-extension", "--nolock"):
        assert flag not in command and flag not in extra
    hosted = json.loads(metadata.read_text(encoding="utf-8"))
    assert hosted["plugins"]["enforcement-monitor"]["site_url"] == "https://enforcement.example.org"


def test_the_staged_plugin_imports_its_vendored_modules(tmp_path):
    plugins = deploy.stage_plugins(tmp_path / "plugins")
    vendor = plugins / "vendor"
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import pipeline.publish.plugin as p; "
              "print(p.__file__); print(p.render_cell(None, 3076320, 'amount_gbp', None, 'x', None))")
    out = subprocess.run([sys.executable, "-c", script, str(vendor)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0].startswith(str(vendor)), "the vendored copy, not the project, was imported"
    assert out[1] == "£3,076,320"


def test_dry_run_prints_the_command_and_a_bad_database_is_one_line(demo_db, tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline.publish.deploy", str(demo_db), "--dry-run"],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "datasette publish cloudrun" in result.stdout.replace(" -m ", " ")
    bad = tmp_path / "enforcement.db"
    bad.write_text("not a database")
    result = subprocess.run([sys.executable, "-m", "pipeline.publish.deploy", str(bad), "--dry-run"],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1


def test_nightly_deploys_only_with_secrets_and_says_so_otherwise():
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["refresh"]["steps"]
    step = next(s for s in steps if "pipeline.publish.deploy" in s.get("run", ""))
    assert "secrets.GCP_SA_KEY" in step["env"]["GCP_SA_KEY"]
    script = step["run"]
    assert '[ -z "$GCP_SA_KEY" ]' in script and "::notice::" in script and "exit 0" in script
    # It runs after the release asset is published, so a failed deploy loses nothing.
    names = [s.get("name", "") for s in steps]
    assert names.index(step["name"]) > next(i for i, n in enumerate(names) if "release asset" in n)


@pytest.mark.parametrize("secret", ["", "x"])
def test_the_deploy_step_skips_without_secrets(tmp_path, secret):
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["refresh"]["steps"]
    script = next(s for s in steps if "pipeline.publish.deploy" in s.get("run", ""))["run"]
    # Run only the guard at the top of the step, with and without the secret.
    guard = script.split("# -- deploy --")[0]
    result = subprocess.run(["bash", "-ec", guard + "\necho WOULD-DEPLOY"], capture_output=True, text=True,
                            env={"GCP_SA_KEY": secret, "GCP_PROJECT": secret, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0
    assert ("WOULD-DEPLOY" in result.stdout) == bool(secret)
    assert ("::notice::" in result.stdout) == (not secret)

"""The GitHub Actions workflows are valid and follow the checklist: triggers, least privilege,
a concurrency group, timeouts, every action pinned to a full commit SHA, and the README's test
command in CI. GitHub cannot be reached from the tests, so the files are checked as data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
CRON_FIELD = re.compile(r"^[\d*/,-]+$")


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_text(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


@pytest.mark.parametrize("name", ["test.yml", "nightly.yml"])
def test_every_action_is_pinned_to_a_full_sha_with_a_version_comment(name):
    workflow = load(name)
    uses = [step["uses"] for step in steps(workflow) if "uses" in step]
    assert uses, "the workflow uses actions"
    for action in uses:
        assert PINNED.match(action), f"{action} is not pinned to a 40-character commit SHA"
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"no version comment: {line.strip()}"


@pytest.mark.parametrize("name", ["test.yml", "nightly.yml"])
def test_every_job_has_a_timeout_and_no_untrusted_text_reaches_a_shell(name):
    workflow = load(name)
    for job_name, job in workflow["jobs"].items():
        # bounded well below GitHub's 360-minute default; the nightly's first run needs ~90
        assert 0 < job["timeout-minutes"] <= 150, job_name
    assert "${{ github.event" not in run_text(workflow)


def test_test_workflow_runs_the_readme_test_command_on_every_push():
    workflow = load("test.yml")
    assert "push" in workflow["on"] and "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    commands = [step.get("run", "").strip() for step in steps(workflow)]
    assert "make test" in commands
    assert "make test" in (REPO / "README.md").read_text(encoding="utf-8")
    setup = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/setup-python@")]
    assert setup and str(setup[0]["with"]["python-version"]) == "3.11"
    checkout = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout[0]["with"]["persist-credentials"] is False


def test_nightly_workflow_triggers_and_least_privilege():
    workflow = load("nightly.yml")
    triggers = workflow["on"]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    for entry in triggers["schedule"]:
        fields = entry["cron"].split()
        assert len(fields) == 5 and all(CRON_FIELD.match(field) for field in fields)
        assert fields[0] not in ("0", "*", "30"), "an odd minute, away from the top-of-hour rush"
    assert workflow["permissions"] == {}, "nothing at the workflow level"
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"contents": "write"}


def test_nightly_workflow_never_cancels_a_run_mid_write():
    concurrency = load("nightly.yml")["concurrency"]
    assert concurrency["group"]
    assert concurrency["cancel-in-progress"] is False


def test_nightly_workflow_restores_checks_publishes_and_reports_in_order():
    workflow = load("nightly.yml")
    commands = [step.get("run", "") for step in steps(workflow)]

    def position(fragment: str) -> int:
        matches = [i for i, command in enumerate(commands) if fragment in command]
        assert matches, f"no step runs {fragment!r}"
        return matches[0]

    restore = position("gh release download")
    refresh = position("make refresh")
    publish = position("enforcement-monitor publish")
    compare = position("enforcement-monitor check compare")
    release = position("gh release create")
    export = position("enforcement-monitor check export-cases")
    assert restore < refresh < publish < compare < release < export
    assert "git commit" in commands[export] and "|| exit 0" in commands[export]
    summary = position("GITHUB_STEP_SUMMARY")
    assert "enforcement-monitor check summary" in commands[summary]
    assert steps(workflow)[summary].get("if") == "always()"
    refresh_step = steps(workflow)[refresh]
    assert refresh_step.get("timeout-minutes") and refresh_step.get("continue-on-error") is True
    assert any(step.get("if") == "steps.refresh.outcome == 'failure'" and "exit 1" in step.get("run", "")
               for step in steps(workflow)), "a failed source still turns the run red"


def test_dependabot_updates_the_pinned_actions():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert {"github-actions", "pip"} <= ecosystems

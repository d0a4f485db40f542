"""The project installs and runs as a wheel: no checkout, no `-e`, no files found by walking up.

The test builds a wheel from a copy of the tracked sources, installs it into a fresh virtual
environment (no system site-packages) and runs `enforcement-monitor demo --no-serve` from a
directory outside the checkout. The schema, the organisation rules, the Datasette metadata, the
templates and the offline mirror must all come out of the wheel.

Tests never touch the network, so nothing is downloaded: the wheel is built without build
isolation (with the setuptools the test environment already has) and installed with `--no-deps
--no-index`; the third-party dependencies are the test environment's own, made visible to the
fresh environment by one `.pth` line. Its `site-packages` comes first on sys.path, so `pipeline`
is imported from the wheel (asserted below), never from the checkout or the editable install.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# What the copy leaves out: environments, build output, local databases and caches.
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                     ".pytest_cache", ".hypothesis", "*.db", "raw", "test-artifacts", "out")

pytestmark = pytest.mark.slow


def required_setuptools() -> tuple[int, ...]:
    """The lowest setuptools pyproject.toml's [build-system] accepts, e.g. (77,)."""
    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    spec = next(r for r in requires if r.startswith("setuptools"))
    found = re.search(r">=\s*([\d.]+)", spec)
    assert found, f"no lower bound in {spec!r}"
    return tuple(int(part) for part in found.group(1).split("."))


def run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def test_wheel_installs_and_runs_the_demo_outside_the_checkout(tmp_path: Path) -> None:
    installed = tuple(int(p) for p in re.findall(r"\d+", version("setuptools"))[:2])
    assert installed >= required_setuptools(), \
        f"setuptools {version('setuptools')} is older than the build requires: run `make install`"

    sources = tmp_path / "src"
    shutil.copytree(REPO, sources, ignore=NOT_SOURCES)
    wheels = tmp_path / "wheels"
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                 "-w", str(wheels), str(sources)], cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "deprecat" not in (built.stdout + built.stderr).lower(), built.stdout + built.stderr
    (wheel,) = wheels.glob("enforcement_monitor-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                   "--quiet", str(wheel)], cwd=tmp_path)
    assert install.returncode == 0, install.stdout + install.stderr
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                    cwd=tmp_path).stdout.strip())
    (site / "test_environment_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    # Every file of the package in the checkout is in the wheel: code, schema, rules, metadata,
    # templates, static files, Datasette plugins, the offline mirror (READMEs are for the repository).
    shipped = {p.relative_to(sources).as_posix() for p in (sources / "pipeline").rglob("*")
               if p.is_file() and p.suffix != ".md"}
    missing = sorted(name for name in shipped if not (site / name).is_file())
    assert not missing, "not in the wheel (add to [tool.setuptools.package-data]): " + ", ".join(missing[:20])

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run([str(python), "-c", "import pipeline; print(pipeline.__file__)"], cwd=elsewhere)
    assert Path(where.stdout.strip()).is_relative_to(site), where.stdout + where.stderr

    demo = run([str(venv / "bin" / "enforcement-monitor"), "demo", "--no-serve", "--mirror-port", "0"],
               cwd=elsewhere)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    database = elsewhere / "db" / "enforcement.db"
    with sqlite3.connect(database) as conn:
        cases = conn.execute("select count(*) from cases").fetchone()[0]
        documents = conn.execute("select count(*) from documents").fetchone()[0]
    assert cases > 10 and documents > 20, (cases, documents)

"""`pip install .` works outside the repository: the built wheel, installed into a fresh venv
(no system site-packages, dependencies at the lock's versions from uv's cache, no network), runs
`kg extract` on the sample page from a folder that is not the checkout, and finds its lexicons,
Cypher files and templates as package data and its jars through NEWSKG_HOME."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.config import PROJECT_ROOT, jvm_dir

pytestmark = [pytest.mark.slow, pytest.mark.hanlp]

UV = Path(sys.executable).parent / "uv"


def _run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "NEWSKG_HOME", "KG_JVM_DIR", "KG_HANLP_JAR", "KG_NEO4J_HOME")
    }
    return {**env, **extra}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The venv's bin folder, with the wheel built from this checkout installed."""
    if not UV.is_file():
        pytest.fail(f"{UV} is missing: run `bash dev.sh install`")
    root = tmp_path_factory.mktemp("wheel")
    built = _run(UV, "build", "--wheel", "--offline", "--out-dir", root / "dist", PROJECT_ROOT, cwd=root)
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("newskg-*.whl"))
    venv = root / "venv"
    made = _run(UV, "venv", "-q", "--python", sys.executable, venv, cwd=root)
    assert made.returncode == 0, made.stderr
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text(encoding="utf-8")
    done = _run(
        UV,
        "pip",
        "install",
        "--offline",
        "-q",
        "--python",
        venv / "bin" / "python",
        "-c",
        PROJECT_ROOT / "requirements.lock",
        wheel,
        cwd=root,
    )
    assert done.returncode == 0, f"{done.stderr}\n(the runtime wheels come from uv's cache: bash dev.sh install)"
    return venv / "bin"


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    probe = _run(
        installed / "python",
        "-c",
        "import kg, extract, viz; print(kg.__file__); print(kg.__version__)",
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert probe.returncode == 0, probe.stderr
    where, version = probe.stdout.split()
    assert Path(where).is_relative_to(installed.parent) and not Path(where).is_relative_to(PROJECT_ROOT)
    assert version != "0+unknown" and version in _run(installed / "kg", "--version", cwd=tmp_path).stdout


def test_kg_extract_from_the_wheel_matches_the_checkout(installed: Path, tmp_path: Path, seed_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".jvm").symlink_to(jvm_dir().resolve(), target_is_directory=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    out = work / "facts.jsonl"
    result = _run(
        installed / "kg",
        "extract",
        seed_path,
        "-o",
        out,
        "--date",
        "2022-06-15",
        cwd=work,
        env=_clean_env(NEWSKG_HOME=str(home)),
    )
    assert result.returncode == 0, result.stderr
    from_wheel = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    here = _run(
        sys.executable,
        "-m",
        "kg",
        "extract",
        seed_path,
        "-o",
        tmp_path / "checkout.jsonl",
        "--date",
        "2022-06-15",
        cwd=PROJECT_ROOT,
        env=_clean_env(),
    )
    assert here.returncode == 0, here.stderr
    from_checkout = [
        json.loads(line) for line in (tmp_path / "checkout.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert from_wheel == from_checkout and sum(len(f["relations"]) for f in from_wheel) > 0


def test_missing_jars_outside_a_checkout_say_where_they_go(installed: Path, tmp_path: Path, seed_path: Path) -> None:
    home = tmp_path / "empty-home"
    result = _run(
        installed / "kg",
        "extract",
        seed_path,
        "-o",
        tmp_path / "f.jsonl",
        cwd=tmp_path,
        env=_clean_env(NEWSKG_HOME=str(home)),
    )
    assert result.returncode == 4, result.stderr  # SetupError, not click's usage code 2
    assert "Traceback" not in result.stderr and str(home / ".jvm") in result.stderr.replace("\n", "")

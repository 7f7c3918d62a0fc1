"""Shared fixtures: the real sample page and its facts from the real HanLP.

Fixture modules of each area live in tests/fixtures_*.py and are listed in pytest_plugins.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import PROJECT_ROOT, seeds_dir
from kg.model import Facts

pytest_plugins: list[str] = ["tests.fixtures_neo4j", "tests.fixtures_browser"]

SEED_NAME = "000_d54358a44c71c9bc.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    path = seeds_dir() / SEED_NAME
    if not path.is_file():
        pytest.fail(f"the sample page is missing: {path} (set KG_SEEDS_DIR)")
    return path


@pytest.fixture(scope="session")
def seed_facts(seed_path: Path) -> list[Facts]:
    """Facts of the sample page, extracted by the real pipeline (HanLP through JPype)."""
    from kg.pipeline import extract_paths

    result = extract_paths([str(seed_path)], date="2022-06-15")
    return result.facts


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return PROJECT_ROOT / "examples"


@pytest.fixture()
def output_dir(request: pytest.FixtureRequest) -> Path:
    """A per-test folder under test-output/ that is kept for people to look at."""
    path = PROJECT_ROOT / "test-output" / request.node.name
    path.mkdir(parents=True, exist_ok=True)
    return path

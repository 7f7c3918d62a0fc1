"""Where things live: the JVM jars fetched by the install step, and the local Neo4j data."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def jvm_dir() -> Path:
    """Folder the install step copies Maven jars into (`KG_JVM_DIR` overrides)."""
    return Path(os.environ.get("KG_JVM_DIR", PROJECT_ROOT / ".jvm"))


def hanlp_jar() -> Path:
    """The HanLP portable jar (`KG_HANLP_JAR` overrides)."""
    override = os.environ.get("KG_HANLP_JAR")
    if override:
        return Path(override)
    return jvm_dir() / "hanlp" / "hanlp-portable-1.8.6.jar"


def neo4j_lib_dir() -> Path:
    """Folder with the Neo4j Community jars (its whole runtime classpath)."""
    return jvm_dir() / "neo4j"


def neo4j_data_dir() -> Path:
    """Default home of the local Neo4j server (`KG_NEO4J_HOME` overrides)."""
    return Path(os.environ.get("KG_NEO4J_HOME", PROJECT_ROOT / ".neo4j"))


def seeds_dir() -> Path:
    """The shared folder of real sample pages beside the repository (`KG_SEEDS_DIR` overrides).

    The pages are read from there and never copied into the repository.
    """
    return Path(os.environ.get("KG_SEEDS_DIR", PROJECT_ROOT.parent / "shared" / "seeds"))

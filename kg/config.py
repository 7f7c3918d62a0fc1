"""Where things live: the JVM jars fetched by the install step, and the local Neo4j data.

Package data (lexicons, Cypher files, templates) is read through importlib.resources and needs
no configuration. What the install step fetches and what the server writes lives in one home:
`NEWSKG_HOME` if set; else the repository when the code runs from a checkout (`bash dev.sh
install` puts the jars in its `.jvm/`); else the user's data folder (platformdirs), for an
installed wheel. Inside the home: `.jvm/hanlp/`, `.jvm/neo4j/` and `.neo4j/`.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The folder above the packages: the repository in a checkout, site-packages in a wheel.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def from_checkout() -> bool:
    """Whether the code runs from a source checkout (its pyproject.toml and jvm/pom.xml beside it)."""
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "jvm" / "pom.xml").is_file()


def home() -> Path:
    """The folder for fetched jars and server data (see the module docstring)."""
    override = os.environ.get("NEWSKG_HOME")
    if override:
        return Path(override).expanduser()
    if from_checkout():
        return PROJECT_ROOT
    import platformdirs

    return Path(platformdirs.user_data_dir("newskg", appauthor=False))


def install_hint() -> str:
    """What to run when a fetched jar is missing: the install step in a checkout, else where the
    jars go."""
    if from_checkout() and not os.environ.get("NEWSKG_HOME"):
        return "run `bash dev.sh install`"
    return (
        f"put the jars in {jvm_dir()} (`bash dev.sh install` in a source checkout fetches them "
        "into its .jvm/; point NEWSKG_HOME at a folder that has .jvm/)"
    )


def jvm_dir() -> Path:
    """Folder the install step copies Maven jars into: home's `.jvm` (`KG_JVM_DIR` overrides)."""
    override = os.environ.get("KG_JVM_DIR")
    return Path(override) if override else home() / ".jvm"


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
    override = os.environ.get("KG_NEO4J_HOME")
    return Path(override) if override else home() / ".neo4j"


def seeds_dir() -> Path:
    """The shared folder of real sample pages beside the repository (`KG_SEEDS_DIR` overrides).

    The pages are read from there and never copied into the repository.
    """
    return Path(os.environ.get("KG_SEEDS_DIR", PROJECT_ROOT.parent / "shared" / "seeds"))

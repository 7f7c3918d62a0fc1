"""The notebook path works as shown: examples/notebook.ipynb runs in a real Jupyter kernel, and
the README's notebook lines run as printed, both with the real HanLP."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from kg.config import PROJECT_ROOT

pytestmark = pytest.mark.hanlp


def _html_outputs(cell: Any) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


def test_example_notebook_runs(examples_dir: Path) -> None:
    nb = nbformat.read(examples_dir / "notebook.ipynb", as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(examples_dir)}}
    ).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    relations, entities, the_map, archive, groups, people = (_html_outputs(c) for c in code)
    assert "<table" in relations and "CHAIRED" in relations and "全市招商引资工作推进会" in relations
    assert "<table" in entities and "苏文博" in entities and "2024-05-12" in entities
    assert the_map.startswith("<iframe srcdoc=") and "vis-network" in the_map and "招商与考察" in the_map
    printed = "".join(o.get("text", "") for o in code[3].outputs if o.output_type == "stream")
    found = re.search(r"(\d+) articles, progress called (\d+) times", printed)
    assert found and int(found.group(1)) == int(found.group(2)) >= 5, printed
    assert "青川—南屿山海协作联席会议召开三对镇街签订结对协议" in archive
    assert "<table" in groups and "members" in groups and "林海峰" in groups
    assert "<table" in people and "betweenness" in people and "周立民" in people


def test_readme_notebook_lines_run_as_printed() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In a notebook", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert block is not None
    lines = [ln for ln in block.group(1).splitlines() if ln.strip()]
    assert len(lines) <= 5, "the README promises five lines"
    namespace: dict[str, Any] = {}
    *body, last = lines
    exec("\n".join(body), namespace)  # noqa: S102 - our own README, run as a user would
    table = namespace["frames"].relations
    assert isinstance(table, pd.DataFrame) and {"CHAIRED", "ATTENDED"} <= set(table["type"])
    row = table[table["type"] == "CHAIRED"].iloc[0]
    assert (row["head_name"], row["tail_name"]) == ("林海峰", "全市招商引资工作推进会")
    assert {"sentence", "start_char", "end_char"} <= set(table.columns)
    groups = eval(lines[-2].split("#")[0], namespace)  # noqa: S307
    assert isinstance(groups, pd.DataFrame) and list(groups.columns[:3]) == ["community", "size", "members"]
    # The chair and the people at the meeting are one community.
    members = [set(m) for m in groups["members"]]
    assert any({"林海峰", "苏文博"} <= m for m in members), members
    the_map = eval(last.split("#")[0], namespace)  # noqa: S307
    assert the_map._repr_html_().startswith("<iframe srcdoc=")

"""`kg eval GOLD_DIR` and `kg eval --ner DIR`: how good the extraction is, measured against gold
annotations and against a BIO-tagged NER corpus.

A thin layer over kg.evaluate: it parses options, runs the evaluation and prints the table
(or JSON). A bad gold file gets one line naming it; the others are still scored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.evaluate import COATTENDANCE, EvalReport, evaluate
from kg.gold import load_gold_dir
from kg.ner_eval import NerReport
from kg.schema import active
from kg.summary import console, err_console, track

GoldArg = Annotated[
    Path | None,
    typer.Argument(help="Folder with *.gold.json files (format in tests/gold/README.md), or one gold file."),
]
NerOpt = Annotated[
    Path | None,
    typer.Option(
        "--ner",
        help="Score person, organization and place names on a BIO-tagged folder "
        "(sentences.txt + tags.txt, the MSRA format), next to HanLP's and jieba's recognizers.",
    ),
]
IdentityOpt = Annotated[
    Path | None,
    typer.Option(
        "--identity",
        help="Score person identity (namesakes split, one person joined across articles) on "
        "a folder of texts with identity.gold.json (tests/identity/README.md).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the report as JSON instead of a table.")]
ErrorsOpt = Annotated[
    bool, typer.Option("--show-errors", help="Also list, per file, what was missed and what was wrongly found.")
]


def eval_command(
    gold_dir: GoldArg = None,
    as_json: JsonOpt = False,
    show_errors: ErrorsOpt = False,
    ner: NerOpt = None,
    identity: IdentityOpt = None,
) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per type."""
    if ner is not None:
        _ner_command(ner, as_json)
    if identity is not None:
        _identity_command(identity, as_json)
    if gold_dir is None and (ner is not None or identity is not None):
        return
    if gold_dir is None:
        err_console.print(
            "[red]error:[/] give a gold folder (kg eval tests/gold), --ner DIR or --identity DIR", highlight=False
        )
        raise typer.Exit(2)
    errors: list[str] = []

    def warn(message: str) -> None:
        errors.append(message)
        err_console.print(f"[yellow]warning:[/] {message}", highlight=False, soft_wrap=True)

    golds = load_gold_dir(gold_dir, report=warn)
    if not golds:
        err_console.print(f"[red]error:[/] {gold_dir}: no usable gold file", highlight=False)
        raise typer.Exit(1)
    report = evaluate(track(golds, "extracting"), errors=errors)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))  # never wrapped
        return
    if show_errors:
        print_errors(report)
        console.print(rules_table(report, title="per rule: precision, and the share of its type's gold it found"))
    console.print(report_table(report, title=f"kg eval {gold_dir} ({len(report.files)} files)"))


def _identity_command(folder: Path, as_json: bool) -> None:
    from kg.errors import InputError
    from kg.identity_eval import evaluate_identity

    try:
        score = evaluate_identity(folder)
    except InputError as exc:
        err_console.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps({"identity": score.as_dict()}, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"kg eval --identity {folder}: same-name mentions in two articles", title_justify="left")
    for column in ("row", "right", "of", "share"):
        table.add_column(column, justify="left" if column == "row" else "right")
    share = lambda a, b: f"{a / b:.3f}" if b else "-"  # noqa: E731
    table.add_row(
        "person identity",
        str(score.joined_right + score.split_right),
        str(score.joined + score.split),
        f"{score.score:.3f}",
    )
    table.add_row(
        "  same person joined", str(score.joined_right), str(score.joined), share(score.joined_right, score.joined)
    )
    table.add_row("  namesakes split", str(score.split_right), str(score.split), share(score.split_right, score.split))
    console.print(table)
    for line in score.wrong + [f"not found: {m}" for m in score.missing]:
        err_console.print(f"  {line}", highlight=False)


def _ner_command(folder: Path, as_json: bool) -> None:
    from kg.errors import InputError
    from kg.ner_eval import evaluate_ner

    try:
        reports = evaluate_ner(folder)
    except InputError as exc:
        err_console.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
        return
    console.print(ner_table(reports, title=f"kg eval --ner {folder}: names per sentence, P / R / F1"))


def ner_table(reports: list[NerReport], title: str) -> Table:
    """Per system: P/R/F1 of each type, then micro over the three."""
    table = Table(title=title, title_justify="left")
    for name, justify in (
        ("system", "left"),
        ("type", "left"),
        ("P", "right"),
        ("R", "right"),
        ("F1", "right"),
        ("tp", "right"),
        ("fp", "right"),
        ("fn", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in reports:
        rows = [*r.by_type.items(), ("micro", r.micro)]
        for kind, s in rows:
            table.add_row(
                r.system,
                kind,
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
                str(s.tp),
                str(s.fp),
                str(s.fn),
                end_section=kind == "micro",
            )
    return table


def report_table(report: EvalReport, title: str) -> Table:
    """The totals as one table: type, P, R, F1, tp/fp/fn."""
    table = Table(title=title, title_justify="left")
    for name, justify in (
        ("type", "left"),
        ("P", "right"),
        ("R", "right"),
        ("F1", "right"),
        ("tp", "right"),
        ("fp", "right"),
        ("fn", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    schema = active()
    groups = (schema.scored_entities(), schema.scored_relations(), (COATTENDANCE,))
    for i, rows in enumerate(groups):
        for row in rows:
            s = report.totals[row]
            table.add_row(
                row,
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
                str(s.tp),
                str(s.fp),
                str(s.fn),
                end_section=row == rows[-1] and i < len(groups) - 1,
            )
    return table


def rules_table(report: EvalReport, title: str) -> Table:
    """One row per rule: its relation type and name, P, R (share of the type's gold), tp, fp."""
    table = Table(title=title, title_justify="left")
    for name, justify in (
        ("type", "left"),
        ("rule", "left"),
        ("P", "right"),
        ("R", "right"),
        ("tp", "right"),
        ("fp", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for key, s in report.rules.items():
        rtype, rule = key.split(" ", 1)
        table.add_row(rtype, rule, f"{s.precision:.3f}", f"{s.recall:.3f}", str(s.tp), str(s.fp))
    return table


def print_errors(report: EvalReport) -> None:
    """Misses (in gold, not found) and false positives (found, not in gold), file by file."""
    for result in report.files:
        if not result.misses and not result.false_positives:
            continue
        console.print(f"[bold]{result.name}[/]", highlight=False)
        for row in result.scores:
            for item in result.misses.get(row, []):
                console.print(f"  [red]miss[/] {row}: {item}", highlight=False)
            for item in result.false_positives.get(row, []):
                console.print(f"  [yellow]fp[/]   {row}: {item}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add `kg eval` to the `kg` app."""
    app.command("eval")(eval_command)


__all__ = ["register", "eval_command", "report_table", "ner_table", "rules_table", "print_errors"]

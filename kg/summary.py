"""Terminal output shared by the commands: consoles, progress bars and the closing summary."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from kg.model import Facts, merge_counts

console = Console()
err_console = Console(stderr=True)

T = TypeVar("T")

#: Inputs with fewer items than this finish before a bar would be worth drawing.
PROGRESS_THRESHOLD = 20


def track(items: Sequence[T], description: str) -> Iterator[T]:
    """Iterate with a progress bar on stderr when the input is long enough to need one."""
    if len(items) < PROGRESS_THRESHOLD:
        yield from items
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=len(items))
        step = max(1, len(items) // 200)  # advancing per item costs more than small articles do
        for i, item in enumerate(items, 1):
            yield item
            if i % step == 0 or i == len(items):
                progress.update(task, completed=i)


class RateColumn(ProgressColumn):
    """Items per second, as rich estimates it over the last half minute."""

    def __init__(self, unit: str = "articles") -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} {self.unit}/s" if speed else "", style="progress.data.speed")


class ProgressBar:
    """A progress callback for the library (`progress=ProgressBar("extracting")`): draws a bar on
    stderr once a stage has enough items to need one, and takes it down when the last item is done.
    Updates are thinned to about 200 per stage, since redrawing costs more than a small article."""

    def __init__(self, description: str) -> None:
        self.description = description
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._step = 1
        self._shown = 0

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD:
            return
        if self._progress is None:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeRemainingColumn(),
                console=err_console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=total)
            self._step = max(1, total // 200)
        if done - self._shown >= self._step or done >= total:
            assert self._task is not None
            self._progress.update(self._task, completed=done, total=total)
            self._shown = done
        if done >= total:
            self.close()

    def close(self) -> None:
        """Take the bar down (also done by the last item)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


class StageBars:
    """A progress callback for the library's multi-stage runs (`progress(stage, done, total)`,
    kg.stream): one bar per stage (extracting, resolving, loading), each taken down when the next starts."""

    def __init__(self) -> None:
        self._stage: str | None = None
        self._bar: ProgressBar | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.close()
            self._stage, self._bar = stage, ProgressBar(stage)
        assert self._bar is not None
        self._bar(done, total)

    def __enter__(self) -> StageBars:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Take the current bar down."""
        if self._bar is not None:
            self._bar.close()
        self._stage = self._bar = None


def print_summary(items: Iterable[Facts], title: str) -> None:
    """Articles, entities by type and relations by type, as one table."""
    print_counts(merge_counts(items), title)


def print_counts(counts: dict[str, dict[str, int]], title: str) -> None:
    """The summary table of counts in kg.model.merge_counts's shape."""
    table = Table(title=title, title_justify="left")
    table.add_column("what")
    table.add_column("type")
    table.add_column("count", justify="right")
    table.add_row("articles", "", str(counts["articles"]["articles"]))
    for kind in ("entities", "relations"):
        for name, n in sorted(counts[kind].items()):
            table.add_row(kind, name, str(n))
    console.print(table)

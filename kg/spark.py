"""The pipeline on Apache Spark (PySpark, the optional extra `newskg[spark]`): the same functions
as the CLI, run per partition inside Spark's Python workers.

`extract_to(paths, out)`:

1. The driver expands the inputs as `kg extract` does (extract.reading.discover), so the same
   files in the same order; each executor reads its files where they lie (a path every executor
   sees: local disk in local mode, a shared mount on a cluster).
2. Articles are read and split per file (pipeline.read_articles), an article printed in two files
   kept once (its first printing, as `kg extract` keeps it), and range-partitioned in input order.
3. Each partition is extracted by pipeline.extract_articles, with the HanLP JVM of its Python worker
   (started once per worker, with a capped heap; Spark reuses workers across tasks). The jar
   travels with `SparkContext.addFile`.
4. Resolve's corpus statistics (kg.resolve.CorpusStats) are gathered per partition and merged on
   the driver in partition order, in memory proportional to the number of distinct names; the
   Resolution made of them is broadcast and applied per partition.
5. The facts are written as JSON Lines, one part file per partition, in input order: the part files
   put end to end are `kg extract`'s facts.jsonl.

`load(facts_path, settings)`: the constraints are created from the driver first, then each of 2–4
partitions writes its articles with loaders.neo4j_writer through a driver of its own.

pyspark is imported only inside these functions, so the rest of the package never needs it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import BackendError, FactError, InputError, KgError, SetupError
from kg.model import Article

if TYPE_CHECKING:
    from pyspark import SparkContext

    from loaders.neo4j_connection import Neo4jSettings

log = logging.getLogger(__name__)

#: Where Spark runs when neither --master nor spark-submit says: two local cores.
DEFAULT_MASTER = "local[2]"
#: Articles handed to pipeline.extract_articles at a time inside a partition (bounded memory).
EXTRACT_CHUNK = 256
#: Partitions of a load: concurrent writers into one Neo4j (more only adds lock waits).
LOAD_PARTITIONS = (2, 4)

Report = Callable[[str], None]


def _ignore(message: str) -> None:
    pass


@dataclass
class SparkExtractSummary:
    """What `kg spark extract` did."""

    output: str
    files: int = 0
    articles: int = 0
    partitions: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    #: Each input (argument or file) behind a problem, in order, as pipeline.read_articles names them.
    failed: list[str] = field(default_factory=list)
    files_read: int = 0
    seconds: float = 0.0


@dataclass
class SparkLoadSummary:
    """What `kg spark load` did, summed over its partitions."""

    articles: int = 0
    partitions: int = 0
    nodes_created: int = 0
    nodes_matched: int = 0
    relationships_created: int = 0
    relationships_matched: int = 0
    seconds: float = 0.0


# ---------------------------------------------------------------------------------------------
# The session


def hanlp_jvm_options(core_to_spare: bool) -> tuple[str, ...]:
    """JVM options of HanLP inside a Spark Python worker, with a capped heap (an uncapped JVM may
    take a quarter of the machine's memory). With a core to spare (HanLP then segments ahead on its
    own thread) the full JIT, as in one process; else the worker processes' C1-only JIT."""
    from extract.hanlp_backend import JVM_OPTIONS, WORKER_JVM_OPTIONS

    return (*(JVM_OPTIONS if core_to_spare else WORKER_JVM_OPTIONS), "-Xmx256m")


def submitted() -> bool:
    """Whether this process was started by spark-submit (which then says where Spark runs)."""
    return bool(os.environ.get("PYSPARK_GATEWAY_PORT"))


def _check_java() -> None:
    home = os.environ.get("JAVA_HOME")
    if home:
        if not Path(home, "bin", "java").exists():
            raise SetupError(f"JAVA_HOME={home} holds no bin/java: point it at OpenJDK 17 or unset it")
        return
    if shutil.which("java") is None:
        raise SetupError("Java is missing: Spark needs OpenJDK 17 (apt-get install openjdk-17-jre-headless)")


@contextmanager
def spark_context(
    master: str | None = None, conf: Sequence[tuple[str, str]] = (), app_name: str = "newskg"
) -> Iterator[SparkContext]:
    """A SparkContext for one job, stopped afterwards.

    `master` None: spark-submit's if it started us, else DEFAULT_MASTER. In local mode the workers
    run this very Python (spark.pyspark.python, so they find jpype and kg), Spark binds to
    127.0.0.1 and runs no UI; its JVM's output goes to log_path(). `conf` entries win over these."""
    # PySpark 4.3 warns about pandas 3 (a dependency of ours) whenever it converts a value; we use
    # no pandas in Spark.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    try:
        from pyspark import SparkConf
    except ModuleNotFoundError:
        raise SetupError("PySpark is not installed: pip install -e '.[spark]' (or bash dev.sh install)") from None
    if master is None and not submitted():
        master = DEFAULT_MASTER
    spark_conf = SparkConf().setAppName(app_name)
    local = master is not None and master.startswith("local")
    if master is not None:
        spark_conf.setMaster(master)
    if local:
        _check_java()
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark_conf.set("spark.pyspark.python", os.environ["PYSPARK_PYTHON"])
        spark_conf.set("spark.ui.enabled", "false")
        # Spark's own JVM compiles with C1 only and collects serially: on a small machine it competes
        # with the workers for the cores, and its code is not where the time goes.
        spark_conf.set("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        spark_conf.set("spark.ui.showConsoleProgress", "false")
    spark_conf.set("spark.python.worker.reuse", "true")  # one HanLP JVM per worker, across tasks
    for key, value in conf:
        spark_conf.set(key, value)
    sc = _start(spark_conf, master)
    try:
        sc.setLogLevel("ERROR")
        yield sc
    finally:
        sc.stop()


def log_path() -> Path:
    """Where the Spark JVM's own output goes in local runs (its start-up chatter, its log)."""
    return Path(tempfile.gettempdir()) / "newskg-spark.log"


def _start(spark_conf: Any, master: str | None) -> SparkContext:
    from pyspark import SparkContext
    from pyspark.java_gateway import launch_gateway

    try:
        gateway = None
        if SparkContext._gateway is None and not submitted():
            # The JVM's stdout and stderr go to a log file, so a user error stays one line.
            with log_path().open("wb") as log_file:
                gateway = launch_gateway(spark_conf, popen_kwargs={"stdout": log_file, "stderr": log_file})
        return SparkContext(conf=spark_conf, gateway=gateway)
    except Exception as exc:  # py4j and pyspark errors: translated here, at the boundary
        text = str(exc)
        if "JAVA_GATEWAY_EXITED" in text and log_path().exists():
            text = log_path().read_text(encoding="utf-8", errors="replace")
        if re.search(r"master URL|Master must|Could not parse Master", text, re.IGNORECASE):
            raise InputError(
                f"--master {master!r} is not a Spark master URL "
                "(local[2], local[*], spark://HOST:7077, yarn, k8s://https://HOST:PORT)"
            ) from None
        if "JAVA_GATEWAY_EXITED" in str(exc):
            raise SetupError(
                f"Spark's JVM did not start (its output: {log_path()}): check that OpenJDK 17 runs (java -version)"
            ) from None
        raise BackendError(f"Spark did not start: {_last_line(text)}") from None


_KG_ERROR = re.compile(r"^(?:kg\.errors\.)?(InputError|SetupError|BackendError|FactError): (.+)$", re.MULTILINE)
_ERRORS: dict[str, type[KgError]] = {
    "InputError": InputError,
    "SetupError": SetupError,
    "BackendError": BackendError,
    "FactError": FactError,
}


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else text


def _job_error(exc: Exception) -> KgError:
    """A failed Spark job as our own error: the worker's KgError where one caused it."""
    text = str(exc)
    found = _KG_ERROR.findall(text)
    if found:
        name, message = found[0]
        return _ERRORS[name](message)
    return BackendError(f"the Spark job failed: {_last_line(text)[:500]}")


def _run(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except KgError:
        raise
    except Exception as exc:
        raise _job_error(exc) from None


# ---------------------------------------------------------------------------------------------
# Extraction


def extract_to(
    paths: Iterable[str],
    output: str,
    *,
    master: str | None = None,
    partitions: int | None = None,
    conf: Sequence[tuple[str, str]] = (),
    date: str | None = None,
    home_city: str | None = None,
    report: Report = _ignore,
    merges: Sequence[Any] = (),
) -> SparkExtractSummary:
    """Read, extract and resolve on Spark; facts as JSON Lines part files in the directory `output`
    (`merges`: an analyst's kg.identity.MergeRow list, applied by the Resolution as `kg extract` does).

    Bad inputs are reported (one line each) and skipped. InputError if nothing could be read; then
    `output` is left as it was."""
    from extract.reading import discover
    from kg.config import hanlp_jar

    began = time.perf_counter()
    summary = SparkExtractSummary(output=output)
    files: list[str] = []
    for item in discover(paths, report=report):
        if isinstance(item, InputError):
            summary.problems.append(str(item))
            summary.failed.append(item.subject or str(item))
        else:
            files.append(str(item))
    if not files:  # one line naming what was given
        raise InputError("; ".join(summary.problems or ["no input given"]) + "; nothing written")
    for problem in summary.problems:
        report(problem)
    jar = hanlp_jar()
    if not jar.is_file():
        raise SetupError(f"the HanLP jar is missing ({jar}): run `bash dev.sh install`")
    out = _prepare_output(output)
    with spark_context(master, conf, app_name="newskg extract") as sc:
        sc.addFile(str(jar))
        n = partitions or sc.defaultParallelism
        summary.partitions = n
        facts = _extracted(sc, files, n, date, jar.name)
        try:
            parts = _run(lambda: facts.mapPartitions(_partition_stats).collect())
            for _, (problems, failed, read), _, _ in parts:
                for problem in problems:
                    summary.problems.append(problem)
                    report(problem)
                summary.failed.extend(failed)
                summary.files_read += read
            stats = reduce(lambda a, b: a.merge(b), (p[0] for p in parts))
            if not stats.articles:
                raise InputError("no article could be read from the inputs; nothing written")
            for _, _, entities, relations in parts:
                summary.entities.update(entities)
                summary.relations.update(relations)
            from kg.resolve import Resolution

            resolution = sc.broadcast(Resolution.of(stats, home_city=home_city, merges=merges))
            lines = facts.mapPartitions(lambda records: _resolved_lines(records, resolution.value))
            _clear_output(out)
            _run(lambda: lines.saveAsTextFile(out))
        finally:
            facts.unpersist()
    summary.files = len(files)
    summary.articles = stats.articles
    summary.seconds = time.perf_counter() - began
    log.info(
        "spark extract: %d articles from %d files in %d partitions, %.1f s",
        summary.articles,
        len(files),
        summary.partitions,
        summary.seconds,
    )
    return summary


def _prepare_output(output: str) -> str:
    """A local output directory from an earlier run (part files only) will be replaced; anything else
    there is refused. Other filesystems (hdfs://, s3a://) are Spark's to check."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", output) and not output.startswith("file://"):
        return output
    path = Path(output.removeprefix("file://"))
    if path.exists():
        if not path.is_dir():
            raise InputError(f"{path}: exists and is not a directory (the output is a directory of part files)")
        strangers = [
            p.name for p in path.iterdir() if not re.match(r"^(?:\.?part-\d+.*|_SUCCESS|\._SUCCESS\.crc)$", p.name)
        ]
        if strangers:
            raise InputError(
                f"{path}: holds files that are not Spark output ({strangers[0]} …); choose an empty directory"
            )
    return str(path.resolve())


def _clear_output(output: str) -> None:
    """Remove a local earlier output (checked by _prepare_output), just before the new one is written."""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", output) and Path(output).is_dir():
        shutil.rmtree(output)


def _extracted(sc: SparkContext, files: list[str], partitions: int, date: str | None, jar_name: str) -> Any:
    """The RDD of (kind, payload) records in input order: ("a", one article's facts as kg.wire bytes)
    or ("p", a line naming an input that could not be used); persisted, since two passes read it."""
    from pyspark import StorageLevel

    from extract.hanlp_backend import overlap_default

    slices = max(1, min(len(files), partitions))
    ahead = overlap_default(partitions)  # HanLP's own thread only where a core is left over for it
    read = sc.parallelize(list(enumerate(files)), slices).mapPartitions(lambda items: _read_files(items, date))
    # One article per content id, its first printing; then input order, range-partitioned.
    first = read.reduceByKey(min).map(lambda kv: (kv[1][0], kv[1][1]))
    ordered: Any = first.sortByKey(numPartitions=partitions)
    records = ordered.mapPartitions(lambda rows: _extract_partition(rows, jar_name, ahead), preservesPartitioning=True)
    return records.persist(StorageLevel.MEMORY_AND_DISK)


def _read_files(items: Iterable[tuple[int, str]], date: str | None) -> Iterator[tuple[Any, Any]]:
    """(dedup key, (order, record)) for each article or unusable input of these files."""
    from kg.pipeline import read_articles

    for index, path in items:
        problems: list[str] = []
        failed: list[str] = []
        articles, read = read_articles([path], date=date, problems=problems, failed=failed)
        # Problems first, in the file's order, as one record: its messages, failed names, files read.
        yield ("!", index), ((index, -1), ("p", (problems, failed, read)))
        for position, article in enumerate(articles):
            yield article.id, ((index, position), ("a", _article_tuple(article)))


def _article_tuple(a: Article) -> tuple[Any, ...]:
    return (a.id, a.title, a.text, a.source, a.date, a.byline)


def _extract_partition(
    rows: Iterable[tuple[Any, tuple[str, Any]]], jar_name: str, ahead: int
) -> Iterator[tuple[str, Any]]:
    """Extract the articles of one partition, in order, with this worker's HanLP."""
    from pyspark import SparkFiles

    from extract.hanlp_backend import get_tagger
    from kg import wire
    from kg.pipeline import extract_articles

    get_tagger(hanlp_jvm_options(ahead > 0), Path(SparkFiles.get(jar_name)))  # once per worker process
    chunk: list[Article] = []

    def flush() -> Iterator[tuple[str, Any]]:
        for facts in extract_articles(chunk, ahead=ahead):
            yield "a", wire.dumps([facts])
        chunk.clear()

    for _, (kind, payload) in rows:
        if kind == "p":
            yield from flush()
            yield kind, payload
            continue
        chunk.append(Article(*payload))
        if len(chunk) >= EXTRACT_CHUNK:
            yield from flush()
    yield from flush()


def _partition_stats(records: Iterable[tuple[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """One partition's resolve statistics, (its problem lines, failed inputs, files read), and its
    entity and relation counts."""
    from kg import wire
    from kg.resolve import CorpusStats

    stats = CorpusStats()
    problems: list[str] = []
    failed: list[str] = []
    read = 0
    entities: Counter[str] = Counter()
    relations: Counter[str] = Counter()
    for kind, payload in records:
        if kind == "p":
            problems.extend(payload[0])
            failed.extend(payload[1])
            read += payload[2]
            continue
        for facts in wire.loads(payload):
            stats.add(facts)
            entities.update(e.type for e in facts.entities)
            relations.update(r.type for r in facts.relations)
    yield stats, (problems, failed, read), entities, relations


def _resolved_lines(records: Iterable[tuple[str, Any]], resolution: Any) -> Iterator[str]:
    """The partition's articles resolved, as the lines of kg.jsonl.write_jsonl."""
    import json

    from kg import wire
    from kg.jsonl import facts_to_dict

    for kind, payload in records:
        if kind == "a":
            for facts in wire.loads(payload):
                yield json.dumps(facts_to_dict(resolution.apply(facts)), ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Loading


def load(
    facts_path: str,
    settings: Neo4jSettings,
    *,
    master: str | None = None,
    partitions: int = 2,
    conf: Sequence[tuple[str, str]] = (),
    batch_rows: int | None = None,
) -> SparkLoadSummary:
    """Load facts (a JSON Lines file, or a directory of part files from `extract_to`) into Neo4j:
    constraints first, from here; then loaders.neo4j_writer per partition, each with its own driver.
    Loading is idempotent, so a rerun after a failure changes nothing already stored."""
    from loaders.neo4j_connection import open_driver
    from loaders.neo4j_writer import Neo4jWriter

    low, high = LOAD_PARTITIONS
    if not low <= partitions <= high:
        raise InputError(f"--partitions {partitions}: a load uses {low} to {high} writers into one Neo4j")
    if "://" not in facts_path or facts_path.startswith("file://"):
        local = Path(facts_path.removeprefix("file://"))
        if not local.exists():
            raise InputError(f"{local}: no such file or directory")
        facts_path = str(local.resolve())
    began = time.perf_counter()
    driver = open_driver(settings)  # fail fast, before Spark starts
    try:
        Neo4jWriter(driver, settings.database).ensure_schema()  # constraints before any writer
    finally:
        driver.close()
    with spark_context(master, conf, app_name="newskg load") as sc:
        lines = sc.textFile(facts_path, minPartitions=partitions)
        if lines.getNumPartitions() != partitions:
            lines = lines.repartition(partitions)
        rows = _run(lambda: lines.mapPartitions(lambda it: _load_partition(it, settings, batch_rows)).collect())
    summary = SparkLoadSummary(partitions=partitions)
    for articles, nodes_created, nodes_matched, rels_created, rels_matched in rows:
        summary.articles += articles
        summary.nodes_created += nodes_created
        summary.nodes_matched += nodes_matched
        summary.relationships_created += rels_created
        summary.relationships_matched += rels_matched
    if not summary.articles:
        raise InputError(f"{facts_path}: no facts to load")
    summary.seconds = time.perf_counter() - began
    return summary


def _load_partition(lines: Iterable[str], settings: Neo4jSettings, batch_rows: int | None) -> Iterator[tuple[int, ...]]:
    """Write one partition's articles through the project's writer; its counts as one tuple."""
    import json

    from kg.jsonl import facts_from_dict
    from loaders.neo4j_connection import open_driver
    from loaders.neo4j_writer import DEFAULT_BATCH_ROWS, Neo4jWriter

    def facts() -> Iterator[Any]:
        for line in lines:
            if line.strip():
                try:
                    yield facts_from_dict(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"a facts line is not JSON ({exc.msg}): {line[:60]!r}") from None

    driver = open_driver(settings)
    try:
        s = Neo4jWriter(driver, settings.database, batch_rows=batch_rows or DEFAULT_BATCH_ROWS).write(facts())
    finally:
        driver.close()
    yield s.articles, s.nodes_created, s.nodes_matched, s.relationships_created, s.relationships_matched

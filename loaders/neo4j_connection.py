"""Connecting to Neo4j: where the settings come from, opening a verified driver, reading.

Settings come from flags, then NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, then the
local server started by `kg neo4j start` (its state file and stored password). Driver errors are
translated here, at the boundary, into one-line KgErrors that say what to do.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from kg.errors import BackendError, InputError, KgError
from loaders import neo4j_server

DEFAULT_USER = "neo4j"
START_HINT = "start it with `kg neo4j start` or point NEO4J_URI / --uri at a running server"


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect. `database` None means the server's default database."""

    uri: str
    user: str = DEFAULT_USER
    password: str | None = None
    database: str | None = None

    @classmethod
    def resolve(
        cls,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        *,
        data_dir: Path | None = None,
        password_file: Path | None = None,
    ) -> Neo4jSettings:
        """Flags win over the NEO4J_* environment, which wins over the local server's files.

        A password comes from `password`, else the file `password_file` (or NEO4J_PASSWORD_FILE),
        else NEO4J_PASSWORD, else the local server's stored one.
        """
        env = os.environ
        file = password_file or (Path(env["NEO4J_PASSWORD_FILE"]) if env.get("NEO4J_PASSWORD_FILE") else None)
        if password is None and file is not None:
            password = read_password_file(file)
        local = neo4j_server.read_state(data_dir)
        resolved_uri = (
            uri or env.get("NEO4J_URI") or (local.uri if local else f"bolt://127.0.0.1:{neo4j_server.DEFAULT_PORT}")
        )
        explicit_uri = uri or env.get("NEO4J_URI")
        resolved_password = password or env.get("NEO4J_PASSWORD")
        if resolved_password is None and (not explicit_uri or (local is not None and explicit_uri == local.uri)):
            resolved_password = neo4j_server.stored_password(data_dir)
        return cls(
            uri=resolved_uri,
            user=user or env.get("NEO4J_USER") or DEFAULT_USER,
            password=resolved_password,
            database=database or env.get("NEO4J_DATABASE") or None,
        )


def read_password_file(path: Path) -> str:
    """The password kept in a file the user chose (its first line); InputError naming the file."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the password file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if not lines or not lines[0].strip():
        raise InputError(f"the password file {path} is empty")
    return lines[0].strip()


#: URI schemes of the Bolt protocol, the one we speak (the driver's http:// query API is not used).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_uri(uri: str) -> str:
    """`uri` if its scheme is a Bolt one; InputError naming the URI otherwise."""
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme.lower() not in BOLT_SCHEMES or not rest.strip("/"):
        hint = " (7474 is the browser's HTTP port; Bolt listens on 7687)" if scheme.lower().startswith("http") else ""
        raise InputError(
            f"cannot use the Neo4j URI {uri!r}: give a Bolt URI such as bolt://127.0.0.1:7687 "
            f"({', '.join(s + '://' for s in BOLT_SCHEMES)}){hint}"
        )
    return uri


#: How long a transaction is retried while the server is briefly unreachable or a deadlock clears.
RETRY_SECONDS = 30.0
RETRY_ENV = "KG_NEO4J_RETRY_SECONDS"


def retry_seconds() -> float:
    """RETRY_SECONDS, or the seconds given in KG_NEO4J_RETRY_SECONDS; InputError if not a number ≥ 0."""
    raw = os.environ.get(RETRY_ENV)
    if raw is None or not raw.strip():
        return RETRY_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise InputError(f"{RETRY_ENV}={raw!r} is not a number of seconds")
    return value


def open_driver(settings: Neo4jSettings) -> neo4j.Driver:
    """A driver whose connection has been verified; BackendError saying what to do otherwise."""
    check_uri(settings.uri)
    if settings.password is None:
        raise BackendError(f"no Neo4j password for {settings.uri}: set NEO4J_PASSWORD or use --password ({START_HINT})")
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            connection_timeout=10.0,
            max_transaction_retry_time=retry_seconds(),
            # Server notifications (deprecations, unknown labels in an empty graph, performance
            # hints) are not errors: the server sends them and the driver logs each one on the
            # `neo4j.notifications` logger (kg shows them with KG_LOG=debug), but raises no Python
            # warning, which would print in the middle of query output.
            notifications_min_severity="INFORMATION",
            warn_notification_severity="OFF",
        )
    except (neo4j_errors.ConfigurationError, ValueError) as exc:
        raise InputError(f"cannot use the Neo4j URI {settings.uri!r}: {exc}") from None
    try:
        driver.verify_connectivity()
    except Exception as exc:
        driver.close()
        raise translate_error(exc, settings) from None
    return driver


#: Procedures a read-only query may call: the database's own catalogue and indexes, which reach
#: neither the server's files nor the network.
READ_ONLY_PROCEDURES = ("db.", "dbms.components")


def run_read(
    driver: neo4j.Driver, database: str | None, cypher: str, params: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Run `cypher` in a managed read transaction; rows as plain dicts (nodes become their properties).

    The query is planned first (EXPLAIN, which runs nothing) and refused when its plan loads CSV or
    calls a procedure outside READ_ONLY_PROCEDURES: a read may not read the server's files or make
    the server send requests. The plan, not the text, is checked, so comments and case do not hide it.
    """
    return run_read_table(driver, database, cypher, params)[1]


def run_read_table(
    driver: neo4j.Driver, database: str | None, cypher: str, params: dict[str, Any] | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Like run_read, with the result's column names, which a query has even when it returns no rows."""

    def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
        plan = tx.run("EXPLAIN " + cypher, params or {}).consume().plan
        refuse_outside_reads(plan)
        result = tx.run(cypher, params or {})
        rows = [record.data() for record in result]
        return list(result.keys()), rows

    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(work)
    except Exception as exc:
        raise translate_error(exc, None) from None


def refuse_outside_reads(plan: dict[str, Any] | None) -> None:
    """InputError when a query plan loads CSV or calls a procedure that is not a catalogue read."""
    for op in _operators(plan):
        kind = str(op.get("operatorType", "")).split("@")[0]
        if kind.startswith("LoadCSV"):
            raise InputError("LOAD CSV is refused here: `kg cypher` and `kg query` read the graph, not files or URLs")
        if kind.startswith("ProcedureCall"):
            details = str(op.get("args", {}).get("Details", ""))
            name = details.split("(")[0].strip().split()[-1] if details.strip() else "?"
            if not name.startswith(READ_ONLY_PROCEDURES):
                raise InputError(
                    f"procedure {name} is refused here: `kg cypher` and `kg query` only call "
                    f"{', '.join(p + '*' if p.endswith('.') else p for p in READ_ONLY_PROCEDURES)}"
                )


def _operators(plan: dict[str, Any] | None) -> list[dict[str, Any]]:
    stack, seen = [plan] if plan else [], []
    while stack:
        op = stack.pop()
        seen.append(op)
        stack.extend(op.get("children", []))
    return seen


def translate_error(exc: BaseException, settings: Neo4jSettings | None) -> KgError:
    """One clear line for a driver error: what failed and, where we know, what to do about it."""
    where = f" at {settings.uri}" if settings else ""
    if isinstance(exc, KgError):
        return exc
    if isinstance(exc, neo4j_errors.AuthError):
        user = settings.user if settings else "the user"
        return BackendError(
            f"Neo4j{where} refused {user!r}: wrong user or password (check NEO4J_PASSWORD / --password)"
        )
    if isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired)):
        return BackendError(f"cannot reach Neo4j{where}: {START_HINT}")
    if isinstance(exc, neo4j_errors.CypherSyntaxError):
        return InputError(f"Cypher syntax error: {_first_line(exc)}")
    if isinstance(exc, neo4j_errors.ClientError):
        code = getattr(exc, "code", "") or ""
        if code.endswith("AccessMode"):
            return InputError("this query writes, but `kg cypher` and `kg query` only read")
        if code.endswith("ParameterMissing"):
            return InputError(f"missing query parameter: {_first_line(exc)}")
        if code.endswith("DatabaseNotFound"):
            return InputError(f"Neo4j{where}: {_first_line(exc)} (check NEO4J_DATABASE / --database)")
        return InputError(f"Neo4j rejected the query: {_first_line(exc)}")
    if isinstance(exc, neo4j_errors.Neo4jError | neo4j_errors.DriverError):
        return BackendError(f"Neo4j{where} failed: {_first_line(exc)}")
    if isinstance(exc, OSError):
        return BackendError(f"cannot reach Neo4j{where}: {exc} ({START_HINT})")
    raise exc


#: A Java class or object name in a server message (`org.neo4j.….NumericHelper$@5698f8b5`).
_JAVA_NAME = re.compile(r"\b(?:org|com|java|javax|scala)\.[\w$]+(?:\.[\w$]+)+(?:@[0-9a-f]+)?")


def _first_line(exc: BaseException) -> str:
    # Neo4jError carries the server's message; for driver-side errors it is a generic GQL text.
    message = exc.message if isinstance(exc, neo4j_errors.Neo4jError) else str(exc)
    if not message:
        return type(exc).__name__
    line = str(message).strip().splitlines()[0]
    return _JAVA_NAME.sub("an expression", line)

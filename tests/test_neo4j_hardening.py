"""The local server is hardened (issue 14, part 4), against the real Neo4j: read-only commands
refuse LOAD CSV and procedures beyond the catalogue, the server itself reads no files for LOAD CSV,
and the password never shows in a process's arguments or environment."""

from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import neo4j
import psutil
import pytest

from kg.errors import InputError
from loaders import neo4j_server
from loaders.neo4j_connection import Neo4jSettings, open_driver, read_password_file, run_read
from tests.fixtures_neo4j import free_port
from tests.test_neo4j_cli import kg


def _cli_env(settings: Neo4jSettings) -> dict[str, str]:
    return {"NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password or ""}


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "statement",
    [
        "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 2",
        "load /* hidden */ csv from 'file:///etc/passwd' as l return l limit 2",
        "CALL { LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l } RETURN l LIMIT 1",
    ],
)
def test_kg_cypher_refuses_to_read_server_files(neo4j_server_settings: Neo4jSettings, statement: str) -> None:
    result = kg("cypher", statement, env=_cli_env(neo4j_server_settings))
    assert result.returncode != 0
    assert "LOAD CSV is refused" in result.stderr
    assert "root:" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.neo4j
def test_kg_cypher_sends_no_request_for_a_url(neo4j_server_settings: Neo4jSettings) -> None:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a,b\n1,2\n")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/x.csv"
        result = kg("cypher", f"LOAD CSV FROM '{url}' AS l RETURN l", env=_cli_env(neo4j_server_settings))
    finally:
        server.shutdown()
    assert result.returncode != 0 and "LOAD CSV is refused" in result.stderr
    assert hits == []


@pytest.mark.neo4j
def test_only_catalogue_procedures_are_called(neo4j_driver: neo4j.Driver) -> None:
    assert isinstance(run_read(neo4j_driver, None, "CALL db.labels() YIELD label RETURN label"), list)
    with pytest.raises(InputError, match="procedure dbms.listConfig is refused"):
        run_read(neo4j_driver, None, "CALL dbms.listConfig() YIELD name RETURN name")


@pytest.mark.neo4j
def test_the_server_itself_refuses_file_urls(neo4j_home: Path, neo4j_driver: neo4j.Driver) -> None:
    # Past our check (a driver of its own), the server still reads no file for LOAD CSV.
    with pytest.raises(neo4j.exceptions.ClientError):
        neo4j_driver.execute_query("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 1")
    state = neo4j_server.read_state(neo4j_home)
    assert state is not None
    cmdline = Path(f"/proc/{state.pid}/cmdline").read_bytes()
    assert b"dbms.security.allow_csv_import_from_file_urls=false" in cmdline
    assert f"server.directories.import={neo4j_home.resolve() / 'import'}".encode() in cmdline


def _processes_showing(secret: bytes, stop: threading.Event, seen: list[str]) -> None:
    """Scan every process's arguments and environment until `stop` is set."""
    while not stop.is_set():
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            for part in ("cmdline", "environ"):
                try:
                    if secret in Path(f"/proc/{pid}/{part}").read_bytes():
                        seen.append(f"{pid}/{part}")
                except OSError:
                    pass
        stop.wait(0.02)


@pytest.mark.neo4j
@pytest.mark.slow
def test_a_chosen_password_a_server_of_its_own_then_stop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one test that needs a second server (a password chosen before the first start):
    NEO4J_PASSWORD supplies it and it is not copied anywhere, it may start with '-' (which
    neo4j-admin would read as an option), no other process shows it, and stop leaves nothing."""
    secret = "-Chosen-" + os.urandom(6).hex()
    monkeypatch.setenv("NEO4J_PASSWORD", secret)
    home = tmp_path / "neo4j"
    seen: list[str] = []
    stop = threading.Event()
    # Our own process holds the secret in its environment (the test put it there); others must not.
    own = {str(os.getpid())}
    scanner = threading.Thread(target=_processes_showing, args=(secret.encode(), stop, seen), daemon=True)
    scanner.start()
    try:
        result = neo4j_server.start(home, free_port(), heap="256m", pagecache="32m")
        try:
            assert not result.reused
            assert neo4j_server.stored_password(home) is None and result.password_file is None
            for settings in (
                Neo4jSettings.resolve(data_dir=home),
                Neo4jSettings(uri=result.state.uri, password=secret),
            ):
                open_driver(settings).close()
        finally:
            stop.set()
            scanner.join()
            stopped = neo4j_server.stop(home)
    finally:
        stop.set()
    assert [s for s in seen if s.split("/")[0] not in own] == []
    assert not (home / neo4j_server.PASSWORD_FILE).exists() and not list((home / "run").glob("*.args"))
    assert stopped is not None and not psutil.pid_exists(stopped.pid)
    assert neo4j_server.read_state(home) is None and not neo4j_server.status(home).process_alive


def test_a_password_file_is_read_and_its_problems_are_one_line(tmp_path: Path) -> None:
    good = tmp_path / "pw"
    good.write_text("s3cret-pass\n", encoding="utf-8")
    assert read_password_file(good) == "s3cret-pass"
    assert Neo4jSettings.resolve(uri="bolt://127.0.0.1:1", password_file=good).password == "s3cret-pass"
    (tmp_path / "empty").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_password_file(tmp_path / "empty")
    with pytest.raises(InputError, match="cannot read the password file"):
        read_password_file(tmp_path / "missing")

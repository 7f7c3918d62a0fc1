"""The local server launcher and connection settings, against the session's real server."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kg.errors import BackendError, SetupError
from loaders import neo4j_server
from loaders.neo4j_connection import Neo4jSettings, open_driver, run_read
from tests.fixtures_neo4j import free_port


@pytest.mark.neo4j
def test_second_start_reuses_the_running_server(neo4j_home: Path, neo4j_server_settings: Neo4jSettings) -> None:
    before = neo4j_server.read_state(neo4j_home)
    again = neo4j_server.start(neo4j_home, before.port)  # type: ignore[union-attr]
    assert again.reused and again.state.pid == before.pid  # type: ignore[union-attr]
    st = neo4j_server.status(neo4j_home)
    assert st.process_alive and st.bolt_answers


@pytest.mark.neo4j
def test_server_is_local_with_auth_and_a_private_password(
    neo4j_home: Path, neo4j_server_settings: Neo4jSettings
) -> None:
    password_file = neo4j_home / neo4j_server.PASSWORD_FILE
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert neo4j_server_settings.uri.startswith("bolt://127.0.0.1:")
    wrong = Neo4jSettings(uri=neo4j_server_settings.uri, password="not-the-password")
    with pytest.raises(BackendError, match="wrong user or password"):
        open_driver(wrong)
    cmdline = Path(f"/proc/{neo4j_server.read_state(neo4j_home).pid}/cmdline").read_bytes()  # type: ignore[union-attr]
    assert b"server.http.enabled=false" in cmdline and b"-Xmx512m" in cmdline


@pytest.mark.neo4j
def test_settings_resolve_flags_then_env_then_local_state(
    neo4j_home: Path, neo4j_server_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    local = Neo4jSettings.resolve(data_dir=neo4j_home)
    assert local.uri == neo4j_server_settings.uri and local.password == neo4j_server_settings.password
    monkeypatch.setenv("NEO4J_URI", "neo4j://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_DATABASE", "neo4j")
    from_env = Neo4jSettings.resolve(data_dir=neo4j_home)
    assert from_env.uri == "neo4j://127.0.0.1:1" and from_env.database == "neo4j"
    flagged = Neo4jSettings.resolve(uri=neo4j_server_settings.uri, password="x", data_dir=neo4j_home)
    assert flagged.uri == neo4j_server_settings.uri and flagged.password == "x"
    # The routing scheme works against the single local server too.
    neo4j_uri = neo4j_server_settings.uri.replace("bolt://", "neo4j://")
    driver = open_driver(Neo4jSettings.resolve(uri=neo4j_uri, password=neo4j_server_settings.password))
    try:
        assert run_read(driver, "neo4j", "RETURN $x AS x", {"x": 1}) == [{"x": 1}]
    finally:
        driver.close()


def test_unreachable_server_is_one_clear_line() -> None:
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}", password="whatever")
    with pytest.raises(BackendError, match="cannot reach Neo4j.*kg neo4j start") as info:
        open_driver(settings)
    assert "\n" not in str(info.value)


def test_missing_jars_is_a_setup_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_JVM_DIR", str(tmp_path / "empty"))
    with pytest.raises(SetupError, match="bash dev.sh install") as info:
        neo4j_server.start(tmp_path / "home", free_port())
    assert info.value.exit_code == 4


def test_missing_java_is_a_setup_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_JAVA", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SetupError, match="java is not installed"):
        neo4j_server.start(tmp_path / "home", free_port())


def test_stop_and_status_without_a_server(tmp_path: Path) -> None:
    assert neo4j_server.stop(tmp_path) is None
    st = neo4j_server.status(tmp_path)
    assert not st.process_alive and st.state is None


def test_failed_start_shows_the_log_line(tmp_path: Path) -> None:
    # An impossible page cache size makes Neo4j refuse its configuration right away.
    with pytest.raises(BackendError, match="Neo4j stopped during start.*banana.* is not a valid size"):
        neo4j_server.start(tmp_path / "bad", free_port(), heap="256m", pagecache="banana", timeout=90)
    assert neo4j_server.read_state(tmp_path / "bad") is None


def test_a_taken_port_is_refused(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        with pytest.raises(BackendError, match="taken by another program.*--port"):
            neo4j_server.start(tmp_path / "home", sock.getsockname()[1])


def test_process_checks_through_psutil(tmp_path: Path) -> None:
    """A pid is a server of this home only while it runs with our entry point and home; a child
    that exited (a zombie until reaped) is gone; pids are checked, not trusted."""
    import subprocess
    import sys
    import time

    home = tmp_path / "home"
    args = [sys.executable, "-c", "import time; time.sleep(30)", neo4j_server.ENTRY_POINT, f"--home-dir={home}"]
    proc = subprocess.Popen(args)
    try:
        state = neo4j_server.ServerState(pid=proc.pid, port=free_port(), home=str(home), started_at=time.time())
        assert neo4j_server._alive(proc.pid) and neo4j_server._is_our_server(state)
        other = neo4j_server.ServerState(
            pid=proc.pid, port=state.port, home=str(tmp_path / "other"), started_at=state.started_at
        )
        assert not neo4j_server._is_our_server(other)
        proc.kill()
        deadline = time.monotonic() + 10
        while neo4j_server._alive(proc.pid) and time.monotonic() < deadline:  # exited, not yet reaped
            time.sleep(0.05)
        assert not neo4j_server._alive(proc.pid) and proc.poll() is not None
        assert not neo4j_server._is_our_server(state)
    finally:
        proc.kill()
        proc.wait()

"""A local Neo4j Community server run straight from the Maven jars, without Docker.

`java -cp '.jvm/neo4j/*' org.neo4j.server.CommunityEntryPoint --home-dir=DIR` with the JVM
options the `neo4j` shell launcher would normally add, bound to 127.0.0.1, HTTP off, memory
bounded and authentication on. A small state file (pid, port) in the data directory lets a
second `start` reuse the running server and lets `stop`/`status` find it again.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

from kg.config import neo4j_data_dir, neo4j_lib_dir
from kg.errors import BackendError, SetupError

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
# The admin tool itself, in this JVM: the Neo4jAdminCommand bootloader would re-launch it in a child
# JVM with every argument (the password too) on its command line.
ADMIN_ENTRY_POINT = "org.neo4j.cli.AdminTool"
DEFAULT_PORT = 7687
STATE_FILE = "server.json"
PASSWORD_FILE = "password"
CONSOLE_LOG = "logs/console.log"
INSTALL_HINT = "run `bash dev.sh install`"

# What the `neo4j` launcher passes through server.jvm.additional; a bare `java` must add them.
JVM_OPTIONS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

Reporter = Callable[[str], None]


@dataclass(frozen=True)
class ServerState:
    """The running server as recorded in the data directory's state file."""

    pid: int
    port: int
    home: str
    started_at: float

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


@dataclass(frozen=True)
class StartResult:
    """What `start` did: the server it left running, whether it was already up, how long it took."""

    state: ServerState
    reused: bool
    seconds: float
    password_file: Path | None


@dataclass(frozen=True)
class ServerStatus:
    """`status`: whether the recorded server process lives and whether Bolt answers."""

    home: Path
    state: ServerState | None
    process_alive: bool
    bolt_answers: bool


def java_executable() -> str:
    """The `java` to run (KG_JAVA overrides PATH); SetupError if there is none."""
    java = os.environ.get("KG_JAVA") or shutil.which("java")
    if not java:
        raise SetupError(f"java is not installed: install OpenJDK 17, then {INSTALL_HINT}")
    return java


def classpath() -> str:
    """The Neo4j runtime classpath (`.jvm/neo4j/*`); SetupError if the jars are not there."""
    lib = neo4j_lib_dir()
    if not any(lib.glob("neo4j-server-5.*.jar")):
        raise SetupError(f"the Neo4j jars are missing in {lib}: {INSTALL_HINT}")
    return str(lib / "*")


def read_state(home: Path | None = None) -> ServerState | None:
    """The recorded server of a data directory, or None."""
    path = _home(home) / STATE_FILE
    try:
        return ServerState(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def stored_password(home: Path | None = None) -> str | None:
    """The password kept (0600) in the data directory, or None."""
    try:
        return (_home(home) / PASSWORD_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def status(home: Path | None = None) -> ServerStatus:
    """Whether the server recorded in `home` runs and answers on its Bolt port."""
    home = _home(home)
    state = read_state(home)
    alive = state is not None and _is_our_server(state)
    return ServerStatus(home, state, alive, alive and _port_open(state.port))  # type: ignore[union-attr]


def start(
    home: Path | None = None,
    port: int = DEFAULT_PORT,
    *,
    heap: str = "1g",
    pagecache: str = "512m",
    timeout: float = 180.0,
    report: Reporter | None = None,
    password: str | None = None,
) -> StartResult:
    """Start the server (or reuse the one already running from `home`) and wait for Bolt.

    `password` is the initial password of a new server (else NEO4J_PASSWORD, else generated).
    """
    home = _home(home)
    began = time.monotonic()
    current = status(home)
    if current.process_alive and current.state is not None:
        if current.state.port != port and report:
            report(f"the server of {home} already runs on port {current.state.port}; reusing it")
        _wait_for_bolt(current.state, began, timeout, None)
        return StartResult(current.state, True, time.monotonic() - began, None)

    java, cp = java_executable(), classpath()
    if _port_open(port):
        raise BackendError(f"port {port} on 127.0.0.1 is taken by another program: pick another with --port")
    _prepare_home(home)
    password_file = _ensure_password(home, java, cp, report, password)

    log = (home / CONSOLE_LOG).open("ab")
    command = [java, f"-Xms{heap}", f"-Xmx{heap}", *JVM_OPTIONS, "-cp", cp, ENTRY_POINT, f"--home-dir={home}"]
    for key, value in _settings(port, pagecache, home).items():
        command += ["-c", f"{key}={value}"]
    # A new session so the server outlives the `kg` command that started it.
    proc = subprocess.Popen(
        command,
        cwd=home,
        env=_child_env(home),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    _CHILDREN[proc.pid] = proc
    state = ServerState(pid=proc.pid, port=port, home=str(home), started_at=time.time())
    _write_private(home / STATE_FILE, json.dumps(asdict(state)))
    try:
        _wait_for_bolt(state, began, timeout, proc)
    except BackendError:
        stop(home)  # never leave a half-started server behind
        raise
    return StartResult(state, False, time.monotonic() - began, password_file)


def stop(home: Path | None = None, timeout: float = 60.0) -> ServerState | None:
    """Stop the recorded server (SIGTERM, then SIGKILL after `timeout`); None if none ran."""
    home = _home(home)
    state = read_state(home)
    if state is None:
        return None
    if _is_our_server(state):
        os.kill(state.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(state.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(state.pid):
            os.kill(state.pid, signal.SIGKILL)
            while _alive(state.pid):
                time.sleep(0.1)
    else:
        state = None  # a stale state file: the process is gone already
    (home / STATE_FILE).unlink(missing_ok=True)
    _CHILDREN.pop(state.pid if state else -1, None)
    return state


# --- internals -------------------------------------------------------------------------------

_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (for a second, throwaway server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _home(home: Path | None) -> Path:
    return Path(home or neo4j_data_dir()).resolve()


def _settings(port: int, pagecache: str, home: Path) -> dict[str, str]:
    return {
        # LOAD CSV may not read the server's files (file:// URLs off), and the import directory,
        # the only place it could, is the empty private one of this home.
        "dbms.security.allow_csv_import_from_file_urls": "false",
        "server.directories.import": str(home / "import"),
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{port}",
        "server.bolt.advertised_address": f"127.0.0.1:{port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "dbms.usage_report.enabled": "false",
        "server.memory.pagecache.size": pagecache,
        "dbms.memory.transaction.total.max": "512m",
        "db.tx_log.rotation.retention_policy": "100M size",
    }


def _prepare_home(home: Path) -> None:
    for sub in ("", "conf", "data", "logs", "plugins", "run", "import"):
        (home / sub).mkdir(mode=0o700, parents=True, exist_ok=True)


def _ensure_password(
    home: Path, java: str, cp: str, report: Reporter | None, password: str | None = None
) -> Path | None:
    """Set the initial password before the first start.

    The password is the one given (`--password-file`, NEO4J_PASSWORD) or a generated one; only a
    generated one is stored, 0600, in the data directory: a password the user chose stays where the
    user keeps it. It reaches neo4j-admin through a private argument file (`java @file`), so it is
    never in a process's arguments or environment.
    """
    password_file = home / PASSWORD_FILE
    stored = stored_password(home)
    chosen = password or os.environ.get("NEO4J_PASSWORD")
    wanted = chosen or stored or secrets.token_urlsafe(18)
    if (home / "data" / "dbms" / "auth.ini").exists():
        if stored and chosen and chosen != stored and report:
            report(f"the given password differs from the one this server was created with ({password_file})")
        return password_file if stored else None
    argfile = home / "run" / f"admin-{secrets.token_hex(8)}.args"
    # "--" ends the options: a password may start with "-" (token_urlsafe makes such ones).
    args = ["-cp", cp, ADMIN_ENTRY_POINT, "dbms", "set-initial-password", "--", wanted]
    _write_private(argfile, "\n".join(_argfile_quote(a) for a in args) + "\n")
    try:
        done = subprocess.run(
            [java, f"@{argfile}"],
            env=_child_env(home),
            cwd=home,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        argfile.unlink(missing_ok=True)
    if done.returncode != 0:
        lines = [ln for ln in (done.stderr + done.stdout).splitlines() if ln.strip() and not ln.startswith("\t")]
        raise BackendError(f"neo4j-admin could not set the initial password: {lines[-1] if lines else done.returncode}")
    if chosen:
        password_file.unlink(missing_ok=True)
        return None
    _write_private(password_file, wanted + "\n")
    return password_file


def _argfile_quote(arg: str) -> str:
    """One argument of a java @argfile: quoted, with backslashes and quotes escaped."""
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _child_env(home: Path) -> dict[str, str]:
    """The environment of neo4j-admin and the server: ours without any password in it."""
    env = {k: v for k, v in os.environ.items() if "PASSWORD" not in k.upper()}
    env.update(NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    return env


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (the password, the state file)."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def _wait_for_bolt(state: ServerState, began: float, timeout: float, proc: subprocess.Popen[bytes] | None) -> None:
    home = Path(state.home)
    while time.monotonic() - began < timeout:
        if not _alive(state.pid):
            (home / STATE_FILE).unlink(missing_ok=True)
            code = f" (exit code {proc.returncode})" if proc is not None and proc.poll() is not None else ""
            raise BackendError(f"Neo4j stopped during start{code}: {last_log_line(home)}")
        if _bolt_handshake(state.port):
            return
        time.sleep(0.25)
    raise BackendError(
        f"Neo4j did not answer on port {state.port} within {timeout:.0f} s (see {home / 'logs'}): {last_log_line(home)}"
    )


def last_log_line(home: Path) -> str:
    """The last line of the server logs that says what went wrong (or the last line at all)."""
    pattern = re.compile(r"ERROR|Exception|Error:|Caused by|Cannot|failed", re.IGNORECASE)
    fallback = "no log output"
    for name in ("logs/neo4j.log", CONSOLE_LOG, "logs/debug.log"):
        try:
            lines = (home / name).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        lines = [ln.strip() for ln in lines if ln.strip() and not ln.startswith(("\tat ", "\t..."))]
        for line in reversed(lines):
            if pattern.search(line):
                return line[:400]
        if lines and fallback == "no log output":
            fallback = lines[-1][:400]
    return fallback


def _bolt_handshake(port: int) -> bool:
    """True when Bolt answers its handshake (the listener is up, not just the socket)."""
    handshake = b"\x60\x60\xb0\x17" + b"\x00\x00\x08\x05" + b"\x00\x00\x00\x04" + b"\x00" * 8
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as sock:
            sock.sendall(handshake)
            return len(sock.recv(4)) == 4
    except OSError:
        return False


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie child of ours counts as gone, and is reaped)."""
    proc = _CHILDREN.get(pid)
    if proc is not None:
        return proc.poll() is None
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:  # gone, or not ours to see
        return False


def _is_our_server(state: ServerState) -> bool:
    """The recorded pid is alive and is a Neo4j server of this home (pids get reused)."""
    if not _alive(state.pid):
        return False
    try:
        cmdline = psutil.Process(state.pid).cmdline()
    except psutil.Error:
        return False
    return ENTRY_POINT in cmdline and f"--home-dir={state.home}" in cmdline

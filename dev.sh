#!/usr/bin/env bash
# One entry point for a fresh machine:
#   bash dev.sh demo   install everything, then run the main job on examples/
#   bash dev.sh test   install everything (and Chromium), then lint (ruff, mypy) and run the whole test suite
#   bash dev.sh lint   ruff check and mypy only
#   bash dev.sh lock   regenerate requirements.lock after a change to pyproject.toml's dependencies
#   bash dev.sh install
#   bash dev.sh bench  install everything, then run every benchmark and print the targets table
# Everything is fetched here, by the install step; nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
PY=${PYTHON:-python3}
VENV="$ROOT/.venv"

need() { command -v "$1" >/dev/null 2>&1 || { echo "dev.sh: '$1' is missing: $2" >&2; exit 2; }; }

install() {
  need "$PY" "install Python 3.11 or newer"
  need java "install OpenJDK 17 (apt-get install openjdk-17-jre-headless)"
  need mvn "install Maven (apt-get install maven)"
  if [ ! -x "$VENV/bin/python" ]; then "$PY" -m venv "$VENV"; fi
  "$VENV/bin/python" -m pip install -q --upgrade pip
  # The exact versions of requirements.lock (uv pip compile of pyproject.toml's ranges), then the
  # project itself, editable, without letting it re-resolve anything.
  "$VENV/bin/python" -m pip install -q "$(grep '^uv==' requirements.lock | cut -d' ' -f1)"
  "$VENV/bin/uv" pip install -q --python "$VENV/bin/python" -r requirements.lock
  "$VENV/bin/uv" pip install -q --python "$VENV/bin/python" --no-deps -e .
  # tests/test_wheel.py installs the built wheel into a fresh venv without the network, from uv's
  # cache: this puts the runtime dependencies (the lock's versions) in that cache.
  [ -x "$VENV/wheel-deps/bin/python" ] || "$VENV/bin/uv" venv -q --python "$VENV/bin/python" "$VENV/wheel-deps"
  "$VENV/bin/uv" pip install -q --python "$VENV/wheel-deps/bin/python" -c requirements.lock -r pyproject.toml
  # jionlp unzips its dictionaries on its first import: do it here, not in the first extraction.
  "$VENV/bin/python" -c "import jionlp" >/dev/null
  # The JVM parts: HanLP portable and Neo4j Community, from Maven Central into .jvm/.
  if [ ! -f .jvm/hanlp/hanlp-portable-1.8.6.jar ]; then
    mvn -q -B -f jvm/pom.xml dependency:copy-dependencies -DincludeArtifactIds=hanlp -DoutputDirectory="$ROOT/.jvm/hanlp"
  fi
  if [ ! -f .jvm/neo4j/.complete ]; then
    mvn -q -B -f jvm/pom.xml dependency:copy-dependencies -DexcludeArtifactIds=hanlp -DoutputDirectory="$ROOT/.jvm/neo4j"
    touch .jvm/neo4j/.complete
  fi
}

install_browser() {
  # Debian's chromium for the browser tests, and a CJK font so the map's screenshots show Chinese.
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "wqy\|noto.*cjk"; then
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  fi
}

demo() {
  install
  "$VENV/bin/kg" build examples/ --out out
  "$VENV/bin/kg" neo4j start
  "$VENV/bin/kg" load --facts out/facts.jsonl
  "$VENV/bin/kg" query who_met_whom -p name=林海峰
}

lock() {
  # requirements.lock: the exact versions of pyproject.toml's ranges, every extra, for Python 3.11.
  "$VENV/bin/uv" pip compile pyproject.toml --all-extras --python-version 3.11 -o requirements.lock \
    --no-header --annotation-style line -q
}

lint() {
  # Lint, format and types over the whole tree (configured in pyproject.toml).
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
  "$VENV/bin/mypy"
}

run_tests() {
  install
  install_browser
  lint
  "$VENV/bin/python" -m pytest "$@"
}

case "${1:-}" in
  install) install ;;
  lint) lint ;;
  lock) lock ;;
  demo) demo ;;
  test) shift; run_tests "$@" ;;
  bench) install; install_browser; "$VENV/bin/python" -m bench ;;
  *) echo "usage: bash dev.sh demo|test|lint|lock|install|bench" >&2; exit 2 ;;
esac

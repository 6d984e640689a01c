"""PostgreSQL going away in the middle of `boardmem ingest`: one line naming the server, exit status 2, no traceback.

The shared test server is not stopped (other tests use it): the ingest reaches it through a loopback proxy
whose connections the test cuts all at once, refusing new ones after, as a stopped server would.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from corpus.models import Document
from corpus.settings import REPO_ROOT, load_config
from corpus.store import database_fault, is_database_fault, open_engine
from retrieval.index import rebuilding
from tests.seeds import FIXTURES

HARBOUR = FIXTURES / "harbour_town_2024-03-05.txt"


class CuttableProxy:
    """Forwards loopback connections to a server until `cut()`: then every link drops and new ones are refused."""

    def __init__(self, host: str, port: int):
        self.upstream = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._links: list[socket.socket] = []
        self._guard = threading.Lock()
        self._cut = False
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self) -> None:
        with self._guard:
            self._cut = True
            for sock in [self.listener, *self._links]:
                _drop(sock)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # cut: nothing listens on the port any more
            with self._guard:
                if self._cut:
                    _drop(client)
                    continue
                server = socket.create_connection(self.upstream)
                self._links += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(source, target), daemon=True).start()


def _pump(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    for sock in (source, target):
        _drop(sock)


def _drop(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv or accept on it
    sock.close()


@pytest.fixture
def through_proxy(postgres_databases) -> Iterator[tuple[str, CuttableProxy, Engine]]:
    """A migrated memory of its own: its URL by way of a cuttable proxy, the proxy, and a direct engine to it."""
    direct_url = postgres_databases()
    direct = open_engine(direct_url)  # migrated here, so the ingest below only ingests
    url = make_url(direct_url)
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
    yield url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False), proxy, direct
    proxy.cut()
    direct.dispose()


def write_minutes(folder: Path, count: int) -> None:
    """`count` sets of minutes of the same partnership, each of its own meeting date."""
    folder.mkdir()
    text = HARBOUR.read_text()
    for n in range(count):
        day = dt.date(2021, 1, 5) + dt.timedelta(weeks=n)
        held = f"{day.day} {day:%B %Y}"
        (folder / f"harbour_{day}.txt").write_text(text.replace("Tuesday 5 March 2024", held))


def start_ingest(url: str, data_dir: Path, folder: Path) -> subprocess.Popen[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BOARDMEM_")}
    env |= {"BOARDMEM_DATA_DIR": str(data_dir), "BOARDMEM_DATABASE_URL": url, "HF_HUB_OFFLINE": "1"}
    env["PYTHONUNBUFFERED"] = "1"  # each outcome line as it is printed, not at exit
    command = [sys.executable, "-m", "bot.cli", "ingest", str(folder)]
    return subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def documents(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM document")).scalar() or 0


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def wait_until_queued_for(lock_file: Path, pid: int) -> None:
    """Until process `pid` waits for the flock on `lock_file` (Linux's /proc/locks marks a waiter with "->")."""
    inode = f":{lock_file.stat().st_ino}"

    def queued() -> bool:
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if fields[1] == "->" and fields[5] == str(pid) and fields[6].endswith(inode):
                return True
        return False

    wait_for(queued)


def assert_one_line_naming_the_server(run: subprocess.Popen[str], proxy: CuttableProxy) -> str:
    """The ingest's standard output, once it has ended with exit status 2 and one line naming the proxy."""
    out, err = run.communicate(timeout=120)
    assert run.returncode == 2, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    assert len(err.strip().splitlines()) == 1, err[-3000:]
    assert err.startswith("boardmem: ") and f"127.0.0.1:{proxy.port}" in err, err
    return out


def test_the_server_going_away_while_documents_are_stored_is_one_line_and_exit_2(through_proxy, tmp_path):
    url, proxy, direct = through_proxy
    write_minutes(tmp_path / "minutes", 40)

    run = start_ingest(url, tmp_path / "data", tmp_path / "minutes")
    wait_for(lambda: documents(direct) >= 1)
    proxy.cut()

    assert_one_line_naming_the_server(run, proxy)
    assert documents(direct) < 40  # cut part way, not after the ingest had finished


def test_the_server_going_away_while_the_finished_ingest_holds_the_lock_is_one_line_and_exit_2(through_proxy, tmp_path):
    url, proxy, direct = through_proxy
    write_minutes(tmp_path / "minutes", 3)
    data_dir = tmp_path / "data"

    index_dir = load_config(env={"BOARDMEM_DATA_DIR": str(data_dir)}).index_dir
    # Held here, the index's lock keeps the ingest in its last step, every document stored, the write lock still its.
    with rebuilding(index_dir):
        run = start_ingest(url, data_dir, tmp_path / "minutes")
        wait_until_queued_for(index_dir.with_name(index_dir.name + ".lock"), run.pid)
        proxy.cut()

    out = assert_one_line_naming_the_server(run, proxy)
    assert out.count("added") == 3
    assert documents(direct) == 3


def test_the_line_names_the_server_but_neither_the_password_nor_the_statement(through_proxy):
    url, proxy, _ = through_proxy
    with_password = make_url(url).set(password="s3cret-pw").render_as_string(hide_password=False)
    engine = open_engine(with_password)  # the test server trusts its owner: the password is only carried
    proxy.cut()

    with pytest.raises(DBAPIError) as raised, Session(engine) as session:
        session.exec(select(Document)).all()

    assert is_database_fault(raised.value)
    line = database_fault(with_password, raised.value)
    assert line.startswith(f"lost the connection to PostgreSQL at 127.0.0.1:{proxy.port}")
    assert "s3cret" not in line and "SELECT" not in line and "\n" not in line
    engine.dispose()

"""`argmap serve`, `share` and `pull` for real: the server in a subprocess on loopback,
clients over real websockets, the rooms in SQLite on disk."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from pycrdt import Doc
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect as sync_connect

from argmap.cli_files import read_map as read_file
from argmap.model import ArgumentMap, ops
from argmap.share.client import ShareError, connected, pull_map, share_map
from argmap.share.layout import new_doc, read_map, write_map
from argmap.share.rooms import parse_room_url

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
ARGMAP = [sys.executable, "-m", "argmap"]


class Served:
    """`argmap serve` on a free loopback port, its log kept."""

    def __init__(self, data: Path, port: int = 0) -> None:
        self.data = data
        self.log = data.parent / "server.log"
        self.start = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [*ARGMAP, "serve", "--port", str(port), "--data", str(data)],
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        self.port = self._port()
        self.url = f"ws://127.0.0.1:{self.port}"

    def _port(self) -> int:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            said = self.text(self.start)
            found = re.findall(r"serving shared maps on ws://127.0.0.1:(\d+)", said)
            if found:
                return int(found[-1])
            assert self.proc.poll() is None, self.text()
            time.sleep(0.05)
        raise AssertionError("the server did not start: " + self.text())

    def text(self, start: int = 0) -> str:
        return self.log.read_bytes()[start:].decode("utf-8", errors="replace")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Served]:
    served = Served(tmp_path / "rooms")
    yield served
    served.stop()


def sample() -> ArgumentMap:
    return read_file(SAMPLE, None)[0]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ARGMAP, *args], capture_output=True, text=True, timeout=120)


def shared(server: Served) -> str:
    done = run("share", str(SAMPLE), "--server", server.url)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


# -- headless ------------------------------------------------------------------------------


def test_share_prints_the_room_url_last_and_pull_writes_the_map(
    server: Served, tmp_path: Path
) -> None:
    url = shared(server)
    parsed = parse_room_url(url)
    assert url.startswith(server.url + "/")
    assert len(parsed.room) >= 22 and len(parsed.token) >= 22  # 128 bits each
    out = tmp_path / "pulled.argmap.json"
    done = run("pull", url, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert read_file(out, None)[0] == sample()


def test_a_wrong_or_missing_secret_is_refused_in_one_line(server: Served, tmp_path: Path) -> None:
    url = shared(server)
    room = url.split("?")[0]
    out = tmp_path / "out.argmap.json"
    wrong = run("pull", room + "?token=" + "x" * 22, "-o", str(out))
    assert wrong.returncode == 1
    assert wrong.stderr == "argmap: the server refused: wrong or missing room secret\n"
    missing = run("pull", room, "-o", str(out))
    assert missing.returncode == 1
    assert missing.stderr == "argmap: the room URL has no secret (?token=…)\n"
    unknown = run("pull", server.url + "/" + "A" * 22 + "?token=" + "y" * 22, "-o", str(out))
    assert unknown.stderr == "argmap: the server refused: no such room on this server\n"
    assert not out.exists()


def test_pull_keeps_an_existing_file_unless_forced(server: Served, tmp_path: Path) -> None:
    url = shared(server)
    out = tmp_path / "mine.argmap.json"
    out.write_text("precious", encoding="utf-8")
    done = run("pull", url, "-o", str(out))
    assert done.returncode == 1 and "exists; --force writes over it" in done.stderr
    assert out.read_text(encoding="utf-8") == "precious"
    assert run("pull", url, "-o", str(out), "--force").returncode == 0
    assert read_file(out, None)[0] == sample()


def test_the_log_has_a_line_per_connection_and_never_a_secret(
    server: Served, tmp_path: Path
) -> None:
    url = shared(server)
    token = parse_room_url(url).token
    run("pull", url, "-o", str(tmp_path / "a.json"))
    run("pull", url.split("?")[0] + "?token=" + "z" * 22, "-o", str(tmp_path / "b.json"))
    log = server.text()
    assert token not in log and "z" * 22 not in log
    assert parse_room_url(url).room not in log  # a room is named by its first characters
    assert log.count("joined room") >= 2
    assert log.count("refused for room") == 1


def test_a_server_reachable_from_other_hosts_says_so(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*ARGMAP, "serve", "--host", "0.0.0.0", "--port", "0", "--data", str(tmp_path / "r")],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        assert first.startswith("argmap: warning: serving on 0.0.0.0, not loopback")
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_bad_port_or_server_address_is_one_line(tmp_path: Path) -> None:
    done = run("serve", "--port", "70000", "--data", str(tmp_path / "r"))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "not a port" in done.stderr
    done = run("share", str(SAMPLE), "--server", "http://example.org")
    assert done.returncode == 1 and done.stderr.startswith("argmap: --server: not a server address")
    done = run("share", str(SAMPLE), "--server", "ws://127.0.0.1:1")
    assert done.returncode == 1 and done.stderr.startswith("argmap: cannot reach ws://127.0.0.1:1")


# -- hostile clients -----------------------------------------------------------------------


def _garbage(rng: random.Random, valid: bytes) -> bytes:
    kind = rng.randrange(5)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 80)))
    if kind == 1:  # a sync update cut short
        return bytes([0, 2]) + valid[: rng.randrange(1, len(valid))]
    if kind == 2:  # a sync update with one byte changed
        body = bytearray(valid)
        body[rng.randrange(len(body))] = rng.randrange(256)
        return bytes([0, 2, len(body) & 0x7F]) + bytes(body)
    if kind == 3:  # an unknown message type
        return bytes([rng.randrange(2, 256)]) + valid[:10]
    return bytes([1]) + bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40)))


def test_random_and_truncated_messages_never_crash_the_server_or_change_the_room(
    server: Served, tmp_path: Path
) -> None:
    url = shared(server)
    before = anyio.run(pull_map, parse_room_url(url))
    rng = random.Random(20)
    valid = new_doc(ops.add_claim(ArgumentMap(), "x", node_id="x").map).get_update()
    closes = 0
    for _ in range(120):
        with sync_connect(url, open_timeout=10) as ws:
            ws.recv(timeout=10)  # the server's first sync step
            try:
                ws.send(_garbage(rng, valid))
                while True:
                    ws.recv(timeout=0.3)
            except TimeoutError:
                pass  # a message the room could take (an awareness update, say)
            except ConnectionClosed:
                closes += 1
    assert closes > 60
    assert server.proc.poll() is None
    assert anyio.run(pull_map, parse_room_url(url)) == before
    assert "Traceback" not in server.text()


def test_text_frames_are_refused_with_a_reason(server: Served) -> None:
    url = shared(server)
    with sync_connect(url, open_timeout=10) as ws:
        ws.recv(timeout=10)
        ws.send("hello")
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                ws.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1007


# -- durability ----------------------------------------------------------------------------


async def _edit_and_see(url_text: str) -> str:
    """A edits; returns once B has the edit (so the server has acknowledged it)."""
    url = parse_room_url(url_text)
    a: Doc[Any] = Doc()
    b: Doc[Any] = Doc()
    async with connected(url, a), connected(url, b):
        m = read_map(a)
        claim = m.tree.roots[0]
        text = m.nodes[claim].text + " (edited before the kill)"
        write_map(a, m, ops.edit_node(m, claim, text=text).map)
        with anyio.fail_after(10):
            while read_map(b).nodes[claim].text != text:
                await anyio.sleep(0.01)
    return text


def test_an_edit_another_client_has_seen_survives_sigkill(tmp_path: Path) -> None:
    served = Served(tmp_path / "rooms")
    try:
        url = shared(served)
        text = anyio.run(_edit_and_see, url)
        served.kill()
        port = served.port
        served = Served(tmp_path / "rooms", port)
        m = anyio.run(pull_map, parse_room_url(url))
        assert m.nodes[m.tree.roots[0]].text == text
    finally:
        served.stop()


def test_share_refuses_when_the_server_is_gone(tmp_path: Path) -> None:
    with pytest.raises(ShareError, match="cannot reach"):
        anyio.run(share_map, sample(), "ws://127.0.0.1:9")


def test_rooms_live_in_the_data_folder(server: Served) -> None:
    shared(server)
    assert (server.data / "rooms.sqlite").is_file() and (server.data / "keys.sqlite").is_file()
    assert os.stat(server.data / "keys.sqlite").st_size > 0

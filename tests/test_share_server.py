"""`argmap serve`, `share` and `pull` for real: the server in a subprocess on loopback,
clients over real websockets, the rooms in SQLite on disk."""

from __future__ import annotations

import contextlib
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
from pycrdt import Doc, Map
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
            if self.proc.poll() is not None:
                raise AssertionError(self.text())
            time.sleep(0.05)
        self.kill()  # never left running behind a failed test
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


def _answer_to(url: str, message: bytes) -> str:
    """ "closed" when the server closes the connection on `message`, "kept" when it
    takes it (an awareness update can be any bytes that decode as one)."""
    with sync_connect(url, open_timeout=10) as ws:
        ws.recv(timeout=10)  # the server's first sync step
        ws.send(message)
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:
            try:
                ws.recv(timeout=max(0.01, deadline - time.monotonic()))
            except TimeoutError:
                return "kept"
            except ConnectionClosed:
                return "closed"
        return "kept"


def test_random_and_truncated_messages_never_crash_the_server_or_change_the_room(
    server: Served, tmp_path: Path
) -> None:
    url = shared(server)
    before = anyio.run(pull_map, parse_room_url(url))
    rng = random.Random(20)
    valid = new_doc(ops.add_claim(ArgumentMap(), "x", node_id="x").map).get_update()
    answers = [_answer_to(url, _garbage(rng, valid)) for _ in range(120)]
    assert answers.count("closed") > 60 and answers.count("closed") + answers.count("kept") == 120
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


# -- found by the adversarial pass -------------------------------------------------------


def _var(n: int) -> bytes:
    from pycrdt import write_var_uint

    return bytes(write_var_uint(n))


def _item_under(parent_client: int, parent_clock: int, client: int = 424242) -> bytes:
    """A Yjs v1 update of one string item whose parent is the item (parent_client,
    parent_clock): it decodes alone, but under a string item it does not fit."""
    text = b"hi"
    body = bytes([0x04]) + _var(0) + _var(parent_client) + _var(parent_clock)
    body += _var(len(text)) + text
    return _var(1) + _var(1) + _var(client) + _var(0) + body + _var(0)


@contextlib.contextmanager
def _synced(url: str) -> Iterator[tuple[Any, Doc[Any]]]:
    """A raw client holding the room's document."""
    from pycrdt import create_sync_message, handle_sync_message

    with sync_connect(url, open_timeout=10) as ws:
        doc: Doc[Any] = Doc()
        ws.send(create_sync_message(doc))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            message = ws.recv(timeout=10)
            if isinstance(message, bytes) and message[:2] == b"\x00\x01":
                handle_sync_message(message[1:], doc)
                yield ws, doc
                return
            if isinstance(message, bytes) and message[:2] == b"\x00\x00":
                reply = handle_sync_message(message[1:], doc)
                if reply is not None:
                    ws.send(reply)
        raise AssertionError("no sync")


def _stored_rows(data: Path) -> tuple[int, int]:
    import sqlite3

    with sqlite3.connect(data / "rooms.sqlite") as db:
        count, size = db.execute("SELECT count(*), sum(length(yupdate)) FROM yupdates").fetchone()
    return int(count), int(size or 0)


def test_an_update_that_does_not_fit_the_room_is_refused_and_kept_out_of_its_store(
    tmp_path: Path,
) -> None:
    served = Served(tmp_path / "rooms")
    try:
        url = shared(served)
        with _synced(url) as (ws, doc):
            _send_misfit(ws, doc)
        text = anyio.run(_edit_and_see, url)  # a good edit after it
        served.kill()
        served = Served(tmp_path / "rooms", served.port)
        m = anyio.run(pull_map, parse_room_url(url))
        assert m.nodes[m.tree.roots[0]].text == text
        assert "closed in room" in served.text()
    finally:
        served.stop()


def _send_misfit(ws: Any, doc: Doc[Any]) -> None:
    """Send an update that decodes alone but does not fit `doc`; the server must close."""
    from pycrdt import Decoder, create_update_message

    vector = Decoder(doc.get_state())
    assert vector.read_var_uint() >= 1
    client, clock = vector.read_var_uint(), vector.read_var_uint()
    misfit = None
    for c in range(clock):  # an item of the room that is not a type: a string's
        probe: Doc[Any] = Doc()
        probe.apply_update(doc.get_update())
        try:
            probe.apply_update(_item_under(client, c))
        except Exception:
            misfit = _item_under(client, c)
            break
    assert misfit is not None
    Doc().apply_update(misfit)  # it decodes alone
    ws.send(create_update_message(misfit))
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            ws.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1007
    assert "does not fit the room" in closed.value.rcvd.reason


def test_bytes_after_an_update_and_echoes_are_not_stored(server: Served, tmp_path: Path) -> None:
    from pycrdt import create_update_message

    url = shared(server)
    for _ in range(5):
        anyio.run(pull_map, parse_room_url(url))  # readers store nothing
    count, size = _stored_rows(server.data)
    with _synced(url) as (ws, doc):
        before = doc.get_state()
        nodes = doc.get("nodes", type=Map)
        nodes[sorted(nodes.keys())[0]]["text"].insert(0, "x")
        update = doc.get_update(before)
        junk = b"\x01" * 100_000
        ws.send(create_update_message(update)[:2] + _var(len(update) + len(junk)) + update + junk)
        ws.send(create_update_message(update))  # the same again: an echo
        time.sleep(0.5)
    count_after, size_after = _stored_rows(server.data)
    assert count_after == count + 1
    assert size_after - size < 1000


def test_a_damaged_store_is_refused_in_one_line_not_served_as_empty_rooms(
    tmp_path: Path,
) -> None:
    served = Served(tmp_path / "rooms")
    shared(served)
    served.stop()
    store = tmp_path / "rooms" / "rooms.sqlite"
    before = store.read_bytes()
    data = bytearray(before)
    data[0:100] = b"\xff" * 100  # its header: SQLite cannot read it
    store.write_bytes(bytes(data))
    done = run("serve", "--port", "0", "--data", str(tmp_path / "rooms"))
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "cannot keep rooms there" in done.stderr and "not a database" in done.stderr
    assert store.read_bytes() == bytes(data)  # left as it was, for the user to restore


def test_presence_for_too_many_people_or_not_an_object_is_refused(server: Served) -> None:
    from pycrdt import Encoder, create_awareness_message

    url = shared(server)
    for count, state in ((20_000, "{}"), (1, "[1, 2]"), (1, "{not json")):
        encoder = Encoder()
        encoder.write_var_uint(count)
        for k in range(min(count, 50)):
            encoder.write_var_uint(1000 + k)
            encoder.write_var_uint(1)
            encoder.write_var_string(state)
        with sync_connect(url, open_timeout=10) as ws:
            ws.recv(timeout=10)
            ws.send(create_awareness_message(encoder.to_bytes()))
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    ws.recv(timeout=5)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1007
            assert "presence" in closed.value.rcvd.reason


def test_odd_urls_addresses_and_folders_are_one_line_each(tmp_path: Path) -> None:
    secret = "B" * 22
    cases = [
        (("pull", f"ws://[::1/{'A' * 22}?token={secret}", "-o", "x.json"), "not a room URL ("),
        (("pull", f"ws://h:1/{'A' * 22}?token=a&token=b", "-o", "x.json"), "two secrets"),
        (("pull", f"ws://h:1/{'A' * 22}?token=a%20b", "-o", "x.json"), "characters a room URL"),
        (("share", str(SAMPLE), "--server", "ws://[::1"), "--server: not a server address"),
        (("share", str(SAMPLE), "--server", "127.0.0.1:1/x?y=1"), "without a path"),
        (("serve", "--data", str(SAMPLE)), "is not a folder"),
    ]
    for args, words in cases:
        done = subprocess.run(
            [*ARGMAP, *args], capture_output=True, text=True, timeout=60, cwd=tmp_path
        )
        assert done.returncode == 1, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and words in done.stderr, (args, done.stderr)
        assert "internal error" not in done.stderr and secret not in done.stderr


def test_a_port_in_use_and_a_keys_file_that_is_a_folder_are_one_line(
    server: Served, tmp_path: Path
) -> None:
    done = run("serve", "--port", str(server.port), "--data", str(tmp_path / "other"))
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"argmap: cannot listen on 127.0.0.1:{server.port}")
    (tmp_path / "broken" / "keys.sqlite").mkdir(parents=True)
    done = run("serve", "--port", "0", "--data", str(tmp_path / "broken"))
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "cannot keep rooms there" in done.stderr and "internal error" not in done.stderr

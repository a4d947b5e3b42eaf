"""The shared-map commands: `argmap serve`, `argmap share MAP --server URL` and
`argmap pull URL -o OUT` (docs/collaboration.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from argmap.cli_output import file_name, tell, write

EXIT_OK, EXIT_FAIL = 0, 1


def add_share_commands(sub: Any) -> None:
    serve = sub.add_parser(
        "serve",
        help="serve shared maps to argmap apps (a Yjs websocket server)",
        description=(
            "Serve rooms of shared maps until stopped with Ctrl+C. Each room is a URL, "
            "ws://HOST:PORT/ROOM?token=SECRET, which 'argmap share' and File > Share Map "
            "make; anyone with it can edit that map. Rooms are kept in --data (default: "
            f"{data_folder()}). docs/collaboration.md has the set-up and the security model."
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8731, help="port (8731; 0 picks a free one)")
    serve.add_argument("--data", type=Path, help="the folder the rooms are kept in")
    share = sub.add_parser(
        "share",
        help="make a shared room of a map and print its URL",
        description="Make a room on a server holding MAP; its URL is the last line printed.",
    )
    share.add_argument("map", type=Path, help="the map (any format argmap reads)")
    share.add_argument("--server", required=True, help="the server, ws://HOST:PORT")
    share.add_argument("--from", dest="source_format", help="input format")
    pull = sub.add_parser(
        "pull",
        help="write a shared room's current map to a file",
        description="Write the map a room holds now to OUTPUT, as an argmap file.",
    )
    pull.add_argument("url", help="the room's URL, ws://HOST:PORT/ROOM?token=…")
    pull.add_argument("-o", "--output", type=Path, required=True, help="the argmap file to write")
    pull.add_argument("--force", action="store_true", help="write over OUTPUT")


def data_folder() -> Path:
    from argmap.desktop import data_home

    return data_home() / "argmap" / "rooms"


def run_serve(args: argparse.Namespace) -> int:
    import anyio

    from argmap.share.server import Server, log_line

    if not 0 <= args.port <= 65535:
        tell(f"argmap: --port {args.port}: not a port number (0 to 65535)")
        return EXIT_FAIL
    if not _is_loopback(args.host):
        tell(
            f"argmap: warning: serving on {args.host}, not loopback: anyone who can reach it "
            "can make rooms; put TLS in front (docs/collaboration.md)"
        )
    import sqlite3

    data = args.data or data_folder()
    if data.exists() and not data.is_dir():
        tell(f"argmap: {file_name(data)}: is not a folder; --data needs a folder for the rooms")
        return EXIT_FAIL
    try:
        server = Server(data, log_line)
    except (OSError, sqlite3.Error) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        tell(f"argmap: {file_name(data)}: cannot keep rooms there ({why})")
        return EXIT_FAIL

    def started(port: int) -> None:
        where = f"ws://{_host_in_url(args.host)}:{port}"
        log_line(f"serving shared maps on {where} (rooms in {file_name(data)}; Ctrl+C stops)")

    try:
        anyio.run(server.run, args.host, args.port, started)
    except KeyboardInterrupt:
        return EXIT_OK
    except (OSError, BaseExceptionGroup) as exc:
        failed = _os_error(exc)
        if failed is None:
            raise
        why = failed.strerror or failed
        tell(f"argmap: cannot listen on {args.host}:{args.port} ({why})")
        return EXIT_FAIL
    return EXIT_OK


def _os_error(exc: BaseException) -> OSError | None:
    """The OSError in `exc`, as anyio's task groups wrap it."""
    if isinstance(exc, OSError):
        return exc
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            found = _os_error(inner)
            if found is not None:
                return found
    return None


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_in_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def run_share(args: argparse.Namespace) -> int:
    import anyio

    from argmap.cli_files import read_map
    from argmap.share.client import ShareError, share_map
    from argmap.share.rooms import RoomUrlError, server_address

    try:
        server = server_address(args.server)
    except RoomUrlError as exc:
        tell(f"argmap: --server: {exc}")
        return EXIT_FAIL
    m = read_map(args.map, args.source_format)[0]
    try:
        url = anyio.run(share_map, m, server)
    except ShareError as exc:
        tell(f"argmap: {exc}")
        return EXIT_FAIL
    tell(f"argmap: shared {len(m.nodes)} nodes; anyone with this URL can edit the map:")
    write(f"{url}\n")
    return EXIT_OK


def run_pull(args: argparse.Namespace) -> int:
    import anyio

    from argmap.formats.native import save
    from argmap.share.client import ShareError, pull_map
    from argmap.share.layout import LayoutError
    from argmap.share.rooms import RoomUrlError, parse_room_url

    try:
        url = parse_room_url(args.url)
    except RoomUrlError as exc:
        tell(f"argmap: {exc}")
        return EXIT_FAIL
    if args.output.exists() and not args.force:
        tell(f"argmap: {file_name(args.output)} exists; --force writes over it")
        return EXIT_FAIL
    try:
        m = anyio.run(pull_map, url)
    except (ShareError, LayoutError) as exc:  # EmptyRoomError too: nothing is written
        tell(f"argmap: {exc}")
        return EXIT_FAIL
    save(m, args.output)
    tell(f"wrote {file_name(args.output)} ({len(m.nodes)} nodes, room {url.short})")
    return EXIT_OK

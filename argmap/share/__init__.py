"""Shared maps: one map edited live by several people, on pycrdt (Yrs, the Rust port of
Yjs) and a Yjs websocket server (docs/collaboration.md).

layout: the shared document's layout, and a map read from it (always valid) and
written into it (as the fewest changes).  rooms: room URLs and their secrets.
server: `argmap serve`.  client: a replica connected to a room (`share`, `pull`, the
app).  Nothing here imports Qt.
"""

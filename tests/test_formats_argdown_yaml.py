"""The front matter read through a YAML parser, as the Argdown tool reads it.

argmap takes five things from an Argdown front matter: the title, the description and
the settings `model.mode: strict`, `model.explodeArguments`, `model.removeTagsFromText`.
The tool (js-yaml 4, YAML 1.2) is the referee: `TOOL_READS` pins what it reads from odd
but valid YAML (and `test_the_table_is_what_the_tool_reads` asks it, when installed);
`REFUSED` is YAML it refuses, which argmap does not read: the map still opens, and a
warning names the line and the problem (the front matter's title and settings stay
unread).  Hostile front matter (an alias bomb, a Python tag, huge, deep) is turned
down fast, the same way.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from argmap.formats.argdown import load_argdown, parse, read_argdown, write_argdown
from argmap.formats.argdown.frontmatter import FrontMatter, read_front_matter
from argmap.formats.argdown.yamldata import MAX_DEPTH, MAX_VALUES
from argmap.model import ArgumentMap, Node
from tests.conftest import ROOT
from tests.limits import time_limit

BODY = "[A]: a #t\n  - [B]: b\n\n<X>\n\n(1) p\n-- r --\n(2) q\n-- s --\n(3) c\n"
NONE = ("", "", False, False, False)

#: (front matter, (title, description, strict, explode, remove tags)) as the tool reads
#: them; a block scalar's final line break is not part of a title (the tool's HTML,
#: where the title shows, does not show it)
TOOL_READS = [
    ("title: >\n  A first example\n  (folded)\n", ("A first example (folded)", "", *NONE[2:])),
    ("title: |\n  two\n  lines\n", ("two\nlines", "", *NONE[2:])),
    ("title: Why the Fed\n    Financial Crisis", ("Why the Fed Financial Crisis", *NONE[1:])),
    ("'title': a quoted key\ndescription: d", ("a quoted key", "d", *NONE[2:])),
    ("title: 'it''s'", ("it's", *NONE[1:])),
    ('title: "A\\x41\\u00e9\\U0001F600\\/"', ("AAé\U0001f600/", *NONE[1:])),
    ('title: "a \\ud83d\\ude00"', ("a \U0001f600", *NONE[1:])),
    ("title: a # a comment", ("a", *NONE[1:])),
    ("title: a#b", ("a#b", *NONE[1:])),
    ("title: a\u2028b\u2029c\x85d", ("a\u2028b\u2029c\x85d", *NONE[1:])),
    ("title: x\n\t\n  \t \ndescription: y", ("x", "y", *NONE[2:])),  # lines of tabs
    ("title: [a, b]\ndescription: ~", NONE),
    ("title:\n  - a\n  - b", NONE),
    ("- a list\n- not a mapping", NONE),
    ("model:\n  mode: 'strict'", ("", "", True, False, False)),
    ("model: {mode: strict, removeTagsFromText: true}", ("", "", True, False, True)),
    ("model:\n  mode: strict-ish", NONE),
    ("model:\n  mode: Strict", NONE),
    ("model:\n  sub:\n    mode: strict", NONE),
    ("model:\n  mode: loose\nother:\n  mode: strict", NONE),
    ("model:\n  <<: {mode: strict}", ("", "", True, False, False)),
    ("model:\n  explodeArguments: yes", ("", "", False, True, False)),  # a string: true
    ("model:\n  explodeArguments: 0x0", NONE),
    ("model:\n  explodeArguments: .nan", NONE),
    ("model:\n  explodeArguments: []", ("", "", False, True, False)),
    ("model:\n  removeTagsFromText: 'false'", ("", "", False, False, True)),
    ("model:\n  removeTagsFromText: 0", NONE),
    ("model:\n  removeTagsFromText: !!bool TRUE", ("", "", False, False, True)),
    ("model:\n  removeTagsFromText:\n", NONE),
    ("# model:\n#   mode: strict\n", NONE),
    ("model: strict", NONE),
]

#: (front matter, its line of the refusal, what argmap says): each the tool refuses too
REFUSED = [
    ("model:\n\tmode: strict", 2, "found character '\\t' that cannot start any token"),
    ("title: a\ntitle: b", 2, "duplicated mapping key (title)"),
    ("1: a\n'1': b", 2, "duplicated mapping key (1)"),
    ("title: [unclosed", 1, "expected ',' or ']', but got '<stream end>'"),
    ("title: x\n---\ntitle: y", 2, "expected a single document in the stream, but found more"),
    ("t: !!python/object/apply:os.system [x]", 1, "unknown tag !!python/object/apply:os.system"),
    ("t: !custom x", 1, "unknown tag !custom"),
    ("t: !!int x", 1, "cannot resolve a node with !!int explicit tag"),
    ("title: a\x01", 1, "unacceptable character #x0001"),
    ("x: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH, 1, f"nested more than {MAX_DEPTH} deep"),
]


def document(front: str) -> str:
    return f"===\n{front}\n===\n\n{BODY}"


@pytest.mark.parametrize(("front", "expected"), TOOL_READS, ids=range(len(TOOL_READS)))
def test_the_front_matter_reads_as_the_tool_reads_it(
    front: str, expected: tuple[str, str, bool, bool, bool]
) -> None:
    doc = parse(document(front))
    settings = doc.settings
    got = (settings.title, settings.description, settings.strict, settings.explode)
    assert (*got, settings.remove_tags) == expected
    m = read_argdown(document(front))
    assert (m.title, m.description) == (expected[0] or "", expected[1])
    # ...and the settings act on the body as the tool's do
    texts = {n.title: n.text for n in m.nodes.values()}
    assert texts["A"] == ("a " if expected[4] else "a #t")
    by_title = {n.title: n for n in m.nodes.values()}
    assert by_title["B"].meta.get("relation") == ("contrary" if expected[2] else None)
    assert by_title["X"].meta["argdown"].get("exploded") == (2 if expected[3] else None)


def test_a_title_is_its_value_as_written_a_number_too() -> None:
    """The tool's HTML would show String(1.5), "1.5"; argmap keeps what the author wrote."""
    m = read_argdown(document("title: !!float 1.50\ndescription: 0x10"))
    assert (m.title, m.description) == ("1.50", "0x10")


UNREAD = "; its title and settings are not read"


def unread(text: str, seconds: float = 5.0) -> str:
    """The one warning of a document whose front matter argmap does not read; the
    rest of the document is read all the same."""
    with time_limit(seconds):
        m = read_argdown(text)
    warnings = m.meta["argdown"]["warnings"]
    assert len(warnings) == 1, warnings
    assert m.title == ""
    assert {n.text for n in m.nodes.values()} >= {"a #t", "b"}  # BODY, read all the same
    message = warnings[0]
    assert message.endswith(UNREAD)
    assert "\n" not in message and len(message) <= 200 + len(UNREAD)
    return message.removesuffix(UNREAD)


@pytest.mark.parametrize(("front", "line", "says"), REFUSED, ids=range(len(REFUSED)))
def test_yaml_the_tool_refuses_opens_the_map_with_a_warning_naming_the_line(
    tmp_path: Path, front: str, line: int, says: str
) -> None:
    path = tmp_path / "map.argdown"
    path.write_text(document(front), encoding="utf-8")
    before = path.read_bytes()
    m = load_argdown(path)
    assert m.meta["argdown"]["warnings"] == [
        f"line {line + 1}: the front matter's YAML: {says}{UNREAD}"
    ]
    assert m.title == "" and len(m.nodes) >= 2
    assert path.read_bytes() == before


def test_the_line_named_counts_the_lines_before_the_front_matter() -> None:
    m = read_argdown("\n\n===\n\nx: 1\nx: 2\n===\n\n[A]: a\n")
    assert m.meta["argdown"]["warnings"][0].startswith("line 6: the front matter's YAML: dup")


def _tool_yaml() -> Path | None:
    js_yaml = ROOT / ".tools" / "argdown" / "node_modules" / "js-yaml"
    return js_yaml if js_yaml.is_dir() and shutil.which("node") else None


#: the tool's own reading: DataPlugin's yaml.load, ModelPlugin's and
#: ExplodeArgumentsPlugin's tests of the settings, HtmlExportPlugin's title
_TOOL_SCRIPT = """
const yaml = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const obj = x => x !== null && typeof x === 'object' && !Array.isArray(x);
const text = v => typeof v === 'string' ? v.replace(/\\n+$/, '') : '';
process.stdout.write(JSON.stringify(input.map(raw => {
  let data;
  try { data = yaml.load(raw); } catch (e) { return null; }
  const m = obj(data) && obj(data.model) ? data.model : {};
  return [obj(data) ? text(data.title) : '', obj(data) ? text(data.description) : '',
          m.mode === 'strict', !!m.explodeArguments, !!m.removeTagsFromText];
})));
"""


@pytest.mark.skipif(_tool_yaml() is None, reason="the Argdown tool (its js-yaml) and node")
def test_the_table_is_what_the_tool_reads() -> None:
    fronts = [front for front, _ in TOOL_READS] + [front for front, _, _ in REFUSED]
    run = subprocess.run(
        ["node", "-e", _TOOL_SCRIPT, str(_tool_yaml())],
        input=json.dumps(fronts),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    tool = json.loads(run.stdout)
    assert tool == [list(expected) for _, expected in TOOL_READS] + [None] * len(REFUSED)


# -- hostile front matter: refused fast, nothing run, nothing expanded ------------------


def test_an_alias_bomb_is_turned_down_at_its_first_alias() -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 12):  # 9 ** 12 values, were they expanded
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}' if i > 1 else '*a'] * 9)}]")
    message = unread(document("\n".join(lines)), 1.0)
    assert message == "line 3: the front matter's YAML: found an alias (*a), " + (
        "which argmap does not read"
    )


def test_a_python_tag_runs_nothing(tmp_path: Path) -> None:
    ran = tmp_path / "ran"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        message = unread(document(f'x: {tag} ["touch {ran}"]'))
        assert message == f"line 2: the front matter's YAML: unknown tag {tag}"
    assert unread(document("x: !!python/name:os.system ''")).endswith(
        "unknown tag !!python/name:os.system"
    )
    assert not ran.exists()


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 1_000_000])
def test_deep_nesting_is_turned_down_at_the_tools_depth(depth: int) -> None:
    flow = "x: " + "[" * depth + "]" * depth
    assert unread(document(flow)).endswith(f"nested more than {MAX_DEPTH} deep")
    block = "".join(" " * (2 * i) + "k:\n" for i in range(min(depth, 1_000)))
    assert unread(document(block)).endswith(f"nested more than {MAX_DEPTH} deep")
    deepest = "x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)  # the tool reads it
    assert parse(document(deepest + "\ntitle: t")).settings.title == "t"


def test_a_huge_front_matter_is_turned_down_at_the_value_cap_fast_a_huge_value_read() -> None:
    keys = "".join(f"k{i}: v\n" for i in range(300_000))
    assert unread(document(keys), 3.0) == (
        f"line {MAX_VALUES // 2 + 1}: the front matter's YAML: more than {MAX_VALUES:,} values"
    )
    flow = "x: [" + "a, " * 1_000_000 + "]"
    assert unread(document(flow), 3.0).endswith(f"more than {MAX_VALUES:,} values")
    merges = "".join(
        f"m{i}: {{<<: {{{', '.join(f'k{j}: 1' for j in range(60))}}}}}\n" for i in range(500)
    )
    assert unread(document(merges), 3.0).endswith(f"more than {MAX_VALUES:,} values")
    words = "word " * 600_000
    with time_limit(10.0):
        m = read_argdown(document(f'description: "{words}"'))
    assert m.description == words


def test_control_characters_are_refused_in_values_only_as_the_tool_refuses_them() -> None:
    """A million U+2028 (a line break in YAML 1.1, not in 1.2) in a value and control
    characters in a comment, which the tool reads and PyYAML's own reader refuses; in
    a plain value the tool refuses U+007F, in a quoted one only what is below U+0020."""
    with time_limit(10.0):
        doc = parse(document("# " + "\x01\x7f" * 200_000 + "\ntitle: " + "\u2028" * 1_000_000))
    assert doc.settings.title == "\u2028" * 1_000_000
    assert parse(document('title: "a\x7f"')).settings.title == "a\x7f"
    assert unread(document("title: a\x7f")).endswith("unacceptable character #x007F")
    assert unread(document("title: 'a\x1f'")).endswith("unacceptable character #x001F")


# -- writing: what argmap writes, it and the tool read back -----------------------------


def _with_front_matter(original: str, title: str) -> ArgumentMap:
    node = Node(id="s1", text="a")
    return ArgumentMap(nodes=[node], title=title, meta={"argdown": {"front_matter": original}})


@pytest.mark.parametrize(
    "original",
    [
        '"title": Old\ncolor: {a: 1}',  # a key the merge does not see as the title
        "color: {a: 1,\n  removeTagsFromText: true}",  # a flow mapping over lines
        "x: [unclosed",  # not YAML: kept in a map's data, never read
    ],
)
def test_a_front_matter_the_merge_would_break_keeps_argmaps_lines_alone(original: str) -> None:
    text = write_argdown(_with_front_matter(original, "New"))
    assert yaml.safe_load(text.split("===\n")[1]) == {"title": "New"}
    assert read_argdown(text).title == "New"
    kept = write_argdown(_with_front_matter("author: Me\ncolor:\n  a: 1", "New"))
    assert kept.startswith('===\ntitle: "New"\nauthor: Me\ncolor:\n  a: 1\n===\n')


@pytest.mark.parametrize(
    ("front", "title"),
    [
        ("<<: {title: X}", "X"),
        ("title: Y\n<<: {title: X}", "Y"),  # a key of its own wins over a merged one
        ("<<: {title: X}\ntitle: Y", "Y"),
        ("<<: [{title: X}, {title: Z}]", "X"),  # the first mapping of the list wins
        ("<<: [{a: 1}, {title: Z}]", "Z"),
        ("<<: [{a: 1}, {b: {title: Q}}]", ""),
    ],
)
def test_merge_keys_read_as_js_yaml_merges_them(front: str, title: str) -> None:
    """Mutation testing left the merge's guards untested; js-yaml 4.3 read each so."""
    assert read_front_matter(front) == FrontMatter(raw=front, title=title)


@pytest.mark.parametrize("front", ["<<: 1", "<<: [1]", "<<: [{a: 1}, x]", "<<: [[{title: X}]]"])
def test_a_merge_of_what_is_not_a_mapping_is_not_read(front: str) -> None:
    assert read_front_matter(front).problem == (
        "line 1: the front matter's YAML: cannot merge mappings; the source is not a mapping"
        + UNREAD
    )

"""The one tolerant JSON store behind settings and progress."""

from __future__ import annotations

import os
import stat

import pytest

from dreamscape.app.json_store import MAX_JSON_BYTES, JsonStore

STORE = JsonStore("things", "starting over", "bad bits", "skipping those")


def test_missing_file_is_silent(tmp_path):
    assert STORE.read(tmp_path / "none.json") == (None, None)


def test_a_written_object_reads_back(tmp_path):
    path = tmp_path / "deep" / "folder" / "x.json"
    assert STORE.write(path, {"a": [1, 2]}) == path
    assert path.read_text() == '{\n  "a": [\n    1,\n    2\n  ]\n}\n'
    assert STORE.read(path) == ({"a": [1, 2]}, None)


@pytest.mark.parametrize(
    "content, detail",
    [
        (b"[1, 2]", "expected a JSON object, got list"),
        (b"{", "line 1: Expecting property name"),
        (b"\xff{}", "not UTF-8 text at byte 0"),
        (b"[" * 100_000, "nested too deeply"),
        (b" " * (MAX_JSON_BYTES + 1), "a JSON file is at most 256 KiB"),
    ],
)
def test_an_unusable_file_gives_no_data_and_one_line(tmp_path, content, detail):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    data, message = STORE.read(path)
    assert data is None
    assert message is not None and "\n" not in message
    assert message.startswith(f"things file {path} is unreadable (") and message.endswith("); starting over")
    assert detail in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting(tmp_path):
    path = tmp_path / "x.json"
    os.mkfifo(path)
    assert stat.S_ISFIFO(path.stat().st_mode)
    data, message = STORE.read(path)
    assert data is None and message is not None and "FIFO" in message


def test_problems_notice_names_the_file_and_elides_long_lists(tmp_path):
    path = tmp_path / "x.json"
    assert STORE.problems_notice(path, []) is None
    notice = STORE.problems_notice(path, ["one", "two", "three", "four\nfive", "six"])
    assert notice == f"things file {path} has bad bits (one; two; three; and 2 more); skipping those"

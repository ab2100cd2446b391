"""Atomic outputs: nothing half-written at a final path, clear disk-full errors."""

from __future__ import annotations

import errno
import os

import pytest

from mathreel.core.errors import MathreelError
from mathreel.core.files import atomic_path, write_json, write_text


def test_failure_keeps_the_previous_file(tmp_path):
    target = tmp_path / "lesson.json"
    write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("crash mid-write")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.json"]


def test_disk_full_is_one_line_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "manifest.json"
    write_json(target, {"ok": 1})

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(
        MathreelError, match=r"disk full while writing .*manifest\.json"
    ):
        write_json(target, {"ok": 2})
    monkeypatch.undo()
    assert target.read_text().strip() == '{\n  "ok": 1\n}'
    assert len(list(tmp_path.iterdir())) == 1


def test_written_files_follow_the_umask(tmp_path):
    target = tmp_path / "a.txt"
    write_text(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask

"""Files written safely: a temporary file in the same directory, then a rename.

A reader never sees a half-written output, a crash or a full disk never destroys
the previous version, and a disk-full error reaches the user as one clear line.

This is the rule for every file several processes share, so none of them needs
a lock to be correct: the plan and step-cost caches (``<cache>/plans``,
``<cache>/costs``), the narration line cache (``<cache>/voice``), the TeX cache
(``<cache>/tex``, see :mod:`mathreel.patches.texlock`), progress files, lesson outputs
and records, previews and pages. Concurrent writers of one key write whole files
of the same content, and the last rename wins. The few locks mathreel takes,
and what each protects, are listed in :mod:`mathreel.core.locks`.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mathreel.core.errors import MathreelError

__all__ = ["atomic_path", "cache_dir", "write_json", "write_text"]


def cache_dir() -> Path:
    """mathreel's cache: ``$MATHREEL_CACHE``, else ``$XDG_CACHE_HOME/mathreel``."""
    env = os.environ.get("MATHREEL_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mathreel"


@contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``final``; rename it into place on success."""
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        prefix=f".{final.name}.", suffix=".part", dir=final.parent
    )
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, final)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        if error.errno == errno.ENOSPC:
            raise MathreelError(
                f"disk full while writing {final}: free some space and re-run "
                "(finished outputs are kept)"
            ) from None
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as indented JSON to ``path`` atomically."""
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

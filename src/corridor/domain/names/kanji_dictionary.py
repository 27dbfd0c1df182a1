"""pykakasi's kanji dictionary read a character at a time, from a cache on disk.

pykakasi reads kanji with a dictionary of 270,000 words that it unpickles whole on first use:
0.2 to 0.5 s and 120 MiB in every process that meets one Japanese name (a border check's API
worker, a bulk run), where a register's Japanese names need a few hundred of its 6,800
first characters. So the dictionary is written once, by its first character, into an SQLite
file in the cache directory (``CORRIDOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/corridor`` or
``~/.cache/corridor``), and pykakasi is given a table that reads the entries of a character
when it first asks for them. pykakasi still does all the reading; only where its dictionary
comes from changes. Where the cache cannot be written or read, pykakasi loads its own file as
before: the readings are the same either way (tests hold them to it).
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import tempfile
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

Entries = dict[str, list[Any]]  # word -> [reading, okurigana it needs, or None], as pykakasi's
SCHEMA = 1  # bump when the file's layout changes: an old file is then written anew


class CachedKanwa:
    """What pykakasi asks of its dictionary (``get`` by a character's code point), read from
    the cache file as asked and remembered."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._connection: tuple[int, sqlite3.Connection] | None = None
        self._read: dict[int, Entries | None] = {}
        self._lock = threading.Lock()  # an API server's threads share one dictionary
        self.get(ord("一"))  # a file that cannot be read fails here, not in a name's reading

    def get(self, code: int, default: Entries | None = None) -> Entries | None:
        try:
            found = self._read[code]
        except KeyError:
            with self._lock:
                row = (
                    self._connected()
                    .execute("SELECT entries FROM kanwa WHERE code = ?", (code,))
                    .fetchone()
                )
            found = self._read[code] = None if row is None else json.loads(row[0])
        return default if found is None else found

    def _connected(self) -> sqlite3.Connection:
        """This process's connection: a forked worker opens its own (SQLite connections must
        not cross a fork)."""
        if self._connection is None or self._connection[0] != os.getpid():
            uri = f"file:{self._path}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._connection = (os.getpid(), connection)
        return self._connection[1]


def use_cached_kanwa(cache_dir: Path | None = None) -> bool:
    """Give pykakasi the cached dictionary (written first if need be), before it loads its
    own; False, and pykakasi left as it was, where that cannot be done."""
    from pykakasi.kanji import Kanwa
    from pykakasi.properties import Configurations

    state: dict[str, Any] | None = getattr(Kanwa, "_shared_state", None)
    if state is None or "_jisyo_table" not in state:  # a pykakasi this was not written for
        return False
    if state["_jisyo_table"] is not None:
        return True  # already loaded, in one form or the other
    source = Path(str(Configurations.data_path / Configurations.jisyo_kanwa))
    try:
        table = cached_table(source, cache_dir or default_cache_dir())
    except (OSError, EOFError, sqlite3.Error, pickle.UnpicklingError):
        return False
    with state["_lock"]:
        if state["_jisyo_table"] is None:
            state["_jisyo_table"] = table
    return True


def cached_table(source: Path, cache_dir: Path) -> CachedKanwa:
    """The cached form of pykakasi's dictionary file ``source``, written first if it is not
    there yet, and written again if what is there cannot be read (a disk that filled up)."""
    path = _cache_file(source, cache_dir)
    try:
        return CachedKanwa(path)
    except sqlite3.Error:
        path.unlink(missing_ok=True)
        return CachedKanwa(_cache_file(source, cache_dir))


def default_cache_dir() -> Path:
    """``CORRIDOR_CACHE_DIR``, else the user's cache directory (XDG) under ``corridor``."""
    configured = os.environ.get("CORRIDOR_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "corridor"


def _cache_file(source: Path, cache_dir: Path) -> Path:
    """The cache file for pykakasi's dictionary ``source``, written if it is not there yet
    (to a file of its own, then renamed: a process reading meanwhile never sees half)."""
    stamp = f"{metadata.version('pykakasi')}-{source.stat().st_size}-{SCHEMA}"
    path = cache_dir / f"pykakasi-kanwa-{stamp}.sqlite3"
    if path.exists():
        return path
    cache_dir.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as handle:
        words: dict[int, Entries] = pickle.load(handle)  # noqa: S301 - pykakasi's own file
    handle_fd, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".partial")
    os.close(handle_fd)
    try:
        with sqlite3.connect(temporary) as connection:
            connection.execute("CREATE TABLE kanwa (code INTEGER PRIMARY KEY, entries TEXT)")
            connection.executemany(
                "INSERT INTO kanwa VALUES (?, ?)",
                (
                    (code, json.dumps(entries, ensure_ascii=False))
                    for code, entries in words.items()
                ),
            )
        connection.close()
        os.chmod(temporary, 0o644)  # a dictionary, not a secret: other accounts may share it
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path

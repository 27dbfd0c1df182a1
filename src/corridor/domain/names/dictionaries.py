"""The romanisation libraries' dictionaries, read a character at a time from a cache on disk.

pykakasi unpickles its kanji dictionary (270,000 words) whole on first use, and pypinyin
imports its 47,000 phrases and indexes every prefix of them: together 0.3 to 0.6 s and
180 MiB in each process that meets one Japanese or Chinese name (a border check's API worker,
a bulk run), where a register's names need the entries of a few hundred first characters. So
each dictionary is written once, by first character, into an SQLite file in the cache
directory (``CORRIDOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/corridor`` or ``~/.cache/corridor``),
and the library is given the entries of a character when it first needs them. The libraries
still do all the reading; only where their dictionaries come from changes. Where no cache can
be written or read, a library loads its own dictionary as before: the readings are the same
either way (tests hold them to it). No library offers such a lazy form.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import pickle
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

SCHEMA = 2  # bump when the files' layout changes: an old file is then written anew
Words = dict[int, Any]  # a dictionary's entries by the code point of their first character
# what leaves a library to load its own dictionary: no cache directory (RuntimeError: no home
# directory to put one in), an unwritable or broken file
_ERRORS = (OSError, RuntimeError, EOFError, sqlite3.Error, pickle.UnpicklingError, ValueError)


class CachedTable:
    """A dictionary's entries for one first character (``get`` by its code point), read from
    the cache file as asked and remembered."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._connection: tuple[int, sqlite3.Connection] | None = None
        self._read: dict[int, Any] = {}
        self._lock = threading.Lock()  # an API server's threads share one dictionary
        self.get(ord("一"))  # a file that cannot be read fails here, not in a name's reading

    def get(self, code: int, default: Any = None) -> Any:
        try:
            found = self._read[code]
        except KeyError:
            with self._lock:
                row = (
                    self._connected()
                    .execute("SELECT entries FROM words WHERE code = ?", (code,))
                    .fetchone()
                )
            # marshal: ten times faster than JSON for a common character's thousands of words;
            # the file is this node's own, written below from the library's
            found = self._read[code] = None if row is None else marshal.loads(row[0])  # noqa: S302
        return default if found is None else found

    def _connected(self) -> sqlite3.Connection:
        """This process's connection: a forked worker opens its own (SQLite connections must
        not cross a fork)."""
        if self._connection is None or self._connection[0] != os.getpid():
            uri = f"file:{self._path}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._connection = (os.getpid(), connection)
        return self._connection[1]


def cached_table(
    name: str, source: Path, words: Callable[[], Words], cache_dir: Path
) -> CachedTable:
    """The cached form of the dictionary ``words`` loads from ``source`` (a library's file,
    whose size and library version name the cache file), written first if it is not there
    yet, and written again if what is there cannot be read (a disk that filled up)."""
    from importlib import metadata  # 20 ms to import: only where a CJK name is read

    stamp = f"{metadata.version(name)}-{source.stat().st_size}-{SCHEMA}.{marshal.version}"
    path = cache_dir / f"{name}-{source.stem}-{stamp}.sqlite3"
    if not path.exists():
        for older in cache_dir.glob(f"{name}-{source.stem}-*.sqlite3"):
            older.unlink(missing_ok=True)  # another version's: never read again
        _write(path, words())
    try:
        return CachedTable(path)
    except sqlite3.Error:
        path.unlink(missing_ok=True)
        _write(path, words())
        return CachedTable(path)


def default_cache_dir() -> Path:
    """``CORRIDOR_CACHE_DIR``, else the user's cache directory (XDG) under ``corridor``."""
    configured = os.environ.get("CORRIDOR_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "corridor"


def use_cached_kanwa(cache_dir: Path | None = None) -> bool:
    """Give pykakasi the cached kanji dictionary (written first if need be) before it loads
    its own; False, and pykakasi left as it was, where that cannot be done."""
    from pykakasi.kanji import Kanwa
    from pykakasi.properties import Configurations

    state: dict[str, Any] | None = getattr(Kanwa, "_shared_state", None)
    if state is None or "_jisyo_table" not in state:  # a pykakasi this was not written for
        return False
    if state["_jisyo_table"] is not None:
        return True  # already loaded, in one form or the other
    source = Path(str(Configurations.data_path / Configurations.jisyo_kanwa))

    def words() -> Words:
        with source.open("rb") as handle:
            found: Words = pickle.load(handle)  # noqa: S301 - pykakasi's own file
        return found

    try:
        table = cached_table("pykakasi", source, words, cache_dir or default_cache_dir())
    except _ERRORS:
        return False
    with state["_lock"]:
        if state["_jisyo_table"] is None:
            state["_jisyo_table"] = table
    return True


def pinyin_reader(cache_dir: Path | None = None) -> Callable[[str], list[str]]:
    """pypinyin's ``lazy_pinyin`` (no tones), its phrases taken from the cache: a text's
    phrases all begin with one of its characters, so those characters' phrases are added to
    pypinyin's dictionary (and its segmenter) before the text is read, and pypinyin reads it
    as with every phrase loaded. Without a cache, pypinyin as it comes."""
    table = None
    if "pypinyin" not in sys.modules:  # else its phrases are loaded already, or never will be
        spec = importlib.util.find_spec("pypinyin")
        source = Path(spec.origin or "").parent / "phrases_dict.json" if spec else Path()

        def words() -> Words:
            from pypinyin.phrases_dict import phrases_dict  # the whole of it, once

            by_first: Words = {}
            for phrase, readings in phrases_dict.items():
                by_first.setdefault(ord(phrase[0]), {})[phrase] = readings
            return by_first

        try:
            table = cached_table("pypinyin", source, words, cache_dir or default_cache_dir())
        except _ERRORS:
            table = None
    if table is None or "pypinyin" in sys.modules:  # writing the cache imported it whole
        from pypinyin import Style, lazy_pinyin

        return lambda text: lazy_pinyin(text, style=Style.NORMAL)
    return _LazyPhrases(table).pinyin


class _LazyPhrases:
    def __init__(self, table: CachedTable) -> None:
        saved = os.environ.get("PYPINYIN_NO_PHRASES")
        os.environ["PYPINYIN_NO_PHRASES"] = "1"  # read at pypinyin's import, and only then
        try:
            from pypinyin import Style, constants, lazy_pinyin
            from pypinyin.seg import mmseg
        finally:
            if saved is None:
                del os.environ["PYPINYIN_NO_PHRASES"]
            else:
                os.environ["PYPINYIN_NO_PHRASES"] = saved
        self._table = table
        self._phrases: dict[str, Any] = constants.PHRASES_DICT  # the one every module reads
        self._segmenter = mmseg.seg
        self._lazy_pinyin = lazy_pinyin
        self._style = Style.NORMAL
        self._seen: set[str] = set()
        self._lock = threading.Lock()  # the dictionary grows: one text at a time

    def pinyin(self, text: str) -> list[str]:
        with self._lock:
            for char in set(text) - self._seen:
                self._seen.add(char)
                phrases = self._table.get(ord(char))
                if phrases:
                    self._phrases.update(phrases)
                    self._segmenter.train(phrases)
            syllables: list[str] = self._lazy_pinyin(text, style=self._style)
        return syllables


def _write(path: Path, words: Words) -> None:
    """``words`` into the cache file ``path``: to a file of its own, then renamed, so that a
    process reading meanwhile never sees half of it."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    os.close(handle)
    try:
        with sqlite3.connect(temporary) as connection:
            connection.execute("CREATE TABLE words (code INTEGER PRIMARY KEY, entries BLOB)")
            connection.executemany(
                "INSERT INTO words VALUES (?, ?)",
                ((code, marshal.dumps(entries)) for code, entries in words.items()),
            )
        connection.close()
        os.chmod(temporary, 0o644)  # a dictionary, not a secret: other accounts may share it
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)

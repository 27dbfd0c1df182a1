"""The romanisation libraries' dictionaries from the cache file: the same entries, so the same
readings."""

from __future__ import annotations

import csv
import json
import os
import pickle
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from pykakasi.kanji import Kanwa
from pykakasi.properties import Configurations
from pypinyin.phrases_dict import phrases_dict

from corridor.domain.names import dictionaries
from corridor.domain.names.dictionaries import cached_table, use_cached_kanwa

KANWA = Path(str(Configurations.data_path / Configurations.jisyo_kanwa))
PHRASES = Path(sys.modules["pypinyin.phrases_dict"].__file__ or "").with_suffix(".json")
# Han names whose reading a phrase decides: 长青 is CHANG QING, its characters alone ZHANG QING
PHRASE_NAMES = ["王长青", "单于平", "李重阳", "张朝阳", "曾国藩", "欧阳乐乐", "司马解放"]
KANA_NAMES = ["山田 太郎", "佐藤花子", "渡辺 七夏", "さとう はなこ", "タナカ・ケンジ", "髙橋 一郎"]


def _kanwa() -> dict[int, Any]:
    with KANWA.open("rb") as handle:
        words: dict[int, Any] = pickle.load(handle)  # noqa: S301 - pykakasi's own file
    return words


def test_the_cache_holds_every_entry_of_pykakasis_kanji_dictionary(tmp_path: Path) -> None:
    table = cached_table("pykakasi", KANWA, _kanwa, tmp_path)
    own = _kanwa()
    assert len(own) > 6000
    for code, entries in own.items():
        assert table.get(code) == entries, chr(code)
    assert table.get(ord("A")) is None
    assert table.get(ord("A"), {}) == {}


def test_the_cache_holds_every_phrase_of_pypinyin_by_its_first_character(
    tmp_path: Path,
) -> None:
    by_first: dict[int, dict[str, Any]] = {}
    for phrase, readings in phrases_dict.items():
        by_first.setdefault(ord(phrase[0]), {})[phrase] = readings
    table = cached_table("pypinyin", PHRASES, lambda: by_first, tmp_path)
    found = {phrase: table.get(ord(phrase[0]))[phrase] for phrase in phrases_dict}
    assert found == phrases_dict
    assert table.get(ord("A")) is None


def test_an_unreadable_cache_file_is_written_again(tmp_path: Path) -> None:
    mountain = cached_table("pykakasi", KANWA, _kanwa, tmp_path).get(ord("山"))
    (path,) = tmp_path.glob("*.sqlite3")
    path.write_bytes(b"half a file, the disk filled up")
    assert cached_table("pykakasi", KANWA, _kanwa, tmp_path).get(ord("山")) == mountain
    assert not list(tmp_path.glob("*.partial"))


def test_a_cache_file_of_another_version_is_replaced(tmp_path: Path) -> None:
    older = tmp_path / "pykakasi-kanwadict4-2.2.0-1000-1.4.sqlite3"
    older.write_bytes(b"an older pykakasi's")
    cached_table("pykakasi", KANWA, _kanwa, tmp_path)
    assert not older.exists()
    assert len(list(tmp_path.glob("pykakasi-kanwadict4-*.sqlite3"))) == 1


def test_without_a_home_directory_pykakasi_loads_its_own_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(dictionaries, "default_cache_dir", no_home)
    monkeypatch.setitem(Kanwa._shared_state, "_jisyo_table", None)  # as in a fresh process
    assert use_cached_kanwa() is False
    assert Kanwa._shared_state["_jisyo_table"] is None  # left for pykakasi to load


def _readings(cache_dir: Path) -> dict[str, Any]:
    """Japanese and Chinese names as ``romanisations`` reads them, in a process of its own
    (each library's dictionary is one per process), with the cache in ``cache_dir``."""

    def natives(country: str) -> list[str]:
        text = resources.files("corridor.data").joinpath(f"names/{country}.csv").read_text()
        rows = list(csv.DictReader(text.splitlines()))
        families = [row["native"] for row in rows if row["kind"] == "family"]
        return families + [f + row["native"] for f in families[:3] for row in rows]

    names = {"JPN": natives("JPN") + KANA_NAMES, "CHN": natives("CHN") + PHRASE_NAMES}
    script = (
        "import json, sys\n"
        "from corridor.domain.names.transliterate import romanisations\n"
        "from pykakasi.kanji import Kanwa\n"
        "names = json.loads(sys.stdin.read())\n"
        "out = {c: [romanisations(n, c) for n in names[c]] for c in names}\n"
        "from pypinyin import constants\n"
        "kanwa = type(Kanwa._shared_state['_jisyo_table']).__name__\n"
        "print(json.dumps({'kanwa': kanwa, 'phrases': len(constants.PHRASES_DICT), **out}))\n"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script],
        input=json.dumps(names),
        capture_output=True,
        text=True,
        env={**os.environ, "CORRIDOR_CACHE_DIR": str(cache_dir)},
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_names_read_the_same_with_the_cache_as_with_the_libraries_own_files(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be")
    own = _readings(blocked)  # no cache can be made: each library loads its own dictionary
    _readings(tmp_path / "cache")  # the first run writes the cache (and loads pypinyin whole)
    cached = _readings(tmp_path / "cache")
    assert own.pop("kanwa") == "dict"
    assert cached.pop("kanwa") == "CachedTable"
    assert own.pop("phrases") == len(phrases_dict)
    assert 0 < cached.pop("phrases") < len(phrases_dict) / 4  # only the names' characters'
    assert cached == own
    assert ["YAMADA", "TAROU"] in own["JPN"][-len(KANA_NAMES)]
    assert ["WANG", "CHANGQING"] in own["CHN"][-len(PHRASE_NAMES)]

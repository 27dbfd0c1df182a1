"""pykakasi's kanji dictionary from the cache file: the same entries, so the same readings."""

from __future__ import annotations

import csv
import json
import os
import pickle
import subprocess
import sys
from importlib import resources
from pathlib import Path

from pykakasi.properties import Configurations

from corridor.domain.names.kanji_dictionary import cached_table

SOURCE = Path(str(Configurations.data_path / Configurations.jisyo_kanwa))


def _pykakasi_own() -> dict[int, dict[str, list[list[str | None]]]]:
    with SOURCE.open("rb") as handle:
        words = pickle.load(handle)  # noqa: S301 - pykakasi's own file
    # as the cache gives them back: JSON's lists where pykakasi pickled tuples
    return {code: json.loads(json.dumps(entries)) for code, entries in words.items()}


def test_the_cache_holds_every_entry_of_pykakasis_dictionary(tmp_path: Path) -> None:
    table = cached_table(SOURCE, tmp_path)
    own = _pykakasi_own()
    assert len(own) > 6000
    for code, entries in own.items():
        assert table.get(code) == entries, chr(code)
    assert table.get(ord("A")) is None
    assert table.get(ord("A"), {}) == {}


def test_an_unreadable_cache_file_is_written_again(tmp_path: Path) -> None:
    mountain = cached_table(SOURCE, tmp_path).get(ord("山"))
    (path,) = tmp_path.glob("*.sqlite3")
    path.write_bytes(b"half a file, the disk filled up")
    assert cached_table(SOURCE, tmp_path).get(ord("山")) == mountain
    assert not list(tmp_path.glob("*.partial"))


def _readings(cache_dir: Path) -> list[str]:
    """Japanese names as ``romanisations`` reads them, in a process of its own (pykakasi's
    dictionary is one per process), with its cache in ``cache_dir``."""
    text = resources.files("corridor.data").joinpath("names/JPN.csv").read_text("utf-8")
    names = [row["native"] for row in csv.DictReader(text.splitlines())]
    names += ["山田 太郎", "佐藤花子", "渡辺 七夏", "さとう はなこ", "タナカ・ケンジ", "髙橋 一郎"]
    script = (
        "import json, sys\n"
        "from corridor.domain.names.transliterate import romanisations, _kakasi\n"
        "from pykakasi.kanji import Kanwa\n"
        "names = json.loads(sys.stdin.read())\n"
        "out = [romanisations(name, 'JPN') for name in names]\n"
        "cached = type(Kanwa._shared_state['_jisyo_table']).__name__ == 'CachedKanwa'\n"
        "print(json.dumps([cached, out]))\n"
    )
    env = {**os.environ, "CORRIDOR_CACHE_DIR": str(cache_dir)}
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script],
        input=json.dumps(names),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    cached, out = json.loads(done.stdout)
    return [str(cached), *map(json.dumps, out)]


def test_names_read_the_same_with_the_cache_as_with_pykakasis_own_file(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be")
    own = _readings(blocked)  # no cache can be made: pykakasi loads its own file
    cached = _readings(tmp_path / "cache")
    assert own[0] == "False"
    assert cached[0] == "True"
    assert cached[1:] == own[1:]
    assert ["YAMADA", "TAROU"] in [json.loads(r)[0] for r in own[1:]]

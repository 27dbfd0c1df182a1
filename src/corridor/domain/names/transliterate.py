"""Names in Han, Hangul, kana/kanji or Cyrillic as the Latin forms passports give them.

A name can have several readings (李 is LI in pinyin and LEE on a Hong Kong passport; 이 is LEE,
YI, RHEE or RI), so ``romanisations`` returns every plausible one, each a list of tokens in the
order written. Libraries do the hard parts: pypinyin (Chinese), pykakasi (Japanese, Hepburn),
korean-romanizer (Revised Romanization); surname readings that differ from the character's
everyday reading are data files (``data/names/han_surnames.csv``, ``hangul_surnames.csv``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from itertools import pairwise, product

from corridor.domain.documents.transliteration import to_mrz_name_part
from corridor.domain.names.dictionaries import pinyin_reader, use_cached_kanwa
from corridor.domain.names.scripts import Script, script_of
from corridor.domain.names.tokens import latin_tokens

MAX_VARIANTS = 12


def _table(name: str, key: str) -> dict[str, tuple[str, ...]]:
    text = resources.files("corridor.data").joinpath(f"names/{name}").read_text("utf-8")
    return {
        row[key]: tuple(row["readings"].split("|")) for row in csv.DictReader(text.splitlines())
    }


@lru_cache(maxsize=1)
def han_surnames() -> dict[str, tuple[str, ...]]:
    return _table("han_surnames.csv", "hanzi")


@lru_cache(maxsize=1)
def hangul_surnames() -> dict[str, tuple[str, ...]]:
    return _table("hangul_surnames.csv", "hangul")


@lru_cache(maxsize=1)
def _kakasi() -> object:
    import pykakasi

    use_cached_kanwa()  # its kanji dictionary read as needed, not whole (``dictionaries.py``)
    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


JAPANESE = frozenset({"JPN"})
VIETNAMESE = frozenset({"VNM"})
CHINESE = frozenset({"CHN", "TWN", "HKG", "MAC", "SGP", "MYS"})


def romanisations(text: str, nationality: str | None = None) -> list[list[str]]:
    """Every Latin reading of a name, as token lists; Latin names give one. Kanji alone could
    be Chinese or Japanese: the nationality decides, and without one both readings are kept."""
    script = script_of(text)
    if nationality in VIETNAMESE and script in (Script.HAN, Script.KANA):
        variants = _vietnamese(text, script)
    elif script is Script.HAN and nationality in JAPANESE:
        variants = [_japanese(text)]
    elif script is Script.HAN:
        variants = _han(text)
        if nationality not in CHINESE:
            variants.append(_japanese(text))
    elif script is Script.KANA:
        variants = [_japanese(text)]
    elif script is Script.HANGUL:
        variants = _hangul(text)
    elif script is Script.CYRILLIC:
        variants = _cyrillic(text)
    else:
        variants = [latin_tokens(text)]
    unique: list[list[str]] = []
    for tokens in variants:
        if tokens and tokens not in unique:
            unique.append(tokens)
    return unique[:MAX_VARIANTS] or [latin_tokens(text)]


def uncertain_tokens(text: str, nationality: str | None = None) -> frozenset[str]:
    """Tokens whose reading is a guess: a Japanese given name written in kanji (七夏 may be
    NANAMI, NANAKA or NATSU; no dictionary settles a name's reading). Merged neighbours too.
    A Vietnamese name in Hanzi or katakana is read by its syllables (``romanisations``), not
    as Japanese, so none of its tokens is a guess of this kind."""
    script = script_of(text)
    japanese = script is Script.KANA or (script is Script.HAN and nationality not in CHINESE)
    if not japanese or nationality in VIETNAMESE:
        return frozenset()
    parts = _japanese_parts(text)
    given = [token for token, from_kanji in parts[1:] if from_kanji]
    merged = {a + b for a, b in pairwise(given)}
    return frozenset(given) | merged


def _is_kanji(char: str) -> bool:
    return 0x4E00 <= ord(char) <= 0x9FFF or 0x3400 <= ord(char) <= 0x4DBF


@lru_cache(maxsize=1)
def han_viet() -> dict[str, tuple[str, ...]]:
    """Sino-Vietnamese readings of the characters Vietnamese names use (阮 NGUYEN, 氏 THI)."""
    return _table("han_viet.csv", "hanzi")


@lru_cache(maxsize=1)
def katakana_vietnamese() -> dict[str, tuple[str, ...]]:
    """Vietnamese name syllables as Japanese records write them (グエン NGUYEN, ティ THI)."""
    return _table("katakana_vi.csv", "katakana")


def _vietnamese(text: str, script: Script) -> list[list[str]]:
    """A Vietnamese name in Hanzi (one character a syllable) or katakana (one word a syllable),
    read back to its Latin syllables; an unknown part falls back to pinyin or Hepburn."""
    if script is Script.HAN:
        parts = [c for c in text if not c.isspace() and c not in "·・"]
        options = [han_viet().get(c) or ("".join(_pinyin(c)),) for c in parts]
    else:
        words = [w for w in text.replace("・", " ").replace("　", " ").split() if w]
        options = [katakana_vietnamese().get(w) or tuple(_japanese(w)[:1] or [w]) for w in words]
    readings = [list(choice) for choice in product(*options)]
    return readings[:MAX_VARIANTS]


def _han(text: str) -> list[list[str]]:
    out: list[list[str]] = []
    for word in _han_words(text):
        surname, given = _split_han_surname(word)
        readings = han_surnames().get(surname) or ("".join(_pinyin(surname)),)
        syllables = [s for s in _pinyin(given) if s.strip()]
        given_token = "".join(syllables)
        out.append([readings[0], given_token] if given_token else [readings[0]])
        for reading in readings[1:]:
            out.append([reading, given_token] if given_token else [reading])
    return out


def _pinyin(text: str) -> list[str]:
    """The syllables of Han text in pinyin without tones, upper-case. pypinyin is loaded when
    a name first needs it (``dictionaries.py``: its phrases a character at a time), since a
    Vietnamese name's characters are nearly all in ``han_viet.csv``."""
    return [syllable.upper() for syllable in _pinyin_reader()(text)]


@lru_cache(maxsize=1)
def _pinyin_reader() -> Callable[[str], list[str]]:
    return pinyin_reader()


def _han_words(text: str) -> list[str]:
    words = [w for w in text.replace("·", " ").replace("・", " ").split() if w]
    return ["".join(words)] if words else []


def _split_han_surname(name: str) -> tuple[str, str]:
    if len(name) >= 3 and name[:2] in han_surnames():
        return name[:2], name[2:]
    return name[:1], name[1:]


def _japanese(text: str) -> list[str]:
    return [token for token, _ in _japanese_parts(text)]


@lru_cache(maxsize=100_000)
def _japanese_parts(text: str) -> list[tuple[str, bool]]:
    """Hepburn tokens, each with whether it was read from kanji (a reading that may be wrong)."""
    kakasi = _kakasi()
    out: list[tuple[str, bool]] = []
    for word in text.replace("・", " ").replace("　", " ").split():
        for part in kakasi.convert(word):  # type: ignore[attr-defined]
            from_kanji = any(_is_kanji(c) for c in part["orig"])
            out += [(t, from_kanji) for t in latin_tokens(part["hepburn"]) if t]
    return out


def _hangul(text: str) -> list[list[str]]:
    from korean_romanizer.romanizer import Romanizer

    words = text.split()
    if len(words) >= 2:  # already split: surname, then given name
        surname, given = words[0], "".join(words[1:])
    else:
        word = words[0] if words else ""
        split = 2 if len(word) >= 3 and word[:2] in hangul_surnames() else 1
        surname, given = word[:split], word[split:]
    readings = hangul_surnames().get(surname) or (Romanizer(surname).romanize().upper(),)
    given_latin = latin_tokens(Romanizer(given).romanize()) if given else []
    given_token = ["".join(given_latin)] if given_latin else []
    return [[reading, *given_token] for reading in readings]


# Common departures from ICAO's Cyrillic table (older passports, BGN/PCGN, German usage).
_CYRILLIC_ALTERNATIVES = {
    "Й": ("I", "Y", "J"),
    "Я": ("IA", "YA", "JA"),
    "Ю": ("IU", "YU", "JU"),
    "Ё": ("E", "YO"),
    "Х": ("KH", "H"),
    "Ц": ("TS", "C"),
    "Ъ": ("IE", ""),
}


def _cyrillic(text: str) -> list[list[str]]:
    """ICAO 9303's transliteration first, then the common older and foreign styles."""
    variants = [latin_tokens(to_mrz_name_part(text).replace("<", " "))]
    upper = text.upper()
    letters = [c for c in _CYRILLIC_ALTERNATIVES if c in upper]
    for choice in product(*(range(len(_CYRILLIC_ALTERNATIVES[c])) for c in letters)):
        swapped = upper
        for letter, index in zip(letters, choice, strict=True):
            swapped = swapped.replace(letter, _CYRILLIC_ALTERNATIVES[letter][index])
        tokens = latin_tokens(to_mrz_name_part(swapped).replace("<", " "))
        if tokens not in variants:
            variants.append(tokens)
        if len(variants) >= MAX_VARIANTS:
            break
    return variants

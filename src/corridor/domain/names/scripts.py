"""Which writing system a name is in, from Unicode blocks."""

from __future__ import annotations

from enum import StrEnum


class Script(StrEnum):
    LATIN = "Latn"
    HAN = "Hani"
    KANA = "Kana"  # hiragana or katakana, possibly mixed with kanji: Japanese
    HANGUL = "Hang"
    CYRILLIC = "Cyrl"
    ARABIC = "Arab"
    THAI = "Thai"
    OTHER = "Zyyy"


_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x3040, 0x30FF, Script.KANA),
    (0x31F0, 0x31FF, Script.KANA),
    (0xFF66, 0xFF9F, Script.KANA),
    (0x3400, 0x4DBF, Script.HAN),
    (0x4E00, 0x9FFF, Script.HAN),
    (0xF900, 0xFAFF, Script.HAN),
    (0x20000, 0x2FA1F, Script.HAN),
    (0x1100, 0x11FF, Script.HANGUL),
    (0x3130, 0x318F, Script.HANGUL),
    (0xAC00, 0xD7AF, Script.HANGUL),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x0E00, 0x0E7F, Script.THAI),
)


def char_script(char: str) -> Script | None:
    code = ord(char)
    if char.isascii() or 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return Script.LATIN if char.isalpha() else None
    for start, end, script in _RANGES:
        if start <= code <= end:
            return script
    return Script.OTHER if char.isalpha() else None


def script_of(text: str) -> Script:
    """The name's script; any kana makes it Japanese even beside kanji (佐藤あすか)."""
    if text.isascii():  # most names: no need to look at each character
        return Script.LATIN
    seen = {s for s in map(char_script, text) if s is not None}
    if Script.KANA in seen:
        return Script.KANA
    for script in (Script.HANGUL, Script.HAN, Script.CYRILLIC, Script.ARABIC, Script.THAI):
        if script in seen:
            return script
    return Script.LATIN if Script.LATIN in seen or not seen else Script.OTHER

import csv
import unicodedata
from importlib import resources

import pytest
from anyascii import anyascii

from corridor.domain.names.compare import token_similarity
from corridor.domain.names.fold import fold, skeleton
from corridor.domain.names.scripts import Script, script_of
from corridor.domain.names.tokens import ascii_upper, latin_tokens
from corridor.domain.names.transliterate import romanisations, uncertain_tokens


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Nguyễn Thị Thu", Script.LATIN),
        ("王小红", Script.HAN),
        ("佐藤あすか", Script.KANA),
        ("이영철", Script.HANGUL),
        ("Лапин", Script.CYRILLIC),
        ("محمد", Script.ARABIC),
    ],
)
def test_scripts_are_recognised(text: str, script: Script) -> None:
    assert script_of(text) is script


def test_ascii_upper_drops_every_combining_mark_and_keeps_every_other_character() -> None:
    def written_out(text: str) -> str:  # the rule, one character at a time
        decomposed = unicodedata.normalize("NFKD", text)
        return anyascii("".join(c for c in decomposed if not unicodedata.combining(c))).upper()

    every = [chr(p) for p in range(0x20, 0x3400) if not 0xD800 <= p < 0xE000]
    special = set("ĐđØøŁłßÆæŒœ")
    assert [ascii_upper(c) for c in every if c not in special] == [
        written_out(c) for c in every if c not in special
    ]
    assert ascii_upper("Nguyễn Thị Hương, Ngõ 181") == "NGUYEN THI HUONG, NGO 181"
    assert ascii_upper("Đặng Łukasz Øster") == "DANG LUKASZ OSTER"
    assert ascii_upper("Ǹgỗ") == "NGO"  # stacked marks
    assert ascii_upper("Ab12-x") == "AB12-X"


def test_latin_tokens_drop_titles_diacritics_and_join_articles() -> None:
    assert latin_tokens("Mr. Đặng Văn Hùng") == ["DANG", "VAN", "HUNG"]
    assert latin_tokens("O'Brien-Smith, John JR") == ["OBRIEN", "SMITH", "JOHN"]
    assert latin_tokens("OSAMA EL AMIN") == ["OSAMA", "ELAMIN"]


@pytest.mark.parametrize(
    ("text", "nationality", "reading"),
    [
        ("王小红", "CHN", ["WANG", "XIAOHONG"]),
        ("曾小红", "CHN", ["ZENG", "XIAOHONG"]),
        ("陈大文", "HKG", ["CHAN", "DAWEN"]),
        ("이영철", "KOR", ["RI", "YEONGCHEOL"]),
        ("박서연", "KOR", ["PARK", "SEOYEON"]),
        ("松本涼平", "JPN", ["MATSUMOTO", "RYOUHEI"]),
        ("Журавлева Елена", "RUS", ["ZHURAVLEVA", "ELENA"]),
        ("Пахомов Дмитрий", None, ["PAKHOMOV", "DMITRIY"]),
        # Vietnamese names in Sino-Vietnamese Hanzi and as Japanese records write them
        ("梁玄越", "VNM", ["LUONG", "HUYEN", "VIET"]),
        ("段氏莺", "VNM", ["DOAN", "THI", "OANH"]),
        ("チャン・ティ・フオン", "VNM", ["TRAN", "THI", "HUONG"]),
        ("チャン・ティ・フオン", "VNM", ["TRANG", "THI", "PHUONG"]),
        ("ドアン・ヴァン・トゥン", "VNM", ["DOAN", "VAN", "TUNG"]),
    ],
)
def test_every_plausible_reading_is_offered(
    text: str, nationality: str | None, reading: list[str]
) -> None:
    assert reading in romanisations(text, nationality)


def test_a_kanji_given_name_reading_is_marked_as_a_guess() -> None:
    assert "SHICHI" in uncertain_tokens("石川七夏", "JPN")
    assert uncertain_tokens("佐藤あすか", "JPN") == frozenset()  # kana spell it out


def test_a_vietnamese_name_in_hanzi_holds_no_japanese_guess() -> None:
    # 阮氏香 read as Vietnamese is NGUYEN THI HUONG: its Japanese readings are not its tokens
    assert ["NGUYEN", "THI", "HUONG"] in romanisations("阮氏香", "VNM")
    assert uncertain_tokens("阮氏香", "VNM") == frozenset()
    assert uncertain_tokens("阮氏香", None)  # without a nationality it may be Japanese


@pytest.mark.parametrize(
    ("a", "b", "how"),
    [
        ("OHNO", "ONO", "spelling"),
        ("SATOU", "SATO", "spelling"),
        ("DENISOW", "DENISOV", "spelling"),
        ("TATYANA", "TATIANA", "spelling"),
        ("LICHATSCHEWA", "LIKHACHEVA", "typo"),
        ("RHEE", "LEE", "variant"),
        ("WONG", "HUANG", "variant"),
        ("YOUSIF", "YUSUF", "variant"),
        ("MAITIN", "MARTIN", "typo"),
        ("JHON", "JOHN", "typo"),
        ("IBCH", "BICH", "slip"),
        ("HUSAYN", "HUSSEIN", "variant"),
        ("M", "MARTIN", "initial"),
    ],
)
def test_spelling_variants_are_recognised_and_named(a: str, b: str, how: str) -> None:
    assert token_similarity(a, b)[1] == how


@pytest.mark.parametrize(("a", "b"), [("WANG", "YANG"), ("TUNG", "HUNG"), ("SMITH", "JONES")])
def test_other_names_are_not_typos(a: str, b: str) -> None:
    similarity, how = token_similarity(a, b)
    assert how != "typo"
    assert similarity < 0.9


def test_fold_and_skeleton() -> None:
    assert fold("OONO") == fold("OHNO") == fold("ONO")
    assert skeleton("MOUSTAFA") == skeleton("MUSTAFA") == "MSTF"


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("han_viet.csv", "hanzi"),
        ("katakana_vi.csv", "katakana"),
        ("han_surnames.csv", "hanzi"),
        ("hangul_surnames.csv", "hangul"),
    ],
)
def test_each_written_form_is_read_from_one_row(table: str, key: str) -> None:
    # a form on two rows would keep only the last row's readings (チャン was TRANG, not TRAN)
    text = resources.files("corridor.data").joinpath(f"names/{table}").read_text("utf-8")
    forms = [row[key] for row in csv.DictReader(text.splitlines())]
    assert len(forms) == len(set(forms))

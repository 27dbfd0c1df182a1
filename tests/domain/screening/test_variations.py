"""Every name variation screening must survive, each with a near miss that must not hit.

The watchlist below mixes the variations with ordinary people, so that name weights come from a
list where NGUYEN, WANG and KIM are common, as in a real one.
"""

from __future__ import annotations

import pytest

from corridor.domain.screening.dates import parse_birth_date
from corridor.domain.screening.records import Person, prepare
from corridor.domain.screening.screener import Screener


def person(
    pid: str, name: str, born: str = "", nat: str = "", sex: str = "", doc: str = ""
) -> Person:
    return prepare(pid, [name], parse_birth_date(born), [nat] if nat else [], sex or None, [doc])


ALERTS = [
    person("vn1", "Nguyễn Thị Thu", "1990-03-01", "VNM", "F", "C1234567"),
    person("vn2", "Đặng Văn Hùng", "1985-07-12", "VNM", "M"),
    person("vn3", "Phạm Đức Nam", "1985-05-22", "VNM", "M"),
    person("cn1", "王小红", "1992-11-02", "CHN", "F"),
    person("cn2", "ZHENG JIANPING", "1980-12-23", "CHN", "M"),
    person("hk1", "陈大文", "1975-04-04", "", "M"),
    person("kr1", "이영철", "1995-05-24", "KOR", "M"),
    person("kr2", "PARK AREUM", "1973-01-14", "KOR", "F"),
    person("jp1", "大野翔太", "1988-08-08", "JPN", "M"),
    person("jp2", "ITO KAZUYA", "1976-09-30", "JPN", "M"),
    person("ru1", "Пахомов Дмитрий", "1995-09-13", "RUS", "M"),
    person("ru2", "SUBBOTINA TATIANA", "1976-05-30", "RUS", "F"),
    person("ar1", "AL-JABOURI JAMAL OSAMA", "1961-03-29", "IRQ", "M"),
    person("ar2", "MOHAMMED HASSAN", "1980-02-02", "SYR", "M"),
    person("gb1", "SWIFT MARTIN", "1993-01-21", "GBR", "M"),
    person("gb2", "DIXON JOYCE JESSICA", "1972-05-04", "GBR", "F"),
    person("gb3", "SCOTT NIGEL", "1964", "GBR", "M"),
    person("gb4", "HELEN CAMPBELL", "1959-11-07", "GBR", "F", "C9854814"),
    # ordinary people, so that common names are common here as in a real list
    *[
        person(f"bg{i}", f"NGUYEN VAN {g}", f"19{60 + i % 30}-0{1 + i % 9}-1{i % 9}", "VNM", "M")
        for i, g in enumerate(["AN", "BINH", "CUONG", "DUNG", "HAI", "KHANH", "LONG", "PHUC"])
    ],
    *[
        person(f"bc{i}", f"WANG {g}", f"19{70 + i}-02-0{1 + i}", "CHN", "M")
        for i, g in enumerate(["WEI", "LEI", "JUN", "TAO", "MING"])
    ],
    *[
        person(f"bk{i}", f"KIM {g}", f"19{80 + i}-03-0{1 + i}", "KOR", "F")
        for i, g in enumerate(["SEOYEON", "HAEUN", "JIWOO", "SUBIN"])
    ],
]
SCREENER = Screener(ALERTS)


def hits(traveller: Person) -> list[str]:
    return [hit.alert_id for hit in SCREENER.check(traveller)]


# (variation, traveller who IS the alert's subject, alert id, near miss who is NOT)
CASES = [
    (
        "vietnamese diacritics",
        person("t", "NGUYEN THI THU", "1990-03-01", "VNM", "F"),
        "vn1",
        person("n", "NGUYEN THI LAN", "1990-03-01", "VNM", "F"),
    ),
    (
        "Đ written D",
        person("t", "DANG VAN HUNG", "1985-07-12", "VNM", "M"),
        "vn2",
        person("n", "DANG VAN HUNG", "1958-07-12", "VNM", "M"),
    ),
    (
        "given name first",
        person("t", "HUNG VAN DANG", "1985-07-12", "VNM", "M"),
        "vn2",
        person("n", "HUNG VAN DANG", "1985-07-12", "VNM", "F"),
    ),
    (
        "middle name dropped",
        person("t", "PHAM NAM", "1985-05-22", "VNM", "M"),
        "vn3",
        person("n", "PHAM NAM", "1991-10-03", "VNM", "M"),
    ),
    (
        "hanzi against pinyin",
        person("t", "WANG XIAOHONG", "1992-11-02", "CHN", "F"),
        "cn1",
        person("n", "WANG XIAOLAN", "1992-11-02", "CHN", "F"),
    ),
    (
        "pinyin spacing",
        person("t", "Xiao Hong Wang", "1992-11-02", "CHN", "F"),
        "cn1",
        person("n", "Xiao Hong Wang", "1993-06-20", "CHN", "F"),
    ),
    (
        "pinyin split",
        person("t", "Jian Ping Zheng", "1980-12-23", "CHN", "M"),
        "cn2",
        person("n", "Jian Guo Zheng", "1980-12-23", "CHN", "M"),
    ),
    (
        "Cantonese spelling of a Hong Kong document",
        person("t", "CHAN DAWEN", "1975-04-04", "HKG", "M"),
        "hk1",
        person("n", "CHAN TAIMAN", "1975-04-04", "HKG", "M"),
    ),
    (
        "hangul against RI",
        person("t", "RI YEONGCHEOL", "1995-05-24", "KOR", "M"),
        "kr1",
        person("n", "RI YEONGSU", "1995-05-24", "KOR", "M"),
    ),
    (
        "hangul against LEE",
        person("t", "LEE YEONG CHEOL", "1995-05-24", "KOR", "M"),
        "kr1",
        person("n", "LEE YEONGCHEOL", "1959-05-24", "KOR", "M"),
    ),
    (
        "Korean surname spelling",
        person("t", "BAK AREUM", "1973-01-14", "KOR", "F"),
        "kr2",
        person("n", "BAK AREUM", "1973-01-14", "KOR", "M"),
    ),
    (
        "kanji against Hepburn, long vowel",
        person("t", "OHNO SHOTA", "1988-08-08", "JPN", "M"),
        "jp1",
        person("n", "OHNO SHOTA", "1988-08-09", "KOR", "F"),
    ),
    (
        "Japanese long vowel",
        person("t", "ITOH KAZUYA", "1976-09-30", "JPN", "M"),
        "jp2",
        person("n", "ITOH KAZUKI", "1976-09-30", "JPN", "M"),
    ),
    (
        "Cyrillic against ICAO",
        person("t", "PAKHOMOV DMITRII", "1995-09-13", "RUS", "M"),
        "ru1",
        person("n", "PAKHOMOV DMITRII", "1985-03-11", "RUS", "M"),
    ),
    (
        "Cyrillic older style",
        person("t", "PAHOMOV DMITRIY", "1995-09-13", "RUS", "M"),
        "ru1",
        person("n", "PAHOMOV ALEKSEI", "1995-09-13", "RUS", "M"),
    ),
    (
        "Russian transliteration style",
        person("t", "SUBBOTINA TATYANA", "1976-05-30", "RUS", "F"),
        "ru2",
        person("n", "SUBBOTINA TAMARA", "1976-05-30", "RUS", "F"),
    ),
    (
        "Arabic spelling",
        person("t", "JAMAL USAMA AL-JABOURI", "1961-03-29", "IRQ", "M"),
        "ar1",
        person("n", "JAMAL USAMA AL-JABOURI", "1971-08-02", "IRQ", "M"),
    ),
    (
        "Mohammed variants",
        person("t", "MUHAMMAD HASAN", "1980-02-02", "SYR", "M"),
        "ar2",
        person("n", "MUHAMMAD HASAN", "1980-02-02", "SYR", "F"),
    ),
    (
        "typo",
        person("t", "SWIFT MAITIN", "1993-01-21", "GBR", "M"),
        "gb1",
        person("n", "SWIFT MAITIN", "1939-12-01", "GBR", "M"),
    ),
    (
        "day and month swapped",
        person("t", "DIXON JOYCE JESSICA", "1972-04-05", "GBR", "F"),
        "gb2",
        person("n", "DIXON JOYCE JESSICA", "1972-04-15", "GBR", "F"),
    ),
    (
        "year only on the alert",
        person("t", "SCOTT NIGEL", "1964-07-09", "GBR", "M"),
        "gb3",
        person("n", "SCOTT NIGEL", "1965-07-09", "GBR", "M"),
    ),
    (
        "OCR slip in the document, no birth date",
        person("t", "CAMPBELT HELEN", "", "GBR", "F", "C98S4814"),
        "gb4",
        person("n", "CAMPBELT HELEN", "", "GBR", "F", "C9854815"),
    ),
    (
        "initial for a given name",
        person("t", "SWIFT M", "1993-01-21", "GBR", "M"),
        "gb1",
        person("n", "SWIFT J", "1993-01-21", "GBR", "M"),
    ),
]


@pytest.mark.parametrize(
    ("variation", "traveller", "alert_id", "near_miss"), CASES, ids=[case[0] for case in CASES]
)
def test_the_variation_is_found_and_the_near_miss_is_not(
    variation: str, traveller: Person, alert_id: str, near_miss: Person
) -> None:
    assert alert_id in hits(traveller), f"{variation}: the alert's subject was not hit"
    assert alert_id not in hits(near_miss), f"{variation}: the near miss was hit"


def test_a_hit_explains_each_feature() -> None:
    [hit] = SCREENER.check(person("t", "NGUYEN THI THU", "1990-03-01", "VNM", "F", "C1234567"))
    text = hit.explanation()
    assert '"NGUYEN THI THU" ~ "Nguyễn Thị Thu"' in text
    assert "birth_date exact" in text
    assert "document same number" in text
    assert text.endswith("[screening-v1]")
    assert {f.name for f in hit.features} == {
        "name",
        "birth_date",
        "sex",
        "nationality",
        "document",
    }


def test_a_common_name_says_less_than_a_rare_one() -> None:
    common = SCREENER.check(person("t", "NGUYEN VAN AN", "", "VNM", "M"))
    rare = SCREENER.check(person("t", "SWIFT MARTIN", "", "GBR", "M"))
    assert common == []  # a common name alone, with no birth date, is not a hit
    assert [h.alert_id for h in rare] == ["gb1"]


def test_thresholds_follow_the_alert_type() -> None:
    screener = Screener(ALERTS, alert_types={"vn3": "missing", "gb1": "watch"})
    assert screener.model.threshold("missing") < screener.model.threshold("watch")
    traveller = person("t", "PHAM NAM", "", "VNM", "M")  # a name alone, no date
    plain = [h.alert_id for h in SCREENER.check(traveller, threshold=0.0)]
    assert "vn3" in plain

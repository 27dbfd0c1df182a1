"""Screening at scale: a 1,000,000-alert watchlist, single checks and a bulk passenger list.

    .venv/bin/python benchmarks/screening_speed.py [--alerts 1000000] [--checks 2000]
        [--travellers 1000000] [--workers 2]

Alerts and travellers are drawn from the demo world's name tables (Vietnamese, Chinese in
characters, Korean in Hangul, Japanese in kanji, British, Thai, Khmer, Russian in Cyrillic);
a fifth of the travellers are alert subjects written another way (romanised, reordered,
with a typo). The peer for single checks is the plain way to do it without an index:
rapidfuzz's C++ ``process.extract`` over every alert's romanised name, in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import time
from datetime import date, timedelta

from rapidfuzz import fuzz, process

from corridor.demo.names import NATIONALITIES, PersonName, draw_name
from corridor.domain.screening.dates import BirthDate
from corridor.domain.screening.records import Person, prepare
from corridor.domain.screening.screener import Screener
from corridor.engines.screening import screen_all

WEIGHTS = (45, 20, 9, 6, 8, 5, 4, 3)
# Given names are built from syllables as the languages build them, so a million people have
# the diversity of a real list; surnames keep the demo tables' real skew (NGUYEN 38 %).
SYLLABLES = {
    "VNM": "An Anh Bao Binh Chau Chi Cuong Dat Diep Dieu Dung Duy Giang Ha Hai Han Hanh Hao Hau "
    "Hien Hieu Hoa Hoai Hong Hue Hung Huong Huy Huyen Khanh Khoa Khoi Kien Kim Lam Lan Le Linh "
    "Loan Loc Long Luan Ly Mai Minh My Nam Nga Ngan Nghia Ngoc Nguyet Nhan Nhat Nhi Nhung Oanh "
    "Phat Phong Phu Phuc Phuong Quan Quang Quoc Quyen Quynh Sang Son Tai Tam Tan Thai Thang "
    "Thanh Thao Thi Thinh Thu Thuan Thuy Tien Tin Toan Trang Tri Trinh Trung Truong Tu Tuan "
    "Tung Tuyet Uyen Van Viet Vinh Vu Vy Xuan Yen".split(),
    "CHN": "an bin bo chao chen cheng dan dong fang fei feng gang guo hai hao hong hua hui jia "
    "jian jiang jie jin jing jun kai lan lei li liang lin ling long mei min ming na ning peng "
    "ping qi qian qiang qing rong rui shan sheng shu tao ting wei wen xia xiang xiao xin xiu "
    "xue yan yang yi ying yong yu yuan yue yun ze zhen zhi zhong".split(),
    "KOR": "a bin bo chan cheol dong eun gi gyeong ha hae ho hui hun hwa hye hyeon hyun in ja jae "
    "ji jin jong ju jun ki kyung mi min na nam ok sang seo seok seon seong seung so su suk "
    "sun u won ye yeon yeong yong yu".split(),
    "JPN": "a ai aki chi da e haru hide hiro ichi ka kazu ke ki ko mi mo na nao no ri ro sa saki "
    "shi sho ta taka to tomo yo yoshi yu yuki".split(),
}


def _diverse_name(rng: random.Random, nationality: str, sex: str) -> PersonName:
    name = draw_name(rng, nationality, sex)
    syllables = SYLLABLES.get(nationality)
    if syllables is None or rng.random() < 0.3:
        return name
    count = 1 if nationality == "VNM" else 2
    given = "".join(rng.choice(syllables) for _ in range(count)).upper()
    if nationality == "VNM" and name.given_names:
        given = f"{name.given_names.split()[0]} {given}"
    family = name.family_name
    return PersonName(family, given, f"{family} {given}", "Latn")


def _people(
    rng: random.Random, count: int, prefix: str
) -> list[tuple[str, str, BirthDate, str, str]]:
    out = []
    for i in range(count):
        nationality = rng.choices(NATIONALITIES, WEIGHTS)[0]
        sex = rng.choice("MF")
        name = _diverse_name(rng, nationality, sex)
        written = name.native_name or f"{name.family_name} {name.given_names}"
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
        out.append(
            (f"{prefix}{i}", written, BirthDate(born.year, born.month, born.day), nationality, sex)
        )
    return out


def _as_traveller(rng: random.Random, alert: Person, number: int) -> Person:
    """An alert subject as a passport writes them: romanised, maybe reordered or mistyped."""
    tokens = list(alert.names[0].readings[0])
    if rng.random() < 0.3:
        tokens.reverse()
    if rng.random() < 0.2 and len(tokens[-1]) > 3:
        word = tokens[-1]
        i = rng.randrange(1, len(word) - 1)
        tokens[-1] = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return prepare(
        f"T{number}",
        [" ".join(tokens)],
        alert.birth_date,
        sorted(alert.nationalities),
        alert.sex,
        [],
    )


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--alerts", type=int, default=1_000_000)
    parser.add_argument("--checks", type=int, default=2_000)
    parser.add_argument("--travellers", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    rng = random.Random(2026)
    print(f"machine: {os.cpu_count()} cores; {date.today()}")

    started = time.perf_counter()
    raw = _people(rng, args.alerts, "A")
    alerts = [prepare(i, [n], b, [nat], s, []) for i, n, b, nat, s in raw]
    prepared = time.perf_counter() - started
    rss_before = _rss_mb()
    started = time.perf_counter()
    screener = Screener(alerts)
    index = screener.index  # built on first use
    built = time.perf_counter() - started
    print(
        f"alerts: {len(alerts):,} prepared in {prepared:.0f} s; index built in {built:.0f} s, "
        f"index arrays {index.nbytes / 2**20:.0f} MiB, process peak {_rss_mb():,.0f} MiB "
        f"({_rss_mb() - rss_before:,.0f} MiB for the screener)"
    )

    sample = [_as_traveller(rng, rng.choice(alerts), i) for i in range(args.checks // 5)]
    strangers = _people(rng, args.checks - len(sample), "S")
    sample += [prepare(i, [n], b, [nat], s, []) for i, n, b, nat, s in strangers]
    latencies = []
    for traveller in sample:
        t0 = time.perf_counter()
        screener.check(traveller)
        latencies.append(time.perf_counter() - t0)
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(f"single check, corridor: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({len(sample):,} checks)")

    choices = [" ".join(a.names[0].readings[0]) for a in alerts]
    peer = []
    for traveller in sample[:50]:
        query = " ".join(traveller.names[0].readings[0])
        t0 = time.perf_counter()
        process.extract(query, choices, scorer=fuzz.token_sort_ratio, limit=10)
        peer.append(time.perf_counter() - t0)
    peer_p50 = statistics.median(peer) * 1000
    print(
        f"single check, peer (rapidfuzz scan of every alert, names only): p50 {peer_p50:.0f} ms "
        f"({len(peer)} checks); ratio peer/corridor at p50: {peer_p50 / p50:.0f}x"
    )

    if args.travellers:
        started = time.perf_counter()
        found = [_as_traveller(rng, rng.choice(alerts), i) for i in range(args.travellers // 5)]
        rest = _people(rng, args.travellers - len(found), "P")
        travellers = found + [prepare(i, [n], b, [nat], s, []) for i, n, b, nat, s in rest]
        prepared = time.perf_counter() - started
        started = time.perf_counter()
        hits = sum(len(rows) for rows in screen_all(screener, travellers, workers=args.workers))
        screened = time.perf_counter() - started
        print(
            f"bulk: {len(travellers):,} travellers prepared in {prepared:.0f} s and screened in "
            f"{screened:.0f} s on {args.workers} workers ({hits:,} hits); "
            f"total {(prepared + screened) / 60:.1f} min"
        )


if __name__ == "__main__":
    main()

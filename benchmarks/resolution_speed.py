"""Identity resolution at a national register's scale: bulk and one record at a time.

    .venv/bin/python benchmarks/resolution_speed.py [--records 1000000] [--incremental 1000]
        [--splink]

Writes a synthetic records file of ``--records`` rows (people drawn from the demo world's name
tables and syllables, about three records each from several sources, written in the ways the
development set's README lists: other script, other order, middle name dropped, a typo, a
partial or swapped birth date, a renewed or OCR-slipped passport, phones in every form; with
twins and namesakes), then:

- runs ``corridor resolve`` on it as a user would, reporting the wall time, the peak memory of
  the run (the largest of its processes) and pairwise precision and recall against the
  generator's truth;
- with ``--splink``, runs the Splink set-up of ``resolution_quality.py`` on the same file
  (needs ``make peers``) for the ratio of times;
- builds the resolver over every record and resolves ``--incremental`` new records one at a
  time against it (``Resolver.matches`` and the compatibility check with the best match's
  entity: the work ``resolve_incoming`` does besides its indexed store queries), reporting
  p50 and p99.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from resolution_quality import corridor_command, splink_command, timed

from corridor.demo.names import draw_name
from corridor.domain.resolution.resolver import Resolver
from corridor.engines.resolution import scored_pairs
from corridor.ingest.records import read_records
from corridor.ingest.rows import RowError

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = "id,source,full_name,birth_date,nationality,sex,document_number,phone,address".split(",")
SOURCES = {
    "VNM": ["VNM-MPS-residents", "VNM-IMM-crossings", "GBR-HO-visa", "JPN-ISA-landing"],
    "CHN": ["CHN-NIA-crossings", "GBR-BF-crossings", "KOR-MOJ-stay"],
    "KOR": ["KOR-MOJ-stay", "GBR-HO-visa", "JPN-ISA-landing"],
    "JPN": ["JPN-ISA-landing", "GBR-BF-crossings", "THA-IMM-overstay"],
    "GBR": ["GBR-HO-visa", "GBR-BF-crossings", "THA-IMM-overstay"],
    "THA": ["THA-IMM-overstay", "GBR-HO-visa", "KOR-MOJ-stay"],
}
WEIGHTS = (45, 15, 10, 8, 12, 10)
PREFIX = {"VNM": "+84 9", "CHN": "+86 13", "KOR": "+82 10", "JPN": "+81 90", "GBR": "+44 7700"}
SYLLABLES = "an bao binh cuong dat duy giang hai hanh hieu hoa hung huy khanh khoa kien lam \
linh loc long minh nam nghia ngoc nhat phong phuc quang quoc son tam thanh thao thinh toan \
trung tuan tung viet vinh xuan jian ping wei ming hao jun seong hun min ji yeon haru kazu \
taka yoshi somchai niran chai wat".split()
STREETS = ["Hang Bac", "Le Loi", "Mile End Rd", "High St", "Nanjing Rd", "Gangnam-daero"]


def _person(rng: random.Random, number: int) -> dict[str, object]:
    nationality = rng.choices(list(SOURCES), WEIGHTS)[0]
    sex = rng.choice("MF")
    name = draw_name(rng, nationality, sex)
    given = name.given_names
    if rng.random() < 0.6:  # syllable-built given names: a million people's diversity
        given = " ".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2)))).upper()
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
    return {
        "n": number,
        "nationality": nationality,
        "sex": sex,
        "family": name.family_name,
        "given": given,
        "native": name.native_name if given == name.given_names else None,
        "born": born,
        "passports": [f"{rng.choice('CBNEM')}{rng.randrange(10**7):07d}" for _ in range(2)],
        "phone": f"{PREFIX.get(nationality, '+66 8')}{rng.randrange(10**7):07d}",
        "address": f"{rng.randrange(1, 300)} {rng.choice(STREETS)}",
    }


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _record(rng: random.Random, person: dict[str, object], k: int) -> list[str]:
    nationality = str(person["nationality"])
    family, given = str(person["family"]), str(person["given"])
    born: date = person["born"]  # type: ignore[assignment]
    roll = rng.random()
    if person["native"] and roll < 0.25:
        name = str(person["native"])
    elif roll < 0.45:
        name = f"{given} {family}"
    elif roll < 0.55 and " " in given:
        name = f"{family} {given.split()[-1]}"
    elif roll < 0.65:
        name = f"{family} {_typo(rng, given)}"
    else:
        name = f"{family} {given}"
    if k and rng.random() < 0.3:
        name = name.title()
    roll = rng.random()
    birth = (
        f"{born.year}"
        if roll < 0.08
        else f"{born:%Y-%m}"
        if roll < 0.15
        else f"{born:%Y-%d-%m}"
        if roll < 0.18 and born.day <= 12
        else f"{born:%Y-%m-%d}"
    )
    passports: list[str] = person["passports"]  # type: ignore[assignment]
    roll = rng.random()
    document = (
        passports[1]
        if roll < 0.15
        else passports[0].replace("0", "O", 1)
        if roll < 0.2
        else ""
        if roll < 0.45
        else passports[0]
    )
    phone = str(person["phone"]) if rng.random() < 0.5 else ""
    if phone and rng.random() < 0.5:
        phone = "00" + phone[1:].replace(" ", "")
    address = str(person["address"]) if rng.random() < 0.5 else ""
    source = rng.choice(SOURCES[nationality])
    sex = str(person["sex"]) if rng.random() < 0.9 else ""
    record_id = f"P{person['n']}-{k}"
    return [record_id, source, name, birth, nationality, sex, document, phone, address]


def generate(path: Path, count: int, seed: int = 2026) -> dict[str, int]:
    """The records file and each record's true person."""
    rng = random.Random(seed)
    truth: dict[str, int] = {}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        number = written = 0
        while written < count:
            person = _person(rng, number)
            people = [person]
            if rng.random() < 0.05:  # a twin: same family, date, phone, address
                twin = {
                    **_person(rng, number + 1),
                    **{
                        key: person[key]
                        for key in ("nationality", "family", "born", "phone", "address")
                    },
                }
                twin["native"] = None
                people.append(twin)
            for someone in people:
                for k in range(min(rng.choice((1, 2, 3, 3, 4, 5, 5)), count - written)):
                    row = _record(rng, someone, k)
                    writer.writerow(row)
                    truth[row[0]] = int(str(someone["n"]))
                    written += 1
            number += len(people)
    return truth


def _pairwise(truth: dict[str, int], entities: Path) -> tuple[float, float]:
    by_entity: dict[str, list[int]] = defaultdict(list)
    with entities.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_entity[row["entity_id"]].append(truth[row["record_id"]])
    predicted = sum(len(m) * (len(m) - 1) // 2 for m in by_entity.values())
    correct = 0
    for members in by_entity.values():
        counts: dict[int, int] = defaultdict(int)
        for person in members:
            counts[person] += 1
        correct += sum(c * (c - 1) // 2 for c in counts.values())
    sizes: dict[int, int] = defaultdict(int)
    for person in truth.values():
        sizes[person] += 1
    true_pairs = sum(c * (c - 1) // 2 for c in sizes.values())
    return correct / max(predicted, 1), correct / max(true_pairs, 1)


def _incremental(path: Path, count: int) -> None:
    read = [item[1] for item in read_records(path) if not isinstance(item, RowError)]
    rng = random.Random(7)
    arriving = rng.sample(range(len(read)), count)
    held_out = {read[i].person.id for i in arriving}
    started = time.perf_counter()
    resolver = Resolver([r for r in read if r.person.id not in held_out])
    entity_of = resolver.entities(scored_pairs(resolver, 0.5))
    members: dict[str, list[str]] = defaultdict(list)
    for record_id, entity in entity_of.items():
        members[entity].append(record_id)
    print(
        f"incremental: resolver and entities over {len(resolver.records):,} records "
        f"built in {time.perf_counter() - started:.0f} s"
    )
    latencies = []
    for i in arriving:
        incoming = read[i]
        t0 = time.perf_counter()
        for pair in resolver.matches(incoming, 0.15):
            if pair.score < 0.5:
                break
            match = pair.right if pair.left == incoming.person.id else pair.left
            entity = [resolver.records[m] for m in members[entity_of[match]]]
            if resolver.compatible(incoming, entity):
                break
        latencies.append(time.perf_counter() - t0)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"incremental: {count:,} new records, one at a time against {len(entity_of):,} "
        f"records: p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--incremental", type=int, default=1_000)
    parser.add_argument("--splink", action="store_true", help="also time Splink (make peers)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; {date.today()}")
    with tempfile.TemporaryDirectory() as scratch:
        records, entities = Path(scratch) / "records.csv", Path(scratch) / "entities.csv"
        started = time.perf_counter()
        truth = generate(records, args.records)
        print(
            f"generated {len(truth):,} records of {len(set(truth.values())):,} people "
            f"in {time.perf_counter() - started:.0f} s"
        )
        corridor = corridor_command(records, entities)
        elapsed, peak = timed(corridor)
        precision, recall = _pairwise(truth, entities)
        print(
            f"corridor resolve: {elapsed:.1f} s, peak {peak:.1f} GiB; "
            f"pairwise precision {precision:.3f} recall {recall:.3f}"
        )
        if args.splink:
            peers = ROOT / ".venv-peers" / "bin" / "python"
            splink = splink_command(records, entities, python=str(peers))
            splink_elapsed, splink_peak = timed(splink)
            precision, recall = _pairwise(truth, entities)
            print(
                f"splink: {splink_elapsed:.1f} s, peak {splink_peak:.1f} GiB; pairwise "
                f"precision {precision:.3f} recall {recall:.3f}; time ratio corridor/splink "
                f"{elapsed / splink_elapsed:.2f}"
            )
        if args.incremental:
            _incremental(records, args.incremental)


if __name__ == "__main__":
    main()

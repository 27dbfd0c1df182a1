"""MRZ checks per second on one core: Corridor's reader beside PyPI's ``mrz`` checker.

    .venv/bin/python benchmarks/mrz_checks.py [--count 20000] [--repeat 3]

Both read the same TD3 passports (the demo world's, so names and numbers vary) and verify
every check digit; Corridor also resolves dates, validates state codes and tries OCR fixes.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from datetime import date

from mrz.checker.td3 import TD3CodeChecker

from corridor.demo.world import travellers
from corridor.domain.documents.mrz_parser import parse


def _passports(count: int) -> list[str]:
    lines = []
    for person in travellers(seed=7, count=count):
        lines.append("\n".join(person.documents[0].mrz))
    return lines


def _rate(check: Callable[[str], object], zones: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for zone in zones:
            check(zone)
        best = min(best, time.perf_counter() - started)
    return len(zones) / best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    zones = _passports(args.count)
    today = date.today()
    corridor = _rate(lambda z: parse(z, today), zones, args.repeat)
    peer = _rate(lambda z: bool(TD3CodeChecker(z)), zones, args.repeat)
    readings = [parse(z, today) for z in zones]
    differ = [r for r, z in zip(readings, zones, strict=True) if r.valid != bool(TD3CodeChecker(z))]
    corrected = sum(bool(r.corrections) for r in differ)
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, one core used; {date.today()}"
    )
    print(f"TD3 zones checked: {len(zones):,} (best of {args.repeat})")
    print(f"corridor  {corridor:>10,.0f} checks/s")
    print(f"mrz 0.6.2 {peer:>10,.0f} checks/s")
    print(f"ratio corridor/mrz: {corridor / peer:.2f}")
    print(
        f"verdicts differ on {len(differ):,} zones; {corrected:,} of them are badly printed "
        "numbers that Corridor corrected and mrz refuses"
    )


if __name__ == "__main__":
    main()

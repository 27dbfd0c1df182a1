"""Screening quality and time on the development set, beside the peers the issue names.

    make peers   # once: installs Splink and nomenklatura (requirements/peers.lock)
    .venv-peers/bin/python benchmarks/screening_quality.py [--data ../shared/data/screening-dev]
        [--sample 400]

1. Corridor screens every traveller against every alert (recall and precision per category).
2. nomenklatura's LogicV2 (the matcher behind OpenSanctions' screening API, on rigour's name
   handling) scores the same candidate pairs as Corridor's index gives, for every traveller
   (or a stratified --sample); both are compared at nomenklatura's usual 0.7 threshold and at
   Corridor's precision.
3. Splink 5 on DuckDB links the two files as its documentation sets it up: names cleaned to
   upper-case ASCII (any script) with their tokens sorted and Jaro-Winkler levels on them,
   exact birth date and birth year, exact nationality, sex and document; u by random
   sampling, m by EM; at match probability 0.5.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import defaultdict
from pathlib import Path

from corridor.domain.names.tokens import ascii_upper
from corridor.domain.screening.screener import Screener
from corridor.ingest.people import PersonRow, read_people

Pair = tuple[str, str]


def _truth(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {r["traveller_id"]: (r["alert_id"], r["category"]) for r in csv.DictReader(handle)}


def _scores(
    hits: set[Pair], truth: dict[str, tuple[str, str]], travellers: set[str]
) -> tuple[float, float, dict[str, float]]:
    wanted = {(t, a) for t, (a, _) in truth.items() if a and t in travellers}
    correct = hits & wanted
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for t, (a, category) in truth.items():
        if a and t in travellers:
            per[category][1] += 1
            per[category][0] += (t, a) in correct
    recall = len(correct) / len(wanted) if wanted else 0.0
    precision = len(correct) / len(hits) if hits else 0.0
    return recall, precision, {c: ok / n for c, (ok, n) in sorted(per.items())}


def _rows(path: Path) -> list[PersonRow]:
    return [row for row in read_people(path) if isinstance(row, PersonRow)]


def corridor(
    alerts: list[PersonRow], travellers: list[PersonRow]
) -> tuple[Screener, set[Pair], float]:
    started = time.perf_counter()
    screener = Screener([r.person for r in alerts], corpus=[r.person for r in travellers])
    hits = {(h.traveller_id, h.alert_id) for r in travellers for h in screener.check(r.person)}
    return screener, hits, time.perf_counter() - started


def nomenklatura_scores(pairs: list[Pair], raw: dict[str, dict[str, str]]) -> dict[Pair, float]:
    import pycountry
    from followthemoney import model
    from nomenklatura.matching import LogicV2
    from nomenklatura.matching.types import ScoringConfig

    def entity(row: dict[str, str]):  # type: ignore[no-untyped-def]
        e = model.make_entity("Person")
        e.id = row["id"]
        e.add("name", row["full_name"])
        if row.get("birth_date"):
            e.add("birthDate", row["birth_date"])
        country = pycountry.countries.get(alpha_3=row.get("nationality") or "")
        if country is not None:
            e.add("nationality", country.alpha_2.lower())
        if row.get("sex") in ("M", "F"):
            e.add("gender", {"M": "male", "F": "female"}[row["sex"]])
        if row.get("document_number"):
            e.add("passportNumber", row["document_number"])
        return e

    entities = {key: entity(row) for key, row in raw.items()}
    config = ScoringConfig.defaults()
    return {
        (t, a): LogicV2.compare(entities["t" + t], entities["a" + a], config).score
        for t, a in pairs
    }


def splink_hits(alerts_path: Path, travellers_path: Path, threshold: float) -> set[Pair]:
    import tempfile

    import duckdb
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on
    from splink.backends.duckdb import DuckDBAPI

    connection = duckdb.connect()
    columns = [
        "unique_id",
        "source_dataset",
        "name",
        "sorted_name",
        "first_token",
        "last_token",
        "birth_date",
        "birth_year",
        "nationality",
        "sex",
        "document_number",
    ]
    with tempfile.TemporaryDirectory() as folder:
        for path, source in ((alerts_path, "alerts"), (travellers_path, "travellers")):
            cleaned = Path(folder) / f"{source}.csv"
            with path.open(encoding="utf-8") as handle, cleaned.open("w", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(columns)
                for row in csv.DictReader(handle):
                    name = ascii_upper(row["full_name"])  # upper case, accents gone, any script
                    tokens = name.split() or [""]
                    writer.writerow(
                        [
                            row["id"],
                            source,
                            name,
                            " ".join(sorted(tokens)),
                            tokens[0],
                            tokens[-1],
                            row["birth_date"],
                            row["birth_date"][:4],
                            row["nationality"],
                            row["sex"],
                            row["document_number"],
                        ]
                    )
            table = {"alerts": "alerts", "travellers": "travellers"}[source]
            connection.execute(
                f"CREATE TABLE {table} AS SELECT * "  # noqa: S608 - a fixed name; path bound
                "FROM read_csv(?, header=true, all_varchar=true)",
                [str(cleaned)],
            )
    for column in columns[6:]:
        for table in ("alerts", "travellers"):
            connection.execute(f"UPDATE {table} SET {column} = NULL WHERE {column} = ''")  # noqa: S608
    db_api = DuckDBAPI(connection=connection)
    left, right = db_api.register("alerts"), db_api.register("travellers")
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("sorted_name", [0.95, 0.88, 0.8]),
            cl.ExactMatch("birth_date"),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("document_number"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("birth_date"),
            block_on("sorted_name"),
            block_on("first_token"),
            block_on("last_token"),
            block_on("document_number"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([left, right], settings, log_level=40)
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("name", "birth_date")], recall=0.7
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_year"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_token"))
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    relation = predictions.as_duckdbpyrelation()
    names = [c.lower() for c in relation.columns]
    out: set[Pair] = set()
    for values in relation.fetchall():
        row = dict(zip(names, values, strict=True))
        pair = {
            row["source_dataset_l"]: row["unique_id_l"],
            row["source_dataset_r"]: row["unique_id_r"],
        }
        out.add((pair["travellers"], pair["alerts"]))
    return out


def _raw(path: Path, prefix: str) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {prefix + r["id"]: r for r in csv.DictReader(handle)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data/screening-dev"))
    parser.add_argument(
        "--sample", type=int, default=0, help="travellers for nomenklatura (0: all)"
    )
    args = parser.parse_args()
    truth = _truth(args.data / "truth.csv")
    alerts, travellers = _rows(args.data / "alerts.csv"), _rows(args.data / "travellers.csv")
    everyone = {r.person.id for r in travellers}

    screener, hits, seconds = corridor(alerts, travellers)
    recall, precision, per = _scores(hits, truth, everyone)
    print(
        f"corridor: recall {recall:.4f} precision {precision:.4f} in {seconds:.1f} s "
        f"(one process, {len(travellers):,} x {len(alerts):,})"
    )
    print("  per category: " + ", ".join(f"{c} {v:.3f}" for c, v in per.items()))

    started = time.perf_counter()
    linked = splink_hits(args.data / "alerts.csv", args.data / "travellers.csv", 0.5)
    splink_seconds = time.perf_counter() - started
    s_recall, s_precision, s_per = _scores(linked, truth, everyone)
    print(
        f"splink 5 (duckdb): recall {s_recall:.4f} precision {s_precision:.4f} in "
        f"{splink_seconds:.1f} s; corridor/splink recall {recall / s_recall:.2f}, "
        f"time ratio splink/corridor {splink_seconds / seconds:.1f}"
    )
    print("  per category: " + ", ".join(f"{c} {v:.3f}" for c, v in s_per.items()))

    rng = random.Random(11)
    by_category: dict[str, list[str]] = defaultdict(list)
    for traveller_id, (_, category) in truth.items():
        by_category[category].append(traveller_id)
    share = args.sample / len(truth) if args.sample else 1.0
    sample = {
        t for ids in by_category.values() for t in rng.sample(ids, max(1, round(len(ids) * share)))
    }
    positions = {r.person.id: r.person for r in travellers}
    pairs = sorted(
        {
            (t, screener.alerts[p].id)
            for t in sample
            for p in screener.index.candidates(positions[t])
        }
        if sample
        else set()
    )
    raw = {**_raw(args.data / "alerts.csv", "a"), **_raw(args.data / "travellers.csv", "t")}
    started = time.perf_counter()
    scores = nomenklatura_scores(pairs, raw)
    n_seconds = time.perf_counter() - started
    c_hits = {h for h in hits if h[0] in sample}
    c_recall, c_precision, _ = _scores(c_hits, truth, sample)
    n_recall, n_precision, n_per = _scores(
        {p for p, s in scores.items() if s >= 0.7}, truth, sample
    )
    best = max(
        (
            (_scores({p for p, s in scores.items() if s >= cut}, truth, sample)[0], cut)
            for cut in [x / 100 for x in range(30, 100)]
            if _scores({p for p, s in scores.items() if s >= cut}, truth, sample)[1] >= c_precision
        ),
        default=(0.0, 1.0),
    )
    print(
        f"nomenklatura: {len(sample):,} travellers, {len(pairs):,} candidate pairs (the same "
        f"for both) in {n_seconds:.1f} s; time ratio nomenklatura/corridor "
        f"{n_seconds / seconds:.0f}"
    )
    print(f"  corridor: recall {c_recall:.4f} precision {c_precision:.4f}")
    print(
        f"  nomenklatura logic-v2 at 0.7: recall {n_recall:.4f} precision {n_precision:.4f}; "
        f"{n_seconds / max(len(pairs), 1) * 1000:.1f} ms a pair"
    )
    print(
        f"  nomenklatura at corridor's precision (threshold {best[1]:.2f}): recall {best[0]:.4f}; "
        f"corridor/nomenklatura recall {c_recall / best[0] if best[0] else float('inf'):.2f}"
    )
    print(
        "  nomenklatura per category at 0.7: " + ", ".join(f"{c} {v:.3f}" for c, v in n_per.items())
    )


if __name__ == "__main__":
    main()

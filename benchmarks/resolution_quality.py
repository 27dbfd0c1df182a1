"""Identity resolution beside Splink, on the same records in the same run.

    make peers   # once: installs Splink (requirements/peers.lock)
    .venv-peers/bin/python benchmarks/resolution_quality.py [--data ../shared/data/resolution-dev]

1. Corridor: `corridor resolve` at its default threshold (the screening index and model,
   phones, clusters that stay compatible inside).
2. Splink 5 on DuckDB, deduplicating the same records as its documentation sets it up: names
   cleaned to upper-case ASCII (any script) with their tokens sorted, Jaro-Winkler levels on
   them, exact birth date and year, nationality, sex, document, phone digits, and addresses at
   Jaro-Winkler levels; blocking on birth date, name tokens, document and phone; u by random
   sampling, m by EM; clusters at match probability 0.999.
Both outputs are scored by the project's evaluator (pairwise and B-cubed precision, recall and
F1, recall per category), and their times are printed with the ratio. Each runs as a process of
its own, timed from its start to its end, as `benchmarks/resolution_speed.py` times them and as
a user (or `../shared/tools/score-all`) meets them: the interpreter, the imports, the work and
the written file, for both alike. Each runs ``--runs`` times (3), the two taking turns, and the
ratio is of the median times: on a shared machine one noisy moment does not decide it.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corridor.domain.names.tokens import ascii_upper

EVALUATOR = Path("../shared/tools/eval_resolution.py")


def corridor_command(records: Path, out: Path) -> list[str]:
    """``corridor resolve`` of this interpreter's environment."""
    command = str(Path(sys.executable).parent / "corridor")
    return [command, "resolve", "--records", str(records), "--out", str(out)]


def splink_command(records: Path, out: Path, python: str = sys.executable) -> list[str]:
    """This script's Splink set-up alone, in an interpreter of its own."""
    return [python, str(Path(__file__).resolve()), "--splink-only", str(records), str(out)]


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds of a command, from its process's start to its end, and the peak resident
    memory (GiB) of its largest process: that command's alone (``wait4``), not the largest of
    every command run so far."""
    started = time.perf_counter()
    with subprocess.Popen(  # noqa: S603
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as process:
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)  # reaped here, for its own rusage
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({process.returncode}):\n{errors.decode()}")
    return elapsed, usage.ru_maxrss / 2**20


def splink(records: Path, out: Path) -> None:
    import duckdb
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on
    from splink.backends.duckdb import DuckDBAPI

    columns = [
        "unique_id",
        "name",
        "sorted_name",
        "first_token",
        "last_token",
        "birth_date",
        "birth_year",
        "nationality",
        "sex",
        "document_number",
        "phone",
        "address",
    ]
    connection = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder:
        cleaned = Path(folder) / "records.csv"
        with records.open(encoding="utf-8") as handle, cleaned.open("w", encoding="utf-8") as dst:
            writer = csv.writer(dst)
            writer.writerow(columns)
            for row in csv.DictReader(handle):
                name = ascii_upper(row["full_name"])
                tokens = name.split() or [""]
                writer.writerow(
                    [
                        row["id"],
                        name,
                        " ".join(sorted(tokens)),
                        tokens[0],
                        tokens[-1],
                        row["birth_date"],
                        row["birth_date"][:4],
                        row["nationality"],
                        row["sex"],
                        row["document_number"],
                        re.sub(r"\D", "", row["phone"])[-9:],
                        ascii_upper(row["address"]),
                    ]
                )
        connection.execute(
            "CREATE TABLE records AS SELECT * FROM read_csv(?, header=true, all_varchar=true)",
            [str(cleaned)],
        )
    for column in columns[5:]:
        connection.execute(f"UPDATE records SET {column} = NULL WHERE {column} = ''")  # noqa: S608
    db_api = DuckDBAPI(connection=connection)
    table = db_api.register("records")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("sorted_name", [0.95, 0.88, 0.8]),
            cl.ExactMatch("birth_date"),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("document_number"),
            cl.ExactMatch("phone"),
            cl.JaroWinklerAtThresholds("address", [0.9, 0.8]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("birth_date"),
            block_on("sorted_name"),
            block_on("first_token", "birth_year"),
            block_on("last_token", "birth_year"),
            block_on("document_number"),
            block_on("phone"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(table, settings, log_level=40)
    linker.training.estimate_u_using_random_sampling(max_pairs=5_000_000)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("sorted_name", "birth_date"), block_on("document_number")], recall=0.7
    )
    # each session trains the comparisons its blocking rule leaves free (Splink's tutorial)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("sorted_name"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.999
    )
    relation = clusters.as_duckdbpyrelation()
    names = [c.lower() for c in relation.columns]
    entity_of = {}
    for values in relation.fetchall():
        row = dict(zip(names, values, strict=True))
        entity_of[str(row["unique_id"])] = f"S{row['cluster_id']}"
    _write(out, entity_of)


def _write(out: Path, entity_of: dict[str, str]) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "entity_id"])
        writer.writerows(sorted(entity_of.items()))


def _score(truth: Path, entities: Path) -> str:
    done = subprocess.run(  # noqa: S603 - the project's own evaluator
        [sys.executable, str(EVALUATOR), str(truth), str(entities)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data/resolution-dev"))
    parser.add_argument(
        "--runs", type=int, default=3, help="times each is run, in turn (the medians compared)"
    )
    parser.add_argument("--splink-only", nargs=2, type=Path, metavar=("RECORDS", "OUT"))
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.splink_only:
        splink(*args.splink_only)
        return
    records, truth = args.data / "records.csv", args.data / "truth.csv"
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = Path(folder) / "corridor.csv", Path(folder) / "splink.csv"
        ours_runs, theirs_runs = [], []
        for _ in range(args.runs):  # one after the other, so both meet the same noise
            ours_runs.append(timed(corridor_command(records, ours)))
            theirs_runs.append(timed(splink_command(records, theirs)))
        ours_time, theirs_time = _median(ours_runs), _median(theirs_runs)
        for name, runs, out in (
            ("Corridor", ours_runs, ours),
            ("Splink 5 on DuckDB", theirs_runs, theirs),
        ):
            print(f"== {name} ({_median(runs):.1f} s, peak {max(p for _, p in runs):.2f} GiB)")
            print(f"runs: {', '.join(f'{t:.2f} s' for t, _ in runs)}\n{_score(truth, out)}")
        paired = ", ".join(
            f"{a / b:.2f}" for (a, _), (b, _) in zip(ours_runs, theirs_runs, strict=True)
        )
        print(
            f"time ratio corridor/splink: {ours_time / theirs_time:.2f} (medians; run by run: {paired})"
        )


def _median(runs: list[tuple[float, float]]) -> float:
    return statistics.median(seconds for seconds, _ in runs)


if __name__ == "__main__":
    main()

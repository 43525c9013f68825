"""The fuzzer of benchmarks/fuzz.py: its classifier and runner on a stand-in tool, its
mutations, and a short seeded run of `ltl-plan check` on mutated xlsx, xls, ods and csv
(marked ``fuzz``: deselect with ``-m 'not fuzz'``). The benchmark's run is
``python benchmarks/fuzz.py`` (2,000 mutants)."""

from __future__ import annotations

import io
import os
import shutil
import signal
import sys
import textwrap
import time
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from conftest import benchmarks_module

# The short run: mutants per family, and the seed (the same mutants in every run).
MUTANTS_PER_FAMILY = int(os.environ.get("LTL_PLAN_FUZZ_MUTANTS", "10"))
SEED = int(os.environ.get("LTL_PLAN_FUZZ_SEED", "76"))


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    """benchmarks/fuzz.py (it imports generate.py beside it)."""
    return benchmarks_module("fuzz")


# -- the classifier ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("returncode", "stderr", "flags", "kind"),
    [
        (0, "", {}, "ok"),
        (1, "3 problems\n", {}, "ok"),
        (2, "ltl-plan: error: t.xlsx: not a workbook\n", {}, "ok"),
        (None, "", {"timed_out": True}, "hang"),
        (-9, "", {"timed_out": True}, "hang"),
        (-6, "memory allocation of 549755813888 bytes failed\n", {}, "signal"),
        (-11, "", {}, "signal"),
        (1, 'Traceback (most recent call last):\n  File "x.py", line 1\nValueError\n', {},
         "traceback"),
        (2, "ltl-plan: error: internal error (KeyError: 'a'). This is a bug\n", {}, "bug"),
        (134, "", {}, "bad-exit"),
        (3, "", {}, "bad-exit"),
        (0, "", {"input_changed": True}, "input-changed"),
        (0, "", {"output_problem": "no output file"}, "bad-output"),
        (0, "", {"leftovers": [".check.json.tmp"]}, "left-files"),
        # the worse kind wins
        (-6, "Traceback (most recent call last):\n", {}, "signal"),
        (1, "Traceback (most recent call last):\nX\n", {"input_changed": True}, "traceback"),
    ],
)  # fmt: skip
def test_classify(
    fuzz: ModuleType, returncode: int | None, stderr: str, flags: dict[str, object], kind: str
) -> None:
    assert fuzz.classify(returncode, stderr, **flags) == kind


PANIC_TRACEBACK = """\
thread '<unnamed>' panicked at /root/.cargo/registry/src/index.crates.io-6f17d22bba15001f/calamine-0.26.1/src/cfb.rs:353:24:
range end index 5632 out of range for slice of length 5120
Traceback (most recent call last):
  File "/work/main/.venv/bin/ltl-plan", line 8, in <module>
    sys.exit(main())
  File "/work/main/src/ltl_plan/read/workbook.py", line 120, in open_book
    book = CalamineWorkbook.from_path(str(path))
pyo3_runtime.PanicException: range end index 5632 out of range for slice of length 5120
"""  # noqa: E501


def _outcome(fuzz: ModuleType, kind: str, returncode: int | None, stderr: str) -> object:
    return fuzz.Outcome(
        ident="xls-00001",
        family="xls",
        seed="date.xls",
        seed_sha256="0" * 64,
        mutation="truncate to 5120 of 5632",
        original=False,
        command=["ltl-plan", "check"],
        returncode=returncode,
        elapsed=0.1,
        peak_mb=50.0,
        timed_out=returncode is None,
        input_changed=False,
        output_problem=None,
        leftovers=[],
        stderr=stderr,
        kind=kind,
    )


def test_signatures(fuzz: ModuleType) -> None:
    panic = _outcome(fuzz, "traceback", 1, PANIC_TRACEBACK)
    assert fuzz.signature(panic) == (
        "traceback: pyo3_runtime.PanicException · ltl_plan/read/workbook.py:120 in open_book"
        " · panic at calamine-0.26.1/src/cfb.rs:353"
    )
    abort = _outcome(fuzz, "signal", -6, "memory allocation of 549755813888 bytes failed\n")
    assert fuzz.signature(abort) == "signal: SIGABRT · memory allocation of N bytes failed"
    bug = _outcome(fuzz, "bug", 2, "ltl-plan: error: internal error (KeyError: 'x'). This is")
    assert fuzz.signature(bug) == "bug: KeyError"
    assert fuzz.signature(_outcome(fuzz, "hang", None, "")) == "hang: xls truncate to N of N"


# -- the runner, on a stand-in for ltl-plan ----------------------------------------------

# Does what the first word of its input file says.
STAND_IN = textwrap.dedent(
    """\
    import json, os, sys, time
    source, output = sys.argv[2], sys.argv[sys.argv.index("-o") + 1]
    word = open(source, "rb").read().split()[0].decode()
    def write():
        with open(output, "w") as handle:
            json.dump({"counts": {}}, handle)
    if word in ("ok", "problems"):
        write()
        sys.exit(0 if word == "ok" else 1)
    if word == "cannot":
        print("ltl-plan: error: not a table", file=sys.stderr)
        sys.exit(2)
    if word == "traceback":
        raise ValueError("boom")
    if word == "bug":
        if "--debug" in sys.argv:
            print('Traceback (most recent call last):\\n  File "/x/src/ltl_plan/a.py", '
                  'line 7, in f\\nKeyError: 1', file=sys.stderr)
        print("ltl-plan: error: internal error (KeyError: 1). This is a bug", file=sys.stderr)
        sys.exit(2)
    if word == "abort":
        os.abort()
    if word == "hang":
        time.sleep(60)
    if word == "exit3":
        sys.exit(3)
    if word == "modify":
        open(source, "ab").write(b"!")
        write()
    if word == "leftover":
        open(output + ".tmp", "w").close()
        write()
    sys.exit(0)  # "silent": exit 0 and no output
    """
)


def test_runner_classifies_each_outcome(fuzz: ModuleType, tmp_path: Path) -> None:
    tool = tmp_path / "stand-in.py"
    tool.write_text(STAND_IN, encoding="utf-8")
    expected = {
        "ok": "ok",
        "problems": "ok",
        "cannot": "ok",
        "traceback": "traceback",
        "bug": "bug",
        "abort": "signal",
        "hang": "hang",
        "exit3": "bad-exit",
        "modify": "input-changed",
        "silent": "bad-output",
        "leftover": "left-files",
    }
    jobs = [
        fuzz.Job(word, "csv", "seed.csv", "0" * 64, "none", f"{word}\n".encode())
        for word in expected
    ]
    start = time.perf_counter()
    outcomes = list(fuzz.run_jobs(jobs, [sys.executable, str(tool)], tmp_path / "work", timeout=5))
    assert time.perf_counter() - start < 30  # the hang is killed at its timeout

    kinds = {outcome.ident: outcome.kind for outcome in outcomes}
    assert kinds == expected
    by_word = {outcome.ident: outcome for outcome in outcomes}
    assert by_word["abort"].returncode == -signal.SIGABRT
    assert by_word["hang"].timed_out and by_word["hang"].elapsed < 20
    assert by_word["leftover"].leftovers == ["check.json.tmp"]
    # Outcomes come in the order the runs end, which load can change: compared by name.
    assert [by_word[w].returncode for w in ("ok", "problems", "cannot")] == [0, 1, 2]
    assert not list((tmp_path / "work").iterdir())  # every run's folder removed

    # The whole loop: failures saved with their stderr and how to reproduce them, and a
    # bug run again with --debug for its traceback.
    out = tmp_path / "out"
    seeds = {"csv": [fuzz.Seed("csv", "bug.csv", b"bug\n", "test")]}
    (outcome,) = fuzz.fuzz(
        seeds, [sys.executable, str(tool)], out, mutants=0, seed=1, progress=False
    )
    assert outcome.kind == "bug"
    assert outcome.signature == "bug: KeyError · ltl_plan/a.py:7 in f"
    saved = out / "failures" / "csv-seed-bug"
    assert (saved / "mutant.csv").read_bytes() == b"bug\n"
    assert "internal error" in (saved / "stderr.txt").read_text(encoding="utf-8")
    assert "Traceback" in (saved / "stderr-debug.txt").read_text(encoding="utf-8")
    assert "ltl-plan check" in (saved / "info.json").read_text(encoding="utf-8")
    assert (out / "results.jsonl").read_text(encoding="utf-8").count("\n") == 1


# -- the mutations -----------------------------------------------------------------------


def test_mutants_are_reproducible_and_reach_the_xml(fuzz: ModuleType, tmp_path: Path) -> None:
    seeds = fuzz.build_seeds(tmp_path, ("xlsx", "ods", "csv"), peers=None, use_soffice=False)
    assert {family: len(group) > 0 for family, group in seeds.items()} == {
        "xlsx": True,
        "ods": True,
        "csv": True,
    }
    for family in seeds:
        one = fuzz.mutant(3, family, 7, seeds[family])
        again = fuzz.mutant(3, family, 7, seeds[family])
        assert (one.data, one.mutation) == (again.data, again.mutation)
    # Most zipped mutants are still zips (so the XML parser reads the change) and differ
    # from their seed inside a member.
    originals = {s.name: s.data for s in seeds["xlsx"]}
    inside = 0
    for index in range(60):
        job = fuzz.mutant(5, "xlsx", index, seeds["xlsx"])
        assert job.data != originals[job.seed], job.mutation
        if zipfile.is_zipfile(io.BytesIO(job.data)) and ".xml" in job.mutation:
            inside += 1
    assert inside >= 20


def test_generated_ods_seed_reads_back(fuzz: ModuleType) -> None:
    from python_calamine import CalamineWorkbook

    table = [["Mã đơn vị", "Năm", None, "Có"], ["TV-1", 2024, None, None]]
    book = CalamineWorkbook.from_filelike(io.BytesIO(fuzz.ods_bytes("Danh sách", table)))
    cells = book.get_sheet_by_index(0).to_python()
    assert cells == [["Mã đơn vị", "Năm", "", "Có"], ["TV-1", 2024.0, "", ""]]


# -- the short run -----------------------------------------------------------------------


def _ltl_plan() -> Path | None:
    beside = Path(sys.executable).parent / "ltl-plan"
    if os.access(beside, os.X_OK):
        return beside
    found = shutil.which("ltl-plan")
    return Path(found) if found else None


def _excerpt(stderr: str) -> str:
    """The start of a long stderr (a Rust message) and its end (a Python traceback)."""
    if len(stderr) <= 1500:
        return stderr
    return f"{stderr[:400]}\n…\n{stderr[-1000:]}"


@pytest.mark.fuzz
def test_mutated_inputs_never_crash_check(fuzz: ModuleType, tmp_path: Path) -> None:
    """Seeded mutants of every family: each run ends with exit 0, 1 or 2, without a
    traceback, an internal error, a signal or a hang, and leaves its input unchanged."""
    ltl_plan = _ltl_plan()
    if ltl_plan is None:
        pytest.skip("no ltl-plan executable")
    seeds = fuzz.build_seeds(tmp_path / "seeds")
    outcomes = fuzz.fuzz(
        seeds,
        [str(ltl_plan)],
        tmp_path / "out",
        mutants=MUTANTS_PER_FAMILY * len(seeds),
        seed=SEED,
        originals="none",
        progress=False,
    )

    assert len(outcomes) == MUTANTS_PER_FAMILY * len(seeds)
    failures = [o for o in outcomes if o.kind != "ok"]
    if failures:
        report = "\n".join(
            f"{o.ident} ({o.kind}, {o.elapsed:.1f} s): {o.signature}\n"
            f"    seed file {o.seed}, mutation: {o.mutation[:160]}\n"
            f"    again: python benchmarks/fuzz.py --seed {SEED} --only {o.ident}\n"
            f"    saved: {o.saved}\n"
            + textwrap.indent(_excerpt(o.debug_stderr or o.stderr), "    | ")
            for o in failures
        )
        pytest.fail(f"{len(failures)} of {len(outcomes)} mutants failed:\n{report}", pytrace=False)
    assert {o.returncode for o in outcomes} <= {0, 1, 2}

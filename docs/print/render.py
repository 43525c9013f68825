"""Render the workbooks ltl-plan writes as a person who prints them sees them: each one
converted to PDF by LibreOffice, each page to a PNG in this folder.

    python docs/print/render.py            # needs soffice (LibreOffice) and pdftoppm

The workbooks: the yearly report of the bundled example (valid), the report of the
example with problems (the red banner), the submission form, and the correction workbook
of the example with problems. ``tests/test_print.py`` converts the same workbooks and
checks their page counts and paper size.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXAMPLES = ROOT / "examples"


def workbooks(folder: Path) -> dict[str, Path]:
    """Write the four workbooks into ``folder`` with the library; their paths by name."""
    import ltl_plan

    made = {name: folder / f"{name}.xlsx" for name in ("report", "invalid", "template",
                                                          "corrections")}  # fmt: skip
    # Read from the repository's root, so that the pages name the files as a user's
    # command line would (examples/problems.xlsx), not by this machine's paths.
    with contextlib.chdir(ROOT):
        examples = EXAMPLES.relative_to(ROOT)
        valid = ltl_plan.check([examples / "tuyen-quang-2022-2024.xlsx"], by="auto")
        problems = ltl_plan.check([examples / "problems.xlsx"], by="auto", keep_tables=True)
    ltl_plan.write_report(valid, made["report"])
    ltl_plan.write_report(problems, made["invalid"])
    ltl_plan.write_corrections(problems, made["corrections"])
    ltl_plan.write_template(made["template"])
    return made


def to_pdf(workbooks: list[Path], folder: Path) -> None:
    """Convert the workbooks to PDF in ``folder`` with LibreOffice (a profile of its own,
    so that a LibreOffice the user has open is not disturbed)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, workbooks)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        made = workbooks(folder)
        to_pdf(list(made.values()), folder)
        for old in HERE.glob("*.png"):
            old.unlink()
        for name in made:
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", str(folder / f"{name}.pdf"), str(HERE / name)],
                check=True,
            )
    print("\n".join(sorted(p.name for p in HERE.glob("*.png"))), file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The report of a result store (sweep --store) shows the same figures as the report of the sweep's folder.

  store_report_test.py FREIGHTSIM_BINARY      (run from the repository root)

Each sweep runs once with --out DIR and --store FILE.db; `report DIR` and `report FILE.db -o` are compared
cell by cell (every data-field cell: metric, variant, field and the text shown, in order), both held to
comparison.csv as sweep_compare_report_test does, their charts (points and bands, byte for byte) and
report.md's tables. Refused with one line and exit 2: a store without -o, an incomplete store, an SQLite file
that is not a store. A store whose summary was altered must show up as differing cells (the comparison is not
vacuous).
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_report  # noqa: E402
import sweep_compare_report_test as sweep_test  # noqa: E402

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def run(binary, *args):
    r = subprocess.run([binary, *args], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"freightsim {' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
    return r


def charts(text):
    """The SVG of every chart, which must be identical (only the source named in the text may differ)."""
    return re.findall(r"<svg .*?</svg>", text, flags=re.S)


def md_tables(text):
    return [l for l in text.splitlines() if l.startswith("|")]


def fields_of(report):
    errors, parser = check_report.structure(report)
    for e in errors:
        fail(f"{report}: {e}")
    return parser.fields if parser else []


def check_store(binary, tmp, sweep):
    name = os.path.splitext(os.path.basename(sweep))[0]
    out, db = os.path.join(tmp, name), os.path.join(tmp, name + ".db")
    if run(binary, "sweep", sweep, "--replications", "2", "--jobs", "2", "--quiet", "--out", out,
           "--store", db).returncode:
        return None
    folder_html, store_html = os.path.join(tmp, name + "-folder.html"), os.path.join(tmp, name + "-store.html")
    if run(binary, "report", out, "-o", folder_html).returncode or run(binary, "report", db, "-o",
                                                                     store_html).returncode:
        return None
    folder, store = fields_of(folder_html), fields_of(store_html)
    if not folder:
        fail(f"{name}: the folder's report has no cells")
    if len(folder) != len(store):
        fail(f"{name}: {len(store)} cells from the store, {len(folder)} from the folder")
    for a, b in zip(folder, store):
        if a != b:
            fail(f"{name}: folder cell {a} but store cell {b}")
    expected = sweep_test.sweep_expected(os.path.join(out, "comparison.csv"))
    for e in sweep_test.table_errors(store, expected, lambda m, v: (m, v), name + " (store)"):
        fail(e)
    a_text, b_text = open(folder_html, encoding="utf-8").read(), open(store_html, encoding="utf-8").read()
    if charts(a_text) != charts(b_text) or not charts(a_text):
        fail(f"{name}: the charts differ between the folder's and the store's report")
    if "result store" not in b_text:
        fail(f"{name}: the store's report does not say it was read from a result store")
    a_md = open(os.path.join(tmp, name + "-folder.md"), encoding="utf-8").read()
    b_md = open(os.path.join(tmp, name + "-store.md"), encoding="utf-8").read()
    if md_tables(a_md) != md_tables(b_md) or not md_tables(a_md):
        fail(f"{name}: report.md tables differ between the folder and the store")
    return db, folder


def refusals(binary, tmp, db, folder_cells):
    def refused(args, what):
        r = subprocess.run([binary, *args], capture_output=True, text=True)
        if r.returncode != 2 or r.stderr.count("\n") != 1:
            fail(f"{what}: exit {r.returncode}, stderr {r.stderr!r} (expected 2 and one line)")
    refused(["report", db], "a store without -o")
    incomplete = os.path.join(tmp, "incomplete.db")
    shutil.copy(db, incomplete)
    with sqlite3.connect(incomplete) as c:
        c.execute("DELETE FROM run WHERE run_id = (SELECT MAX(run_id) FROM run)")
        c.execute("DELETE FROM summary")
        c.execute("UPDATE sweep SET complete = 0")
    refused(["report", incomplete, "-o", os.path.join(tmp, "x.html")], "an incomplete store")
    other = os.path.join(tmp, "other.db")
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE t (x)")
    refused(["report", other, "-o", os.path.join(tmp, "y.html")], "an SQLite file that is not a store")
    # Negative control: one mean altered in the store shows as a differing cell.
    altered = os.path.join(tmp, "altered.db")
    shutil.copy(db, altered)
    with sqlite3.connect(altered) as c:
        c.execute("UPDATE summary SET mean = mean * 1.5 + 1 WHERE variant = 1 AND rowid IN "
                  "(SELECT rowid FROM summary WHERE variant = 1 LIMIT 1)")
    html = os.path.join(tmp, "altered.html")
    if run(binary, "report", altered, "-o", html).returncode:
        return
    if fields_of(html) == folder_cells:
        fail("an altered store's report has the same cells as the folder's: the comparison cannot fail")


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        got = check_store(binary, tmp, "scenarios/sweeps/kamenny_log_lanes.yaml")  # a 3 x 3 grid
        check_store(binary, tmp, "scenarios/sweeps/instc_western_whatifs.yaml")  # what-if files
        if got:
            refusals(binary, tmp, *got)
    if failures:
        sys.exit(1)
    print("store reports equal the sweep folders' reports")


if __name__ == "__main__":
    main()

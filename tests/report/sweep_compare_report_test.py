#!/usr/bin/env python3
"""The reports of a sweep and of a comparison carry the numbers their commands computed, and are well-formed,
self-contained HTML (check_report.structure).

  sweep_compare_report_test.py FREIGHTSIM_BINARY      (run from the repository root)

Sweep: every mean, ci95, difference, difference_ci95 and significant of comparison.csv is shown in the HTML
table of its metric and variant (rounded to the decimals shown), and in report.md; one band and one line per
series, one point per variant. Comparison: `report A B` shows, per metric, what `compare A B --out` wrote.
"""
import csv
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_report  # noqa: E402

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def run(binary, *args):
    r = subprocess.run([binary, *args], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"freightsim {' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
    return r


def table_errors(fields, expected, key_of, what):
    """fields: (metric, variant, field, text) cells; expected: {key: {field: value or None}}."""
    errors = []
    seen = set()
    for metric, variant, field, text in fields:
        key = key_of(metric, variant)
        if key not in expected or field not in expected[key]:
            errors.append(f"{what}: a cell for {key} {field} that the CSV does not have")
            continue
        value = expected[key][field]
        seen.add((key, field))
        if field == "significant":
            if text.strip() != ("yes" if value else "no"):
                errors.append(f"{what}: {key} significant shows {text!r}, the CSV {value}")
        elif value is None or not check_report.shows(text, value):
            errors.append(f"{what}: {key} {field} shows {text!r}, the CSV has {value}")
    for key, row in expected.items():
        for field, value in row.items():
            if value is not None and (key, field) not in seen:
                errors.append(f"{what}: {key} {field} ({value}) is not in the report")
    return errors


def number(text):
    return float(text) if text != "" else None


def sweep_expected(path):
    """{(metric, variant): {field: value}} from a sweep's comparison.csv; the baseline has no difference."""
    out = {}
    for row in csv.DictReader(open(path, encoding="utf-8")):
        fields = {"mean": number(row["mean"]), "ci95": number(row["ci95"])}
        if row["variant"] != "0":
            fields.update(difference=number(row["difference"]), difference_ci95=number(row["difference_ci95"]),
                          significant=row["significant"] == "true")
        out[(row["metric"], row["variant"])] = fields
    return out


def check_sweep(binary, tmp, sweep, series):
    name = os.path.splitext(os.path.basename(sweep))[0]
    out = os.path.join(tmp, name)
    if run(binary, "sweep", sweep, "--replications", "2", "--jobs", "2", "--quiet", "--out", out).returncode:
        return
    report = os.path.join(tmp, name + ".html")
    if run(binary, "report", out, "-o", report).returncode:
        return
    expected = sweep_expected(os.path.join(out, "comparison.csv"))
    errors, parser = check_report.structure(report)
    if parser is not None:
        errors += table_errors(parser.fields, expected, lambda m, v: (m, v), name)
    text = open(report, encoding="utf-8").read()
    metrics = {m for m, _ in expected}
    variants = {v for _, v in expected}
    points = len(re.findall(r'<circle [^>]*r="4"', text))
    if points != len(metrics) * len(variants):
        errors.append(f"{name}: {points} points, expected {len(metrics)} metrics x {len(variants)} variants")
    bands = text.count('class="band"')
    if bands != len(metrics) * series:
        errors.append(f"{name}: {bands} interval bands, expected {len(metrics)} metrics x {series} series")
    md = open(os.path.join(tmp, name + ".md"), encoding="utf-8").read()
    sections = {part.split("\n", 1)[0].split(" (")[0]: part for part in md.split("\n## ")[1:]}
    for (metric, variant), row in expected.items():
        line = next((l for l in sections.get(metric, "").splitlines() if l.startswith(f"| {variant} |")), "")
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) < 4 or row["mean"] is None or not check_report.shows(cells[2], row["mean"]):
            errors.append(f"{name}: report.md has no row for {metric} variant {variant} with mean {row['mean']}")
    for e in errors:
        fail(e)
    return report, expected


def check_comparison(binary, tmp):
    a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
    run(binary, "run", "scenarios/kamenny_log.yaml", "--replications", "3", "--threads", "2", "--quiet", "--out", a)
    run(binary, "run", "scenarios/what-if/kamenny_log_25pct_norm.yaml", "--replications", "3", "--threads", "2",
        "--quiet", "--out", b)
    table = os.path.join(tmp, "compare.csv")
    report = os.path.join(tmp, "compare.html")
    run(binary, "compare", a, b, "--out", table, "--quiet")
    if run(binary, "report", a, b, "-o", report).returncode or not os.path.exists(table):
        return
    expected = {}
    for row in csv.DictReader(open(table, encoding="utf-8")):
        expected[row["metric"]] = {"a_mean": number(row["a_mean"]), "b_mean": number(row["b_mean"]),
                                   "difference": number(row["difference"]),
                                   "half_width": number(row["half_width"]),
                                   "significant": row["significant"] == "true"}
    errors, parser = check_report.structure(report)
    if parser is not None:
        errors += table_errors(parser.fields, expected, lambda m, v: m, "comparison")
    text = open(report, encoding="utf-8").read()
    significant = sum(1 for r in expected.values() if r["significant"])
    highlighted = text.count('<tr class="sig">')
    if highlighted != significant or significant == 0:
        errors.append(f"comparison: {highlighted} highlighted rows, {significant} significant")
    if "Medininkai" not in text:
        errors.append("comparison: node names are not shown")
    md = open(os.path.join(tmp, "compare.md"), encoding="utf-8").read()
    marked = md.count("| **yes** |")
    if marked != significant:
        errors.append(f"comparison: report.md marks {marked} significant, expected {significant}")
    r = subprocess.run([binary, "report", a, b], capture_output=True, text=True)
    if r.returncode != 2 or r.stderr.count("\n") != 1:
        errors.append(f"comparison without -o: exit {r.returncode}, stderr {r.stderr!r}")
    for e in errors:
        fail(e)
    return report, expected


def negative_controls(tmp, report, expected):
    """The checks reject a report whose number, significance or structure is wrong."""
    src = open(report, encoding="utf-8").read()
    variants = {
        "a mean changed": re.sub(r'(data-field="mean">)(\d)', lambda m: m.group(1) + str((int(m.group(2)) + 3) % 10),
                                 src, count=1),
        "a significance flipped": re.sub(r'(data-field="significant">)(yes|no)',
                                         lambda m: m.group(1) + ("no" if m.group(2) == "yes" else "yes"), src, count=1),
        "a row dropped": re.sub(r"<tr><td class=\"n\">1</td>.*?</tr>", "", src, count=1),
        "an element left open": src.replace("</table>", "", 1),
    }
    for what, text in variants.items():
        path = os.path.join(tmp, "broken.html")
        open(path, "w", encoding="utf-8").write(text)
        errors, parser = check_report.structure(path)
        if parser is not None:
            errors += table_errors(parser.fields, expected, lambda m, v: (m, v), "broken")
        if text == src or not errors:
            fail(f"the checks accepted a sweep report with {what}")


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        # zip of two parameters moving together: one series; a 3 x 3 grid: three series; what-ifs: one.
        got = check_sweep(binary, tmp, "scenarios/sweeps/brest_cranes.yaml", 1)
        check_sweep(binary, tmp, "scenarios/sweeps/kamenny_log_lanes.yaml", 3)
        check_sweep(binary, tmp, "scenarios/sweeps/instc_western_whatifs.yaml", 1)
        check_comparison(binary, tmp)
        if got:
            negative_controls(tmp, *got)
    if failures:
        sys.exit(1)
    print("sweep and comparison reports checked")


if __name__ == "__main__":
    main()

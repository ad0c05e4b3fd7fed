#!/usr/bin/env python3
"""The report of every shipped scenario is well-formed, self-contained HTML whose tables carry summary.json's
numbers (check_report.py), `freightsim report` writes the same file as `run --report`, a bad summary.json exits
2 with one line, and the checker itself rejects broken reports (so that this test can fail).

  report_test.py FREIGHTSIM_BINARY      (run from the repository root)
"""
import glob
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


def main():
    binary = sys.argv[1]
    scenarios = sorted(glob.glob("scenarios/*.yaml") + glob.glob("scenarios/what-if/*.yaml"))
    if not scenarios:
        fail("no shipped scenarios found (run from the repository root)")
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in scenarios:
            out = os.path.join(tmp, os.path.basename(scenario))
            r = subprocess.run([binary, "run", scenario, "--replications", "2", "--threads", "2", "--quiet", "--report",
                                "--out", out], capture_output=True, text=True)
            if r.returncode != 0:
                fail(f"{scenario}: run exited {r.returncode}: {r.stderr.strip()}")
                continue
            report, summary = os.path.join(out, "report.html"), os.path.join(out, "summary.json")
            for e in check_report.check(report, summary):
                fail(f"{scenario}: {e}")
            again = os.path.join(tmp, "again.html")
            r = subprocess.run([binary, "report", out, "-o", again], capture_output=True, text=True)
            if r.returncode != 0 or open(again, "rb").read() != open(report, "rb").read():
                fail(f"{scenario}: `freightsim report` differs from `run --report` ({r.returncode}, {r.stderr.strip()})")
            if scenario.endswith("brest_vladivostok.yaml"):
                negative_controls(report, summary, tmp)

        # Bad input: one line, exit 2, nothing written.
        bad = os.path.join(tmp, "bad")
        os.makedirs(bad)
        for name, content in [("missing", None), ("not json", "{"), ("not a summary", '{"scenario": "x"}')]:
            path = os.path.join(bad, "summary.json")
            if content is None:
                if os.path.exists(path):
                    os.remove(path)
            else:
                open(path, "w").write(content)
            r = subprocess.run([binary, "report", bad], capture_output=True, text=True)
            if r.returncode != 2 or r.stderr.count("\n") != 1 or not r.stderr.startswith(path + ":1:1: "):
                fail(f"bad summary ({name}): exit {r.returncode}, stderr {r.stderr!r}")
            if os.path.exists(os.path.join(bad, "report.html")):
                fail(f"bad summary ({name}): report.html written")
    if failures:
        sys.exit(1)
    print(f"{len(scenarios)} reports checked")


def negative_controls(report, summary, tmp):
    """Each broken variant of a good report must be rejected by the checker."""
    src = open(report, encoding="utf-8").read()
    variants = {
        "a table number changed": re.sub(r'(data-path="/flows/0/transit_time_h/p95">)(\d+)',
                                         lambda m: m.group(1) + str(int(m.group(2)) + 1), src, count=1),
        "an element left open": src.replace("</table>", "", 1),
        "a script": src.replace("<main>", "<main><script>1</script>", 1),
        "a fetched background": src.replace("<main>", '<main><div style="background:url(http://x/y.png)"></div>', 1),
        "a map marker missing": src.replace('class="node-marker"', 'class="x"', 1),
        "a name missing": src.replace("Khabarovsk", "Xabarovsk"),
    }
    for what, text in variants.items():
        path = os.path.join(tmp, "broken.html")
        open(path, "w", encoding="utf-8").write(text)
        if text == src or not check_report.check(path, summary):
            fail(f"the checker accepted a report with {what}")


if __name__ == "__main__":
    main()

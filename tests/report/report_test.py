#!/usr/bin/env python3
"""The report of every shipped scenario is well-formed, self-contained HTML whose tables carry summary.json's
numbers (check_report.py), `freightsim report` writes the same file as `run --report`, a bad summary.json exits
2 with one line, and the checker itself rejects broken reports (so that this test can fail).

  report_test.py FREIGHTSIM_BINARY      (run from the repository root)
"""
import glob
import json
import os
import re
import shutil
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
                                "--analytic", "--out", out], capture_output=True, text=True)
            if r.returncode != 0:
                fail(f"{scenario}: run exited {r.returncode}: {r.stderr.strip()}")
                continue
            report, summary = os.path.join(out, "report.html"), os.path.join(out, "summary.json")
            for e in check_report.check(report, summary):
                fail(f"{scenario}: {e}")
            again = os.path.join(tmp, "again.html")
            geojson, dot = os.path.join(tmp, "corridor.geojson"), os.path.join(tmp, "corridor.dot")
            r = subprocess.run([binary, "report", out, "-o", again, "--geojson", geojson, "--dot", dot],
                               capture_output=True, text=True)
            if r.returncode != 0 or open(again, "rb").read() != open(report, "rb").read():
                fail(f"{scenario}: `freightsim report` differs from `run --report` ({r.returncode}, {r.stderr.strip()})")
                continue
            if open(os.path.join(tmp, "again.md"), "rb").read() != open(os.path.join(out, "report.md"), "rb").read():
                fail(f"{scenario}: report.md differs between `report` and `run --report`")
            check_markdown(scenario, os.path.join(out, "report.md"), summary)
            check_quantile_paths(scenario, summary)
            check_analytic(scenario, report, summary)
            check_observed(scenario, report, summary)
            check_routes(scenario, report, summary)
            check_axes(scenario, report)
            check_geojson(scenario, geojson, summary)
            check_dot(scenario, dot, summary)
            if scenario.endswith("brest_vladivostok.yaml"):
                negative_controls(report, summary, tmp)

        delivers_nothing(binary, tmp)

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


def delivers_nothing(binary, tmp):
    """A flow that delivered nothing has no transit time or cost: null in summary.json and "none" in the report,
    never 0; the report is still written and well formed."""
    out = os.path.join(tmp, "delivers_nothing")
    r = subprocess.run([binary, "run", "tests/data/delivers_nothing.yaml", "--quiet", "--report", "--out", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"delivers_nothing: run --report exited {r.returncode}: {r.stderr.strip()}")
        return
    summary_path = os.path.join(out, "summary.json")
    flow = json.load(open(summary_path, encoding="utf-8"))["flows"][0]
    t = flow["transit_time_h"]
    if any(t[k] is not None for k in ("mean", "ci95", "p50", "p90", "p95", "p99", "max")) or t["cdf"] != []:
        fail(f"delivers_nothing: transit_time_h is not null: {t}")
    if flow["cost_usd"]["mean"] is not None:
        fail(f"delivers_nothing: cost_usd is not null: {flow['cost_usd']}")
    report = os.path.join(out, "report.html")
    # Few figures exist, so the count of cells is not checked here; everything else is.
    for e in check_report.check(report, summary_path):
        if not e.startswith("only "):
            fail(f"delivers_nothing: {e}")
    if '<td class="n">none</td>' not in open(report, encoding="utf-8").read():
        fail("delivers_nothing: report.html shows no 'none' transit cell")
    if 'id="analytic"' in open(report, encoding="utf-8").read():
        fail("delivers_nothing: a run without --analytic has an analytic section")
    md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    if not any(line.startswith("| f |") and "| none | none |" in line for line in md.splitlines()):
        fail("delivers_nothing: report.md does not show the transit time as none")


def check_markdown(scenario, path, summary_path):
    """Every flow's row carries its mean transit time as in summary.json; tables have a header rule."""
    text = open(path, encoding="utf-8").read()
    summary = json.load(open(summary_path, encoding="utf-8"))
    for f in summary["flows"]:
        row = next((line for line in text.splitlines() if line.startswith(f"| {f['id']} |")), None)
        mean = f"{f['transit_time_h']['mean']:.1f}"
        if row is None or f"| {mean}" not in row:
            fail(f"{scenario}: report.md has no flows row for {f['id']} with transit mean {mean}")
    if "|---|" not in text:
        fail(f"{scenario}: report.md has no Markdown table")
    # Queues over time: one row per node with a series, its peak and last value of the mean units waiting (for
    # a server plus for a place) and its lowest and highest units leaving per day, recomputed from summary.json.
    series_nodes = [n for n in summary["nodes"] if n.get("series")]
    if series_nodes and "## Queues over time" not in text:
        fail(f"{scenario}: report.md has no queues-over-time section")
    for n in series_nodes:
        s = n["series"]
        waiting = [q + a for q, a in zip(s["queue"]["mean"], s["approach_queue"]["mean"])]
        peak = max(range(len(waiting)), key=lambda k: (waiting[k], -k))
        leaving = s["throughput_per_day"]["mean"]
        expected = (f"| {n['name']} | {waiting[peak]:.1f} | {s['time_h'][peak] / 24:.1f} | {waiting[-1]:.1f} | "
                    f"{min(leaving):.1f} – {max(leaving):.1f} |")
        if expected not in text:
            fail(f"{scenario}: report.md has no queues-over-time row {expected}")
    # Route choice: per adaptive flow, a row per path with its share and its lowest and highest share in an
    # interval (points with no unit created left out), recomputed from summary.json.
    for f in summary["flows"]:
        for p, r in enumerate(f.get("routes", [])):
            shares = [(m, k) for k, m in enumerate(r["series"]["mean"]) if m is not None]
            ci = r["share"]["ci95"]
            expected = f"| {p + 1} | " if not shares else \
                f"{r['share']['mean']:.3f}{'' if ci is None else f' ± {ci:.3f}'} | " \
                f"{min(shares)[0]:.3f} – {max(shares)[0]:.3f} |"
            if expected not in text:
                fail(f"{scenario}: report.md has no route-choice row for {f['id']} path {p + 1}: {expected}")


def check_axes(scenario, report_path):
    """Every chart's tick labels, read as numbers, are evenly spaced along each axis: a label printed with too
    few decimals (0.25 as 0.2) breaks the spacing."""
    text = open(report_path, encoding="utf-8").read()
    for g in re.findall(r'<g class="axes">(.*?)</g>', text, re.S):
        for anchor in ("end", "middle"):  # y ticks, x ticks (axis titles have class="label")
            labels = re.findall(r'<text x="[^"]*" y="[^"]*" text-anchor="' + anchor + r'">([^<]*)</text>', g)
            try:
                values = [float(v) for v in labels]
            except ValueError:
                continue  # a category axis
            steps = [b - a for a, b in zip(values, values[1:])]
            if steps and max(steps) - min(steps) > 1e-9 * max(abs(v) for v in values):
                fail(f"{scenario}: a chart's axis is labelled {labels}, not evenly spaced")
                return


def check_routes(scenario, report_path, summary_path):
    """Route choice: a section only when a flow takes route: adaptive, with one chart and one table row per path
    for each such flow (the rows' numbers are held to summary.json by check_report's data-path cells)."""
    text = open(report_path, encoding="utf-8").read()
    adaptive = [f for f in json.load(open(summary_path, encoding="utf-8"))["flows"] if "routes" in f]
    start = text.find('<section id="routes">')
    if not adaptive:
        if start >= 0:
            fail(f"{scenario}: a route-choice section without adaptive flows")
        return
    section = text[start:text.find("</section>", start)] if start >= 0 else ""
    for f in adaptive:
        if f"<title>{f['id']}: share of units by path</title>" not in section:
            fail(f"{scenario}: route choice has no chart for {f['id']}")
    rows = section.count('<tr><td>')
    if rows != sum(len(f["routes"]) for f in adaptive):
        fail(f"{scenario}: route choice has {rows} rows for {sum(len(f['routes']) for f in adaptive)} paths")


def check_observed(scenario, report_path, summary_path):
    """The observed entries: one row each (its numbers held to summary.json by check_report's data-path cells),
    in the table of its use, with the result validate gives; no section without entries."""
    text = open(report_path, encoding="utf-8").read()
    entries = json.load(open(summary_path, encoding="utf-8")).get("observed", [])
    start = text.find('<section id="observed">')
    if not entries:
        if start >= 0:
            fail(f"{scenario}: an observed section without observed entries")
        return
    if start < 0:
        fail(f"{scenario}: {len(entries)} observed entries but no observed section")
        return
    section = text[start:text.index("</section>", start)]
    tables = {use: section.find(f"<caption>{use.capitalize()} entries</caption>") for use in ("calibration", "validation")}
    for i, e in enumerate(entries):
        m = re.search(r'<tr>(?:(?!</tr>).)*data-path="/observed/%d/simulated"(?:(?!</tr>).)*</tr>' % i, section)
        if m is None:
            fail(f"{scenario}: observed entry {e['metric']} has no row")
            continue
        word = "pass" if e["pass"] else "known gap" if "known_gap" in e else "FAIL"
        if f">{word}</td>" not in m.group(0):
            fail(f"{scenario}: observed entry {e['metric']} should read '{word}'")
        later = [t for t in tables.values() if 0 <= t < m.start()]
        if tables[e["use"]] < 0 or max(later, default=-1) != tables[e["use"]]:
            fail(f"{scenario}: observed entry {e['metric']} is not in the {e['use']} table")


def check_analytic(scenario, report_path, summary_path):
    """run --analytic: one chart row and one table row per node with an analytic block, a simulated dot and an
    analytic diamond per finite figure, and each node's agreement as summary.json says (the numbers themselves
    are held to summary.json by check_report's data-path cells)."""
    text = open(report_path, encoding="utf-8").read()
    summary = json.load(open(summary_path, encoding="utf-8"))
    nodes = [(i, n) for i, n in enumerate(summary["nodes"]) if "analytic" in n]
    if not nodes:
        fail(f"{scenario}: run --analytic put no analytic block in summary.json")
        return
    start = text.find('<section id="analytic">')
    if start < 0:
        fail(f"{scenario}: the report has no analytic section")
        return
    section = text[start:text.index("</section>", start)]
    finite = lambda x: isinstance(x, (int, float))
    expect = {"simulated": sum(finite(n["wait_h"]["mean"]) for _, n in nodes),
              "analytic": sum(finite(n["analytic"]["wait_h"]["mean"]) for _, n in nodes)}
    for cls, count in expect.items():
        found = len(re.findall(f'class="{cls}"', section))
        if found != count:
            fail(f"{scenario}: analytic chart has {found} {cls} markers, expected {count}")
    for i, n in nodes:
        row = re.search(r'<tr><th scope="row">[^<]*</th>(?:(?!</tr>).)*data-path="/nodes/%d/utilization/mean"'
                        r'(?:(?!</tr>).)*</tr>' % i, section)
        if row is None:
            fail(f"{scenario}: no analytic table row for node {n['id']}")
            continue
        word = "differs" if n["analytic"]["differs"] else "agrees"
        if f">{word}</td></tr>" not in row.group(0):
            fail(f"{scenario}: node {n['id']} should read '{word}' in the analytic table")


def check_quantile_paths(scenario, summary_path):
    """The P50 and P95 paths (quantiles of the time at which delivered units left each stop): one entry per
    node of the planned route, in route order, ending at the destination with the transit time's own P50 and
    P95 (the same observations in the same sketch: equal to 1e-12); P50 <= P95 at every stop; and, for a flow
    whose units all take its route (not adaptive), non-decreasing along it, since each unit's times are."""
    summary = json.load(open(summary_path, encoding="utf-8"))
    for f in summary["flows"]:
        path, t = f["quantile_path_h"], f["transit_time_h"]
        if t["p95"] is None or len(f["route"]) > 24:
            if path:
                fail(f"{scenario}: {f['id']} has a quantile path without deliveries or past 24 stops")
            continue
        nodes = [q["node"] for q in path]
        if nodes != [n for n in f["route"] if n in nodes] or not nodes or nodes[-1] != f["to"]:
            fail(f"{scenario}: {f['id']} quantile path {nodes} is not along its route {f['route']} to {f['to']}")
            continue
        for key in ("p50", "p95"):
            if abs(path[-1][key] - t[key]) > 1e-12 * max(1.0, t[key]):
                fail(f"{scenario}: {f['id']} quantile path ends at {key} {path[-1][key]}, transit {key} {t[key]}")
        for q in path:
            if not 0 <= q["p50"] <= q["p95"]:
                fail(f"{scenario}: {f['id']} at {q['node']}: p50 {q['p50']} > p95 {q['p95']}")
        if "routes" not in f and len(nodes) == len(f["route"]):
            for key in ("p50", "p95"):
                values = [q[key] for q in path]
                if values != sorted(values):
                    fail(f"{scenario}: {f['id']} {key} path is not non-decreasing: {values}")


def check_geojson(scenario, path, summary_path):
    """RFC 7946: a FeatureCollection of Features; Points at [lon, lat] of located nodes, LineStrings between them."""
    doc = json.load(open(path, encoding="utf-8"))
    summary = json.load(open(summary_path, encoding="utf-8"))
    where = {n["id"]: n["location"] for n in summary["nodes"] if n["location"] is not None}
    if doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        fail(f"{scenario}: GeoJSON is not a FeatureCollection")
        return
    points = lines = 0
    for feature in doc["features"]:
        g, props = feature.get("geometry", {}), feature.get("properties")
        if feature.get("type") != "Feature" or not isinstance(props, dict):
            fail(f"{scenario}: GeoJSON member is not a Feature with properties")
            return
        coords = g.get("coordinates")
        positions = [coords] if g.get("type") == "Point" else coords
        if g.get("type") not in ("Point", "LineString") or not positions:
            fail(f"{scenario}: unexpected geometry {g.get('type')}")
            return
        for p in positions:
            if len(p) != 2 or not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90):
                fail(f"{scenario}: position {p} is not [lon, lat]")
        if g["type"] == "Point":
            points += 1
            loc = where.get(props.get("id"))
            if loc is None or coords != [loc["lon"], loc["lat"]]:
                fail(f"{scenario}: node {props.get('id')} at {coords}, summary.json has {loc} (order must be lon, lat)")
        else:
            lines += 1
            if len(coords) != 2 or coords[0] != [where[props["from"]]["lon"], where[props["from"]]["lat"]]:
                fail(f"{scenario}: link {props.get('from')}->{props.get('to')} does not start at its node")
    linked = sum(1 for l in summary["links"] if l["from"] in where and l["to"] in where)
    if points != len(where) or lines != linked:
        fail(f"{scenario}: GeoJSON has {points} points and {lines} lines, expected {len(where)} and {linked}")


def check_dot(scenario, path, summary_path):
    """Graphviz parses it (dot -Tsvg) and draws one node per node and one edge per link."""
    summary = json.load(open(summary_path, encoding="utf-8"))
    if not shutil.which("dot"):
        fail("graphviz (dot) is not installed (tools/setup installs it)")
        return
    r = subprocess.run(["dot", "-Tsvg", path], capture_output=True, text=True)
    if r.returncode != 0 or r.stderr.strip():
        fail(f"{scenario}: dot -Tsvg failed: {r.stderr.strip()}")
        return
    nodes, edges = r.stdout.count('class="node"'), r.stdout.count('class="edge"')
    if nodes != len(summary["nodes"]) or edges != len(summary["links"]):
        fail(f"{scenario}: DOT drew {nodes} nodes and {edges} edges, expected {len(summary['nodes'])} and "
             f"{len(summary['links'])}")


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

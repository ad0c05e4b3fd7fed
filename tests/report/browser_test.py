#!/usr/bin/env python3
"""Loads reports in headless Chromium with the network disabled and checks that each page rendered (a
screenshot that is not blank; the DOM holds the charts it should), that there were no console errors, and that
no request left the file (Chromium's network log holds no URL but the report's own). The pages: a shipped
scenario's run report (its map holds one marker per located node; its time series one chart pair per node
shown), a sweep's report (one chart per metric of interest, each with its bands and one point per variant) and
a comparison's report (the forest chart, a row per metric). A negative control page, with a console error and
a remote image, must trip both detectors.

  browser_test.py FREIGHTSIM_BINARY [SCREENSHOT.png]     (run from the repository root)
"""
import csv
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio",
         "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: the network is off
         "--enable-logging=stderr", "--log-level=0"]  # console messages go to stderr as "CONSOLE" lines


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("browser_test: chromium is not installed (tools/setup installs it)")


def load(url, tmp, tag, extra):
    """Runs Chromium once on url; returns (stdout, stderr, URLs in the network log)."""
    netlog = os.path.join(tmp, f"{tag}-netlog.json")
    profile = os.path.join(tmp, f"{tag}-profile")  # a fresh profile every time
    r = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", f"--log-net-log={netlog}", *extra, url],
                       capture_output=True, text=True, timeout=120)
    # Requests the page made: URL request jobs with an initiator. The browser's own background requests
    # (component updates, accounts; initiator "not an origin") are not the page's, and the resolver rule
    # stops them anyway.
    text = open(netlog, encoding="utf-8", errors="replace").read() if os.path.exists(netlog) else ""
    try:
        events = json.loads(text).get("events", [])
    except ValueError:  # Chromium may leave the log's closing brackets out when it exits quickly
        events = json.loads(text.rstrip().rstrip(",") + "]}").get("events", [])
    urls = set()
    for event in events:
        params = event.get("params", {})
        if isinstance(params.get("url"), str) and "initiator" in params and params["initiator"] != "not an origin":
            urls.add(params["url"])
    return r.stdout, r.stderr, urls


def console_errors(stderr):
    # The report has no script, so any console message at all (an error, a blocked load, a CSP report) is one.
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def foreign(urls, own):
    return sorted(u for u in urls if u != own and not u.startswith(("data:", "about:", "chrome:", "chrome-")))


def png_not_blank(path):
    """The screenshot decodes and holds many distinct pixel bytes (a blank page compresses to one value)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False, "not a PNG"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    distinct = len(set(raw[::7]))
    return distinct > 40 and width >= 800 and height >= 600, f"{width}x{height}, {distinct} distinct byte values"


def check_page(path, tmp, tag, checks, keep=None):
    """Loads the report at path twice (DOM, screenshot); checks(dom) returns what is wrong with the DOM."""
    failures = []
    url = "file://" + os.path.abspath(path)
    dom, stderr, urls = load(url, tmp, tag + "-dom", ["--dump-dom"])
    failures += [f"{tag}: {f}" for f in checks(dom)]
    if console_errors(stderr):
        failures.append(f"{tag}: console errors: {console_errors(stderr)}")
    if foreign(urls, url):
        failures.append(f"{tag}: requests left the file: {foreign(urls, url)}")
    shot = os.path.join(tmp, tag + "-shot.png")
    _, stderr, urls = load(url, tmp, tag + "-shot", [f"--screenshot={shot}", "--window-size=1000,2400",
                                                     "--hide-scrollbars"])
    ok, what = png_not_blank(shot) if os.path.exists(shot) else (False, "no screenshot")
    if not ok:
        failures.append(f"{tag}: blank or missing screenshot: {what}")
    if foreign(urls, url) or console_errors(stderr):
        failures.append(f"{tag}: screenshot load: requests {foreign(urls, url)}, errors {console_errors(stderr)}")
    if keep and os.path.exists(shot):
        shutil.copy(shot, keep)
    return failures


def run(binary, *args):
    r = subprocess.run([binary, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"browser_test: freightsim {' '.join(args)} failed: {r.stderr}")


def charts(dom):
    return re.findall(r'<svg[^>]*class="chart".*?</svg>', dom, flags=re.S)


def main():
    binary = sys.argv[1]
    keep = sys.argv[2] if len(sys.argv) > 2 else None
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        run(binary, "run", "scenarios/brest_vladivostok.yaml", "--replications", "2", "--quiet", "--report",
            "--out", out)
        summary = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
        located = sum(1 for n in summary["nodes"] if n["location"] is not None)
        with_series = sum(1 for n in summary["nodes"] if n.get("series"))

        def run_checks(dom):
            wrong = []
            maps = re.findall(r'<svg[^>]*class="map".*?</svg>', dom, flags=re.S)
            markers = len(re.findall(r'class="node-marker', maps[0])) if maps else 0
            if markers != located:
                wrong.append(f"the rendered map holds {markers} node markers, expected {located}")
            if "Where the days go" not in dom:
                wrong.append("the rendered DOM lacks the report's sections")
            section = re.search(r'<section id="series">.*?</section>', dom, flags=re.S)
            shown = min(with_series, 6)
            drawn = len(charts(section.group(0))) if section else 0
            if drawn != 2 * shown or shown == 0:
                wrong.append(f"the time series hold {drawn} charts, expected 2 x {shown} nodes")
            return wrong

        failures += check_page(os.path.join(out, "report.html"), tmp, "run", run_checks, keep)

        sweep = os.path.join(tmp, "sweep")
        run(binary, "sweep", "scenarios/sweeps/brest_cranes.yaml", "--replications", "2", "--quiet", "--out",
            sweep)
        with open(os.path.join(sweep, "comparison.csv"), encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        metrics = sorted({r["metric"] for r in rows})
        variants = sorted({r["variant"] for r in rows})
        run(binary, "report", sweep, "-o", os.path.join(tmp, "sweep.html"))

        def sweep_checks(dom):
            wrong = []
            drawn = charts(dom)
            if len(drawn) != len(metrics):
                wrong.append(f"{len(drawn)} charts, expected one per metric ({len(metrics)})")
            points = sum(len(re.findall(r'<circle [^>]*r="4"', c)) for c in drawn)
            bands = sum(c.count('class="band"') for c in drawn)
            if points != len(metrics) * len(variants) or bands != len(metrics):
                wrong.append(f"{points} points and {bands} bands, expected {len(metrics)} x {len(variants)} and "
                             f"{len(metrics)}")
            return wrong

        failures += check_page(os.path.join(tmp, "sweep.html"), tmp, "sweep", sweep_checks)

        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        run(binary, "run", "scenarios/kamenny_log.yaml", "--replications", "2", "--quiet", "--out", a)
        run(binary, "run", "scenarios/what-if/kamenny_log_25pct_norm.yaml", "--replications", "2", "--quiet",
            "--out", b)
        run(binary, "report", a, b, "-o", os.path.join(tmp, "compare.html"))

        def compare_checks(dom):
            wrong = []
            drawn = charts(dom)
            if not drawn or "<line" not in drawn[0]:
                wrong.append("no forest chart of differences")
            if "Medininkai" not in dom:
                wrong.append("node names are not shown")
            if len(re.findall(r"<tr[ >]", dom)) < 10:
                wrong.append("the table of differences is missing or nearly empty")
            return wrong

        failures += check_page(os.path.join(tmp, "compare.html"), tmp, "comparison", compare_checks)

        # Negative control: both detectors must fire on a page that errs and fetches.
        bad = os.path.join(tmp, "bad.html")
        open(bad, "w").write('<!DOCTYPE html><html><body><img src="http://tiles.example.com/0/0/0.png">'
                             '<script>console.error("broken");</script></body></html>')
        bad_url = "file://" + bad
        _, stderr, urls = load(bad_url, tmp, "bad", ["--dump-dom"])
        if not console_errors(stderr):
            failures.append("negative control: a console error went unnoticed")
        if not foreign(urls, bad_url):
            failures.append("negative control: a remote request went unnoticed")
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"run, sweep and comparison reports rendered in {os.path.basename(chromium())}: {located} markers, "
          "no console errors, no requests")


if __name__ == "__main__":
    main()

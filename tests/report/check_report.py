#!/usr/bin/env python3
"""Checks one freightsim HTML report against the summary.json it was made from.

  check_report.py REPORT.html SUMMARY.json

Fails (exit 1, with the reasons) unless the report:
  - is UTF-8, declares it, and is well-formed: every element closed in order, as XHTML would require;
  - is self-contained: no script, stylesheet link, image, frame or object; no src; href only to '#fragments';
    no url() other than url(#...); no @import;
  - shows every node's name;
  - has one map marker per node with a location;
  - carries the numbers of summary.json: every cell with data-path (a JSON pointer) shows the value there,
    rounded to the decimals shown (and at least 50 such cells exist).
"""
import html.parser
import json
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FORBIDDEN = {"script", "link", "img", "iframe", "object", "embed", "audio", "video", "source", "frame", "base"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors = []
        self.stack = []
        self.cells = []  # (data-path, text)
        self.cell = None
        self.fields = []  # sweep and comparison reports: (data-metric, data-variant, data-field, text)
        self.field = None
        self.text = []
        self.markers = 0
        self.in_map = 0
        self.charset = False

    def error(self, message):
        self.errors.append(f"line {self.getpos()[0]}: {message}")

    def check_attrs(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name == "src":
                self.error(f"<{tag}> has src={value!r}: nothing may be fetched")
            if name == "href" and not value.startswith("#"):
                self.error(f"<{tag}> links outside the page: {value!r}")
            if "url(" in value and not re.fullmatch(r"url\(#[\w-]+\)", value.strip()):
                self.error(f"<{tag}> {name} uses {value!r}")

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self.start(tag, attrs, closed=True)

    def start(self, tag, attrs, closed):
        if tag in FORBIDDEN:
            self.error(f"<{tag}> is not allowed in a self-contained report")
        self.check_attrs(tag, attrs)
        a = dict(attrs)
        if tag == "meta" and (a.get("charset") or "").lower() == "utf-8":
            self.charset = True
        classes = (a.get("class") or "").split()
        if tag == "svg" and "map" in classes:
            self.in_map += 1
        if self.in_map and "node-marker" in classes:
            self.markers += 1
        if tag == "td" and "data-path" in a:
            self.cell = [a["data-path"], ""]
        if tag == "td" and "data-field" in a:
            self.field = [a.get("data-metric"), a.get("data-variant"), a["data-field"], ""]
        if closed or tag in VOID:
            if tag == "svg" and "map" in classes:
                self.in_map -= 1
            return
        self.stack.append((tag, "map" in classes))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.error(f"</{tag}> closes nothing")
            return
        open_tag, is_map = self.stack.pop()
        if open_tag != tag:
            self.error(f"</{tag}> closes <{open_tag}>")
        if is_map:
            self.in_map -= 1
        if tag == "td" and self.cell is not None:
            self.cells.append(tuple(self.cell))
            self.cell = None
        if tag == "td" and self.field is not None:
            self.fields.append(tuple(self.field))
            self.field = None

    def handle_data(self, data):
        self.text.append(data)
        if self.cell is not None:
            self.cell[1] += data
        if self.field is not None:
            self.field[3] += data


def resolve(doc, pointer):
    for part in pointer.strip("/").split("/"):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def structure(report_path):
    """Well-formed, UTF-8, self-contained: (errors, the parser with what it collected)."""
    raw = open(report_path, "rb").read()
    errors = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"not UTF-8: {e}"], None
    if not text.startswith("<!DOCTYPE html>"):
        errors.append("no <!DOCTYPE html>")
    if "@import" in text:
        errors.append("@import found")
    for m in re.finditer(r"url\(([^)]*)\)", text):
        if not m.group(1).startswith("#"):
            errors.append(f"url({m.group(1)}) found")
    parser = Checker()
    parser.feed(text)
    parser.close()
    errors += parser.errors
    if parser.stack:
        errors.append(f"unclosed elements at the end: {[t for t, _ in parser.stack]}")
    if not parser.charset:
        errors.append('no <meta charset="utf-8">')
    return errors, parser


def shows(cell, value):
    """True when the text of a cell is `value` rounded to the decimals it shows."""
    m = re.match(r"\s*(-?\d+(?:\.(\d+))?)", cell)
    if not m:
        return False
    decimals = len(m.group(2) or "")
    return abs(float(m.group(1)) - value) <= 0.5 * 10 ** -decimals + 1e-9 * abs(value)


def check(report_path, summary_path):
    errors, parser = structure(report_path)
    if parser is None:
        return errors
    summary = json.load(open(summary_path, encoding="utf-8"))
    shown = "".join(parser.text)
    for n in summary["nodes"]:
        if n["name"] not in shown:
            errors.append(f"node name {n['name']!r} not shown")
    located = sum(1 for n in summary["nodes"] if n["location"] is not None)
    if parser.markers != located:
        errors.append(f"map has {parser.markers} node markers, summary has {located} located nodes")
    if len(parser.cells) < 50:
        errors.append(f"only {len(parser.cells)} cells point at summary.json")
    for path, cell in parser.cells:
        m = re.match(r"\s*(-?\d+(?:\.(\d+))?)", cell)
        if not m:
            errors.append(f"cell {path} shows no number: {cell!r}")
            continue
        try:
            value = resolve(summary, path)
        except (KeyError, IndexError, ValueError, TypeError):
            errors.append(f"cell {path} points at nothing in summary.json")
            continue
        decimals = len(m.group(2) or "")
        if abs(float(m.group(1)) - value) > 0.5 * 10 ** -decimals + 1e-9 * abs(value):
            errors.append(f"cell {path} shows {m.group(1)}, summary.json has {value}")
    return errors


def main():
    errors = check(sys.argv[1], sys.argv[2])
    for e in errors[:40]:
        print(f"{sys.argv[1]}: {e}", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

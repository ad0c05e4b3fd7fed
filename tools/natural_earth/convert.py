#!/usr/bin/env python3
"""Converts Natural Earth 1:110m country outlines (TopoJSON from the npm package world-atlas) into the plain
outline file freightsim's HTML report draws under its corridor map: one polyline per line, "lon,lat lon,lat ...",
degrees with two decimals, simplified with Douglas-Peucker.

Each TopoJSON arc is a stretch of coast or border shared by its neighbours, so drawing every arc once draws every
coast and border once.

Usage (see data/natural_earth/README.md):
  npm install world-atlas@2.0.2   # in a scratch directory
  tools/natural_earth/convert.py node_modules/world-atlas/countries-110m.json > data/natural_earth/outline_110m.txt
"""
import json
import sys

TOLERANCE_DEG = 0.08  # far below a pixel at corridor scale (thousands of km across ~900 px)


def decode_arcs(topo):
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def distance_to_segment(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    qx, qy = ax + t * dx, ay + t * dy
    return ((px - qx) ** 2 + (py - qy) ** 2) ** 0.5


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, worst_i = 0.0, None
        for i in range(first + 1, last):
            d = distance_to_segment(points[i], points[first], points[last])
            if d > worst:
                worst, worst_i = d, i
        if worst_i is not None and worst > tolerance:
            keep[worst_i] = True
            stack += [(first, worst_i), (worst_i, last)]
    return [p for p, k in zip(points, keep) if k]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        topo = json.load(f)
    print("# Natural Earth 1:110m coasts and borders (public domain), via world-atlas 2.0.2; see README.md")
    for arc in decode_arcs(topo):
        points = simplify(arc, TOLERANCE_DEG)
        text = []
        for lon, lat in points:
            item = f"{lon:.2f},{lat:.2f}"
            if not text or text[-1] != item:
                text.append(item)
        if len(text) >= 2:
            print(" ".join(text))


if __name__ == "__main__":
    main()

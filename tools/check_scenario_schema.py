#!/usr/bin/python3
"""Checks every shipped scenario (scenarios/*.yaml, scenarios/what-if/*.yaml) against the JSON Schema that
`freightsim schema` prints, and that the schema refuses a few broken copies (so this check can fail).

Usage: check_scenario_schema.py FREIGHTSIM_BINARY SOURCE_DIR   (run by ctest; needs Debian's python3-jsonschema
and python3-yaml, installed by tools/setup)."""
import copy
import glob
import json
import os
import re
import subprocess
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """Resolves plain scalars as YAML 1.2's core schema does (as yaml-language-server does): 08:00 is text,
    not a sexagesimal number, and yes/no/on/off are text, not booleans."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), first)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def main():
    binary, source = sys.argv[1], sys.argv[2]
    schema = json.loads(subprocess.run([binary, "schema"], check=True, capture_output=True, text=True).stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = sorted(glob.glob(os.path.join(source, "scenarios", "*.yaml")) +
                   glob.glob(os.path.join(source, "scenarios", "what-if", "*.yaml")))
    failed = 0
    baselines = what_ifs = 0
    for path in files:
        doc = load(path)
        if isinstance(doc, dict) and "extends" in doc:
            what_ifs += 1
        else:
            baselines += 1
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:5]:
            failed += 1
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"{os.path.relpath(path, source)}: {where}: {e.message[:300]}")
    if baselines == 0 or what_ifs == 0:
        print(f"expected shipped scenarios and what-ifs, found {baselines} and {what_ifs}")
        failed += 1

    # The schema must refuse what the loader refuses: each broken copy of a shipped scenario has to fail.
    base = load(os.path.join(source, "scenarios", "kamenny_log.yaml"))
    node = next(n for n in base["nodes"] if "service" in n)
    flow = base["flows"][0]
    broken = {
        "unknown top-level key": lambda d: d.update(horizn="1d"),
        "missing horizon": lambda d: d.pop("horizon"),
        "duration without a unit": lambda d: d.update(horizon=365),
        "unknown node key": lambda d: d["nodes"][d["nodes"].index(node)].update(sevrers=3),
        "servers zero": lambda d: d["nodes"][d["nodes"].index(node)].update(servers=0),
        "unknown distribution": lambda d: d["nodes"][d["nodes"].index(node)].update(
            service={"dist": "weibull", "mean": "1h"}),
        "distribution key of another form": lambda d: d["nodes"][d["nodes"].index(node)].update(
            service={"dist": "exponential", "mean": "1h", "cv": 0.5}),
        "rate without a unit": lambda d: d["flows"][0].update(arrivals={"process": "poisson", "rate": 40}),
        "unknown route rule": lambda d: d["flows"][0].update(route="fastest"),
        "probability above one": lambda d: d["nodes"][d["nodes"].index(node)].update(
            inspection={"probability": 1.5, "extra": "1h"}),
    }
    for name, change in broken.items():
        doc = copy.deepcopy(base)
        change(doc)
        if validator.is_valid(doc):
            print(f"the schema accepts a broken scenario: {name}")
            failed += 1
    what_if = {"extends": "../kamenny_log.yaml", "nodes": [{"id": flow["from"], "sevrers": 1}]}
    if validator.is_valid(what_if):
        print("the schema accepts a what-if with an unknown node key")
        failed += 1

    print(f"{len(files)} shipped scenarios ({baselines} baselines, {what_ifs} what-ifs) checked against "
          f"the schema; {len(broken) + 1} broken copies refused" if failed == 0 else f"{failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""The route-storage stress scenario of issue 7 item 5: a chain of NODES nodes (n0 -> n1 -> ... one rail link
each) and FLOWS flows, each to one of DESTS nodes at the chain's far end from an origin spread evenly over the
SPAN nodes before them, so routes are long (SPAN / 2 hops on average) and many flows share a destination.

Usage: tools/bench/gen_long_chain.py [--nodes N] [--flows F] [--dests D] [--span S] [--horizon H] > FILE.yaml
Defaults: 30,000 nodes, 7,000 flows, 4 destinations, a span of 8,000 nodes, 10 h horizon (short: this
measures route storage and set-up, not simulation); about 2.7 MB, under the 4 MiB scenario limit."""
import argparse

p = argparse.ArgumentParser()
p.add_argument("--nodes", type=int, default=30000)
p.add_argument("--flows", type=int, default=7000)
p.add_argument("--dests", type=int, default=4)
p.add_argument("--span", type=int, default=8000)
p.add_argument("--horizon", type=int, default=10)
a = p.parse_args()
assert 1 <= a.dests and a.flows >= 1 and 1 <= a.span <= a.nodes - a.dests

out = [f"# tools/bench/gen_long_chain.py --nodes {a.nodes} --flows {a.flows} --dests {a.dests} --span {a.span} "
       f"--horizon {a.horizon}",
       "name: long chain", f"horizon: {a.horizon}h", "seed: 1", "replications: 1", "nodes:"]
out += [f"  - {{id: n{i}}}" for i in range(a.nodes)]
out.append("links:")
out += [f"  - {{from: n{i}, to: n{i + 1}, mode: rail, time: 1h}}" for i in range(a.nodes - 1)]
out.append("flows:")
first = a.nodes - a.dests - a.span
for k in range(a.flows):
    origin = first + k * a.span // a.flows
    dest = a.nodes - 1 - k % a.dests
    out.append(f"  - {{id: f{k}, from: n{origin}, to: n{dest}, arrivals: {{process: fixed, every: 5h}}, route: shortest}}")
print("\n".join(out))

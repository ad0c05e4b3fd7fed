#!/usr/bin/python3
"""M/M/3 in SimPy (Debian python3-simpy3), the baseline of tools/bench/mm3: lambda = 2.4/h, exponential
service with mean 1 h, 3 servers, run for HOURS simulated hours. Prints the customers served and the mean
wait in queue, the same figures freightsim reports for tools/bench/mm3.yaml."""
import random
import sys

import simpy

HOURS = float(sys.argv[1]) if len(sys.argv) > 1 else 100_000.0
LAMBDA, MEAN_SERVICE, SERVERS = 2.4, 1.0, 3

served = 0
waited = 0.0


def customer(env, station, rng):
    global served, waited
    arrived = env.now
    with station.request() as slot:
        yield slot
        waited += env.now - arrived
        yield env.timeout(rng.expovariate(1.0 / MEAN_SERVICE))
    served += 1


def source(env, station, rng):
    while True:
        yield env.timeout(rng.expovariate(LAMBDA))
        env.process(customer(env, station, rng))


def main():
    rng = random.Random(1)
    env = simpy.Environment()
    station = simpy.Resource(env, capacity=SERVERS)
    env.process(source(env, station, rng))
    env.run(until=HOURS)
    print(f"customers {served} mean_wait_h {waited / max(served, 1):.4f}")


main()

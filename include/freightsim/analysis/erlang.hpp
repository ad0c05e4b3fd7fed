// Multi-server queue formulas: Erlang C (M/M/c, exact) and the Allen–Cunneen approximation for G/G/c.
#pragma once

#include <cstdint>

namespace freightsim {

// Probability that an arrival waits in M/M/c with offered load a = lambda * mean service (a < c; 1 when
// a >= c).
double erlang_c(std::uint32_t servers, double offered);

// Mean wait in queue (hours) of M/M/c; infinite when unstable.
double mmc_wait(std::uint32_t servers, double lambda, double mean_service);

// P(Wq > t) of M/M/c: C e^{-(c mu - lambda) t}.
double mmc_wait_tail(std::uint32_t servers, double lambda, double mean_service, double t);

// Allen–Cunneen: Wq(G/G/c) = Wq(M/M/c) (ca2 + cs2) / 2; exact for M/M/c and for M/G/1
// (Pollaczek–Khinchine).
double allen_cunneen_wait(std::uint32_t servers, double lambda, double mean_service, double ca2, double cs2);

// Quantile p of the wait when it is 0 with probability 1 - p_wait and otherwise exponential with mean
// wait / p_wait (exact for M/M/c, where the rate is c mu - lambda).
double wait_quantile(double mean_wait, double p_wait, double p);

// Fewest servers with offered load a below 1 per server.
std::uint32_t servers_for_stability(double offered);

}  // namespace freightsim

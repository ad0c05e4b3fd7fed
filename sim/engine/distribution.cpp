#include "freightsim/engine/distribution.hpp"

#include <cmath>
#include <numbers>
#include <numeric>
#include <utility>

namespace freightsim {

namespace {

template <class... F>
struct overloaded : F... {
  // A constructor, not aggregate deduction, which clang 14 lacks.
  explicit overloaded(F... f) : F(std::move(f))... {}
  using F::operator()...;
};

double phi(double x) {
  return std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi);
}
double big_phi(double x) {
  return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

// Moments of N(mu, sd) truncated to [0, inf).
std::pair<double, double> truncated_normal_moments(double mu, double sd) {
  if (sd == 0.0) return {mu, 0.0};
  const double alpha = -mu / sd;
  const double z = 1.0 - big_phi(alpha);
  const double lambda = phi(alpha) / z;
  const double m = mu + sd * lambda;
  const double v = sd * sd * (1.0 + alpha * lambda - lambda * lambda);
  return {m, v};
}

double lognormal_sigma2(const dist::lognormal& d) {
  return std::log1p(d.cv * d.cv);
}

}  // namespace

double sample_exponential(random_stream& rng, double mean) {
  return -mean * std::log(rng.uniform01());
}

double sample_standard_normal(random_stream& rng) {
  // Marsaglia's polar method; the second variate is discarded so that a draw depends only on the stream.
  for (;;) {
    const double u = 2.0 * rng.uniform01() - 1.0;
    const double v = 2.0 * rng.uniform01() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

double sample_gamma(random_stream& rng, double shape, double scale) {
  // Marsaglia & Tsang (2000); for shape < 1, Gamma(a) = Gamma(a + 1) * U^(1/a).
  if (shape < 1.0) {
    const double u = rng.uniform01();
    return sample_gamma(rng, shape + 1.0, scale) * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = sample_standard_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform01();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * scale;
  }
}

double sample(const distribution& d, random_stream& rng) {
  return std::visit(
      overloaded{
          [](const dist::constant& c) { return c.value; },
          [&](const dist::exponential& e) { return sample_exponential(rng, e.mean); },
          [&](const dist::uniform& u) { return u.min + (u.max - u.min) * rng.uniform01(); },
          [&](const dist::triangular& t) {
            // Inverse CDF.
            const double u = rng.uniform01();
            const double width = t.max - t.min;
            if (width == 0.0) return t.min;
            const double f = (t.mode - t.min) / width;
            if (u < f) return t.min + std::sqrt(u * width * (t.mode - t.min));
            return t.max - std::sqrt((1.0 - u) * width * (t.max - t.mode));
          },
          [&](const dist::normal& n) {
            for (;;) {
              const double x = n.mean + n.sd * sample_standard_normal(rng);
              if (x >= 0.0) return x;
            }
          },
          [&](const dist::lognormal& l) {
            const double s2 = lognormal_sigma2(l);
            return std::exp(std::log(l.mean) - 0.5 * s2 + std::sqrt(s2) * sample_standard_normal(rng));
          },
          [&](const dist::gamma& g) {
            if (g.cv == 0.0) return g.mean;
            const double shape = 1.0 / (g.cv * g.cv);
            return sample_gamma(rng, shape, g.mean / shape);
          },
          [&](const dist::erlang& e) {
            double sum = 0.0;
            for (std::uint32_t i = 0; i < e.k; ++i)
              sum -= std::log(rng.uniform01());
            return sum * e.mean / e.k;
          },
          [&](const dist::empirical& e) {
            const auto n = static_cast<double>(e.values.size());
            const auto i = static_cast<std::size_t>(rng.uniform01() * n);
            return e.values[i < e.values.size() ? i : e.values.size() - 1];
          },
      },
      d);
}

double mean(const distribution& d) {
  return std::visit(overloaded{
                        [](const dist::constant& c) { return c.value; },
                        [](const dist::exponential& e) { return e.mean; },
                        [](const dist::uniform& u) { return 0.5 * (u.min + u.max); },
                        [](const dist::triangular& t) { return (t.min + t.mode + t.max) / 3.0; },
                        [](const dist::normal& n) { return truncated_normal_moments(n.mean, n.sd).first; },
                        [](const dist::lognormal& l) { return l.mean; },
                        [](const dist::gamma& g) { return g.mean; },
                        [](const dist::erlang& e) { return e.mean; },
                        [](const dist::empirical& e) {
                          return std::accumulate(e.values.begin(), e.values.end(), 0.0) /
                                 static_cast<double>(e.values.size());
                        },
                    },
                    d);
}

double variance(const distribution& d) {
  return std::visit(overloaded{
                        [](const dist::constant&) { return 0.0; },
                        [](const dist::exponential& e) { return e.mean * e.mean; },
                        [](const dist::uniform& u) { return (u.max - u.min) * (u.max - u.min) / 12.0; },
                        [](const dist::triangular& t) {
                          const double a = t.min, c = t.mode, b = t.max;
                          return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
                        },
                        [](const dist::normal& n) { return truncated_normal_moments(n.mean, n.sd).second; },
                        [](const dist::lognormal& l) { return l.cv * l.cv * l.mean * l.mean; },
                        [](const dist::gamma& g) { return g.cv * g.cv * g.mean * g.mean; },
                        [](const dist::erlang& e) { return e.mean * e.mean / e.k; },
                        [](const dist::empirical& e) {
                          const double m = mean(distribution{e});
                          double ss = 0.0;
                          for (const double v : e.values)
                            ss += (v - m) * (v - m);
                          return ss / static_cast<double>(e.values.size());
                        },
                    },
                    d);
}

const char* name(const distribution& d) {
  static constexpr const char* names[] = {"constant",  "exponential", "uniform", "triangular", "normal",
                                          "lognormal", "gamma",       "erlang",  "empirical"};
  return names[d.index()];
}

}  // namespace freightsim

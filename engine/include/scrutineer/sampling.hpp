// Sampling: a seeded random stream and the few distributions the uncertainty stage draws from,
// written out here rather than taken from <random>, whose distributions may differ between
// standard-library versions. The same seed gives the same numbers on every platform with IEEE
// doubles and a correctly rounding libm (log, sqrt, exp); byte-identical outputs rest on that.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace scrutineer {

// splitmix64 (Steele, Lea & Flood 2014): one step of the generator that seeds the others.
std::uint64_t splitmix64(std::uint64_t& state);

// A stream seed from the run's seed and a name (an election id, "weights"): FNV-1a of `name`
// mixed with `seed` through splitmix64. Different names give independent streams, so a result
// never depends on which thread drew it or in which order elections came.
std::uint64_t derive_seed(std::uint64_t seed, std::string_view name);

// xoshiro256** 1.0 (Blackman & Vigna 2018), its state filled from `seed` by splitmix64.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next();
  // Uniform on [0, 1): the top 53 bits of next() times 2^-53.
  double uniform();
  // Uniform on (0, 1): never exactly 0, for logarithms.
  double uniform_open();
  // Standard normal, Marsaglia's polar method (the second value of each pair is kept for the
  // next call).
  double normal();
  // Gamma(shape, 1), shape > 0: Marsaglia & Tsang (2000); for shape < 1 the boost
  // Gamma(shape + 1) · U^(1/shape).
  double gamma(double shape);

 private:
  std::uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

// One draw from the Dirichlet distribution with parameters concentration · mean / Σ mean,
// scaled back to Σ mean: its expectation is `mean` and the variance of component i is
// mᵢ(Σ − mᵢ)/(concentration + 1) for mᵢ = meanᵢ (Σ = Σ mean). `out` gets one value per `mean`.
// A single component, or concentration 0 (meaning "do not perturb"), returns `mean` unchanged.
// REQUIRES: every mean > 0, concentration >= 0, out.size() == mean.size().
void dirichlet(Rng& rng, std::span<const double> mean, double concentration, std::span<double> out);

// The q-quantile (0 ≤ q ≤ 1) of `values` by linear interpolation between order statistics
// (Hyndman & Fan's type 7, R's default): h = (n − 1)q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
// Reorders `values`. REQUIRES: values not empty.
double quantile(std::vector<double>& values, double q);

}  // namespace scrutineer

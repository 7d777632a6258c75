// Tests for scrutineer/sampling.hpp: the generators against reference values, the
// distributions' moments, the Dirichlet sampler's mean and concentration, and quantiles.
#include "scrutineer/sampling.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace scrutineer;

namespace {

struct Moments {
  double mean = 0, variance = 0;
};

Moments moments(const std::vector<double>& xs) {
  Moments m;
  for (double x : xs) m.mean += x;
  m.mean /= static_cast<double>(xs.size());
  for (double x : xs) m.variance += (x - m.mean) * (x - m.mean);
  m.variance /= static_cast<double>(xs.size() - 1);
  return m;
}

}  // namespace

TEST_CASE("splitmix64 gives the reference sequence", "[sampling]") {
  // Vigna's splitmix64.c seeded with 1234567.
  std::uint64_t state = 1234567;
  CHECK(splitmix64(state) == 6457827717110365317ULL);
  CHECK(splitmix64(state) == 3203168211198807973ULL);
  CHECK(splitmix64(state) == 9817491932198370423ULL);
  CHECK(splitmix64(state) == 4593380528125082431ULL);
  CHECK(splitmix64(state) == 16408922859458223821ULL);
}

TEST_CASE("xoshiro256** seeded by splitmix64 gives a fixed sequence", "[sampling]") {
  // Computed by an independent implementation of both algorithms.
  Rng rng(42);
  CHECK(rng.next() == 1546998764402558742ULL);
  CHECK(rng.next() == 6990951692964543102ULL);
  CHECK(rng.next() == 12544586762248559009ULL);
}

TEST_CASE("derived seeds differ by name and by seed, and repeat", "[sampling]") {
  CHECK(derive_seed(7, "khm-2023") == derive_seed(7, "khm-2023"));
  CHECK(derive_seed(7, "khm-2023") != derive_seed(7, "khm-2024-senate"));
  CHECK(derive_seed(7, "khm-2023") != derive_seed(8, "khm-2023"));
  CHECK(derive_seed(0, "") != derive_seed(1, ""));
}

TEST_CASE("uniform and normal draws have the right moments", "[sampling]") {
  Rng rng(1);
  std::vector<double> u, z;
  for (int i = 0; i < 20000; ++i) {
    const double x = rng.uniform();
    REQUIRE(x >= 0.0);
    REQUIRE(x < 1.0);
    u.push_back(x);
    z.push_back(rng.normal());
  }
  CHECK(moments(u).mean == Approx(0.5).margin(0.01));
  CHECK(moments(u).variance == Approx(1.0 / 12).margin(0.003));
  CHECK(moments(z).mean == Approx(0.0).margin(0.03));
  CHECK(moments(z).variance == Approx(1.0).margin(0.04));
}

TEST_CASE("gamma draws have mean and variance equal to the shape", "[sampling]") {
  for (double shape : {0.3, 1.0, 2.5, 40.0}) {
    Rng rng(11);
    std::vector<double> xs;
    for (int i = 0; i < 20000; ++i) {
      const double x = rng.gamma(shape);
      REQUIRE(x >= 0.0);
      xs.push_back(x);
    }
    INFO("shape " << shape);
    CHECK(moments(xs).mean == Approx(shape).epsilon(0.04));
    CHECK(moments(xs).variance == Approx(shape).epsilon(0.08));
  }
}

TEST_CASE("Dirichlet draws centre on the weights with the configured concentration", "[sampling]") {
  const std::vector<double> weights = {1.0, 2.0, 3.0, 0.5};
  const double total = 6.5;
  for (double concentration : {5.0, 50.0, 500.0}) {
    Rng rng(3);
    std::vector<std::vector<double>> columns(weights.size());
    std::vector<double> out(weights.size());
    for (int d = 0; d < 20000; ++d) {
      dirichlet(rng, weights, concentration, out);
      double sum = 0;
      for (std::size_t i = 0; i < out.size(); ++i) {
        REQUIRE(out[i] > 0);
        sum += out[i];
        columns[i].push_back(out[i]);
      }
      REQUIRE(sum == Approx(total));  // scaled back to the configured total
    }
    for (std::size_t i = 0; i < weights.size(); ++i) {
      INFO("concentration " << concentration << ", weight " << weights[i]);
      const Moments m = moments(columns[i]);
      const double share = weights[i] / total;
      // Var(wᵢ) = Σ² · mᵢ(1 − mᵢ)/(κ + 1) for shares mᵢ.
      const double variance = total * total * share * (1 - share) / (concentration + 1);
      CHECK(m.mean == Approx(weights[i]).epsilon(0.01));
      CHECK(m.variance == Approx(variance).epsilon(0.06));
    }
  }
}

TEST_CASE("Dirichlet with concentration 0 or a single weight does not perturb", "[sampling]") {
  Rng rng(5);
  std::vector<double> out(3);
  const std::vector<double> weights = {1.0, 1.5, 2.0};
  dirichlet(rng, weights, 0.0, out);
  CHECK(out == weights);
  std::vector<double> one(1);
  dirichlet(rng, std::vector<double>{2.5}, 100.0, one);
  CHECK(one[0] == 2.5);
}

TEST_CASE("quantiles interpolate between order statistics (type 7)", "[sampling]") {
  std::vector<double> xs = {4, 1, 3, 2};
  CHECK(quantile(xs, 0.5) == Approx(2.5));
  CHECK(quantile(xs, 0.0) == 1);
  CHECK(quantile(xs, 1.0) == 4);
  CHECK(quantile(xs, 0.05) == Approx(1.15));
  CHECK(quantile(xs, 0.95) == Approx(3.85));
  std::vector<double> single = {7};
  CHECK(quantile(single, 0.05) == 7);
}

// Aggregation arithmetic against hand-computed values.
#include <catch2/catch.hpp>

#include <cmath>

#include "scrutineer/aggregation.hpp"

using namespace scrutineer;
using Values = std::vector<std::optional<double>>;

TEST_CASE("weighted arithmetic mean redistributes the weight of not-assessed items", "[aggregation]") {
  double coverage = 0;
  // (2·100 + 1·25) / 3 = 75; the not-assessed item's weight 1 of 4 is missing.
  const auto score = combine(Values{100.0, 25.0, std::nullopt}, {2, 1, 1}, AggregationMethod::Arithmetic, &coverage);
  REQUIRE(score);
  CHECK(*score == Approx(75.0));
  CHECK(coverage == Approx(0.75));
}

TEST_CASE("weighted geometric mean, and any zero gives zero", "[aggregation]") {
  // 100 · exp((1·ln 0.5 + 3·ln 0.25) / 4) = 100 · 0.5^0.25 · 0.25^0.75 = 29.7302
  const auto score = combine(Values{50.0, 25.0}, {1, 3}, AggregationMethod::Geometric);
  REQUIRE(score);
  CHECK(*score == Approx(100 * std::pow(0.5, 0.25) * std::pow(0.25, 0.75)));
  CHECK(*score == Approx(29.7302).epsilon(1e-4));
  CHECK(combine(Values{0.0, 100.0}, {1, 1}, AggregationMethod::Geometric) == 0.0);
}

TEST_CASE("weakest link takes the lowest assessed score", "[aggregation]") {
  CHECK(combine(Values{75.0, std::nullopt, 50.0}, {1, 5, 1}, AggregationMethod::WeakestLink) == 50.0);
}

TEST_CASE("nothing assessed gives no score and zero coverage, never zero as a score", "[aggregation]") {
  double coverage = 1;
  CHECK_FALSE(combine(Values{std::nullopt, std::nullopt}, {1, 1}, AggregationMethod::Arithmetic, &coverage));
  CHECK(coverage == 0);
}

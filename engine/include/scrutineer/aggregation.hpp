// Aggregation: indicator levels and weights → criterion scores → overall index and band.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/findings.hpp"
#include "scrutineer/framework.hpp"

namespace scrutineer {

// Weights actually used: the framework's, with any overrides applied.
struct WeightSet {
  std::vector<double> criteria;                 // parallel to framework.criteria
  std::vector<std::vector<double>> indicators;  // parallel to each criterion's indicators
};

WeightSet framework_weights(const Framework& framework);

struct CriterionScore {
  std::optional<double> score;  // 0–100; nullopt when no indicator is assessed
  double coverage = 0;          // share of the criterion's indicator weight assessed, 0–1
  std::optional<double> uncapped;  // the score before a red line capped it (only when capped)
};

struct OverallScore {
  std::optional<double> score;  // 0–100; nullopt when no criterion is assessed
  std::optional<std::size_t> band;  // index into framework.bands
  double coverage = 0;          // weighted share of the framework assessed, 0–1
  std::optional<std::size_t> uncapped_band;  // the band before a red line capped it (only when capped)
};

struct Scores {
  std::vector<CriterionScore> criteria;  // parallel to framework.criteria
  OverallScore overall;
};

// Levels are scored level × 25. Within a criterion, not-assessed indicators' weight is shared
// among the assessed ones (coverage records how much). Methods:
//   arithmetic    Σ wᵢ xᵢ / Σ wᵢ
//   geometric     exp(Σ wᵢ ln xᵢ / Σ wᵢ) on x/100 (any zero gives zero)
//   weakest-link  min xᵢ
// Red lines that fired then cap: a criterion's score at max_score; the overall band at the
// named band, and the index at the top of that band (the next band's min).
Scores aggregate(const Framework& framework, const Findings& findings, const WeightSet& weights,
                 AggregationMethod method);

// The same aggregation on plain numbers (for tests and the Monte Carlo):
// `values` and `weights` parallel; nullopt values are not assessed.
std::optional<double> combine(const std::vector<std::optional<double>>& values,
                              const std::vector<double>& weights, AggregationMethod method,
                              double* coverage = nullptr);

}  // namespace scrutineer

#include "scrutineer/aggregation.hpp"

#include <algorithm>
#include <cmath>

namespace scrutineer {

WeightSet framework_weights(const Framework& framework) {
  WeightSet weights;
  for (const auto& criterion : framework.criteria) {
    weights.criteria.push_back(criterion.weight);
    auto& row = weights.indicators.emplace_back();
    for (const auto& indicator : criterion.indicators) row.push_back(indicator.weight);
  }
  return weights;
}

std::optional<double> combine(const std::vector<std::optional<double>>& values,
                              const std::vector<double>& weights, AggregationMethod method,
                              double* coverage) {
  double total_weight = 0, assessed_weight = 0, sum = 0, log_sum = 0;
  bool any_zero = false;
  std::optional<double> minimum;
  for (std::size_t i = 0; i < values.size(); ++i) {
    total_weight += weights[i];
    if (!values[i]) continue;
    const double x = *values[i];
    assessed_weight += weights[i];
    sum += weights[i] * x;
    if (x <= 0) any_zero = true;
    else log_sum += weights[i] * std::log(x / 100.0);
    minimum = minimum ? std::min(*minimum, x) : x;
  }
  if (coverage) *coverage = total_weight > 0 ? assessed_weight / total_weight : 0;
  if (assessed_weight <= 0) return std::nullopt;
  switch (method) {
    case AggregationMethod::Arithmetic: return sum / assessed_weight;
    case AggregationMethod::Geometric: return any_zero ? 0.0 : 100.0 * std::exp(log_sum / assessed_weight);
    case AggregationMethod::WeakestLink: return minimum;
  }
  return std::nullopt;
}

Scores aggregate(const Framework& framework, const Findings& findings, const WeightSet& weights,
                 AggregationMethod method) {
  Scores scores;
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    std::vector<std::optional<double>> levels;
    for (const auto& finding : findings.by_criterion[c])
      levels.push_back(finding.level ? std::optional<double>(*finding.level * 25.0) : std::nullopt);
    CriterionScore& score = scores.criteria.emplace_back();
    score.score = combine(levels, weights.indicators[c], method, &score.coverage);
  }
  for (const auto& hit : findings.red_lines) {
    const RedLine& red_line = *hit.red_line;
    if (red_line.caps != RedLineScope::Criterion) continue;
    for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
      CriterionScore& score = scores.criteria[c];
      if (framework.criteria[c].id != red_line.criterion || !score.score ||
          *score.score <= red_line.max_score)
        continue;
      if (!score.uncapped) score.uncapped = score.score;
      score.score = red_line.max_score;
    }
  }
  std::vector<std::optional<double>> criterion_scores;
  for (const auto& score : scores.criteria) criterion_scores.push_back(score.score);
  OverallScore& overall = scores.overall;
  overall.score = combine(criterion_scores, weights.criteria, method);
  double weighted_coverage = 0, total = 0;
  for (std::size_t c = 0; c < scores.criteria.size(); ++c) {
    weighted_coverage += weights.criteria[c] * scores.criteria[c].coverage;
    total += weights.criteria[c];
  }
  overall.coverage = total > 0 ? weighted_coverage / total : 0;
  if (!overall.score) return scores;
  overall.band = framework.band_index(*overall.score);
  for (const auto& hit : findings.red_lines) {
    const RedLine& red_line = *hit.red_line;
    if (red_line.caps != RedLineScope::Overall) continue;
    const std::size_t cap = framework.find_band(red_line.band).value_or(0);
    if (*overall.band <= cap) continue;
    if (!overall.uncapped_band) overall.uncapped_band = overall.band;
    overall.band = cap;
    overall.score = std::min(*overall.score, framework.bands[cap + 1].min);
  }
  return scores;
}

}  // namespace scrutineer

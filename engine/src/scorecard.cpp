#include "scrutineer/scorecard.hpp"

namespace scrutineer {

WeightSet assessed_weights(const Framework& framework, const AssessOptions& options) {
  WeightSet weights = framework_weights(framework);
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    auto weight = options.criterion_weights.find(framework.criteria[c].id);
    if (weight != options.criterion_weights.end()) weights.criteria[c] = weight->second;
    const auto& indicators = framework.criteria[c].indicators;
    for (std::size_t i = 0; i < indicators.size(); ++i) {
      auto override_ = options.indicator_weights.find(indicators[i].id);
      if (override_ != options.indicator_weights.end()) weights.indicators[c][i] = override_->second;
    }
  }
  return weights;
}

Scorecard assess(const Framework& framework, const Election& election, const AssessOptions& options) {
  Scorecard card;
  card.framework = &framework;
  card.election = &election;
  card.options = options;
  card.method = options.method.value_or(framework.method);
  card.facts = derive_facts(facts_in_force(election, options.as_of));
  const auto evidence = evidence_in_force(election, options.as_of);
  card.evidence_in_force = evidence.size();
  card.weights = assessed_weights(framework, options);
  card.findings = evaluate_findings(framework, election, card.facts, evidence);
  card.scores = aggregate(framework, card.findings, card.weights, card.method);
  return card;
}

}  // namespace scrutineer

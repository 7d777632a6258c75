#include "scrutineer/scorecard.hpp"

namespace scrutineer {

Scorecard assess(const Framework& framework, const Election& election, const AssessOptions& options) {
  Scorecard card;
  card.framework = &framework;
  card.election = &election;
  card.options = options;
  card.method = options.method.value_or(framework.method);
  card.facts = derive_facts(facts_in_force(election, options.as_of));
  const auto evidence = evidence_in_force(election, options.as_of);
  card.evidence_in_force = evidence.size();
  card.weights = framework_weights(framework);
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    auto weight = options.criterion_weights.find(framework.criteria[c].id);
    if (weight != options.criterion_weights.end()) card.weights.criteria[c] = weight->second;
  }
  card.findings = evaluate_findings(framework, election, card.facts, evidence);
  card.scores = aggregate(framework, card.findings, card.weights, card.method);
  return card;
}

}  // namespace scrutineer

// Scorecard: the whole assessment of one election — findings, scores, and what produced them.
// This is the result model every renderer reads; renderers never recompute a score.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "scrutineer/aggregation.hpp"
#include "scrutineer/derived_facts.hpp"
#include "scrutineer/election.hpp"
#include "scrutineer/findings.hpp"
#include "scrutineer/framework.hpp"
#include "scrutineer/uncertainty.hpp"

namespace scrutineer {

struct AssessOptions {
  std::optional<Date> as_of;                 // keep evidence dated on or before this day
  std::optional<AggregationMethod> method;   // default: the framework's
  std::map<std::string, double> criterion_weights;  // overrides by criterion id
  std::map<std::string, double> indicator_weights;  // overrides by indicator id
  std::string weights_profile;               // name of the profile the overrides came from, if any
};

struct Scorecard {
  const Framework* framework = nullptr;
  const Election* election = nullptr;
  AssessOptions options;
  AggregationMethod method = AggregationMethod::Arithmetic;
  DerivedFacts facts;
  std::size_t evidence_in_force = 0;
  WeightSet weights;
  Findings findings;
  Scores scores;
  // Filled by add_uncertainty / estimate_uncertainty (uncertainty.hpp), when that stage ran.
  std::optional<Uncertainty> uncertainty;
  std::vector<LoadBearing> load_bearing;
};

// The weights an assessment with `options` uses: the framework's with the overrides applied.
// REQUIRES: as for assess.
WeightSet assessed_weights(const Framework& framework, const AssessOptions& options);

// Evaluates and aggregates. REQUIRES: framework and election outlive the scorecard;
// every criterion_weights / indicator_weights key names a criterion / an indicator and every
// value is finite and > 0.
Scorecard assess(const Framework& framework, const Election& election, const AssessOptions& options);

}  // namespace scrutineer

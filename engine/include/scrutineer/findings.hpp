// Findings: the rules evaluated against one election's evidence — a level and a why for every
// indicator, and the red lines that fired. Pure and deterministic; no weights involved.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scrutineer/derived_facts.hpp"
#include "scrutineer/election.hpp"
#include "scrutineer/framework.hpp"

namespace scrutineer {

enum class DecidedBy { Rule, Evidence, NotAssessed };

struct IndicatorFinding {
  const Indicator* indicator = nullptr;
  std::optional<int> level;           // 0–4, or nullopt: not assessed
  DecidedBy decided_by = DecidedBy::NotAssessed;
  const Rule* rule = nullptr;         // the rule that decided, when decided_by == Rule
  std::optional<int> evidence_level;  // the level the linked evidence alone gives
  std::vector<std::string> evidence;  // ids of the evidence behind the level, sorted
  std::vector<std::pair<std::string, double>> facts;  // facts the deciding rule read, by name
  std::vector<std::string> notes;     // e.g. a rule skipped because a fact is missing
};

struct RedLineHit {
  const RedLine* red_line = nullptr;
  std::vector<std::string> evidence;  // ids that made it fire, sorted
};

struct Findings {
  std::vector<std::vector<IndicatorFinding>> by_criterion;  // parallel to framework.criteria
  std::vector<RedLineHit> red_lines;                        // in framework order
};

// The evidence in force: items dated on or before `as_of` (all when nullopt), in ledger order.
std::vector<const EvidenceItem*> evidence_in_force(const Election& election,
                                                   const std::optional<Date>& as_of);

// The recorded facts known by `as_of`: those whose source document is dated on or before it
// (all when nullopt). Results published after the as-of day are not yet facts.
Facts facts_in_force(const Election& election, const std::optional<Date>& as_of);

// Decides every indicator: the first rule of its decision list that holds sets, caps or floors
// the level; with no rule firing the linked evidence decides (any undermining item: 4 − the
// highest severity among them; else any supporting item: 4); with neither, not assessed.
// REQUIRES: every rule of `framework` compiled (as load_framework leaves them).
Findings evaluate_findings(const Framework& framework, const Election& election,
                           const DerivedFacts& facts,
                           const std::vector<const EvidenceItem*>& evidence);

// Decides one indicator as evaluate_findings does, against `evidence` (the ledger in force, or
// any part of it: the uncertainty stage re-decides indicators on the items a draw keeps).
IndicatorFinding decide_indicator(const Indicator& indicator, const Election& election,
                                  const DerivedFacts& facts,
                                  const std::vector<const EvidenceItem*>& evidence);

std::string to_string(DecidedBy d);

}  // namespace scrutineer

#include "scrutineer/findings.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "scrutineer/rules.hpp"

namespace scrutineer {

std::vector<const EvidenceItem*> evidence_in_force(const Election& election,
                                                   const std::optional<Date>& as_of) {
  std::vector<const EvidenceItem*> result;
  for (const auto& item : election.evidence)
    if (!as_of || item.date <= *as_of) result.push_back(&item);
  return result;
}

Facts facts_in_force(const Election& election, const std::optional<Date>& as_of) {
  Facts facts = election.facts;
  if (!as_of) return facts;
  auto known = [&](const std::string& source) {
    const Document* doc = election.find_document(source);
    return doc && doc->date <= *as_of;
  };
  for (auto* fact : {&facts.total_seats, &facts.registered_voters, &facts.ballots_cast, &facts.turnout,
                     &facts.parties_contesting})
    if (*fact && !known((*fact)->source)) fact->reset();
  std::erase_if(facts.parties, [&](const PartyResult& party) { return !known(party.source); });
  return facts;
}

namespace {

void sort_unique(std::vector<std::string>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// The level the linked evidence alone gives, and the items behind it.
void decide_from_evidence(const std::vector<const EvidenceItem*>& linked, IndicatorFinding& finding) {
  int worst = 0;
  for (const auto* item : linked)
    if (item->polarity == Polarity::Undermines) worst = std::max(worst, item->severity);
  if (worst > 0) {
    finding.evidence_level = 4 - worst;
    for (const auto* item : linked)
      if (item->polarity == Polarity::Undermines && item->severity == worst)
        finding.evidence.push_back(item->id);
  } else if (!linked.empty()) {
    finding.evidence_level = 4;
    for (const auto* item : linked) finding.evidence.push_back(item->id);
  }
  sort_unique(finding.evidence);
}

}  // namespace

IndicatorFinding decide_indicator(const Indicator& indicator, const Election& election,
                                  const DerivedFacts& facts,
                                  const std::vector<const EvidenceItem*>& evidence) {
  IndicatorFinding finding;
  finding.indicator = &indicator;
  std::vector<const EvidenceItem*> linked;
  for (const auto* item : evidence)
    if (std::find(item->indicators.begin(), item->indicators.end(), indicator.id) !=
        item->indicators.end())
      linked.push_back(item);
  decide_from_evidence(linked, finding);
  const rules::EvalContext context{election, facts, evidence, linked};
  for (const auto& rule : indicator.rules) {
    const rules::Outcome outcome = rules::evaluate(*rule.program, context);
    if (outcome.missing_fact)
      finding.notes.push_back(fmt::format("rule '{}' skipped: the election records no {}", rule.id,
                                          *outcome.missing_fact));
    if (!outcome.holds) continue;
    finding.decided_by = DecidedBy::Rule;
    finding.rule = &rule;
    switch (rule.effect) {
      case RuleEffect::Set: finding.level = rule.level; break;
      case RuleEffect::Cap: finding.level = std::min(finding.evidence_level.value_or(rule.level), rule.level); break;
      case RuleEffect::Floor: finding.level = std::max(finding.evidence_level.value_or(rule.level), rule.level); break;
    }
    // A cap or floor that left the evidence level standing cites that evidence too.
    if (rule.effect == RuleEffect::Set || finding.level != finding.evidence_level) finding.evidence.clear();
    finding.evidence.insert(finding.evidence.end(), outcome.witnesses.begin(), outcome.witnesses.end());
    sort_unique(finding.evidence);
    for (const auto& name : rules::facts_read(*rule.program))
      if (auto value = facts.get(name)) finding.facts.emplace_back(name, *value);
    return finding;
  }
  if (finding.evidence_level) {
    finding.decided_by = DecidedBy::Evidence;
    finding.level = finding.evidence_level;
  }
  return finding;
}


Findings evaluate_findings(const Framework& framework, const Election& election,
                           const DerivedFacts& facts, const std::vector<const EvidenceItem*>& evidence) {
  Findings findings;
  for (const auto& criterion : framework.criteria) {
    auto& row = findings.by_criterion.emplace_back();
    for (const auto& indicator : criterion.indicators)
      row.push_back(decide_indicator(indicator, election, facts, evidence));
  }
  const rules::EvalContext context{election, facts, evidence, {}};
  for (const auto& red_line : framework.red_lines) {
    const rules::Outcome outcome = rules::evaluate(*red_line.program, context);
    if (outcome.holds) findings.red_lines.push_back({&red_line, outcome.witnesses});
  }
  return findings;
}

std::string to_string(DecidedBy d) {
  switch (d) {
    case DecidedBy::Rule: return "rule";
    case DecidedBy::Evidence: return "evidence";
    case DecidedBy::NotAssessed: return "not-assessed";
  }
  return "";
}

}  // namespace scrutineer

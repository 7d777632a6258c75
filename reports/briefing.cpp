#include "briefing.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace scrutineer::briefing {

const EvidenceItem* find_item(const Election& election, const std::string& id) {
  for (const auto& item : election.evidence)
    if (item.id == id) return &item;
  return nullptr;
}

std::string grade(const EvidenceItem& item) { return fmt::format("{}{}", item.reliability, item.credibility); }

std::string grade_words(const EvidenceItem& item) {
  static const char* const kReliability[] = {"completely reliable",  "usually reliable", "fairly reliable",
                                             "not usually reliable", "unreliable",       "reliability unknown"};
  static const char* const kCredibility[] = {
      "confirmed by other sources", "probably true", "possibly true", "doubtful", "improbable",
      "truth cannot be judged"};
  const int r = std::clamp(item.reliability - 'A', 0, 5);
  const int c = std::clamp(item.credibility - 1, 0, 5);
  return fmt::format("source {}, information {}", kReliability[r], kCredibility[c]);
}

std::string severity_word(int severity) {
  switch (severity) {
    case 1:
      return "minor";
    case 2:
      return "significant";
    case 3:
      return "serious";
    case 4:
      return "grave";
  }
  return std::to_string(severity);
}

std::vector<std::string> standards(const Indicator& indicator) {
  std::vector<std::string> out;
  for (const auto& s : indicator.standards) out.push_back(s.instrument + " " + s.provision);
  return out;
}

std::string band_label(const Scorecard& card) {
  const auto& band = card.scores.overall.band;
  return band ? card.framework->bands[*band].label : std::string("Not assessed");
}

std::string band_position(const Scorecard& card) {
  const auto& band = card.scores.overall.band;
  if (!band) return "";
  return fmt::format("band {} of {}", *band + 1, card.framework->bands.size());
}

std::string red_line_effect(const Framework& framework, const RedLine& red_line) {
  if (red_line.caps == RedLineScope::Overall) {
    const auto band = framework.find_band(red_line.band);
    return fmt::format("caps the overall rating at {}", band ? framework.bands[*band].label : red_line.band);
  }
  const Criterion* criterion = framework.find_criterion(red_line.criterion);
  return fmt::format("caps {} at {}", criterion ? criterion->title : red_line.criterion,
                     score_text(red_line.max_score));
}

std::vector<const EvidenceItem*> uncited_evidence(const Scorecard& card) {
  std::set<std::string> cited;
  for (const auto& criterion : card.findings.by_criterion)
    for (const auto& finding : criterion) cited.insert(finding.evidence.begin(), finding.evidence.end());
  for (const auto& hit : card.findings.red_lines) cited.insert(hit.evidence.begin(), hit.evidence.end());
  std::vector<const EvidenceItem*> out;
  for (const EvidenceItem* item : evidence_in_force(*card.election, card.options.as_of))
    if (!cited.count(item->id)) out.push_back(item);
  return out;
}

std::size_t evidence_left_out(const Scorecard& card) {
  const std::size_t total = card.election->evidence.size();
  return total > card.evidence_in_force ? total - card.evidence_in_force : 0;
}

std::map<std::string, std::vector<std::size_t>> recommendation_numbers(const std::vector<Recommendation>& recs) {
  std::map<std::string, std::vector<std::size_t>> numbers;
  for (std::size_t i = 0; i < recs.size(); ++i)
    for (const auto& trigger : recs[i].triggers)
      if (trigger.kind == "indicator") numbers[trigger.id].push_back(i + 1);
  return numbers;
}

std::string signed_text(const std::optional<double>& change) {
  return change ? fmt::format("{:+.1f}", *change) : std::string("—");
}

std::string level_text(const std::optional<int>& level) {
  return level ? fmt::format("level {}", *level) : std::string("not assessed");
}

std::vector<Recommendation> recommendations(const Scorecard& card) {
  std::vector<Recommendation> out;
  auto add = [&out](const std::string& text, Trigger trigger) {
    if (text.empty()) return;
    for (auto& rec : out) {
      if (rec.text != text) continue;
      rec.triggers.push_back(std::move(trigger));
      return;
    }
    out.push_back({text, {std::move(trigger)}});
  };
  for (const auto& hit : card.findings.red_lines)
    add(hit.red_line->recommendation, {"red line", hit.red_line->id, std::nullopt});
  std::vector<const IndicatorFinding*> below;
  for (const auto& criterion : card.findings.by_criterion)
    for (const auto& finding : criterion)
      if (finding.level && *finding.level < 4) below.push_back(&finding);
  std::stable_sort(below.begin(), below.end(),
                   [](const IndicatorFinding* a, const IndicatorFinding* b) { return *a->level < *b->level; });
  for (const IndicatorFinding* finding : below) {
    const Trigger trigger{"indicator", finding->indicator->id, finding->level};
    if (finding->rule) add(finding->rule->recommendation, trigger);
    add(finding->indicator->recommendation, trigger);
  }
  return out;
}

std::vector<Gap> not_assessed(const Scorecard& card) {
  std::vector<Gap> out;
  for (std::size_t c = 0; c < card.findings.by_criterion.size(); ++c) {
    for (const auto& finding : card.findings.by_criterion[c]) {
      if (finding.level) continue;
      std::string why = card.options.as_of ? "No evidence in force on the as-of date bears on this indicator."
                                           : "No evidence in the ledger bears on this indicator.";
      for (const auto& note : finding.notes) why += " " + note + (note.ends_with('.') ? "" : ".");
      out.push_back({c, finding.indicator, why});
    }
  }
  return out;
}

std::vector<std::size_t> criteria_not_assessed(const Scorecard& card) {
  std::vector<std::size_t> out;
  for (std::size_t c = 0; c < card.scores.criteria.size(); ++c)
    if (!card.scores.criteria[c].score) out.push_back(c);
  return out;
}

const Uncertainty* uncertainty(const Briefing& briefing, std::size_t k) {
  const auto& u = briefing.scorecards[k]->uncertainty;
  return u ? &*u : nullptr;
}

std::optional<Interval> overall_interval(const Briefing& briefing, std::size_t k) {
  const Uncertainty* u = uncertainty(briefing, k);
  return u ? u->overall : std::nullopt;
}

std::optional<Interval> criterion_interval(const Briefing& briefing, std::size_t k, std::size_t c) {
  const Uncertainty* u = uncertainty(briefing, k);
  return u && c < u->criteria.size() ? u->criteria[c] : std::nullopt;
}

std::vector<double> band_probabilities(const Briefing& briefing, std::size_t k) {
  const Uncertainty* u = uncertainty(briefing, k);
  return u ? u->band_probabilities : std::vector<double>{};
}

const IndicatorStability* stability(const Briefing& briefing, std::size_t k, std::size_t c, std::size_t i) {
  const Uncertainty* u = uncertainty(briefing, k);
  if (!u || u->draws == 0 || c >= u->indicators.size() || i >= u->indicators[c].size()) return nullptr;
  return &u->indicators[c][i];
}

std::optional<std::size_t> comparison_index(const Briefing& briefing, std::size_t k) {
  if (!briefing.comparison) return std::nullopt;
  const auto& cards = briefing.comparison->scorecards;
  for (std::size_t j = 0; j < cards.size(); ++j)
    if (cards[j] == briefing.scorecards[k]) return j;
  return std::nullopt;
}

std::optional<Rank> rank(const Briefing& briefing, std::size_t k) {
  const auto j = comparison_index(briefing, k);
  if (!j || *j >= briefing.comparison->rank.size()) return std::nullopt;
  const Comparison& comparison = *briefing.comparison;
  Rank r{comparison.rank[*j], std::nullopt, std::nullopt};
  if (comparison.draws > 0 && *j < comparison.rank_intervals.size()) r.interval = comparison.rank_intervals[*j];
  if (comparison.draws > 0 && *j < comparison.rank_probabilities.size() &&
      r.rank - 1 < comparison.rank_probabilities[*j].size())
    r.probability = comparison.rank_probabilities[*j][r.rank - 1];
  return r;
}

bool ranked(const Briefing& briefing) {
  for (std::size_t k = 0; k < briefing.scorecards.size(); ++k)
    if (!rank(briefing, k)) return false;
  return true;
}

std::vector<std::size_t> comparison_order(const Briefing& briefing) {
  std::vector<std::size_t> order(briefing.scorecards.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  if (ranked(briefing)) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank(briefing, a)->rank < rank(briefing, b)->rank; });
    return order;
  }
  // Not ranked: highest index first, the not assessed last (a display order, not a rank).
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = briefing.scorecards[a]->scores.overall.score;
    const auto& y = briefing.scorecards[b]->scores.overall.score;
    if (x.has_value() != y.has_value()) return x.has_value();
    return x && *x > *y;
  });
  return order;
}

std::string uncertainty_words(const Uncertainty* u) {
  if (!u || u->draws == 0) return "";
  return fmt::format("{} Monte Carlo draws, seed {}, Dirichlet concentration {:g}; {:.0f}% intervals", u->draws,
                     u->seed, u->concentration, u->level * 100);
}

std::string score_text(const std::optional<double>& score) { return format_score(score); }

std::string interval_text(const std::optional<Interval>& interval) {
  if (!interval) return "—";
  return fmt::format("{:.1f}–{:.1f}", interval->low, interval->high);
}

std::string percent(double share) { return fmt::format("{:.0f}%", share * 100); }

std::string method_words(AggregationMethod method) {
  switch (method) {
    case AggregationMethod::Arithmetic:
      return "weighted arithmetic mean: a strong criterion can offset a weak one";
    case AggregationMethod::Geometric:
      return "weighted geometric mean: a weak criterion pulls the index down more than a strong one lifts it, "
             "and any zero makes the index zero";
    case AggregationMethod::WeakestLink:
      return "weakest link: each score is the lowest of its parts";
  }
  return "";
}

std::string comparison_title(const Briefing& briefing) {
  return fmt::format("Comparison of {} elections", briefing.scorecards.size());
}

}  // namespace scrutineer::briefing

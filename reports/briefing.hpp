// What a briefing says, worked out once for every report format (HTML, Markdown, CSV): the
// evidence behind a finding, the recommendations a finding triggers, what was not assessed and
// why, the intervals when the uncertainty stage ran. Reads the result model; computes no score.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/render.hpp"

namespace scrutineer::briefing {

// The item with `id` in the election's ledger, or null.
const EvidenceItem* find_item(const Election& election, const std::string& id);

// Admiralty grade, e.g. "B2", and its words ("usually reliable source, probably true").
std::string grade(const EvidenceItem& item);
std::string grade_words(const EvidenceItem& item);
// "minor", "significant", "serious", "grave".
std::string severity_word(int severity);

// "ICCPR art. 25(b)", one per standard the indicator rests on.
std::vector<std::string> standards(const Indicator& indicator);

// The band label, or "Not assessed".
std::string band_label(const Scorecard& card);
// "band 1 of 5" (1 = the lowest), or "" when not assessed.
std::string band_position(const Scorecard& card);
// What a red line caps, in words: "caps the overall rating at Not genuine" or
// "caps Media freedom at 25".
std::string red_line_effect(const Framework& framework, const RedLine& red_line);

// Items in force (findings.hpp's evidence_in_force) that no finding and no red line cites, in
// ledger order: outweighed by more serious items, or linked to an indicator a rule decided.
std::vector<const EvidenceItem*> uncited_evidence(const Scorecard& card);

// Evidence left out by --as-of (the ledger's size minus the items in force).
std::size_t evidence_left_out(const Scorecard& card);

// A recommendation and what triggered it ("red line no-genuine-choice",
// "opposition-on-ballot at level 0"). Red lines first, then indicators below level 4 from the
// lowest level up (framework order within a level); for an indicator, the deciding rule's
// recommendation and then the indicator's own. The same text is listed once with every trigger.
struct Trigger {
  std::string kind;          // "red line" | "indicator"
  std::string id;            // red line or indicator id
  std::optional<int> level;  // indicator triggers: the level found
};
struct Recommendation {
  std::string text;
  std::vector<Trigger> triggers;
};
std::vector<Recommendation> recommendations(const Scorecard& card);
// Indicator id → the 1-based numbers of the recommendations it triggers.
std::map<std::string, std::vector<std::size_t>> recommendation_numbers(const std::vector<Recommendation>& recs);

// "+1.5" / "−" for a change in score; "level 2" / "not assessed".
std::string signed_text(const std::optional<double>& change);
std::string level_text(const std::optional<int>& level);

// Indicators not assessed, in framework order, with the reason.
struct Gap {
  std::size_t criterion = 0;
  const Indicator* indicator = nullptr;
  std::string why;
};
std::vector<Gap> not_assessed(const Scorecard& card);
// Criteria with no indicator assessed.
std::vector<std::size_t> criteria_not_assessed(const Scorecard& card);

// What the uncertainty stage found for election `k` (the scorecard's), null when it did not run.
const Uncertainty* uncertainty(const Briefing& briefing, std::size_t k);
// Its intervals; nullopt when it did not run or the draws never assess the score.
std::optional<Interval> overall_interval(const Briefing& briefing, std::size_t k);
std::optional<Interval> criterion_interval(const Briefing& briefing, std::size_t k, std::size_t c);
// Probability of each band (parallel to framework.bands), empty when not computed.
std::vector<double> band_probabilities(const Briefing& briefing, std::size_t k);
// How settled indicator i of criterion c is across the draws, null when not computed.
const IndicatorStability* stability(const Briefing& briefing, std::size_t k, std::size_t c, std::size_t i);

// Ranks from the comparison stage (1 = best), nullopt when it did not run.
struct Rank {
  std::size_t rank = 0;
  std::optional<std::pair<std::size_t, std::size_t>> interval;  // plausible ranks, best–worst
  std::optional<double> probability;                            // share of the draws at exactly this rank
};
std::optional<Rank> rank(const Briefing& briefing, std::size_t k);
// Every election ranked by the comparison stage.
bool ranked(const Briefing& briefing);

// The order elections appear in a comparison: by rank when ranked, else highest index first.
std::vector<std::size_t> comparison_order(const Briefing& briefing);

// Where election `k` sits in comparison->scorecards, nullopt without a comparison.
std::optional<std::size_t> comparison_index(const Briefing& briefing, std::size_t k);

// "1000 Monte Carlo draws, seed 1, …" or "" when the uncertainty stage did not run.
std::string uncertainty_words(const Uncertainty* u);

// Numbers shown to people: "12.6", "8.1–17.3", "90%".
std::string score_text(const std::optional<double>& score);
std::string interval_text(const std::optional<Interval>& interval);  // "—" when absent
std::string percent(double share);

// "Aggregation: weighted arithmetic mean …" explained in one sentence.
std::string method_words(AggregationMethod method);

// Titles of the report, e.g. "Cambodia, National Assembly election 2023".
std::string comparison_title(const Briefing& briefing);

}  // namespace scrutineer::briefing

// Comparison: many scorecards side by side (`scrutineer compare`): a ranking by overall index
// with intervals, how likely each election is to hold each rank and to score above each other
// one (from Monte Carlo draws that weigh every election alike in each draw), and, for elections
// of the same country, what changed from one to the next and which evidence drove it.
// Pure: computed from the scorecards and their draws; renderers only read it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scrutineer/framework.hpp"
#include "scrutineer/scorecard.hpp"

namespace scrutineer {

// One indicator whose level differs between two elections.
struct IndicatorChange {
  std::size_t criterion = 0;  // index into framework.criteria
  const Indicator* indicator = nullptr;
  std::optional<int> from_level, to_level;   // nullopt: not assessed
  std::vector<std::string> from_evidence;    // the ids behind each level (the findings' evidence)
  std::vector<std::string> to_evidence;
};

// From one election to the next of the same country (by date).
struct ElectionChange {
  std::size_t from = 0, to = 0;  // indices into Comparison::scorecards
  std::optional<double> overall_change;                   // nullopt when either is not assessed
  std::vector<std::optional<double>> criterion_changes;   // parallel to framework.criteria
  // Indicators whose level differs: those assessed in both first (largest move first), then
  // those newly assessed, then those no longer assessed; framework order within each.
  std::vector<IndicatorChange> indicators;
  std::vector<const RedLine*> red_lines_added;    // crossed in `to`, not in `from`
  std::vector<const RedLine*> red_lines_removed;  // crossed in `from`, not in `to`
};

struct Comparison {
  const Framework* framework = nullptr;
  std::vector<const Scorecard*> scorecards;  // as given
  // Best first: by overall index (not assessed last), ties by election id.
  std::vector<std::size_t> order;
  std::vector<std::size_t> rank;  // 1-based position of each scorecard in `order`
  std::size_t draws = 0;          // 0 when the uncertainty stage did not run
  std::uint64_t seed = 0;
  double concentration = 0;
  double level = 0.9;
  // rank_probabilities[k][r]: share of draws in which scorecard k ranks r + 1. In a draw, tied
  // elections share their ranks evenly and those not assessed come last.
  std::vector<std::vector<double>> rank_probabilities;
  // The central `level` interval of each scorecard's rank in the draws, best–worst (1-based).
  std::vector<std::pair<std::size_t, std::size_t>> rank_intervals;
  // above[a][b]: share of draws in which a scores above b, a tie counting half (so
  // above[a][b] + above[b][a] = 1); an assessed election scores above one not assessed.
  std::vector<std::vector<double>> above;
  std::vector<ElectionChange> changes;  // by country, then date
};

// REQUIRES: every scorecard on the same framework, election ids distinct; overall_draws[k] the
// overall index of scorecard k in each draw (NaN: not assessed), all of one length and from one
// set of weight draws (estimate_uncertainty with keep_overall_draws), or all empty when the
// uncertainty stage did not run (then no probabilities are computed).
Comparison compare(const std::vector<const Scorecard*>& scorecards,
                   const std::vector<std::vector<double>>& overall_draws);

}  // namespace scrutineer

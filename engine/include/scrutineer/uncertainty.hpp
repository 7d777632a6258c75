// Uncertainty: how sure a scorecard is (docs/uncertainty.md). A seeded Monte Carlo over the two
// things an assessment could have got wrong — which evidence stands (each item is kept with the
// probability reliability.hpp gives it) and how much each criterion and indicator should weigh
// (Dirichlet draws around the configured weights) — re-running the rules and the aggregation
// in every draw; and exact leave-one-out, to name the evidence a verdict leans on.
// Pure: a function of the scorecard, the weight draws and the options.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/aggregation.hpp"
#include "scrutineer/framework.hpp"

namespace scrutineer {

struct Scorecard;

struct UncertaintyOptions {
  std::size_t draws = 1000;             // Monte Carlo draws; 0: no Monte Carlo
  std::uint64_t seed = 1;               // recorded in every output
  std::optional<double> concentration;  // Dirichlet concentration; default: the framework's;
                                        // 0: weights are not perturbed
  double level = 0.9;                   // coverage of the intervals
  std::size_t load_bearing = 5;         // how many load-bearing items to report; 0: none
};

struct Interval {
  double low = 0, high = 0;
};

// How settled one indicator's level is across the draws.
struct IndicatorStability {
  std::optional<int> modal_level;  // the level most draws gave (nullopt: not assessed); ties go
                                   // to the lower level, "not assessed" counting below 0
  double modal_share = 0;          // share of the draws at that level, 0–1
};

struct Uncertainty {
  std::size_t draws = 0;
  std::uint64_t seed = 0;
  double concentration = 0;  // as used
  double level = 0.9;
  // Central interval of the overall index over the draws that assess it (quantiles
  // (1 − level)/2 and (1 + level)/2, sampling.hpp's `quantile`); nullopt when none does.
  std::optional<Interval> overall;
  // Share of the draws in each band (parallel to framework.bands); they sum to the share of
  // draws that assess the election.
  std::vector<double> band_probabilities;
  std::vector<std::optional<Interval>> criteria;            // parallel to framework.criteria
  std::vector<std::vector<IndicatorStability>> indicators;  // parallel to findings.by_criterion
};

// An evidence item whose removal moves the overall index or the band (exact leave-one-out:
// the rules and the aggregation re-run without it, with the configured weights).
struct LoadBearing {
  std::string id;
  std::optional<double> score_without;       // overall index without the item
  std::optional<std::size_t> band_without;   // index into framework.bands
  std::optional<double> change;              // score_without − score; nullopt if either is n/a
  bool band_changed = false;
};

// The weight draws of one run: common to every election the run assesses, so that in each draw
// all elections are weighed alike (what a ranking's robustness to weights means).
struct WeightDraws {
  std::size_t draws = 0;
  double concentration = 0;
  std::size_t criteria = 0, indicators = 0;  // counts; indicators in framework order
  std::vector<double> criterion_weights;     // criteria × draws: [c · draws + d]
  std::vector<double> indicator_weights;     // indicators × draws: [i · draws + d]
};

// Draw d perturbs the criterion weights with one Dirichlet draw around `weights.criteria`, then
// each criterion's indicator weights with one around its row of `weights.indicators` (in
// framework order), all from the stream derive_seed(seed, "weights").
WeightDraws draw_weights(const WeightSet& weights, std::size_t draws, double concentration,
                         std::uint64_t seed);

// The concentration a run uses: the option, else the framework's.
double effective_concentration(const Framework& framework, const UncertaintyOptions& options);

struct UncertaintyOutcome {
  std::optional<Uncertainty> uncertainty;  // nullopt when options.draws == 0
  std::vector<LoadBearing> load_bearing;   // most load-bearing first, at most options.load_bearing
  std::vector<double> overall_draws;       // when asked: the overall index of each draw, NaN
                                           // where a draw does not assess the election
};

// Runs the draws and the leave-one-out for one scorecard. Each draw keeps each evidence item in
// force with its keep probability (from the stream derive_seed(seed, "evidence/" + election id):
// per draw, one 64-bit number for each pair of items in ledger order, its low 32 bits for the
// first, its high 32 bits for the second; an item is kept when its number is below p · 2^32),
// takes draw d of `weights`, re-decides every indicator and red line on the kept
// items and aggregates with the scorecard's method.
// REQUIRES: card from assess(); weights drawn from card.weights with weights.draws ==
// options.draws (or options.draws == 0).
UncertaintyOutcome estimate_uncertainty(const Scorecard& card, const WeightDraws& weights,
                                        const UncertaintyOptions& options,
                                        bool keep_overall_draws = false);

// Draws the weights from card.weights and stores the outcome in card.uncertainty and
// card.load_bearing.
void add_uncertainty(Scorecard& card, const UncertaintyOptions& options);

}  // namespace scrutineer

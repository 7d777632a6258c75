// The Monte Carlo and leave-one-out of uncertainty.hpp.
//
// Re-running the rules on every draw would cost draws × indicators × rules × items predicate
// evaluations per election. Instead each indicator (and red line) is a "decider" whose outcome
// depends only on which of a few relevant items are kept (rules::relevant_evidence finds them
// once per election); outcomes are memoised by that subset, so the rules run once per distinct
// subset a draw produces, each time on the real rule engine and on the kept items only. The
// aggregation then runs for all draws at once on indicators × draws matrices (Eigen).
#include "scrutineer/uncertainty.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "scrutineer/findings.hpp"
#include "scrutineer/reliability.hpp"
#include "scrutineer/rules.hpp"
#include "scrutineer/sampling.hpp"
#include "scrutineer/scorecard.hpp"

namespace scrutineer {

WeightDraws draw_weights(const WeightSet& weights, std::size_t draws, double concentration,
                         std::uint64_t seed) {
  WeightDraws out;
  out.draws = draws;
  out.concentration = concentration;
  out.criteria = weights.criteria.size();
  for (const auto& row : weights.indicators) out.indicators += row.size();
  out.criterion_weights.resize(draws * out.criteria);
  out.indicator_weights.resize(draws * out.indicators);
  Rng rng(derive_seed(seed, "weights"));
  std::vector<double> one;
  for (std::size_t d = 0; d < draws; ++d) {
    one.resize(out.criteria);
    dirichlet(rng, weights.criteria, concentration, one);
    for (std::size_t c = 0; c < out.criteria; ++c) out.criterion_weights[c * draws + d] = one[c];
    std::size_t offset = 0;
    for (const auto& row : weights.indicators) {
      one.resize(row.size());
      dirichlet(rng, row, concentration, one);
      for (std::size_t i = 0; i < row.size(); ++i) out.indicator_weights[(offset + i) * draws + d] = one[i];
      offset += row.size();
    }
  }
  return out;
}

double effective_concentration(const Framework& framework, const UncertaintyOptions& options) {
  return options.concentration.value_or(framework.concentration);
}

namespace {

constexpr std::int8_t kUnknown = -2;      // memo entry not computed yet
constexpr std::int8_t kNotAssessed = -1;  // indicator outcome: not assessed
constexpr std::size_t kMaxMemoBits = 16;  // memo tables up to 2^16 entries

inline bool kept_at(const std::uint64_t* kept, std::size_t k) { return (kept[k >> 6] >> (k & 63)) & 1U; }

// An indicator or a red line: its outcome as a function of the relevant items kept.
struct Decider {
  std::vector<std::size_t> relevant;  // positions in the ledger in force, ascending
  std::int8_t full = 0;               // the outcome with every item kept
  std::vector<std::int8_t> memo;      // by the kept subset of `relevant`, when it is small
  bool memoised = false;
  std::uint64_t mask = 0;             // `relevant` as bits, when the ledger has at most 64 items
};

// The bits of x at the set bits of mask, packed from the lowest (BMI2's pext, portably).
inline std::size_t gather_bits(std::uint64_t x, std::uint64_t mask) {
  std::size_t out = 0;
  for (unsigned j = 0; mask; mask &= mask - 1, ++j)
    out |= static_cast<std::size_t>((x >> __builtin_ctzll(mask)) & 1U) << j;
  return out;
}

class Model {
 public:
  explicit Model(const Scorecard& card)
      : card_(card), evidence_(evidence_in_force(*card.election, card.options.as_of)) {
    const Framework& framework = *card.framework;
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
      criterion_begin_.push_back(indicators_.size());
      for (const auto& indicator : framework.criteria[c].indicators) {
        index.emplace(indicator.id, indicators_.size());
        indicators_.push_back(&indicator);
      }
    }
    criterion_begin_.push_back(indicators_.size());
    // The items naming each indicator, and their positions, in ledger order.
    std::vector<std::vector<std::size_t>> linked(indicators_.size());
    for (std::size_t k = 0; k < evidence_.size(); ++k)
      for (const auto& name : evidence_[k]->indicators) {
        const auto found = index.find(name);
        if (found == index.end()) continue;
        auto& list = linked[found->second];
        if (list.empty() || list.back() != k) list.push_back(k);
      }
    std::size_t flat = 0;
    for (std::size_t c = 0; c < framework.criteria.size(); ++c)
      for (std::size_t i = 0; i < framework.criteria[c].indicators.size(); ++i, ++flat) {
        const auto& level = card.findings.by_criterion[c][i].level;
        indicator_deciders_.push_back(indicator_decider(*indicators_[flat], linked[flat],
                                                        level ? static_cast<std::int8_t>(*level) : kNotAssessed));
      }
    for (const auto& red_line : framework.red_lines) {
      bool fired = false;
      for (const auto& hit : card.findings.red_lines) fired = fired || hit.red_line == &red_line;
      red_line_deciders_.push_back(red_line_decider(red_line, fired));
    }
  }

  std::size_t items() const { return evidence_.size(); }
  // The memo table of indicator i (allocated on first use), or null when it has none.
  std::int8_t* indicator_memo(std::size_t i) { return memo_of(indicator_deciders_[i]); }
  std::int8_t* red_line_memo(std::size_t r) { return memo_of(red_line_deciders_[r]); }
  const std::vector<const EvidenceItem*>& evidence() const { return evidence_; }
  std::size_t indicator_count() const { return indicators_.size(); }
  const std::vector<std::size_t>& criterion_begin() const { return criterion_begin_; }
  const Decider& indicator_decider(std::size_t i) const { return indicator_deciders_[i]; }
  const Decider& red_line_decider(std::size_t r) const { return red_line_deciders_[r]; }

  // The level of indicator i (kNotAssessed when not assessed) with the items in `kept`.
  std::int8_t level(std::size_t i, const std::uint64_t* kept) {
    return outcome(indicator_deciders_[i], kept, [&](const std::vector<const EvidenceItem*>& items) {
      const IndicatorFinding finding =
          decide_indicator(*indicators_[i], *card_.election, card_.facts, items);
      return finding.level ? static_cast<std::int8_t>(*finding.level) : kNotAssessed;
    });
  }

  bool fires(std::size_t r, const std::uint64_t* kept) {
    const RedLine& red_line = card_.framework->red_lines[r];
    return outcome(red_line_deciders_[r], kept, [&](const std::vector<const EvidenceItem*>& items) {
             const rules::EvalContext context{*card_.election, card_.facts, items, {}};
             return static_cast<std::int8_t>(rules::evaluate(*red_line.program, context).holds);
           }) != 0;
  }

 private:
  Decider indicator_decider(const Indicator& indicator, const std::vector<std::size_t>& positions,
                            std::int8_t full) {
    std::vector<const EvidenceItem*> linked;
    std::vector<char> relevant(evidence_.size(), 0);
    for (std::size_t k : positions) {
      linked.push_back(evidence_[k]);
      relevant[k] = 1;  // the level from the linked evidence reads every linked item
    }
    const rules::EvalContext context{*card_.election, card_.facts, evidence_, linked};
    for (const auto& rule : indicator.rules) add_relevant(*rule.program, context, relevant);
    return make_decider(relevant, full);
  }

  Decider red_line_decider(const RedLine& red_line, bool fired) {
    std::vector<char> relevant(evidence_.size(), 0);
    const rules::EvalContext context{*card_.election, card_.facts, evidence_, {}};
    add_relevant(*red_line.program, context, relevant);
    return make_decider(relevant, fired ? 1 : 0);
  }

  static void add_relevant(const rules::Program& program, const rules::EvalContext& context,
                           std::vector<char>& relevant) {
    const auto found = rules::relevant_evidence(program, context);
    if (!found) {
      std::fill(relevant.begin(), relevant.end(), 1);  // cannot tell: every item may matter
      return;
    }
    for (std::size_t k : *found) relevant[k] = 1;
  }

  static Decider make_decider(const std::vector<char>& relevant, std::int8_t full) {
    Decider d;
    for (std::size_t k = 0; k < relevant.size(); ++k)
      if (relevant[k]) d.relevant.push_back(k);
    d.full = full;
    d.memoised = !d.relevant.empty() && d.relevant.size() <= kMaxMemoBits;
    if (relevant.size() <= 64)
      for (std::size_t k : d.relevant) d.mask |= std::uint64_t{1} << k;
    return d;
  }

  static std::int8_t* memo_of(Decider& d) {
    if (!d.memoised) return nullptr;
    if (d.memo.empty()) {
      d.memo.assign(std::size_t{1} << d.relevant.size(), kUnknown);
      d.memo.back() = d.full;
    }
    return d.memo.data();
  }

  template <class Decide>
  std::int8_t outcome(Decider& d, const std::uint64_t* kept, const Decide& decide) {
    if (d.relevant.empty()) return d.full;
    std::size_t key = 0;
    if (d.memoised) {
      if (evidence_.size() <= 64) {
        key = gather_bits(kept[0], d.mask);
      } else {
        for (std::size_t j = 0; j < d.relevant.size(); ++j)
          key |= static_cast<std::size_t>(kept_at(kept, d.relevant[j])) << j;
      }
      memo_of(d);
      if (d.memo[key] != kUnknown) return d.memo[key];
    }
    // Items outside `relevant` cannot change the outcome, so decide on the relevant kept ones.
    scratch_.clear();
    for (std::size_t k : d.relevant)
      if (kept_at(kept, k)) scratch_.push_back(evidence_[k]);
    const std::int8_t result = decide(scratch_);
    if (d.memoised) d.memo[key] = result;
    return result;
  }

  const Scorecard& card_;
  std::vector<const EvidenceItem*> evidence_;
  std::vector<const Indicator*> indicators_;   // framework order
  std::vector<std::size_t> criterion_begin_;   // first indicator of each criterion, then the end
  std::vector<Decider> indicator_deciders_;
  std::vector<Decider> red_line_deciders_;
  std::vector<const EvidenceItem*> scratch_;
};

// Indicators (or criteria) × draws, one row per indicator so that each row is contiguous.
using Rows = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Row = Eigen::Array<double, 1, Eigen::Dynamic>;

// Combines rows [begin, begin + count) of `values` with `weights` where `assessed` is 1, draw by
// draw, as aggregation.hpp's `combine` does for one draw, summing in the same order. Returns the
// combined row; `den` receives the assessed weight (0: not assessed).
Row combine_rows(const Rows& values, const Rows& assessed, const Eigen::Ref<const Rows>& weights,
                 Eigen::Index begin, Eigen::Index count, AggregationMethod method, Row& den) {
  const Eigen::Index D = values.cols();
  den = Row::Zero(D);
  switch (method) {
    case AggregationMethod::Arithmetic: {
      // A value not assessed is 0, so it adds nothing to the sum.
      Row sum = Row::Zero(D);
      for (Eigen::Index r = begin; r < begin + count; ++r) {
        den += weights.row(r - begin) * assessed.row(r);
        sum += weights.row(r - begin) * values.row(r);
      }
      return sum / den;
    }
    case AggregationMethod::Geometric: {
      Row log_sum = Row::Zero(D), zero_weight = Row::Zero(D);
      for (Eigen::Index r = begin; r < begin + count; ++r) {
        const auto w = weights.row(r - begin) * assessed.row(r);
        const auto v = values.row(r);
        den += w;
        log_sum += (v > 0).select(w * (v / 100.0).log(), 0.0);
        zero_weight += (v > 0).select(0.0, w);
      }
      return (zero_weight > 0).select(Row::Zero(D), 100.0 * (log_sum / den).exp());
    }
    case AggregationMethod::WeakestLink: {
      Row minimum = Row::Constant(D, std::numeric_limits<double>::infinity());
      for (Eigen::Index r = begin; r < begin + count; ++r) {
        den += weights.row(r - begin) * assessed.row(r);
        minimum = (assessed.row(r) > 0).select(minimum.min(values.row(r)), minimum);
      }
      return minimum;
    }
  }
  return Row::Zero(D);
}

// The quantiles (1 − level)/2 and (1 + level)/2 of `values`, as sampling.hpp's `quantile` gives
// them, with one selection serving both. Reorders `values`.
std::optional<Interval> interval_of(std::vector<double>& values, double level) {
  if (values.empty()) return std::nullopt;
  const auto [smallest, largest] = std::minmax_element(values.begin(), values.end());
  if (*smallest == *largest) return Interval{*smallest, *largest};  // every draw agrees
  const std::size_t n = values.size();
  const auto at = [&](std::size_t k) { return values.begin() + static_cast<std::ptrdiff_t>(k); };
  const double h_low = static_cast<double>(n - 1) * ((1.0 - level) / 2.0);
  const double h_high = static_cast<double>(n - 1) * ((1.0 + level) / 2.0);
  const auto low = static_cast<std::size_t>(std::floor(h_low));
  const auto high = static_cast<std::size_t>(std::floor(h_high));
  std::nth_element(values.begin(), at(low), values.end());
  const double x_low = values[low];
  const double x_low_next = low + 1 < n ? *std::min_element(at(low + 1), values.end()) : x_low;
  // Everything after `low` is at least x_low, so `high` can be selected among those.
  if (high > low) std::nth_element(at(low + 1), at(high), values.end());
  const double x_high = values[high];
  const double x_high_next = high + 1 < n ? *std::min_element(at(high + 1), values.end()) : x_high;
  Interval interval;
  interval.low = low + 1 < n ? x_low + (h_low - static_cast<double>(low)) * (x_low_next - x_low) : x_low;
  interval.high = high + 1 < n ? x_high + (h_high - static_cast<double>(high)) * (x_high_next - x_high) : x_high;
  return interval;
}

// Buffers reused from one election to the next on the same thread (no allocation, no page
// faults per election in a batch).
struct Workspace {
  Rows values, assessed, scores, criterion_assessed;
  std::vector<std::uint64_t> kept;  // draws × words
  std::vector<std::uint8_t> fired;  // red lines × draws
  std::vector<double> column;
};

Uncertainty run_draws(const Scorecard& card, Model& model, const WeightDraws& weights,
                      const UncertaintyOptions& options, std::vector<double>* overall_draws) {
  thread_local Workspace ws;
  const Framework& framework = *card.framework;
  const std::size_t draws = options.draws;
  const auto D = static_cast<Eigen::Index>(draws);
  const auto I = static_cast<Eigen::Index>(model.indicator_count());
  const auto C = static_cast<Eigen::Index>(framework.criteria.size());
  const std::size_t n = model.items();
  const std::size_t R = framework.red_lines.size();
  const std::size_t words = (n + 63) / 64 + 1;

  // The keep masks of every draw. Item k is kept when its 32-bit number is below p · 2^32.
  std::vector<std::uint64_t> threshold(n);
  for (std::size_t k = 0; k < n; ++k)
    threshold[k] = static_cast<std::uint64_t>(std::ldexp(keep_probability(*model.evidence()[k], *card.election), 32));
  Rng rng(derive_seed(options.seed, "evidence/" + card.election->id));
  ws.kept.assign(draws * words, 0);
  for (std::size_t d = 0; d < draws; ++d) {
    std::uint64_t* kept = ws.kept.data() + d * words;
    for (std::size_t k = 0; k < n; k += 2) {
      const std::uint64_t u = rng.next();
      kept[k >> 6] |= static_cast<std::uint64_t>((u & 0xffffffffULL) < threshold[k]) << (k & 63);
      if (k + 1 < n)
        kept[(k + 1) >> 6] |= static_cast<std::uint64_t>((u >> 32) < threshold[k + 1]) << ((k + 1) & 63);
    }
  }

  // Every indicator's level in every draw, indicator by indicator (each memo stays in cache).
  ws.values.resize(I, D);
  ws.assessed.resize(I, D);
  std::vector<std::array<std::uint32_t, 6>> counts(static_cast<std::size_t>(I), std::array<std::uint32_t, 6>{});
  for (Eigen::Index i = 0; i < I; ++i) {
    const auto index = static_cast<std::size_t>(i);
    const Decider& decider = model.indicator_decider(index);
    auto& count = counts[index];
    if (decider.relevant.empty()) {
      ws.values.row(i).setConstant(decider.full >= 0 ? 25.0 * decider.full : 0.0);
      ws.assessed.row(i).setConstant(decider.full >= 0 ? 1.0 : 0.0);
      count[static_cast<std::size_t>(decider.full + 1)] = static_cast<std::uint32_t>(draws);
      continue;
    }
    double* values = &ws.values(i, 0);
    double* assessed = &ws.assessed(i, 0);
    const std::int8_t* memo = n <= 64 ? model.indicator_memo(index) : nullptr;
    for (std::size_t d = 0; d < draws; ++d) {
      const std::uint64_t* kept = ws.kept.data() + d * words;
      std::int8_t level = memo ? memo[gather_bits(kept[0], decider.mask)] : kUnknown;  // the fast path
      if (level == kUnknown) level = model.level(index, kept);
      static constexpr double kValue[6] = {0, 0, 25, 50, 75, 100}, kAssessed[6] = {0, 1, 1, 1, 1, 1};
      const auto slot = static_cast<std::size_t>(level + 1);  // 0: not assessed
      values[d] = kValue[slot];
      assessed[d] = kAssessed[slot];
      ++count[slot];
    }
  }
  ws.fired.assign(R * draws, 0);
  for (std::size_t r = 0; r < R; ++r) {
    std::uint8_t* fired = ws.fired.data() + r * draws;
    const Decider& decider = model.red_line_decider(r);
    if (decider.relevant.empty()) {
      std::fill_n(fired, draws, static_cast<std::uint8_t>(decider.full));
      continue;
    }
    const std::int8_t* memo = n <= 64 ? model.red_line_memo(r) : nullptr;
    for (std::size_t d = 0; d < draws; ++d) {
      const std::uint64_t* kept = ws.kept.data() + d * words;
      const std::int8_t known = memo ? memo[gather_bits(kept[0], decider.mask)] : kUnknown;
      fired[d] = known == kUnknown ? model.fires(r, kept) : static_cast<std::uint8_t>(known);
    }
  }

  // Criterion scores for every draw.
  const Eigen::Map<const Rows> indicator_weights(weights.indicator_weights.data(), I, D);
  const Eigen::Map<const Rows> criterion_weights(weights.criterion_weights.data(), C, D);
  ws.scores.resize(C, D);
  ws.criterion_assessed.resize(C, D);
  const auto& begin = model.criterion_begin();
  Row den;
  for (Eigen::Index c = 0; c < C; ++c) {
    const auto b = static_cast<Eigen::Index>(begin[static_cast<std::size_t>(c)]);
    const auto e = static_cast<Eigen::Index>(begin[static_cast<std::size_t>(c) + 1]);
    const Row row = combine_rows(ws.values, ws.assessed, indicator_weights.middleRows(b, e - b), b, e - b,
                                 card.method, den);
    ws.criterion_assessed.row(c) = (den > 0).cast<double>();
    ws.scores.row(c) = (den > 0).select(row, 0.0);
  }
  for (std::size_t r = 0; r < R; ++r) {
    const RedLine& red_line = framework.red_lines[r];
    if (red_line.caps != RedLineScope::Criterion) continue;
    const std::uint8_t* fired = ws.fired.data() + r * draws;
    for (Eigen::Index c = 0; c < C; ++c) {
      if (framework.criteria[static_cast<std::size_t>(c)].id != red_line.criterion) continue;
      for (Eigen::Index d = 0; d < D; ++d)
        if (fired[d] && ws.criterion_assessed(c, d) > 0) ws.scores(c, d) = std::min(ws.scores(c, d), red_line.max_score);
    }
  }

  // The overall index and band of every draw.
  Row overall_den;
  const Row overall = combine_rows(ws.scores, ws.criterion_assessed, criterion_weights, 0, C, card.method, overall_den);

  Uncertainty result;
  result.draws = draws;
  result.seed = options.seed;
  result.concentration = weights.concentration;
  result.level = options.level;
  result.band_probabilities.assign(framework.bands.size(), 0.0);
  std::vector<double> assessed_scores;
  assessed_scores.reserve(draws);
  if (overall_draws) overall_draws->assign(draws, std::numeric_limits<double>::quiet_NaN());
  for (Eigen::Index d = 0; d < D; ++d) {
    if (!(overall_den(d) > 0)) continue;
    double score = overall(d);
    std::size_t band = framework.band_index(score);
    for (std::size_t r = 0; r < R; ++r) {
      const RedLine& red_line = framework.red_lines[r];
      if (red_line.caps != RedLineScope::Overall || !ws.fired[r * draws + static_cast<std::size_t>(d)]) continue;
      const std::size_t cap = framework.find_band(red_line.band).value_or(0);
      if (band <= cap) continue;
      band = cap;
      score = std::min(score, framework.bands[cap + 1].min);
    }
    result.band_probabilities[band] += 1.0;
    assessed_scores.push_back(score);
    if (overall_draws) (*overall_draws)[static_cast<std::size_t>(d)] = score;
  }
  for (double& p : result.band_probabilities) p /= static_cast<double>(draws);
  result.overall = interval_of(assessed_scores, options.level);

  for (Eigen::Index c = 0; c < C; ++c) {
    ws.column.clear();
    for (Eigen::Index d = 0; d < D; ++d)
      if (ws.criterion_assessed(c, d) > 0) ws.column.push_back(ws.scores(c, d));
    result.criteria.push_back(interval_of(ws.column, options.level));
  }
  for (std::size_t c = 0; c + 1 < begin.size(); ++c) {
    auto& row = result.indicators.emplace_back();
    for (std::size_t i = begin[c]; i < begin[c + 1]; ++i) {
      // counts[i][0] is "not assessed", counts[i][l + 1] level l; ties go to the lower.
      std::size_t best = 0;
      for (std::size_t s = 1; s < 6; ++s)
        if (counts[i][s] > counts[i][best]) best = s;
      IndicatorStability stability;
      if (best > 0) stability.modal_level = static_cast<int>(best) - 1;
      stability.modal_share = static_cast<double>(counts[i][best]) / static_cast<double>(draws);
      row.push_back(stability);
    }
  }
  return result;
}

std::vector<LoadBearing> leave_one_out(const Scorecard& card, Model& model, std::size_t count) {
  const Framework& framework = *card.framework;
  const std::size_t n = model.items();
  // Which deciders each item can move.
  std::vector<std::vector<std::size_t>> indicators_of(n), red_lines_of(n);
  for (std::size_t i = 0; i < model.indicator_count(); ++i)
    for (std::size_t k : model.indicator_decider(i).relevant) indicators_of[k].push_back(i);
  for (std::size_t r = 0; r < framework.red_lines.size(); ++r)
    for (std::size_t k : model.red_line_decider(r).relevant) red_lines_of[k].push_back(r);

  // A findings skeleton: levels only (aggregate reads nothing else).
  Findings findings;
  std::vector<IndicatorFinding*> flat;
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    auto& row = findings.by_criterion.emplace_back();
    for (const auto& finding : card.findings.by_criterion[c]) {
      IndicatorFinding copy;
      copy.indicator = finding.indicator;
      copy.level = finding.level;
      row.push_back(copy);
    }
  }
  for (auto& row : findings.by_criterion)
    for (auto& finding : row) flat.push_back(&finding);

  const OverallScore& point = card.scores.overall;
  std::vector<std::uint64_t> kept((n + 63) / 64 + 1, 0);
  for (std::size_t k = 0; k < n; ++k) kept[k >> 6] |= std::uint64_t{1} << (k & 63);

  struct Candidate {
    LoadBearing item;
    std::size_t position;
  };
  std::vector<Candidate> candidates;
  for (std::size_t k = 0; k < n; ++k) {
    if (indicators_of[k].empty() && red_lines_of[k].empty()) continue;
    kept[k >> 6] &= ~(std::uint64_t{1} << (k & 63));
    for (std::size_t i : indicators_of[k]) {
      const std::int8_t level = model.level(i, kept.data());
      flat[i]->level = level >= 0 ? std::optional<int>(level) : std::nullopt;
    }
    findings.red_lines.clear();
    for (std::size_t r = 0; r < framework.red_lines.size(); ++r) {
      const bool moved = std::find(red_lines_of[k].begin(), red_lines_of[k].end(), r) != red_lines_of[k].end();
      const bool fires = moved ? model.fires(r, kept.data()) : model.red_line_decider(r).full != 0;
      if (fires) findings.red_lines.push_back({&framework.red_lines[r], {}});
    }
    const Scores scores = aggregate(framework, findings, card.weights, card.method);
    for (std::size_t i : indicators_of[k]) {
      const std::int8_t full = model.indicator_decider(i).full;
      flat[i]->level = full >= 0 ? std::optional<int>(full) : std::nullopt;
    }
    kept[k >> 6] |= std::uint64_t{1} << (k & 63);

    LoadBearing item;
    item.id = model.evidence()[k]->id;
    item.score_without = scores.overall.score;
    item.band_without = scores.overall.band;
    if (point.score && scores.overall.score) item.change = *scores.overall.score - *point.score;
    item.band_changed = point.band != scores.overall.band;
    const bool moved = item.band_changed || point.score.has_value() != scores.overall.score.has_value() ||
                       (item.change && std::fabs(*item.change) > 1e-9);
    if (moved) candidates.push_back({std::move(item), k});
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.item.band_changed != b.item.band_changed) return a.item.band_changed;
    const double x = a.item.change ? std::fabs(*a.item.change) : std::numeric_limits<double>::infinity();
    const double y = b.item.change ? std::fabs(*b.item.change) : std::numeric_limits<double>::infinity();
    if (x != y) return x > y;
    return a.position < b.position;
  });
  std::vector<LoadBearing> out;
  for (std::size_t j = 0; j < candidates.size() && j < count; ++j) out.push_back(std::move(candidates[j].item));
  return out;
}

}  // namespace

UncertaintyOutcome estimate_uncertainty(const Scorecard& card, const WeightDraws& weights,
                                        const UncertaintyOptions& options, bool keep_overall_draws) {
  if (options.draws > 0 && weights.draws != options.draws)
    throw std::invalid_argument("estimate_uncertainty: the weight draws do not match options.draws");
  UncertaintyOutcome outcome;
  Model model(card);
  if (options.draws > 0)
    outcome.uncertainty = run_draws(card, model, weights, options, keep_overall_draws ? &outcome.overall_draws : nullptr);
  if (options.load_bearing > 0) outcome.load_bearing = leave_one_out(card, model, options.load_bearing);
  return outcome;
}

void add_uncertainty(Scorecard& card, const UncertaintyOptions& options) {
  const WeightDraws weights = draw_weights(card.weights, options.draws,
                                           effective_concentration(*card.framework, options), options.seed);
  UncertaintyOutcome outcome = estimate_uncertainty(card, weights, options);
  card.uncertainty = std::move(outcome.uncertainty);
  card.load_bearing = std::move(outcome.load_bearing);
}

}  // namespace scrutineer

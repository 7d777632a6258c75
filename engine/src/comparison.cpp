#include "scrutineer/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace scrutineer {

namespace {

// Orders by score, highest first; the not assessed (NaN) last.
bool higher(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a > b;
}

bool same_score(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

ElectionChange change_between(const Comparison& comparison, std::size_t from, std::size_t to) {
  const Framework& framework = *comparison.framework;
  const Scorecard& a = *comparison.scorecards[from];
  const Scorecard& b = *comparison.scorecards[to];
  ElectionChange change;
  change.from = from;
  change.to = to;
  if (a.scores.overall.score && b.scores.overall.score)
    change.overall_change = *b.scores.overall.score - *a.scores.overall.score;
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    const auto& x = a.scores.criteria[c].score;
    const auto& y = b.scores.criteria[c].score;
    change.criterion_changes.push_back(x && y ? std::optional<double>(*y - *x) : std::nullopt);
    for (std::size_t i = 0; i < framework.criteria[c].indicators.size(); ++i) {
      const IndicatorFinding& f = a.findings.by_criterion[c][i];
      const IndicatorFinding& g = b.findings.by_criterion[c][i];
      if (f.level == g.level) continue;
      change.indicators.push_back({c, &framework.criteria[c].indicators[i], f.level, g.level, f.evidence, g.evidence});
    }
  }
  // Levels that moved first (largest move first), then indicators newly assessed, then those no
  // longer assessed; framework order within each.
  auto key = [](const IndicatorChange& x) {
    if (x.from_level && x.to_level) return 10 + std::abs(*x.to_level - *x.from_level);
    return x.to_level ? 1 : 0;
  };
  std::stable_sort(change.indicators.begin(), change.indicators.end(),
                   [&](const IndicatorChange& x, const IndicatorChange& y) { return key(x) > key(y); });
  auto crossed = [](const Scorecard& card, const RedLine& red_line) {
    for (const auto& hit : card.findings.red_lines)
      if (hit.red_line == &red_line) return true;
    return false;
  };
  for (const auto& red_line : framework.red_lines) {
    const bool in_a = crossed(a, red_line), in_b = crossed(b, red_line);
    if (in_b && !in_a) change.red_lines_added.push_back(&red_line);
    if (in_a && !in_b) change.red_lines_removed.push_back(&red_line);
  }
  return change;
}

}  // namespace

Comparison compare(const std::vector<const Scorecard*>& scorecards,
                   const std::vector<std::vector<double>>& overall_draws) {
  Comparison comparison;
  comparison.scorecards = scorecards;
  const std::size_t n = scorecards.size();
  if (n == 0) return comparison;
  comparison.framework = scorecards.front()->framework;

  auto point = [&](std::size_t k) {
    const auto& score = scorecards[k]->scores.overall.score;
    return score ? *score : std::nan("");
  };
  comparison.order.resize(n);
  for (std::size_t k = 0; k < n; ++k) comparison.order[k] = k;
  std::stable_sort(comparison.order.begin(), comparison.order.end(), [&](std::size_t a, std::size_t b) {
    if (!same_score(point(a), point(b))) return higher(point(a), point(b));
    return scorecards[a]->election->id < scorecards[b]->election->id;
  });
  comparison.rank.resize(n);
  for (std::size_t r = 0; r < n; ++r) comparison.rank[comparison.order[r]] = r + 1;

  std::map<std::string, std::vector<std::size_t>> by_country;
  for (std::size_t k = 0; k < n; ++k) by_country[scorecards[k]->election->country].push_back(k);
  for (auto& [country, members] : by_country) {
    std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      const Election& x = *scorecards[a]->election;
      const Election& y = *scorecards[b]->election;
      return x.date != y.date ? x.date < y.date : x.id < y.id;
    });
    for (std::size_t j = 1; j < members.size(); ++j)
      comparison.changes.push_back(change_between(comparison, members[j - 1], members[j]));
  }

  const Uncertainty* u = scorecards.front()->uncertainty ? &*scorecards.front()->uncertainty : nullptr;
  const std::size_t draws = overall_draws.empty() ? 0 : overall_draws.front().size();
  if (u) {
    comparison.seed = u->seed;
    comparison.concentration = u->concentration;
    comparison.level = u->level;
  }
  if (draws == 0) return comparison;
  comparison.draws = draws;
  comparison.rank_probabilities.assign(n, std::vector<double>(n, 0.0));
  comparison.above.assign(n, std::vector<double>(n, 0.0));
  std::vector<std::size_t> ranked(n);
  for (std::size_t d = 0; d < draws; ++d) {
    for (std::size_t k = 0; k < n; ++k) ranked[k] = k;
    std::sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
      const double x = overall_draws[a][d], y = overall_draws[b][d];
      if (!same_score(x, y)) return higher(x, y);
      return a < b;
    });
    // Tied elections share the positions they occupy.
    for (std::size_t start = 0; start < n;) {
      std::size_t end = start + 1;
      while (end < n && same_score(overall_draws[ranked[start]][d], overall_draws[ranked[end]][d])) ++end;
      const double share = 1.0 / static_cast<double>(end - start);
      for (std::size_t j = start; j < end; ++j)
        for (std::size_t r = start; r < end; ++r) comparison.rank_probabilities[ranked[j]][r] += share;
      start = end;
    }
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b) {
        if (a == b) continue;
        const double x = overall_draws[a][d], y = overall_draws[b][d];
        comparison.above[a][b] += same_score(x, y) ? 0.5 : (higher(x, y) ? 1.0 : 0.0);
      }
  }
  const double total = static_cast<double>(draws);
  for (auto& row : comparison.rank_probabilities)
    for (double& p : row) p /= total;
  for (auto& row : comparison.above)
    for (double& p : row) p /= total;
  const double tail = (1.0 - comparison.level) / 2.0;
  for (std::size_t k = 0; k < n; ++k) {
    double cumulative = 0;
    std::size_t best = 0, worst = 0;
    bool found_best = false;
    for (std::size_t r = 0; r < n; ++r) {
      cumulative += comparison.rank_probabilities[k][r];
      if (!found_best && cumulative > tail + 1e-12) {
        best = r + 1;
        found_best = true;
      }
      if (cumulative >= 1.0 - tail - 1e-12) {
        worst = r + 1;
        break;
      }
    }
    if (!found_best) best = n;
    if (worst == 0) worst = n;
    comparison.rank_intervals.emplace_back(best, worst);
  }
  return comparison;
}

}  // namespace scrutineer

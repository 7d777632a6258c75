#include "scrutineer/render_comparison.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include <cmath>

#include "scrutineer/render.hpp"

namespace scrutineer {

namespace {

using Json = nlohmann::ordered_json;

double rounded(double x) { return std::round(x * 1e4) / 1e4 + 0.0; }
Json number(double x) { return rounded(x); }
Json optional_number(const std::optional<double>& x) { return x ? number(*x) : Json(nullptr); }

const Election& election_of(const Comparison& comparison, std::size_t k) {
  return *comparison.scorecards[k]->election;
}

std::optional<Interval> overall_interval(const Comparison& comparison, std::size_t k) {
  const auto& u = comparison.scorecards[k]->uncertainty;
  return u ? u->overall : std::nullopt;
}

std::optional<Interval> criterion_interval(const Comparison& comparison, std::size_t k, std::size_t c) {
  const auto& u = comparison.scorecards[k]->uncertainty;
  return u && c < u->criteria.size() ? u->criteria[c] : std::nullopt;
}

std::string band_label(const Comparison& comparison, std::size_t k) {
  const auto& band = comparison.scorecards[k]->scores.overall.band;
  return band ? comparison.framework->bands[*band].label : "not assessed";
}

std::string band_id(const Comparison& comparison, std::size_t k) {
  const auto& band = comparison.scorecards[k]->scores.overall.band;
  return band ? comparison.framework->bands[*band].id : "";
}

std::string level_text(const std::optional<int>& level) {
  return level ? std::to_string(*level) : "not assessed";
}

std::string percent(double share) { return fmt::format("{:.0f}%", share * 100); }

std::string interval_text(const std::optional<Interval>& interval) {
  return interval ? fmt::format("{:.1f}–{:.1f}", interval->low, interval->high) : "n/a";
}

std::string signed_score(const std::optional<double>& change) {
  return change ? fmt::format("{:+.1f}", *change) : "n/a";
}

const EvidenceItem* find_item(const Election& election, const std::string& id) {
  for (const auto& item : election.evidence)
    if (item.id == id) return &item;
  return nullptr;
}

std::string weights_text(const Comparison& comparison) {
  const std::string& profile = comparison.scorecards.front()->options.weights_profile;
  return profile.empty() ? "the framework's" : profile;
}

std::string header_line(const Comparison& comparison) {
  const Scorecard& first = *comparison.scorecards.front();
  std::string line = fmt::format("framework {} {} · {} aggregation · weights: {}", comparison.framework->id,
                                 comparison.framework->version, to_string(first.method), weights_text(comparison));
  if (first.options.as_of) line += " · evidence as of " + first.options.as_of->str();
  return line;
}

std::string draws_line(const Comparison& comparison) {
  if (comparison.draws == 0) return "no Monte Carlo draws (--draws 0): no intervals or probabilities";
  return fmt::format("{:.0f}% intervals and probabilities from {} draws (seed {}, concentration {:g})",
                     comparison.level * 100, comparison.draws, comparison.seed, comparison.concentration);
}

}  // namespace

// ---- text ----

std::string render_comparison_text(const Comparison& comparison) {
  if (comparison.scorecards.empty()) return "no elections to compare\n";
  const Framework& framework = *comparison.framework;
  const std::size_t n = comparison.scorecards.size();
  std::string out = fmt::format("Comparison of {} elections\n{}\n{}\n", n, header_line(comparison),
                                draws_line(comparison));

  out += fmt::format("\n{:>4}  {:<28} {:<7} {:<10}  {:>5}  {:<13} {:<24}", "rank", "election", "country", "date",
                     "index", "interval", "band");
  if (comparison.draws) {
    out += " ranks   ";
    for (std::size_t r = 0; r < n; ++r) out += fmt::format(" {:>4}", fmt::format("P{}", r + 1));
  }
  out += "\n";
  for (std::size_t k : comparison.order) {
    const Election& election = election_of(comparison, k);
    out += fmt::format("{:>4}  {:<28} {:<7} {:<10}  {:>5}  {:<13} {:<24}", comparison.rank[k],
                       election.id + (election.fictional ? "*" : ""), election.country, election.date.str(),
                       format_score(comparison.scorecards[k]->scores.overall.score),
                       interval_text(overall_interval(comparison, k)), band_label(comparison, k));
    if (comparison.draws) {
      const auto& [best, worst] = comparison.rank_intervals[k];
      out += fmt::format(" {:<8}", best == worst ? std::to_string(best) : fmt::format("{}–{}", best, worst));
      for (std::size_t r = 0; r < n; ++r) out += fmt::format(" {:>4}", percent(comparison.rank_probabilities[k][r]));
    }
    out += "\n";
  }
  bool any_fictional = false;
  for (const auto* card : comparison.scorecards) any_fictional = any_fictional || card->election->fictional;
  if (any_fictional) out += "  * fictional election\n";

  if (comparison.draws && n > 1) {
    out += "\nP(row scores above column)\n";
    out += fmt::format("{:<32}", "");
    for (std::size_t r = 0; r < n; ++r) out += fmt::format(" {:>5}", fmt::format("#{}", r + 1));
    out += "\n";
    for (std::size_t row = 0; row < n; ++row) {
      const std::size_t a = comparison.order[row];
      out += fmt::format("{:<32}", fmt::format("#{} {}", row + 1, election_of(comparison, a).id));
      for (std::size_t col = 0; col < n; ++col) {
        const std::size_t b = comparison.order[col];
        out += fmt::format(" {:>5}", a == b ? "—" : percent(comparison.above[a][b]));
      }
      out += "\n";
    }
  }

  out += "\nCriterion scores\n";
  out += fmt::format("{:<28}", "criterion");
  for (std::size_t r = 0; r < n; ++r) out += fmt::format(" {:>6}", fmt::format("#{}", r + 1));
  out += "\n";
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    out += fmt::format("{:<28}", framework.criteria[c].id);
    for (std::size_t k : comparison.order)
      out += fmt::format(" {:>6}", format_score(comparison.scorecards[k]->scores.criteria[c].score));
    out += "\n";
  }

  for (const ElectionChange& change : comparison.changes) {
    const Election& from = election_of(comparison, change.from);
    const Election& to = election_of(comparison, change.to);
    const Scorecard& a = *comparison.scorecards[change.from];
    const Scorecard& b = *comparison.scorecards[change.to];
    out += fmt::format("\nChange in {}: {} ({}) → {} ({})\n", from.country, from.id, from.date.str(), to.id,
                       to.date.str());
    out += fmt::format("  {:<28} {:>5} → {:>5}  {:>6}\n", "overall", format_score(a.scores.overall.score),
                       format_score(b.scores.overall.score), signed_score(change.overall_change));
    for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
      const auto& x = a.scores.criteria[c].score;
      const auto& y = b.scores.criteria[c].score;
      if (x == y) continue;
      out += fmt::format("  {:<28} {:>5} → {:>5}  {:>6}\n", framework.criteria[c].id, format_score(x), format_score(y),
                         signed_score(change.criterion_changes[c]));
    }
    for (const RedLine* red_line : change.red_lines_added)
      out += fmt::format("  red line newly crossed: {}\n", red_line->id);
    for (const RedLine* red_line : change.red_lines_removed)
      out += fmt::format("  red line no longer crossed: {}\n", red_line->id);
    std::string no_longer;
    bool any_moved = false;
    for (const IndicatorChange& moved : change.indicators) {
      if (moved.to_level) any_moved = true;
      else no_longer += (no_longer.empty() ? "" : ", ") + moved.indicator->id;
    }
    if (any_moved) out += "  indicators that moved, and the evidence behind each level:\n";
    for (const IndicatorChange& moved : change.indicators) {
      if (!moved.to_level) continue;
      out += fmt::format("    {}: {} → {}\n", moved.indicator->id, level_text(moved.from_level),
                         level_text(moved.to_level));
      auto cite = [&](const Election& election, const std::vector<std::string>& ids, const char* when) {
        if (ids.empty()) {
          out += fmt::format("      {}: no evidence\n", when);
          return;
        }
        for (const auto& id : ids) {
          const EvidenceItem* item = find_item(election, id);
          out += fmt::format("      {}: [{}] {}\n", when, id, item ? item->claim : "");
        }
      };
      if (moved.from_level) cite(from, moved.from_evidence, "before");
      cite(to, moved.to_evidence, "after ");
    }
    if (!no_longer.empty()) out += fmt::format("  no longer assessed (no evidence in force): {}\n", no_longer);
  }
  return out;
}

// ---- JSON ----

std::string render_comparison_json(const Comparison& comparison) {
  Json root;
  root["schema"] = "scrutineer.comparison/1";
  if (comparison.scorecards.empty()) {
    root["elections"] = Json::array();
    return root.dump(2) + "\n";
  }
  const Framework& framework = *comparison.framework;
  const Scorecard& first = *comparison.scorecards.front();
  root["framework"] = {{"id", framework.id}, {"version", framework.version}};
  root["method"] = to_string(first.method);
  root["as_of"] = first.options.as_of ? Json(first.options.as_of->str()) : Json(nullptr);
  root["weights_profile"] = first.options.weights_profile.empty() ? Json(nullptr) : Json(first.options.weights_profile);
  root["uncertainty"] = comparison.draws ? Json{{"draws", comparison.draws},
                                                {"seed", comparison.seed},
                                                {"concentration", number(comparison.concentration)},
                                                {"level", number(comparison.level)}}
                                         : Json(nullptr);
  Json elections = Json::array();
  for (std::size_t k : comparison.order) {
    const Scorecard& card = *comparison.scorecards[k];
    const Election& election = *card.election;
    const auto interval = overall_interval(comparison, k);
    Json entry = {{"id", election.id},
                  {"title", election.title},
                  {"country", election.country},
                  {"date", election.date.str()},
                  {"type", election.type},
                  {"fictional", election.fictional},
                  {"rank", comparison.rank[k]}};
    entry["overall"] = {{"score", optional_number(card.scores.overall.score)},
                        {"low", interval ? number(interval->low) : Json(nullptr)},
                        {"high", interval ? number(interval->high) : Json(nullptr)},
                        {"band", card.scores.overall.band ? Json(band_id(comparison, k)) : Json(nullptr)}};
    if (comparison.draws) {
      entry["rank_interval"] = {comparison.rank_intervals[k].first, comparison.rank_intervals[k].second};
      Json probabilities = Json::array();
      for (double p : comparison.rank_probabilities[k]) probabilities.push_back(number(p));
      entry["rank_probabilities"] = probabilities;
      Json above = Json::object();
      for (std::size_t other : comparison.order)
        if (other != k) above[election_of(comparison, other).id] = number(comparison.above[k][other]);
      entry["above"] = above;
    } else {
      entry["rank_interval"] = nullptr;
      entry["rank_probabilities"] = nullptr;
      entry["above"] = nullptr;
    }
    Json criteria = Json::array();
    for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
      const auto ci = criterion_interval(comparison, k, c);
      criteria.push_back({{"id", framework.criteria[c].id},
                          {"score", optional_number(card.scores.criteria[c].score)},
                          {"low", ci ? number(ci->low) : Json(nullptr)},
                          {"high", ci ? number(ci->high) : Json(nullptr)}});
    }
    entry["criteria"] = criteria;
    elections.push_back(entry);
  }
  root["elections"] = elections;
  Json changes = Json::array();
  for (const ElectionChange& change : comparison.changes) {
    const Scorecard& a = *comparison.scorecards[change.from];
    const Scorecard& b = *comparison.scorecards[change.to];
    Json criteria = Json::array();
    for (std::size_t c = 0; c < framework.criteria.size(); ++c)
      criteria.push_back({{"id", framework.criteria[c].id},
                          {"from", optional_number(a.scores.criteria[c].score)},
                          {"to", optional_number(b.scores.criteria[c].score)},
                          {"change", optional_number(change.criterion_changes[c])}});
    Json indicators = Json::array();
    for (const IndicatorChange& moved : change.indicators)
      indicators.push_back({{"id", moved.indicator->id},
                            {"criterion", framework.criteria[moved.criterion].id},
                            {"from", moved.from_level ? Json(*moved.from_level) : Json(nullptr)},
                            {"to", moved.to_level ? Json(*moved.to_level) : Json(nullptr)},
                            {"evidence_from", moved.from_evidence},
                            {"evidence_to", moved.to_evidence}});
    Json added = Json::array(), removed = Json::array();
    for (const RedLine* r : change.red_lines_added) added.push_back(r->id);
    for (const RedLine* r : change.red_lines_removed) removed.push_back(r->id);
    changes.push_back({{"country", a.election->country},
                       {"from", a.election->id},
                       {"to", b.election->id},
                       {"overall",
                        {{"from", optional_number(a.scores.overall.score)},
                         {"to", optional_number(b.scores.overall.score)},
                         {"change", optional_number(change.overall_change)}}},
                       {"criteria", criteria},
                       {"indicators", indicators},
                       {"red_lines_added", added},
                       {"red_lines_removed", removed}});
  }
  root["changes"] = changes;
  return root.dump(2) + "\n";
}

// ---- Markdown ----

namespace {

std::string md(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '|': case '#':
        out += '\\';
        out += c;
        break;
      case '\n': case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_comparison_markdown(const Comparison& comparison) {
  if (comparison.scorecards.empty()) return "# Comparison\n\nNo elections to compare.\n";
  const Framework& framework = *comparison.framework;
  const std::size_t n = comparison.scorecards.size();
  std::string out = fmt::format("# Comparison of {} elections\n\n{}  \n{}\n\n", n, md(header_line(comparison)),
                                md(draws_line(comparison)));
  out += "| Rank | Election | Country | Date | Index | Interval | Band |";
  if (comparison.draws) {
    out += " Plausible ranks |";
    for (std::size_t r = 0; r < n; ++r) out += fmt::format(" P(rank {}) |", r + 1);
  }
  out += "\n|---:|---|---|---|---:|---|---|";
  if (comparison.draws) {
    out += "---|";
    for (std::size_t r = 0; r < n; ++r) out += "---:|";
  }
  out += "\n";
  for (std::size_t k : comparison.order) {
    const Election& election = election_of(comparison, k);
    const bool says_fictional = election.title.find("ictional") != std::string::npos;
    out += fmt::format("| {} | {}{} | {} | {} | {} | {} | {} |", comparison.rank[k], md(election.title),
                       election.fictional && !says_fictional ? " (fictional)" : "", md(election.country), election.date.str(),
                       format_score(comparison.scorecards[k]->scores.overall.score),
                       interval_text(overall_interval(comparison, k)), md(band_label(comparison, k)));
    if (comparison.draws) {
      const auto& [best, worst] = comparison.rank_intervals[k];
      out += fmt::format(" {} |", best == worst ? std::to_string(best) : fmt::format("{}–{}", best, worst));
      for (std::size_t r = 0; r < n; ++r) out += fmt::format(" {} |", percent(comparison.rank_probabilities[k][r]));
    }
    out += "\n";
  }
  if (comparison.draws && n > 1) {
    out += "\n## Probability that the row scores above the column\n\n|  |";
    for (std::size_t k : comparison.order) out += fmt::format(" {} |", md(election_of(comparison, k).id));
    out += "\n|---|";
    for (std::size_t r = 0; r < n; ++r) out += "---:|";
    out += "\n";
    for (std::size_t a : comparison.order) {
      out += fmt::format("| {} |", md(election_of(comparison, a).id));
      for (std::size_t b : comparison.order) out += fmt::format(" {} |", a == b ? "—" : percent(comparison.above[a][b]));
      out += "\n";
    }
  }
  out += "\n## Criterion scores\n\n| Criterion |";
  for (std::size_t k : comparison.order) out += fmt::format(" {} |", md(election_of(comparison, k).id));
  out += "\n|---|";
  for (std::size_t r = 0; r < n; ++r) out += "---:|";
  out += "\n";
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    out += fmt::format("| {} |", md(framework.criteria[c].title));
    for (std::size_t k : comparison.order) {
      const auto interval = criterion_interval(comparison, k, c);
      out += fmt::format(" {}{} |", format_score(comparison.scorecards[k]->scores.criteria[c].score),
                         interval ? fmt::format(" ({})", interval_text(interval)) : "");
    }
    out += "\n";
  }
  for (const ElectionChange& change : comparison.changes) {
    const Election& from = election_of(comparison, change.from);
    const Election& to = election_of(comparison, change.to);
    const Scorecard& a = *comparison.scorecards[change.from];
    const Scorecard& b = *comparison.scorecards[change.to];
    out += fmt::format("\n## Change in {}: {} → {}\n\n", md(from.country), md(from.title), md(to.title));
    out += "| | Before | After | Change |\n|---|---:|---:|---:|\n";
    out += fmt::format("| Overall index | {} | {} | {} |\n", format_score(a.scores.overall.score),
                       format_score(b.scores.overall.score), signed_score(change.overall_change));
    for (std::size_t c = 0; c < framework.criteria.size(); ++c)
      out += fmt::format("| {} | {} | {} | {} |\n", md(framework.criteria[c].title),
                         format_score(a.scores.criteria[c].score), format_score(b.scores.criteria[c].score),
                         signed_score(change.criterion_changes[c]));
    for (const RedLine* red_line : change.red_lines_added)
      out += fmt::format("\n- Red line newly crossed: {}", md(red_line->id));
    for (const RedLine* red_line : change.red_lines_removed)
      out += fmt::format("\n- Red line no longer crossed: {}", md(red_line->id));
    if (!change.red_lines_added.empty() || !change.red_lines_removed.empty()) out += "\n";
    if (change.indicators.empty()) continue;
    out += "\n| Indicator | Before | After | Evidence before | Evidence after |\n|---|---:|---:|---|---|\n";
    auto cite = [](const Election& election, const std::vector<std::string>& ids) {
      std::string cell;
      for (const auto& id : ids) {
        const EvidenceItem* item = find_item(election, id);
        cell += fmt::format("{}{}: {}", cell.empty() ? "" : "<br>", md(id), item ? md(item->claim) : "");
      }
      return cell.empty() ? std::string("—") : cell;
    };
    for (const IndicatorChange& moved : change.indicators)
      out += fmt::format("| {} | {} | {} | {} | {} |\n", md(moved.indicator->id), level_text(moved.from_level),
                         level_text(moved.to_level), cite(from, moved.from_evidence), cite(to, moved.to_evidence));
  }
  return out;
}

// ---- CSV ----

namespace {

std::string csv_cell(const std::string& text) {
  std::string value = text;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r'))
    value = "'" + value;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_number(const std::optional<double>& x) { return x ? fmt::format("{}", rounded(*x)) : ""; }

}  // namespace

std::string render_comparison_csv(const Comparison& comparison) {
  std::vector<std::string> header = {"rank", "id", "title", "country", "date", "type", "fictional", "score",
                                     "low", "high", "band", "rank_low", "rank_high"};
  const std::size_t n = comparison.scorecards.size();
  for (std::size_t r = 0; r < n; ++r) header.push_back(fmt::format("p_rank_{}", r + 1));
  if (comparison.framework)
    for (const auto& criterion : comparison.framework->criteria) header.push_back("score_" + criterion.id);
  header.insert(header.end(), {"draws", "seed"});
  std::string out;
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t j = 0; j < cells.size(); ++j) out += (j ? "," : "") + csv_cell(cells[j]);
    out += "\r\n";
  };
  row(header);
  for (std::size_t k : comparison.order) {
    const Scorecard& card = *comparison.scorecards[k];
    const Election& election = *card.election;
    const auto interval = overall_interval(comparison, k);
    std::vector<std::string> cells = {std::to_string(comparison.rank[k]),
                                      election.id,
                                      election.title,
                                      election.country,
                                      election.date.str(),
                                      election.type,
                                      election.fictional ? "true" : "false",
                                      csv_number(card.scores.overall.score),
                                      interval ? csv_number(interval->low) : "",
                                      interval ? csv_number(interval->high) : "",
                                      band_id(comparison, k)};
    cells.push_back(comparison.draws ? std::to_string(comparison.rank_intervals[k].first) : "");
    cells.push_back(comparison.draws ? std::to_string(comparison.rank_intervals[k].second) : "");
    for (std::size_t r = 0; r < n; ++r)
      cells.push_back(comparison.draws ? csv_number(comparison.rank_probabilities[k][r]) : "");
    for (std::size_t c = 0; c < comparison.framework->criteria.size(); ++c)
      cells.push_back(csv_number(card.scores.criteria[c].score));
    cells.push_back(std::to_string(comparison.draws));
    cells.push_back(comparison.draws ? std::to_string(comparison.seed) : "");
    row(cells);
  }
  return out;
}

}  // namespace scrutineer

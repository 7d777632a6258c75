// The "scrutineer.scorecard/1" contract (docs/json.md), built as an nlohmann::ordered_json
// document so keys keep their fixed order.
#include <nlohmann/json.hpp>

#include <cmath>

#include "scrutineer/render.hpp"

namespace scrutineer {

namespace {

using Json = nlohmann::ordered_json;

double number(double x) { return std::round(x * 1e4) / 1e4 + 0.0; }  // + 0.0: never -0
Json optional_number(const std::optional<double>& x) { return x ? Json(number(*x)) : Json(nullptr); }
Json optional_string(const std::string* text) { return text ? Json(*text) : Json(nullptr); }
Json optional_level(const std::optional<int>& level) { return level ? Json(*level) : Json(nullptr); }

std::string source_region(const SourceRegion& where) { return where.file + ":" + std::to_string(where.line); }

Json interval_members(Json object, const std::optional<Interval>& interval) {
  object["low"] = interval ? Json(number(interval->low)) : Json(nullptr);
  object["high"] = interval ? Json(number(interval->high)) : Json(nullptr);
  return object;
}

// "uncertainty": the Monte Carlo summary (docs/uncertainty.md), or null when it did not run.
Json uncertainty_json(const Scorecard& card) {
  if (!card.uncertainty) return nullptr;
  const Framework& framework = *card.framework;
  const Uncertainty& u = *card.uncertainty;
  Json band_probabilities = Json::object();
  for (std::size_t b = 0; b < framework.bands.size(); ++b)
    band_probabilities[framework.bands[b].id] =
        number(b < u.band_probabilities.size() ? u.band_probabilities[b] : 0.0);
  Json overall = interval_members(Json::object(), u.overall);
  overall["band_probabilities"] = band_probabilities;
  Json criteria = Json::array();
  for (std::size_t c = 0; c < framework.criteria.size(); ++c)
    criteria.push_back(interval_members({{"id", framework.criteria[c].id}},
                                        c < u.criteria.size() ? u.criteria[c] : std::nullopt));
  Json indicators = Json::array();
  for (std::size_t c = 0; c < framework.criteria.size() && c < u.indicators.size(); ++c)
    for (std::size_t i = 0; i < framework.criteria[c].indicators.size() && i < u.indicators[c].size(); ++i) {
      const IndicatorStability& s = u.indicators[c][i];
      indicators.push_back({{"id", framework.criteria[c].indicators[i].id},
                            {"modal_level", optional_level(s.modal_level)},
                            {"modal_share", number(s.modal_share)}});
    }
  return {{"draws", u.draws},
          {"seed", u.seed},
          {"concentration", number(u.concentration)},
          {"level", number(u.level)},
          {"overall", overall},
          {"criteria", criteria},
          {"indicators", indicators}};
}

// "load_bearing": the evidence whose removal moves the index or the band most.
Json load_bearing_json(const Scorecard& card) {
  const Framework& framework = *card.framework;
  Json items = Json::array();
  for (const LoadBearing& item : card.load_bearing) {
    std::string claim;
    for (const auto& e : card.election->evidence)
      if (e.id == item.id) claim = e.claim;
    items.push_back({{"id", item.id},
                     {"claim", claim},
                     {"score_without", optional_number(item.score_without)},
                     {"change", optional_number(item.change)},
                     {"band_without", item.band_without ? Json(framework.bands[*item.band_without].id) : Json(nullptr)},
                     {"band_changed", item.band_changed}});
  }
  return items;
}

Json scorecard_json(const Scorecard& card) {
  const Framework& framework = *card.framework;
  const Election& election = *card.election;
  const OverallScore& overall = card.scores.overall;
  Json root;
  root["schema"] = "scrutineer.scorecard/1";
  root["election"] = {{"id", election.id},
                      {"title", election.title},
                      {"country", election.country},
                      {"date", election.date.str()},
                      {"type", election.type},
                      {"phase", to_string(election.phase)},
                      {"fictional", election.fictional}};
  root["framework"] = {{"id", framework.id}, {"version", framework.version}};
  root["method"] = to_string(card.method);
  root["as_of"] = card.options.as_of ? Json(card.options.as_of->str()) : Json(nullptr);
  root["weights_profile"] =
      optional_string(card.options.weights_profile.empty() ? nullptr : &card.options.weights_profile);
  root["evidence_in_force"] = card.evidence_in_force;
  root["overall"] = {
      {"score", optional_number(overall.score)},
      {"band", optional_string(overall.band ? &framework.bands[*overall.band].id : nullptr)},
      {"band_label", optional_string(overall.band ? &framework.bands[*overall.band].label : nullptr)},
      {"coverage", number(overall.coverage)},
      {"capped_from_band",
       optional_string(overall.uncapped_band ? &framework.bands[*overall.uncapped_band].id : nullptr)}};
  Json red_lines = Json::array();
  for (const auto& hit : card.findings.red_lines) {
    const RedLine& red_line = *hit.red_line;
    const bool whole = red_line.caps == RedLineScope::Overall;
    red_lines.push_back({{"id", red_line.id},
                         {"caps", whole ? "overall" : "criterion"},
                         {"target", whole ? red_line.band : red_line.criterion},
                         {"rule", source_region(red_line.where)},
                         {"why", red_line.why},
                         {"evidence", hit.evidence}});
  }
  root["red_lines"] = red_lines;
  Json criteria = Json::array();
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    const CriterionScore& score = card.scores.criteria[c];
    Json indicators = Json::array();
    for (std::size_t i = 0; i < card.findings.by_criterion[c].size(); ++i) {
      const IndicatorFinding& finding = card.findings.by_criterion[c][i];
      Json facts = Json::object();
      for (const auto& [name, value] : finding.facts) facts[name] = number(value);
      indicators.push_back(
          {{"id", finding.indicator->id},
           {"level", optional_level(finding.level)},
           {"weight", number(card.weights.indicators[c][i])},
           {"decided_by", to_string(finding.decided_by)},
           {"rule", optional_string(finding.rule ? &finding.rule->id : nullptr)},
           {"rule_at", finding.rule ? Json(source_region(finding.rule->where)) : Json(nullptr)},
           {"evidence", finding.evidence},
           {"facts", facts}});
    }
    criteria.push_back({{"id", framework.criteria[c].id},
                        {"score", optional_number(score.score)},
                        {"weight", number(card.weights.criteria[c])},
                        {"coverage", number(score.coverage)},
                        {"capped_from", optional_number(score.uncapped)},
                        {"indicators", indicators}});
  }
  root["criteria"] = criteria;
  Json facts = Json::object();
  for (const auto& [name, value] : card.facts.values) facts[name] = number(value);
  root["facts"] = facts;
  root["uncertainty"] = uncertainty_json(card);
  root["load_bearing"] = load_bearing_json(card);
  return root;
}

}  // namespace

std::string render_json(const Scorecard& card) { return scorecard_json(card).dump(2) + "\n"; }

std::string render_json_line(const Scorecard& card) { return scorecard_json(card).dump() + "\n"; }

}  // namespace scrutineer

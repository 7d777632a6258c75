#include <nlohmann/json.hpp>

#include <cmath>

#include "scrutineer/render.hpp"

namespace scrutineer {

namespace {

using Json = nlohmann::ordered_json;

Json number(double x) { return std::round(x * 1e4) / 1e4; }
Json optional_number(const std::optional<double>& x) { return x ? number(*x) : Json(nullptr); }

Json source_region(const SourceRegion& where) {
  return where.file + ":" + std::to_string(where.line);
}

}  // namespace

std::string render_json(const Scorecard& card) {
  const Framework& framework = *card.framework;
  const Election& election = *card.election;
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
      card.options.weights_profile.empty() ? Json(nullptr) : Json(card.options.weights_profile);
  root["evidence_in_force"] = card.evidence_in_force;
  const OverallScore& overall = card.scores.overall;
  root["overall"] = {
      {"score", optional_number(overall.score)},
      {"band", overall.band ? Json(framework.bands[*overall.band].id) : Json(nullptr)},
      {"band_label", overall.band ? Json(framework.bands[*overall.band].label) : Json(nullptr)},
      {"coverage", number(overall.coverage)},
      {"capped_from_band",
       overall.uncapped_band ? Json(framework.bands[*overall.uncapped_band].id) : Json(nullptr)}};
  Json red_lines = Json::array();
  for (const auto& hit : card.findings.red_lines) {
    red_lines.push_back({{"id", hit.red_line->id},
                         {"caps", hit.red_line->caps == RedLineScope::Overall ? "overall" : "criterion"},
                         {"target", hit.red_line->caps == RedLineScope::Overall ? hit.red_line->band
                                                                                  : hit.red_line->criterion},
                         {"rule", source_region(hit.red_line->where)},
                         {"why", hit.red_line->why},
                         {"evidence", hit.evidence}});
  }
  root["red_lines"] = red_lines;
  Json criteria = Json::array();
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    const CriterionScore& score = card.scores.criteria[c];
    Json indicators = Json::array();
    for (std::size_t i = 0; i < card.findings.by_criterion[c].size(); ++i) {
      const IndicatorFinding& finding = card.findings.by_criterion[c][i];
      indicators.push_back(
          {{"id", finding.indicator->id},
           {"level", finding.level ? Json(*finding.level) : Json(nullptr)},
           {"weight", number(card.weights.indicators[c][i])},
           {"decided_by", to_string(finding.decided_by)},
           {"rule", finding.rule ? Json(finding.rule->id) : Json(nullptr)},
           {"rule_at", finding.rule ? source_region(finding.rule->where) : Json(nullptr)},
           {"evidence", finding.evidence}});
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
  return root.dump(2) + "\n";
}

}  // namespace scrutineer

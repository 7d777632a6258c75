// The tidy CSV: one row per (election, indicator), for pandas, R and spreadsheets.
#include <fmt/core.h>

#include <cmath>

#include "briefing.hpp"
#include "scrutineer/render.hpp"

namespace scrutineer {

namespace {

using namespace briefing;

// A text cell: neutralised against formula injection (a leading = + - @ tab or CR gets a '),
// then quoted per RFC 4180 when it holds a comma, a quote or a line break.
std::string text_cell(const std::string& text) {
  std::string value = text;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
                         value[0] == '\r'))
    value.insert(0, "'");
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

// Numbers: rounded to 4 decimals, without trailing zeros; empty when absent (NA in R and pandas).
std::string number_cell(const std::optional<double>& x) {
  if (!x) return "";
  std::string out = fmt::format("{:.4f}", std::round(*x * 1e4) / 1e4 + 0.0);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

const char* const kColumns[] = {"election",
                                "election_title",
                                "country",
                                "election_date",
                                "phase",
                                "as_of",
                                "framework",
                                "framework_version",
                                "method",
                                "weights_profile",
                                "overall_index",
                                "overall_low",
                                "overall_high",
                                "band",
                                "overall_coverage",
                                "rank",
                                "rank_low",
                                "rank_high",
                                "criterion",
                                "criterion_weight",
                                "criterion_score",
                                "criterion_low",
                                "criterion_high",
                                "criterion_coverage",
                                "criterion_capped_from",
                                "indicator",
                                "indicator_weight",
                                "level",
                                "decided_by",
                                "rule",
                                "evidence_ids"};

}  // namespace

std::string render_csv(const Briefing& briefing) {
  std::string out;
  for (std::size_t i = 0; i < std::size(kColumns); ++i) out += (i ? "," : "") + std::string(kColumns[i]);
  out += "\r\n";
  for (std::size_t k = 0; k < briefing.scorecards.size(); ++k) {
    const Scorecard& card = *briefing.scorecards[k];
    const Framework& framework = *card.framework;
    const Election& election = *card.election;
    const OverallScore& overall = card.scores.overall;
    const auto overall_range = overall_interval(briefing, k);
    const auto ranking = rank(briefing, k);
    for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
      const CriterionScore& score = card.scores.criteria[c];
      const auto range = criterion_interval(briefing, k, c);
      for (std::size_t i = 0; i < card.findings.by_criterion[c].size(); ++i) {
        const IndicatorFinding& finding = card.findings.by_criterion[c][i];
        std::string evidence;
        for (const auto& id : finding.evidence) evidence += (evidence.empty() ? "" : ";") + id;
        const std::vector<std::string> cells = {
            text_cell(election.id),
            text_cell(election.title),
            text_cell(election.country),
            election.date.str(),
            text_cell(to_string(election.phase)),
            card.options.as_of ? card.options.as_of->str() : "",
            text_cell(framework.id),
            text_cell(framework.version),
            text_cell(to_string(card.method)),
            text_cell(card.options.weights_profile),
            number_cell(overall.score),
            number_cell(overall_range ? std::optional(overall_range->low) : std::nullopt),
            number_cell(overall_range ? std::optional(overall_range->high) : std::nullopt),
            overall.band ? text_cell(framework.bands[*overall.band].id) : "",
            number_cell(overall.coverage),
            ranking ? std::to_string(ranking->rank) : "",
            ranking && ranking->interval ? std::to_string(ranking->interval->first) : "",
            ranking && ranking->interval ? std::to_string(ranking->interval->second) : "",
            text_cell(framework.criteria[c].id),
            number_cell(card.weights.criteria[c]),
            number_cell(score.score),
            number_cell(range ? std::optional(range->low) : std::nullopt),
            number_cell(range ? std::optional(range->high) : std::nullopt),
            number_cell(score.coverage),
            number_cell(score.uncapped),
            text_cell(finding.indicator->id),
            number_cell(card.weights.indicators[c][i]),
            finding.level ? std::to_string(*finding.level) : "",
            text_cell(to_string(finding.decided_by)),
            finding.rule ? text_cell(finding.rule->id) : "",
            text_cell(evidence)};
        for (std::size_t j = 0; j < cells.size(); ++j) out += (j ? "," : "") + cells[j];
        out += "\r\n";
      }
    }
  }
  return out;
}

}  // namespace scrutineer

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "scrutineer/render.hpp"

namespace scrutineer {

std::string format_score(const std::optional<double>& score) {
  return score ? fmt::format("{:.1f}", *score) : std::string("n/a");
}

namespace {

std::string percent(double share) { return fmt::format("{:.0f}%", share * 100); }

std::string bar(const std::optional<double>& score) {
  if (!score) return std::string(20, '.');
  const int filled = static_cast<int>(std::lround(*score / 5));
  return std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(20 - filled), ' ');
}

const EvidenceItem* find_item(const Election& election, const std::string& id) {
  for (const auto& item : election.evidence)
    if (item.id == id) return &item;
  return nullptr;
}

// "  "-indented lines citing each evidence id: quote, publisher, document, date, grade.
std::string cite(const Election& election, const std::vector<std::string>& ids, const char* indent) {
  std::string out;
  for (const auto& id : ids) {
    const EvidenceItem* item = find_item(election, id);
    if (!item) continue;
    const Document* doc = election.find_document(item->document);
    out += fmt::format("{}[{}] \"{}\"\n{}    {}, {} ({}), {}, graded {}{}, severity {}, {}\n", indent, id,
                       item->quote, indent, doc ? doc->publisher : item->document, doc ? doc->title : "",
                       item->document, item->date.str(), item->reliability, item->credibility,
                       item->severity, to_string(item->polarity));
  }
  return out;
}

}  // namespace

std::string render_text(const Scorecard& card, Explain explain) {
  const Framework& framework = *card.framework;
  const Election& election = *card.election;
  const OverallScore& overall = card.scores.overall;
  std::string out;
  out += fmt::format("{} ({}){}\n", election.title, election.id, election.fictional ? " [FICTIONAL]" : "");
  out += fmt::format("{} · {} · {} · {} · framework {} {} · {} aggregation{}\n", election.country,
                     election.type, election.date.str(), to_string(election.phase), framework.id,
                     framework.version, to_string(card.method),
                     card.options.as_of ? " · evidence as of " + card.options.as_of->str() : "");
  out += fmt::format("\nOverall {:>5} / 100  {}  (coverage {}, {} evidence items)\n",
                     format_score(overall.score),
                     overall.band ? framework.bands[*overall.band].label : "not assessed",
                     percent(overall.coverage), card.evidence_in_force);
  if (overall.uncapped_band)
    out += fmt::format("  capped by a red line from \"{}\"\n", framework.bands[*overall.uncapped_band].label);
  if (!card.findings.red_lines.empty()) {
    out += "\nRed lines crossed\n";
    for (const auto& hit : card.findings.red_lines) {
      out += fmt::format("  ! {}: {}\n", hit.red_line->id, hit.red_line->why);
      if (explain != Explain::None) {
        out += fmt::format("    rule at {}:{}\n", hit.red_line->where.file, hit.red_line->where.line);
        out += cite(election, hit.evidence, "    ");
      }
    }
  }
  out += fmt::format("\n{:<28} {:>5}  {:<20}  {:>8}\n", "criterion", "score", "", "coverage");
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    const CriterionScore& score = card.scores.criteria[c];
    out += fmt::format("{:<28} {:>5}  {}  {:>8}{}\n", framework.criteria[c].id, format_score(score.score),
                       bar(score.score), percent(score.coverage),
                       score.uncapped ? fmt::format("  (capped from {})", format_score(score.uncapped)) : "");
    if (explain == Explain::None) continue;
    for (const auto& finding : card.findings.by_criterion[c]) {
      if (explain == Explain::Fails && (!finding.level || *finding.level == 4)) continue;
      const std::string level = finding.level ? std::to_string(*finding.level) : "not assessed";
      out += fmt::format("  {} — level {}\n", finding.indicator->id, level);
      if (finding.rule)
        out += fmt::format("    decided by rule '{}' ({}:{}): {}\n", finding.rule->id,
                           finding.rule->where.file, finding.rule->where.line, finding.rule->why);
      else if (finding.decided_by == DecidedBy::Evidence)
        out += "    decided by the linked evidence (no rule fired)\n";
      else
        out += "    no evidence bears on this indicator\n";
      if (finding.level)
        out += fmt::format("    anchor: {}\n", finding.indicator->anchors[static_cast<std::size_t>(*finding.level)]);
      for (const auto& note : finding.notes) out += fmt::format("    note: {}\n", note);
      out += cite(election, finding.evidence, "    ");
    }
  }
  return out;
}

}  // namespace scrutineer

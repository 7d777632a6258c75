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

// "[9.8–15.0]" after a score when the uncertainty stage ran, padded to a fixed width.
std::string interval_text(const Scorecard& card, const std::optional<Interval>& interval) {
  if (!card.uncertainty) return "";
  if (!interval) return fmt::format("  {:<13}", "[n/a]");
  return fmt::format("  {:<13}", fmt::format("[{:.1f}–{:.1f}]", interval->low, interval->high));
}

std::string uncertainty_lines(const Scorecard& card) {
  if (!card.uncertainty) return "";
  const Uncertainty& u = *card.uncertainty;
  std::string bands;
  for (std::size_t b = 0; b < u.band_probabilities.size(); ++b) {
    if (u.band_probabilities[b] <= 0) continue;
    bands += fmt::format("{}{} {}", bands.empty() ? "" : ", ", card.framework->bands[b].label,
                         percent(u.band_probabilities[b]));
  }
  return fmt::format("  {:.0f}% interval over {} draws (seed {}, concentration {}); band: {}\n",
                     u.level * 100, u.draws, u.seed, fmt::format("{:g}", u.concentration),
                     bands.empty() ? "not assessed in any draw" : bands);
}

std::string load_bearing_lines(const Scorecard& card) {
  if (card.load_bearing.empty()) return "";
  const Framework& framework = *card.framework;
  std::string out = "\nLoad-bearing evidence (double-check before publishing)\n";
  for (const LoadBearing& item : card.load_bearing) {
    const EvidenceItem* evidence = find_item(*card.election, item.id);
    std::string effect = fmt::format("without it {}", format_score(item.score_without));
    if (item.change) effect += fmt::format(" ({:+.1f})", *item.change);
    if (item.band_changed)
      effect += fmt::format(", band {} → {}",
                            card.scores.overall.band ? framework.bands[*card.scores.overall.band].label : "not assessed",
                            item.band_without ? framework.bands[*item.band_without].label : "not assessed");
    out += fmt::format("  [{}] {}\n    {}\n", item.id, effect, evidence ? evidence->claim : "");
  }
  return out;
}

// " (level 0 in 97% of draws)" for an indicator, when the uncertainty stage ran.
std::string stability_text(const Scorecard& card, std::size_t c, std::size_t i) {
  if (!card.uncertainty || c >= card.uncertainty->indicators.size() ||
      i >= card.uncertainty->indicators[c].size())
    return "";
  const IndicatorStability& s = card.uncertainty->indicators[c][i];
  return fmt::format(" ({} in {} of draws)",
                     s.modal_level ? "level " + std::to_string(*s.modal_level) : "not assessed",
                     percent(s.modal_share));
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
                     (card.options.as_of ? " · evidence as of " + card.options.as_of->str() : "") +
                         (card.options.weights_profile.empty() ? "" : " · weights " + card.options.weights_profile));
  out += fmt::format("\nOverall {:>5} / 100{}  {}  (coverage {}, {} evidence items)\n",
                     format_score(overall.score), interval_text(card, card.uncertainty ? card.uncertainty->overall : std::nullopt),
                     overall.band ? framework.bands[*overall.band].label : "not assessed",
                     percent(overall.coverage), card.evidence_in_force);
  if (overall.uncapped_band)
    out += fmt::format("  capped by a red line from \"{}\"\n", framework.bands[*overall.uncapped_band].label);
  out += uncertainty_lines(card);
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
  out += fmt::format("\n{:<28} {:>5}{}  {:<20}  {:>8}\n", "criterion", "score",
                     card.uncertainty ? fmt::format("  {:<13}", fmt::format("{:.0f}% interval", card.uncertainty->level * 100)) : "",
                     "", "coverage");
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    const CriterionScore& score = card.scores.criteria[c];
    out += fmt::format("{:<28} {:>5}{}  {}  {:>8}{}\n", framework.criteria[c].id, format_score(score.score),
                       interval_text(card, card.uncertainty && c < card.uncertainty->criteria.size()
                                               ? card.uncertainty->criteria[c] : std::nullopt),
                       bar(score.score), percent(score.coverage),
                       score.uncapped ? fmt::format("  (capped from {})", format_score(score.uncapped)) : "");
    if (explain == Explain::None) continue;
    for (std::size_t i = 0; i < card.findings.by_criterion[c].size(); ++i) {
      const IndicatorFinding& finding = card.findings.by_criterion[c][i];
      if (explain == Explain::Fails && (!finding.level || *finding.level == 4)) continue;
      const std::string level = finding.level ? std::to_string(*finding.level) : "not assessed";
      out += fmt::format("  {} — level {}{}\n", finding.indicator->id, level, stability_text(card, c, i));
      if (finding.rule)
        out += fmt::format("    decided by rule '{}' ({}:{}): {}\n", finding.rule->id,
                           finding.rule->where.file, finding.rule->where.line, finding.rule->why);
      else if (finding.decided_by == DecidedBy::Evidence)
        out += "    decided by the linked evidence (no rule fired)\n";
      else
        out += "    no evidence bears on this indicator\n";
      if (finding.level)
        out += fmt::format("    anchor: {}\n", finding.indicator->anchors[static_cast<std::size_t>(*finding.level)]);
      for (const auto& [name, value] : finding.facts) out += fmt::format("    fact: {} = {:.4g}\n", name, value);
      for (const auto& note : finding.notes) out += fmt::format("    note: {}\n", note);
      out += cite(election, finding.evidence, "    ");
    }
  }
  out += load_bearing_lines(card);
  return out;
}

}  // namespace scrutineer

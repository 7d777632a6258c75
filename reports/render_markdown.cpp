// The Markdown briefing: the HTML report's content as GitHub-flavoured Markdown.
#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "briefing.hpp"
#include "scrutineer/render.hpp"

namespace scrutineer {

namespace {

using namespace briefing;

// Escapes text for Markdown inside a line: every character that could start inline markup
// (emphasis, links, code, raw HTML, entities, table cells, strike-through) is backslash-escaped
// and line breaks become spaces.
std::string md(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    switch (ch) {
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
        out += '\\';
        out += ch;
        break;
      case '&': {
        const char next = i + 1 < text.size() ? text[i + 1] : ' ';
        if (std::isalnum(static_cast<unsigned char>(next)) || next == '#') out += '\\';
        out += ch;
        break;
      }
      default:
        out += ch;
    }
  }
  return out;
}

// Escapes text that starts a line (a paragraph or a list item's content): as md(), and a leading
// character that could open a block (heading, list, setext underline) is escaped too.
std::string md_line(std::string_view text) {
  std::string out = md(text);
  if (!out.empty() && (out[0] == '#' || out[0] == '-' || out[0] == '+' || out[0] == '=')) out.insert(0, "\\");
  std::size_t digits = 0;
  while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits]))) ++digits;
  if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')')) out.insert(digits, "\\");
  return out;
}

// An identifier as code, or escaped text when it could break out of a code span.
std::string code(const std::string& id) {
  if (id.find('`') != std::string::npos || id.find('|') != std::string::npos) return md(id);
  return "`" + id + "`";
}

std::string hashes(int level) { return std::string(static_cast<std::size_t>(std::clamp(level, 1, 6)), '#'); }

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string evidence_table(const Election& election, const std::vector<std::string>& ids) {
  std::string out = "| Evidence | Quote | Source | Date | Grade |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& id : ids) {
    const EvidenceItem* item = find_item(election, id);
    if (!item) continue;
    const Document* doc = election.find_document(item->document);
    const std::string source =
        doc ? fmt::format("{}, *{}* ({})", md(doc->publisher), md(doc->title), to_string(doc->kind))
            : code(item->document);
    out +=
        fmt::format("| {}: {} | *“{}”* | {} | {} | {} · {} · {} |\n", code(item->id), md(item->claim), md(item->quote),
                    source, item->date.str(), grade(*item), severity_word(item->severity), to_string(item->polarity));
  }
  return out + "\n";
}

struct Context {
  const Briefing& briefing;
  std::size_t k;
  int level;
  const Scorecard& card() const { return *briefing.scorecards[k]; }
};

std::string headline(const Context& ctx) {
  const Scorecard& card = ctx.card();
  const Election& election = *card.election;
  const Framework& framework = *card.framework;
  const OverallScore& overall = card.scores.overall;
  std::string out = fmt::format("{} {}\n\n", hashes(ctx.level), md(election.title));
  if (ctx.level == 1)
    out += fmt::format("*Election integrity briefing · framework {} {} · scrutineer {}*\n\n", md(framework.id),
                       md(framework.version), SCRUTINEER_VERSION);
  if (election.fictional)
    out +=
        "> **Fictional election.** Made-up data used to test the tool; this is not an assessment of a real "
        "election.\n\n";
  const std::size_t left_out = evidence_left_out(card);
  const std::string as_of = card.options.as_of ? fmt::format("{} ({} later item{} left out)", card.options.as_of->str(),
                                                             left_out, left_out == 1 ? "" : "s")
                                               : std::string("all evidence, no cut-off");
  out +=
      "| Country | Election day | Type | Phase assessed | Evidence as of | Evidence in force |\n"
      "| --- | --- | --- | --- | --- | --- |\n";
  out += fmt::format("| {} | {} | {} | {} | {} | {} item{} |\n\n", md(election.country), election.date.str(),
                     md(election.type), to_string(election.phase), as_of, card.evidence_in_force,
                     card.evidence_in_force == 1 ? "" : "s");
  const auto interval = overall_interval(ctx.briefing, ctx.k);
  const Uncertainty* u = uncertainty(ctx.briefing, ctx.k);
  const auto probabilities = band_probabilities(ctx.briefing, ctx.k);
  std::string position = band_position(card);
  if (overall.band && *overall.band < probabilities.size())
    position += fmt::format("; {:.0f}% of the draws", probabilities[*overall.band] * 100);
  out += fmt::format(
      "**Rating: {}**{} · **Integrity index: {} / 100** ({}) · **Coverage: {}** of the framework's weight, {} of {} "
      "criteria\n\n",
      md(band_label(card)), position.empty() ? "" : " (" + position + ")", score_text(overall.score),
      interval ? fmt::format("{:.0f}% interval {}", (u ? u->level : 0.9) * 100, interval_text(interval))
               : std::string("interval not computed"),
      percent(overall.coverage), framework.criteria.size() - criteria_not_assessed(card).size(),
      framework.criteria.size());
  if (overall.uncapped_band)
    out += fmt::format("> ⚠ A red line caps the rating: the index alone would put this election in **{}**.\n\n",
                       md(framework.bands[*overall.uncapped_band].label));
  if (overall.coverage < 0.5 && overall.score)
    out += fmt::format(
        "> **Thin evidence:** only {} of the framework is assessed. The rating describes what the "
        "evidence supports, not the whole election.\n\n",
        percent(overall.coverage));
  return out;
}

std::string certainty(const Context& ctx) {
  const Scorecard& card = ctx.card();
  const Framework& framework = *card.framework;
  const Uncertainty* u = uncertainty(ctx.briefing, ctx.k);
  std::string out = fmt::format("{} How sure is this?\n\n", hashes(ctx.level + 1));
  if (!u || u->draws == 0) {
    out += "Not computed for this report: no uncertainty draws were run (`--draws 0`).\n\n";
  } else {
    out += fmt::format(
        "Over {} draws that vary which evidence stands (each item kept with a probability from its source "
        "reliability and information credibility) and how much each criterion and indicator weighs (Dirichlet "
        "concentration {:g}), the index falls in **{}** in {:.0f}% of the draws (seed {}).\n\n",
        u->draws, u->concentration, interval_text(u->overall), u->level * 100, u->seed);
    out += "| Rating band | Share of the draws |\n| --- | ---: |\n";
    for (std::size_t b = 0; b < u->band_probabilities.size() && b < framework.bands.size(); ++b)
      out += fmt::format("| {} | {} |\n", md(framework.bands[b].label), percent(u->band_probabilities[b]));
    out += "\n";
  }
  if (!card.load_bearing.empty()) {
    out +=
        "Load-bearing evidence: the index without each item (the rules and the aggregation re-run without it, "
        "with the configured weights).\n\n"
        "| Evidence | Index without it | Change | Rating without it |\n| --- | ---: | ---: | --- |\n";
    for (const auto& item : card.load_bearing) {
      const EvidenceItem* evidence = find_item(*card.election, item.id);
      out += fmt::format("| {}: {} | {} | {} | {}{} |\n", code(item.id), evidence ? md(evidence->claim) : "",
                         score_text(item.score_without), item.change ? fmt::format("{:+.1f}", *item.change) : "—",
                         item.band_without ? md(framework.bands[*item.band_without].label) : "not assessed",
                         item.band_changed ? " **(changes the rating)**" : "");
    }
    out += "\n";
  }
  return out;
}

std::string scores(const Context& ctx) {
  const Scorecard& card = ctx.card();
  const Framework& framework = *card.framework;
  std::string out = fmt::format("{} Scores by criterion\n\n", hashes(ctx.level + 1));
  out += "| Criterion | Score | Interval | Coverage | Weight | Note |\n| --- | ---: | ---: | ---: | ---: | --- |\n";
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    const CriterionScore& score = card.scores.criteria[c];
    std::string note;
    if (score.uncapped) note = fmt::format("capped by a red line from {}", score_text(score.uncapped));
    if (!score.score) note = "not assessed";
    out += fmt::format("| {} | {} | {} | {} | {:g} | {} |\n", md(framework.criteria[c].title), score_text(score.score),
                       interval_text(criterion_interval(ctx.briefing, ctx.k, c)), percent(score.coverage),
                       card.weights.criteria[c], note);
  }
  return out + "\n";
}

std::string red_lines(const Context& ctx) {
  const Scorecard& card = ctx.card();
  std::string out = fmt::format("{} Red lines crossed\n\n", hashes(ctx.level + 1));
  if (card.findings.red_lines.empty()) return out + "No red line was crossed.\n\n";
  for (const auto& hit : card.findings.red_lines) {
    const RedLine& red_line = *hit.red_line;
    out += fmt::format("{} ⚠ {} — {}\n\n{}\n\n", hashes(ctx.level + 2), code(red_line.id),
                       md(red_line_effect(*card.framework, red_line)), md_line(red_line.why));
    if (!red_line.recommendation.empty()) out += "**Recommendation:** " + md(red_line.recommendation) + "\n\n";
    out += evidence_table(*card.election, hit.evidence);
  }
  return out;
}

std::string findings(const Context& ctx, const std::map<std::string, std::vector<std::size_t>>& numbers) {
  const Scorecard& card = ctx.card();
  const Framework& framework = *card.framework;
  std::string out = fmt::format("{} Key findings\n\n", hashes(ctx.level + 1));
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    const Criterion& criterion = framework.criteria[c];
    const CriterionScore& score = card.scores.criteria[c];
    const auto interval = criterion_interval(ctx.briefing, ctx.k, c);
    out += fmt::format("{} {} — {}{}\n\n", hashes(ctx.level + 2), md(criterion.title),
                       score.score ? score_text(score.score) + " / 100" : std::string("not assessed"),
                       interval ? " (" + interval_text(interval) + ")" : "");
    out += fmt::format("{} Coverage {}{}.\n\n", md_line(criterion.description), percent(score.coverage),
                       score.uncapped ? "; capped by a red line from " + score_text(score.uncapped) : "");
    std::vector<std::string> skipped;
    for (std::size_t i = 0; i < card.findings.by_criterion[c].size(); ++i) {
      const IndicatorFinding& finding = card.findings.by_criterion[c][i];
      const Indicator& indicator = *finding.indicator;
      if (!finding.level) {
        skipped.push_back(md(indicator.question));
        continue;
      }
      out += fmt::format("{} Level {} of 4 — {}\n\n", hashes(ctx.level + 3), *finding.level, md(indicator.question));
      out += fmt::format("- **What level {} means:** {}\n", *finding.level,
                         md(indicator.anchors[static_cast<std::size_t>(*finding.level)]));
      if (finding.rule)
        out += fmt::format("- **Decided by:** rule {} ({}:{}, {} level {}): {}\n", code(finding.rule->id),
                           md(finding.rule->where.file), finding.rule->where.line,
                           finding.rule->effect == RuleEffect::Set
                               ? "sets"
                               : (finding.rule->effect == RuleEffect::Cap ? "caps at" : "floors at"),
                           finding.rule->level, md(finding.rule->why));
      else
        out +=
            "- **Decided by:** the linked evidence (no rule fired): the most serious undermining item sets the "
            "level, else supporting items give 4.\n";
      out += "- **Standards engaged:** ";
      const auto refs = standards(indicator);
      for (std::size_t i = 0; i < refs.size(); ++i) out += (i ? " · " : "") + md(refs[i]);
      out += fmt::format(" (indicator {})\n", code(indicator.id));
      if (const IndicatorStability* st = stability(ctx.briefing, ctx.k, c, i))
        out += st->modal_level == finding.level
                   ? fmt::format("- **Stability:** this level holds in {} of the uncertainty draws\n",
                                 percent(st->modal_share))
                   : fmt::format(
                         "- **Stability:** in the uncertainty draws the commonest outcome is {} ({} of the "
                         "draws)\n",
                         st->modal_level ? fmt::format("level {}", *st->modal_level) : "not assessed",
                         percent(st->modal_share));
      for (const auto& note : finding.notes) out += "- **Note:** " + md(capitalised(note)) + "\n";
      if (auto recs = numbers.find(indicator.id); recs != numbers.end()) {
        out += recs->second.size() > 1 ? "- **Recommendations:** " : "- **Recommendation:** ";
        for (std::size_t i = 0; i < recs->second.size(); ++i)
          out += fmt::format("{}{}", i ? ", " : "", recs->second[i]);
        out += "\n";
      }
      out += "\n";
      if (!finding.evidence.empty()) out += evidence_table(*card.election, finding.evidence);
    }
    if (!skipped.empty()) {
      out += "*Not assessed in this criterion:* ";
      for (std::size_t i = 0; i < skipped.size(); ++i) out += (i ? "; " : "") + skipped[i];
      out += "\n\n";
    }
  }
  return out;
}

std::string uncited_section(const Context& ctx) {
  const auto items = uncited_evidence(ctx.card());
  if (items.empty()) return "";
  std::string out = fmt::format("{} Other evidence in force\n\n", hashes(ctx.level + 1));
  out +=
      "Items of the ledger that no finding above rests on: outweighed by more serious items on the same "
      "indicator, or linked to an indicator that a rule decided on other items.\n\n";
  std::vector<std::string> ids;
  for (const EvidenceItem* item : items) ids.push_back(item->id);
  return out + evidence_table(*ctx.card().election, ids);
}

std::string recommendations_section(const Context& ctx, const std::vector<Recommendation>& recs) {
  std::string out = fmt::format("{} Recommendations\n\n", hashes(ctx.level + 1));
  if (recs.empty()) return out + "No finding calls for a recommendation.\n\n";
  for (std::size_t i = 0; i < recs.size(); ++i) {
    out += fmt::format("{}. {}  \n   *Prompted by:* ", i + 1, md_line(recs[i].text));
    for (std::size_t t = 0; t < recs[i].triggers.size(); ++t) {
      const Trigger& trigger = recs[i].triggers[t];
      out += t ? "; " : "";
      out += trigger.kind == "red line" ? "red line " + code(trigger.id)
                                        : fmt::format("{} at level {}", code(trigger.id), trigger.level.value_or(0));
    }
    out += "\n";
  }
  return out + "\n";
}

std::string not_assessed_section(const Context& ctx) {
  const Scorecard& card = ctx.card();
  const Framework& framework = *card.framework;
  std::string out = fmt::format("{} What is not assessed, and why\n\n", hashes(ctx.level + 1));
  const auto gaps = not_assessed(card);
  const auto empty_criteria = criteria_not_assessed(card);
  if (gaps.empty()) out += "Every indicator of the framework is assessed.\n\n";
  if (!empty_criteria.empty()) {
    out += "Criteria with nothing assessed, left out of the index (their weight is shared among the others): ";
    for (std::size_t i = 0; i < empty_criteria.size(); ++i)
      out += (i ? ", " : "") + md(framework.criteria[empty_criteria[i]].title);
    out += ".\n\n";
  }
  if (!gaps.empty()) {
    out += "| Criterion | Indicator | Why |\n| --- | --- | --- |\n";
    for (const auto& gap : gaps)
      out += fmt::format("| {} | {} ({}) | {} |\n", md(framework.criteria[gap.criterion].title),
                         md(gap.indicator->question), code(gap.indicator->id), md(gap.why));
    out += "\n";
  }
  const std::size_t left_out = evidence_left_out(card);
  if (left_out > 0)
    out += fmt::format("{} evidence item{} dated after {} {} left out.\n\n", left_out, left_out == 1 ? "" : "s",
                       card.options.as_of ? card.options.as_of->str() : "the as-of date", left_out == 1 ? "is" : "are");
  return out;
}

std::string sources_section(const Context& ctx) {
  const Election& election = *ctx.card().election;
  std::string out = fmt::format("{} Sources\n\n", hashes(ctx.level + 1));
  out += "| Document | Publisher | Kind | Date |\n| --- | --- | --- | --- |\n";
  for (const auto& doc : election.documents)
    out +=
        fmt::format("| *{}* ({}){} | {} | {} | {} |\n", md(doc.title), code(doc.id),
                    doc.url.empty() ? "" : " " + md(doc.url), md(doc.publisher), to_string(doc.kind), doc.date.str());
  return out + "\n";
}

std::string methodology_section(const Briefing& briefing, std::size_t k, int level) {
  const Scorecard& card = *briefing.scorecards[k];
  const Framework& framework = *card.framework;
  const std::string run = uncertainty_words(uncertainty(briefing, k));
  std::string out = fmt::format("{} Methodology\n\n", hashes(level));
  out += fmt::format("- **Framework:** {} ({}, version {})\n", md(framework.title), code(framework.id),
                     md(framework.version));
  out += fmt::format("- **Weights:** {}\n", card.options.weights_profile.empty()
                                                ? std::string("the framework's own")
                                                : "profile " + code(card.options.weights_profile));
  out += fmt::format("- **Aggregation:** {} — {}\n", to_string(card.method), method_words(card.method));
  out +=
      "- **Scoring:** each indicator's level 0–4 scores level × 25. An indicator with no evidence is not assessed "
      "and never counted as zero: its weight is shared among the assessed ones, and coverage says how much was "
      "assessed. Red lines cap a criterion's score or the overall rating.\n";
  out += fmt::format("- **Uncertainty:** {}\n",
                     run.empty() ? std::string("not computed for this report (no draws)") : run);
  out +=
      "- **Evidence grading:** Admiralty code: source reliability A (completely reliable) to F (cannot be judged), "
      "information credibility 1 (confirmed) to 6 (cannot be judged); severity minor, significant, serious, grave.\n";
  out += fmt::format("- **Tool:** scrutineer {}\n\n", SCRUTINEER_VERSION);
  out += "| Rating band | Index from | to below |\n| --- | ---: | ---: |\n";
  for (std::size_t b = 0; b < framework.bands.size(); ++b)
    out += fmt::format(
        "| {} | {:g} | {} |\n", md(framework.bands[b].label), framework.bands[b].min,
        b + 1 < framework.bands.size() ? fmt::format("{:g}", framework.bands[b + 1].min) : std::string("100 (incl.)"));
  return out + "\n";
}

std::string election_body(const Context& ctx) {
  const auto recs = recommendations(ctx.card());
  const auto numbers = recommendation_numbers(recs);
  return headline(ctx) + scores(ctx) + certainty(ctx) + red_lines(ctx) + findings(ctx, numbers) + uncited_section(ctx) +
         recommendations_section(ctx, recs) + not_assessed_section(ctx) + sources_section(ctx);
}

// What changed from one election to the next of the same country (comparison.hpp).
std::string changes_section(const Briefing& briefing) {
  if (!briefing.comparison || briefing.comparison->changes.empty()) return "";
  const Comparison& comparison = *briefing.comparison;
  const Framework& framework = *comparison.framework;
  std::string out = "## Change within each country\n\n";
  for (const auto& change : comparison.changes) {
    const Scorecard& from = *comparison.scorecards[change.from];
    const Scorecard& to = *comparison.scorecards[change.to];
    out += fmt::format("### {} → {}\n\n", md(from.election->title), md(to.election->title));
    out += fmt::format("Index {} → {} (**{}**); rating {} → {}.\n\n", score_text(from.scores.overall.score),
                       score_text(to.scores.overall.score), signed_text(change.overall_change), md(band_label(from)),
                       md(band_label(to)));
    for (const RedLine* red_line : change.red_lines_added)
      out += "- ⚠ Red line crossed anew: " + code(red_line->id) + "\n";
    for (const RedLine* red_line : change.red_lines_removed)
      out += "- Red line no longer crossed: " + code(red_line->id) + "\n";
    if (!change.red_lines_added.empty() || !change.red_lines_removed.empty()) out += "\n";
    out += "| Criterion | Before | After | Change |\n| --- | ---: | ---: | ---: |\n";
    for (std::size_t c = 0; c < framework.criteria.size(); ++c)
      out += fmt::format("| {} | {} | {} | {} |\n", md(framework.criteria[c].title),
                         score_text(from.scores.criteria[c].score), score_text(to.scores.criteria[c].score),
                         signed_text(c < change.criterion_changes.size() ? change.criterion_changes[c] : std::nullopt));
    out += "\n";
    if (!change.indicators.empty()) {
      out += "| Indicator | Before | After | Evidence after |\n| --- | --- | --- | --- |\n";
      for (const auto& indicator : change.indicators) {
        std::string ids;
        for (const auto& id : indicator.to_evidence) ids += (ids.empty() ? "" : " ") + code(id);
        out += fmt::format("| {} ({}) | {} | {} | {} |\n", md(indicator.indicator->question),
                           code(indicator.indicator->id), level_text(indicator.from_level),
                           level_text(indicator.to_level), ids.empty() ? "—" : ids);
      }
      out += "\n";
    }
  }
  return out;
}

std::string comparison(const Briefing& briefing) {
  const Framework& framework = *briefing.scorecards.front()->framework;
  const auto order = comparison_order(briefing);
  const bool is_ranked = ranked(briefing);
  const bool with_draws = briefing.comparison && briefing.comparison->draws > 0;
  std::string out =
      fmt::format("# {}\n\n*Election integrity comparison briefing · framework {} {} · scrutineer {}*\n\n",
                  md(comparison_title(briefing)), md(framework.id), md(framework.version), SCRUTINEER_VERSION);
  out += "## Elections compared\n\n";
  out += is_ranked ? "| Rank | P(rank) | " : "| ";
  out += "Election | Day | Phase | Index | Interval | Rating | Coverage | Red lines |\n";
  out += is_ranked ? "| ---: | ---: | " : "| ";
  out += "--- | --- | --- | ---: | ---: | --- | ---: | --- |\n";
  for (const std::size_t k : order) {
    const Scorecard& card = *briefing.scorecards[k];
    std::string lines;
    for (const auto& hit : card.findings.red_lines) lines += (lines.empty() ? "" : ", ") + code(hit.red_line->id);
    if (is_ranked) {
      const auto r = rank(briefing, k);
      out += fmt::format("| {}{} | {} ", r->rank,
                         r->interval && r->interval->first != r->interval->second
                             ? fmt::format(" ({}–{})", r->interval->first, r->interval->second)
                             : "",
                         r->probability ? percent(*r->probability) : "—");
    }
    out += fmt::format(
        "| {}{} | {} | {} | {} | {} | {} | {} | {} |\n", md(card.election->title),
        card.election->fictional && card.election->title.find("fictional") == std::string::npos ? " *(fictional)*" : "",
        card.election->date.str(), to_string(card.election->phase), score_text(card.scores.overall.score),
        interval_text(overall_interval(briefing, k)), md(band_label(card)), percent(card.scores.overall.coverage),
        lines.empty() ? "none" : lines);
  }
  out += is_ranked && with_draws
             ? "\nBest first. In brackets, the range of ranks across the uncertainty draws; P(rank): the share of "
               "the draws at exactly that rank.\n\n"
             : "\nHighest index first. No uncertainty draws were run for this report: the order alone says nothing "
               "about how sure it is.\n\n";
  out += "## Criteria across elections\n\n| Election | Index |";
  std::string rule = "| --- | ---: |";
  for (const auto& criterion : framework.criteria) {
    out += " " + md(criterion.title) + " |";
    rule += " ---: |";
  }
  out += "\n" + rule + "\n";
  for (const std::size_t k : order) {
    const Scorecard& card = *briefing.scorecards[k];
    out += fmt::format("| {} | {} |", code(card.election->id), score_text(card.scores.overall.score));
    for (const auto& score : card.scores.criteria) out += " " + score_text(score.score) + " |";
    out += "\n";
  }
  out += "\nn/a: not assessed.\n\n";
  out += changes_section(briefing);
  out += methodology_section(briefing, 0, 2);
  for (std::size_t k = 0; k < briefing.scorecards.size(); ++k) {
    out += "---\n\n";
    out += election_body({briefing, k, 2});
  }
  return out;
}

}  // namespace

std::string render_markdown(const Briefing& briefing) {
  if (briefing.scorecards.size() == 1) {
    const Context ctx{briefing, 0, 1};
    return election_body(ctx) + methodology_section(briefing, 0, 2);
  }
  return comparison(briefing);
}

}  // namespace scrutineer

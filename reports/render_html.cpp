// The HTML briefing: one self-contained file, inline CSS and SVG, no scripts, no network.
#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "briefing.hpp"
#include "scrutineer/render.hpp"
#include "svg_charts.hpp"

namespace scrutineer {

namespace {

using namespace briefing;

std::string e(std::string_view text) { return svg::escape(text); }

// Only http(s) links become links; anything else (javascript:, data:, …) is shown as text.
bool safe_url(const std::string& url) {
  auto starts = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != prefix[i]) return false;
    return true;
  };
  if (!starts("https://") && !starts("http://")) return false;
  return std::none_of(url.begin(), url.end(), [](char ch) { return static_cast<unsigned char>(ch) <= ' '; });
}

std::string h(int level, const std::string& attributes, const std::string& inner) {
  level = std::clamp(level, 1, 6);
  return fmt::format("<h{0}{1}>{2}</h{0}>\n", level, attributes.empty() ? "" : " " + attributes, inner);
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string level_badge(const std::optional<int>& level) {
  if (!level) return "<span class=\"level na\">Not assessed</span>";
  const double score = *level * 25.0;
  return fmt::format("<span class=\"level\" style=\"background:{};color:{}\">Level {} of 4</span>",
                     svg::score_fill(score), svg::text_on(score), *level);
}

std::string band_badge(const Scorecard& card) {
  const auto& band = card.scores.overall.band;
  if (!band) return "<span class=\"band-badge na\">Not assessed</span>";
  const Framework& framework = *card.framework;
  const double low = framework.bands[*band].min;
  const double high = *band + 1 < framework.bands.size() ? framework.bands[*band + 1].min : 100.0;
  const double mid = (low + high) / 2;
  return fmt::format("<span class=\"band-badge\" style=\"background:{};color:{}\">{}</span>", svg::score_fill(mid),
                     svg::text_on(mid), e(framework.bands[*band].label));
}

std::vector<svg::BandSpan> band_spans(const Framework& framework) {
  std::vector<svg::BandSpan> spans;
  for (std::size_t b = 0; b < framework.bands.size(); ++b)
    spans.push_back({framework.bands[b].label, framework.bands[b].min,
                     b + 1 < framework.bands.size() ? framework.bands[b + 1].min : 100.0});
  return spans;
}

std::string source_line(const Election& election, const EvidenceItem& item) {
  const Document* doc = election.find_document(item.document);
  if (!doc) return "<code>" + e(item.document) + "</code>";
  return fmt::format("{}<br><cite>{}</cite><br><span class=\"muted\">{}</span>", e(doc->publisher), e(doc->title),
                     e(to_string(doc->kind)));
}

// The table of the evidence behind a finding or a red line.
std::string evidence_table(const Election& election, const std::vector<std::string>& ids, const std::string& caption) {
  std::string out = fmt::format(
      "<table class=\"evidence\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">Evidence</th>"
      "<th scope=\"col\">Quote</th><th scope=\"col\">Source</th><th scope=\"col\">Date</th>"
      "<th scope=\"col\">Grade</th></tr></thead>\n<tbody>\n",
      e(caption));
  for (const auto& id : ids) {
    const EvidenceItem* item = find_item(election, id);
    if (!item) continue;
    const bool undermines = item->polarity == Polarity::Undermines;
    out += fmt::format(
        "<tr><td class=\"ev-id\"><code>{}</code><div class=\"claim\">{}</div></td>"
        "<td class=\"quote\">“{}”</td><td class=\"source\">{}</td><td class=\"date\">{}</td>"
        "<td class=\"grade\"><abbr title=\"{}\">{}</abbr><div class=\"muted\">{}</div>"
        "<div class=\"polarity {}\"><span aria-hidden=\"true\">{}</span> {}</div></td></tr>\n",
        e(item->id), e(item->claim), e(item->quote), source_line(election, *item), item->date.str(),
        e(grade_words(*item)), e(grade(*item)), e(severity_word(item->severity)), undermines ? "down" : "up",
        undermines ? "▼" : "▲", e(to_string(item->polarity)));
  }
  return out + "</tbody>\n</table>\n";
}

// A compact list of citations: quote, publisher, document, date, grade, id.
std::string citations(const Election& election, const std::vector<std::string>& ids) {
  std::string out = "<ul class=\"cites\">\n";
  for (const auto& id : ids) {
    const EvidenceItem* item = find_item(election, id);
    if (!item) continue;
    const Document* doc = election.find_document(item->document);
    out += fmt::format(
        "<li><span class=\"quote\">“{}”</span> — {}, <cite>{}</cite>, {} · <abbr title=\"{}\">{}</abbr> · {} · "
        "<code>{}</code></li>\n",
        e(item->quote), e(doc ? doc->publisher : item->document), e(doc ? doc->title : ""), item->date.str(),
        e(grade_words(*item)), e(grade(*item)), e(severity_word(item->severity)), e(item->id));
  }
  return out + "</ul>\n";
}

std::vector<svg::Bar> criterion_bars(const Briefing& briefing, std::size_t k) {
  const Scorecard& card = *briefing.scorecards[k];
  std::vector<svg::Bar> bars;
  for (std::size_t c = 0; c < card.framework->criteria.size(); ++c) {
    const CriterionScore& score = card.scores.criteria[c];
    bars.push_back(
        {card.framework->criteria[c].title, score.score, criterion_interval(briefing, k, c), score.uncapped});
  }
  return bars;
}

// ── One election ─────────────────────────────────────────────────────────────────────────────

struct Context {
  const Briefing& briefing;
  std::size_t k;
  int level;           // heading level of the election's title
  std::string prefix;  // prefix of element ids, "" for a single-election report
  const Scorecard& card() const { return *briefing.scorecards[k]; }
  std::string id(const std::string& name) const { return prefix.empty() ? name : prefix + "-" + name; }
};

std::string headline(const Context& ctx) {
  const Scorecard& card = ctx.card();
  const Election& election = *card.election;
  const Framework& framework = *card.framework;
  const OverallScore& overall = card.scores.overall;
  std::string out =
      fmt::format("<section class=\"headline\" id=\"{}\" aria-label=\"Headline\">\n", e(ctx.id("headline")));
  if (ctx.prefix.empty()) out += "<p class=\"kicker\">Election integrity briefing</p>\n";
  out += h(ctx.level, "", e(election.title));
  if (election.fictional)
    out +=
        "<p class=\"fictional\"><strong>Fictional election.</strong> Made-up data used to test the tool; this "
        "is not an assessment of a real election.</p>\n";
  const std::size_t left_out = evidence_left_out(card);
  const std::string as_of = card.options.as_of
                                ? fmt::format("{} <span class=\"muted\">({} later item{} left out)</span>",
                                              card.options.as_of->str(), left_out, left_out == 1 ? "" : "s")
                                : std::string("all evidence, no cut-off");
  out += fmt::format(
      "<dl class=\"meta\"><dt>Country</dt><dd>{}</dd><dt>Election day</dt><dd>{}</dd><dt>Type</dt><dd>{}</dd>"
      "<dt>Phase assessed</dt><dd>{}</dd><dt>Evidence as of</dt><dd>{}</dd><dt>Evidence in force</dt>"
      "<dd>{} item{}</dd></dl>\n",
      e(election.country), election.date.str(), e(election.type), e(to_string(election.phase)), as_of,
      card.evidence_in_force, card.evidence_in_force == 1 ? "" : "s");
  const auto interval = overall_interval(ctx.briefing, ctx.k);
  const Uncertainty* u = uncertainty(ctx.briefing, ctx.k);
  const auto probabilities = band_probabilities(ctx.briefing, ctx.k);
  std::string band_note = band_position(card);
  if (overall.band && *overall.band < probabilities.size())
    band_note += fmt::format("; {:.0f}% of the draws", probabilities[*overall.band] * 100);
  out += "<div class=\"verdict\">\n";
  out += fmt::format(
      "<div class=\"cell\"><div class=\"label\">Rating</div><div class=\"rating\">{}</div>"
      "<div class=\"muted\">{}</div></div>\n",
      band_badge(card), e(band_note));
  out += fmt::format(
      "<div class=\"cell\"><div class=\"label\">Integrity index</div><div class=\"big\">{}<span class=\"of\"> / "
      "100</span></div><div class=\"muted\">{}</div></div>\n",
      e(score_text(overall.score)),
      interval ? fmt::format("{:.0f}% interval {}", (u ? u->level : 0.9) * 100, e(interval_text(interval)))
               : std::string("interval not computed"));
  out += fmt::format(
      "<div class=\"cell\"><div class=\"label\">Coverage</div><div class=\"big\">{}</div><div class=\"muted\">of "
      "the framework's weight assessed; {} of {} criteria</div></div>\n",
      percent(overall.coverage), framework.criteria.size() - criteria_not_assessed(card).size(),
      framework.criteria.size());
  out += "</div>\n";
  if (overall.uncapped_band)
    out += fmt::format(
        "<p class=\"capped\"><span aria-hidden=\"true\">⚠</span> A red line caps the rating: the index alone would "
        "put this election in <strong>{}</strong>.</p>\n",
        e(framework.bands[*overall.uncapped_band].label));
  if (overall.coverage < 0.5 && overall.score)
    out += fmt::format(
        "<p class=\"thin\"><strong>Thin evidence:</strong> only {} of the framework is assessed. "
        "The rating describes what the evidence supports, not the whole election.</p>\n",
        percent(overall.coverage));
  return out + "</section>\n";
}

// How sure the assessment is: interval, band probabilities, the evidence the verdict leans on.
std::string certainty(const Context& ctx) {
  const Scorecard& card = ctx.card();
  const Framework& framework = *card.framework;
  const Uncertainty* u = uncertainty(ctx.briefing, ctx.k);
  std::string out = fmt::format("<section id=\"{}\">\n", e(ctx.id("certainty")));
  out += h(ctx.level + 1, "", "How sure is this?");
  if (!u || u->draws == 0) {
    out += "<p>Not computed for this report: no uncertainty draws were run (<code>--draws 0</code>).</p>\n";
  } else {
    out += fmt::format(
        "<p>Over {} draws that vary which evidence stands (each item kept with a probability from its source "
        "reliability and information credibility) and how much each criterion and indicator weighs (Dirichlet "
        "concentration {:g}), the index falls in <strong>{}</strong> in {:.0f}% of the draws (seed {}).</p>\n",
        u->draws, u->concentration, e(interval_text(u->overall)), u->level * 100, u->seed);
    const auto& probabilities = u->band_probabilities;
    std::string words;
    for (std::size_t b = 0; b < probabilities.size() && b < framework.bands.size(); ++b)
      words += fmt::format("{}{} {:.0f}%", b ? ", " : "", framework.bands[b].label, probabilities[b] * 100);
    out += "<figure class=\"bands\">" +
           svg::band_probabilities({ctx.id("chart-bands"), "Probability of each rating band", words},
                                   band_spans(framework), probabilities) +
           "<figcaption>Share of the draws in each rating band: " + e(words) + ".</figcaption></figure>\n";
  }
  if (!card.load_bearing.empty()) {
    out +=
        "<table class=\"load-bearing\">\n<caption>Load-bearing evidence: the index without each item</caption>\n"
        "<thead><tr><th scope=\"col\">Evidence</th><th scope=\"col\" class=\"num\">Index without it</th>"
        "<th scope=\"col\" class=\"num\">Change</th><th scope=\"col\">Rating without it</th></tr></thead>\n"
        "<tbody>\n";
    for (const auto& item : card.load_bearing) {
      const EvidenceItem* evidence = find_item(*card.election, item.id);
      out += fmt::format(
          "<tr><td><code>{}</code> {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}{}</td></tr>\n",
          e(item.id), evidence ? e(evidence->claim) : "", e(score_text(item.score_without)),
          item.change ? fmt::format("{:+.1f}", *item.change) : "—",
          item.band_without ? e(framework.bands[*item.band_without].label) : "not assessed",
          item.band_changed ? " <strong>(changes the rating)</strong>" : "");
    }
    out +=
        "</tbody>\n</table>\n<p class=\"muted\">Each row re-runs the rules and the aggregation without that one "
        "item, with the configured weights.</p>\n";
  }
  return out + "</section>\n";
}

std::string scores(const Context& ctx) {
  const Scorecard& card = ctx.card();
  const Framework& framework = *card.framework;
  std::string out = fmt::format("<section id=\"{}\">\n", e(ctx.id("scores")));
  out += h(ctx.level + 1, "", "Scores by criterion");
  std::string summary;
  for (std::size_t c = 0; c < framework.criteria.size(); ++c)
    summary +=
        fmt::format("{}{} {}", c ? "; " : "", framework.criteria[c].title, score_text(card.scores.criteria[c].score));
  const auto bars = criterion_bars(ctx.briefing, ctx.k);
  out += "<div class=\"charts\">\n<figure>" +
         svg::criterion_bars({ctx.id("chart-criteria"), "Criterion scores, 0 to 100", summary}, bars) +
         "<figcaption>Each criterion scored 0–100 (indicator levels × 25, weighted). Hatched: not assessed; "
         "whiskers: intervals, when computed.</figcaption></figure>\n";
  out += "<figure class=\"radar\">" + svg::radar({ctx.id("chart-radar"), "Radar of the criteria", summary}, bars) +
         "<figcaption>The same scores as a radar; the centre is 0, the outer ring 100. A criterion not assessed "
         "breaks the outline.</figcaption></figure>\n</div>\n";
  out +=
      "<table class=\"scores\">\n<caption>Criterion scores</caption>\n<thead><tr><th scope=\"col\">Criterion</th>"
      "<th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">Interval</th>"
      "<th scope=\"col\" class=\"num\">Coverage</th><th scope=\"col\" class=\"num\">Weight</th>"
      "<th scope=\"col\">Note</th></tr></thead>\n<tbody>\n";
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    const CriterionScore& score = card.scores.criteria[c];
    std::string note;
    if (score.uncapped) note = fmt::format("capped by a red line from {}", score_text(score.uncapped));
    if (!score.score) note = "not assessed";
    out += fmt::format(
        "<tr><th scope=\"row\"><a href=\"#{}\">{}</a></th><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
        e(ctx.id("criterion-" + framework.criteria[c].id)), e(framework.criteria[c].title), e(score_text(score.score)),
        e(interval_text(criterion_interval(ctx.briefing, ctx.k, c))), percent(score.coverage),
        fmt::format("{:g}", card.weights.criteria[c]), e(note));
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string red_lines(const Context& ctx) {
  const Scorecard& card = ctx.card();
  std::string out = fmt::format("<section id=\"{}\">\n", e(ctx.id("red-lines")));
  out += h(ctx.level + 1, "", "Red lines crossed");
  if (card.findings.red_lines.empty()) return out + "<p>No red line was crossed.</p>\n</section>\n";
  for (const auto& hit : card.findings.red_lines) {
    const RedLine& red_line = *hit.red_line;
    out += "<div class=\"redline\">\n";
    out += h(ctx.level + 2, "",
             fmt::format("<span aria-hidden=\"true\">⚠</span> {} <span class=\"muted\">— {}</span>", e(red_line.id),
                         e(red_line_effect(*card.framework, red_line))));
    out += "<p>" + e(red_line.why) + "</p>\n";
    if (!red_line.recommendation.empty())
      out += "<p class=\"rec\"><strong>Recommendation:</strong> " + e(red_line.recommendation) + "</p>\n";
    out += "<p><strong>On the evidence of:</strong></p>\n" + citations(*card.election, hit.evidence);
    out += "</div>\n";
  }
  return out + "</section>\n";
}

std::string findings(const Context& ctx,
                     const std::map<std::string, std::vector<std::size_t>>& recommendation_numbers) {
  const Scorecard& card = ctx.card();
  const Framework& framework = *card.framework;
  std::string out = fmt::format("<section id=\"{}\">\n", e(ctx.id("findings")));
  out += h(ctx.level + 1, "", "Key findings");
  for (std::size_t c = 0; c < framework.criteria.size(); ++c) {
    const Criterion& criterion = framework.criteria[c];
    const CriterionScore& score = card.scores.criteria[c];
    const auto interval = criterion_interval(ctx.briefing, ctx.k, c);
    out += fmt::format("<section class=\"criterion\" id=\"{}\">\n", e(ctx.id("criterion-" + criterion.id)));
    out += h(ctx.level + 2, "",
             fmt::format("{} <span class=\"score\">{}{}</span>", e(criterion.title),
                         score.score ? e(score_text(score.score)) + " / 100" : std::string("not assessed"),
                         interval ? " <span class=\"muted\">(" + e(interval_text(interval)) + ")</span>" : ""));
    out += fmt::format("<p class=\"muted\">{} Coverage {}{}.</p>\n", e(criterion.description), percent(score.coverage),
                       score.uncapped ? "; capped by a red line from " + e(score_text(score.uncapped)) : "");
    std::vector<std::string> skipped;
    for (std::size_t i = 0; i < card.findings.by_criterion[c].size(); ++i) {
      const IndicatorFinding& finding = card.findings.by_criterion[c][i];
      const Indicator& indicator = *finding.indicator;
      if (!finding.level) {
        skipped.push_back(indicator.question);
        continue;
      }
      out += fmt::format("<article class=\"finding\" id=\"{}\">\n<div class=\"finding-head\">{}",
                         e(ctx.id("indicator-" + indicator.id)), level_badge(finding.level));
      out += h(ctx.level + 3, "", e(indicator.question)) + "</div>\n";
      out += fmt::format("<p><strong>What level {} means:</strong> {}</p>\n", *finding.level,
                         e(indicator.anchors[static_cast<std::size_t>(*finding.level)]));
      if (finding.rule)
        out += fmt::format(
            "<p><strong>Decided by</strong> rule <code>{}</code> <span class=\"muted\">({}:{}, {} level {})</span>: "
            "{}</p>\n",
            e(finding.rule->id), e(finding.rule->where.file), finding.rule->where.line,
            finding.rule->effect == RuleEffect::Set
                ? "sets"
                : (finding.rule->effect == RuleEffect::Cap ? "caps at" : "floors at"),
            finding.rule->level, e(finding.rule->why));
      else
        out +=
            "<p><strong>Decided by</strong> the linked evidence (no rule fired): the most serious undermining "
            "item sets the level, else supporting items give 4.</p>\n";
      out += "<p class=\"standards\"><strong>Standards engaged:</strong> ";
      const auto refs = standards(indicator);
      for (std::size_t i = 0; i < refs.size(); ++i) out += (i ? " · " : "") + e(refs[i]);
      out += fmt::format(" <span class=\"muted\">(indicator <code>{}</code>)</span></p>\n", e(indicator.id));
      if (const IndicatorStability* st = stability(ctx.briefing, ctx.k, c, i))
        out += st->modal_level == finding.level
                   ? fmt::format("<p class=\"muted\">This level holds in {} of the uncertainty draws.</p>\n",
                                 percent(st->modal_share))
                   : fmt::format(
                         "<p class=\"muted\">In the uncertainty draws the commonest outcome is {} ({} of "
                         "the draws).</p>\n",
                         st->modal_level ? fmt::format("level {}", *st->modal_level) : "not assessed",
                         percent(st->modal_share));
      for (const auto& note : finding.notes) out += "<p class=\"note\">Note: " + e(capitalised(note)) + "</p>\n";
      if (!finding.evidence.empty())
        out += evidence_table(*card.election, finding.evidence, "Evidence for " + indicator.id);
      auto recs = recommendation_numbers.find(indicator.id);
      if (recs != recommendation_numbers.end()) {
        out += "<p class=\"rec-link\">Recommendation";
        out += recs->second.size() > 1 ? "s " : " ";
        for (std::size_t i = 0; i < recs->second.size(); ++i)
          out += fmt::format("{}<a href=\"#{}\">{}</a>", i ? ", " : "",
                             e(ctx.id(fmt::format("rec-{}", recs->second[i]))), recs->second[i]);
        out += "</p>\n";
      }
      out += "</article>\n";
    }
    if (!skipped.empty()) {
      out += "<p class=\"muted\">Not assessed in this criterion: ";
      for (std::size_t i = 0; i < skipped.size(); ++i) out += (i ? "; " : "") + e(skipped[i]);
      out += fmt::format(" (<a href=\"#{}\">why</a>).</p>\n", e(ctx.id("not-assessed")));
    }
    out += "</section>\n";
  }
  return out + "</section>\n";
}

std::string uncited_section(const Context& ctx) {
  const auto items = uncited_evidence(ctx.card());
  if (items.empty()) return "";
  std::string out = fmt::format("<section id=\"{}\">\n", e(ctx.id("other-evidence")));
  out += h(ctx.level + 1, "", "Other evidence in force");
  out +=
      "<p class=\"muted\">Items of the ledger that no finding above rests on: outweighed by more serious items "
      "on the same indicator, or linked to an indicator that a rule decided on other items.</p>\n";
  std::vector<std::string> ids;
  for (const EvidenceItem* item : items) ids.push_back(item->id);
  out += evidence_table(*ctx.card().election, ids, "Evidence not cited by a finding");
  return out + "</section>\n";
}

std::string recommendations_section(const Context& ctx, const std::vector<Recommendation>& recs) {
  std::string out = fmt::format("<section id=\"{}\">\n", e(ctx.id("recommendations")));
  out += h(ctx.level + 1, "", "Recommendations");
  if (recs.empty()) return out + "<p>No finding calls for a recommendation.</p>\n</section>\n";
  out += "<ol class=\"recs\">\n";
  for (std::size_t i = 0; i < recs.size(); ++i) {
    out +=
        fmt::format("<li id=\"{}\"><p>{}</p><p class=\"muted\">Prompted by: ", e(ctx.id(fmt::format("rec-{}", i + 1))),
                    e(recs[i].text));
    for (std::size_t t = 0; t < recs[i].triggers.size(); ++t) {
      const Trigger& trigger = recs[i].triggers[t];
      out += t ? "; " : "";
      if (trigger.kind == "red line")
        out += fmt::format("red line <code>{}</code>", e(trigger.id));
      else
        out += fmt::format("<a href=\"#{}\"><code>{}</code></a> at level {}", e(ctx.id("indicator-" + trigger.id)),
                           e(trigger.id), trigger.level.value_or(0));
    }
    out += "</p></li>\n";
  }
  return out + "</ol>\n</section>\n";
}

std::string not_assessed_section(const Context& ctx) {
  const Scorecard& card = ctx.card();
  const Framework& framework = *card.framework;
  std::string out = fmt::format("<section id=\"{}\">\n", e(ctx.id("not-assessed")));
  out += h(ctx.level + 1, "", "What is not assessed, and why");
  const auto gaps = not_assessed(card);
  const auto empty_criteria = criteria_not_assessed(card);
  if (gaps.empty()) out += "<p>Every indicator of the framework is assessed.</p>\n";
  if (!empty_criteria.empty()) {
    out += "<p>Criteria with nothing assessed, left out of the index (their weight is shared among the others): ";
    for (std::size_t i = 0; i < empty_criteria.size(); ++i)
      out += (i ? ", " : "") + e(framework.criteria[empty_criteria[i]].title);
    out += ".</p>\n";
  }
  if (!gaps.empty()) {
    out +=
        "<table class=\"gaps\">\n<caption>Indicators not assessed</caption>\n<thead><tr><th scope=\"col\">"
        "Criterion</th><th scope=\"col\">Indicator</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n";
    for (const auto& gap : gaps)
      out += fmt::format("<tr><td>{}</td><td>{} <span class=\"muted\">(<code>{}</code>)</span></td><td>{}</td></tr>\n",
                         e(framework.criteria[gap.criterion].title), e(gap.indicator->question), e(gap.indicator->id),
                         e(gap.why));
    out += "</tbody>\n</table>\n";
  }
  const std::size_t left_out = evidence_left_out(card);
  if (left_out > 0)
    out += fmt::format("<p>{} evidence item{} dated after {} {} left out.</p>\n", left_out, left_out == 1 ? "" : "s",
                       card.options.as_of ? card.options.as_of->str() : "the as-of date", left_out == 1 ? "is" : "are");
  return out + "</section>\n";
}

std::string sources_section(const Context& ctx) {
  const Scorecard& card = ctx.card();
  const Election& election = *card.election;
  std::string out = fmt::format("<section id=\"{}\">\n", e(ctx.id("sources")));
  out += h(ctx.level + 1, "", "Sources");
  out +=
      "<table class=\"sources\">\n<caption>Documents cited by the evidence and the facts</caption>\n<thead><tr>"
      "<th scope=\"col\">Document</th><th scope=\"col\">Publisher</th><th scope=\"col\">Kind</th>"
      "<th scope=\"col\">Date</th></tr></thead>\n<tbody>\n";
  for (const auto& doc : election.documents) {
    std::string title = "<cite>" + e(doc.title) + "</cite>";
    if (!doc.url.empty())
      title += safe_url(doc.url) ? fmt::format("<br><a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>", e(doc.url))
                                 : "<br><span class=\"muted\">" + e(doc.url) + " (not a web link)</span>";
    out += fmt::format(
        "<tr><td>{} <span class=\"muted\">(<code>{}</code>)</span></td><td>{}</td><td>{}</td>"
        "<td class=\"date\">{}</td></tr>\n",
        title, e(doc.id), e(doc.publisher), e(to_string(doc.kind)), doc.date.str());
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string methodology_section(const Briefing& briefing, std::size_t k, int level, const std::string& id) {
  const Scorecard& card = *briefing.scorecards[k];
  const Framework& framework = *card.framework;
  std::string out = fmt::format("<section id=\"{}\">\n", e(id));
  out += h(level, "", "Methodology");
  const std::string run = uncertainty_words(uncertainty(briefing, k));
  out += fmt::format(
      "<dl class=\"method\"><dt>Framework</dt><dd>{} <span class=\"muted\">(<code>{}</code>, version {})</span></dd>"
      "<dt>Weights</dt><dd>{}</dd><dt>Aggregation</dt><dd>{} — {}</dd>"
      "<dt>Scoring</dt><dd>Each indicator's level 0–4 scores level × 25. An indicator with no evidence is not "
      "assessed and never counted as zero: its weight is shared among the assessed ones, and coverage says how "
      "much was assessed. Red lines cap a criterion's score or the overall rating.</dd>"
      "<dt>Uncertainty</dt><dd>{}</dd><dt>Evidence grading</dt><dd>Admiralty code: source reliability A "
      "(completely reliable) to F (cannot be judged), information credibility 1 (confirmed) to 6 (cannot be "
      "judged); severity minor, significant, serious, grave.</dd><dt>Tool</dt><dd>scrutineer {}</dd></dl>\n",
      e(framework.title), e(framework.id), e(framework.version),
      card.options.weights_profile.empty() ? std::string("the framework's own")
                                           : "profile <code>" + e(card.options.weights_profile) + "</code>",
      e(to_string(card.method)), e(method_words(card.method)),
      run.empty() ? std::string("not computed for this report (no draws)") : e(run), SCRUTINEER_VERSION);
  out +=
      "<table class=\"bands-table\">\n<caption>Rating bands</caption>\n<thead><tr><th scope=\"col\">Band</th>"
      "<th scope=\"col\" class=\"num\">Index from</th><th scope=\"col\" class=\"num\">to below</th></tr></thead>\n"
      "<tbody>\n";
  const auto spans = band_spans(framework);
  for (std::size_t b = 0; b < spans.size(); ++b)
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{:g}</td><td class=\"num\">{}</td></tr>\n", e(spans[b].label),
                       spans[b].min,
                       b + 1 < spans.size() ? fmt::format("{:g}", spans[b].max) : std::string("100 (incl.)"));
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string election_body(const Context& ctx) {
  const auto recs = recommendations(ctx.card());
  const auto numbers = recommendation_numbers(recs);
  return headline(ctx) + scores(ctx) + certainty(ctx) + red_lines(ctx) + findings(ctx, numbers) + uncited_section(ctx) +
         recommendations_section(ctx, recs) + not_assessed_section(ctx) + sources_section(ctx);
}

// ── Several elections ────────────────────────────────────────────────────────────────────────

// What changed from one election to the next of the same country (comparison.hpp).
std::string changes_section(const Briefing& briefing) {
  if (!briefing.comparison || briefing.comparison->changes.empty()) return "";
  const Comparison& comparison = *briefing.comparison;
  const Framework& framework = *comparison.framework;
  std::string out = "<section id=\"changes\">\n" + h(2, "", "Change within each country");
  for (const auto& change : comparison.changes) {
    const Scorecard& from = *comparison.scorecards[change.from];
    const Scorecard& to = *comparison.scorecards[change.to];
    out += h(3, "",
             fmt::format("{} <span aria-hidden=\"true\">→</span><span class=\"sr\"> to </span> {}",
                         e(from.election->title), e(to.election->title)));
    out += fmt::format("<p>Index {} → {} (<strong>{}</strong>); rating {} → {}.</p>\n",
                       e(score_text(from.scores.overall.score)), e(score_text(to.scores.overall.score)),
                       signed_text(change.overall_change), e(band_label(from)), e(band_label(to)));
    for (const RedLine* red_line : change.red_lines_added)
      out += "<p><span aria-hidden=\"true\">⚠</span> Red line crossed anew: <code>" + e(red_line->id) + "</code></p>\n";
    for (const RedLine* red_line : change.red_lines_removed)
      out += "<p>Red line no longer crossed: <code>" + e(red_line->id) + "</code></p>\n";
    out +=
        "<table class=\"changes\">\n<caption>Criterion scores</caption>\n<thead><tr><th scope=\"col\">"
        "Criterion</th><th scope=\"col\" class=\"num\">Before</th><th scope=\"col\" class=\"num\">After</th>"
        "<th scope=\"col\" class=\"num\">Change</th></tr></thead>\n<tbody>\n";
    for (std::size_t c = 0; c < framework.criteria.size(); ++c)
      out += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "</tr>\n",
          e(framework.criteria[c].title), e(score_text(from.scores.criteria[c].score)),
          e(score_text(to.scores.criteria[c].score)),
          signed_text(c < change.criterion_changes.size() ? change.criterion_changes[c] : std::nullopt));
    out += "</tbody>\n</table>\n";
    if (!change.indicators.empty()) {
      out +=
          "<table class=\"changes\">\n<caption>Indicators whose level changed</caption>\n<thead><tr>"
          "<th scope=\"col\">Indicator</th><th scope=\"col\">Before</th><th scope=\"col\">After</th>"
          "<th scope=\"col\">Evidence after</th></tr></thead>\n<tbody>\n";
      for (const auto& indicator : change.indicators) {
        std::string ids;
        for (const auto& id : indicator.to_evidence) ids += (ids.empty() ? "" : " ") + ("<code>" + e(id) + "</code>");
        out += fmt::format(
            "<tr><td>{} <span class=\"muted\">(<code>{}</code>)</span></td><td>{}</td><td>{}</td>"
            "<td>{}</td></tr>\n",
            e(indicator.indicator->question), e(indicator.indicator->id), level_text(indicator.from_level),
            level_text(indicator.to_level), ids.empty() ? "—" : ids);
      }
      out += "</tbody>\n</table>\n";
    }
  }
  return out + "</section>\n";
}

std::string comparison_body(const Briefing& briefing) {
  const Framework& framework = *briefing.scorecards.front()->framework;
  const auto order = comparison_order(briefing);
  const bool is_ranked = ranked(briefing);
  std::string out =
      "<section class=\"headline\" id=\"overview\" aria-label=\"Overview\">\n"
      "<p class=\"kicker\">Election integrity comparison briefing</p>\n";
  out += h(1, "", e(comparison_title(briefing)));
  out += fmt::format(
      "<p class=\"muted\">Framework {} (<code>{}</code>, version {}). Each election's own briefing "
      "follows the overview.</p>\n",
      e(framework.title), e(framework.id), e(framework.version));
  out += "<table class=\"overview\">\n<caption>Elections compared</caption>\n<thead><tr>";
  out += is_ranked ? "<th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\" class=\"num\">P(rank)</th>" : "";
  out +=
      "<th scope=\"col\">Election</th><th scope=\"col\">Day</th><th scope=\"col\">Phase</th>"
      "<th scope=\"col\" class=\"num\">Index</th><th scope=\"col\" class=\"num\">Interval</th>"
      "<th scope=\"col\">Rating</th><th scope=\"col\" class=\"num\">Coverage</th><th scope=\"col\">Red lines</th>"
      "</tr></thead>\n<tbody>\n";
  for (const std::size_t k : order) {
    const Scorecard& card = *briefing.scorecards[k];
    std::string lines;
    for (const auto& hit : card.findings.red_lines) lines += (lines.empty() ? "" : ", ") + e(hit.red_line->id);
    std::string rank_cell;
    if (is_ranked) {
      const auto r = rank(briefing, k);
      rank_cell = fmt::format(
          "<td class=\"num\">{}{}</td><td class=\"num\">{}</td>", r->rank,
          r->interval && r->interval->first != r->interval->second
              ? fmt::format(" <span class=\"muted\">({}–{})</span>", r->interval->first, r->interval->second)
              : "",
          r->probability ? percent(*r->probability) : "—");
    }
    out += fmt::format(
        "<tr>{}<th scope=\"row\"><a href=\"#{}\">{}</a>{}</th><td class=\"date\">{}</td><td>{}</td><td "
        "class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
        rank_cell, e(card.election->id + "-headline"), e(card.election->title),
        card.election->fictional && card.election->title.find("fictional") == std::string::npos
            ? " <span class=\"tag\">fictional</span>"
            : "",
        card.election->date.str(), e(to_string(card.election->phase)), e(score_text(card.scores.overall.score)),
        e(interval_text(overall_interval(briefing, k))), band_badge(card), percent(card.scores.overall.coverage),
        lines.empty() ? "none" : lines);
  }
  out += "</tbody>\n</table>\n</section>\n";

  // Heatmap of elections × criteria.
  std::vector<std::string> columns{"Index"};
  for (const auto& criterion : framework.criteria) columns.push_back(criterion.title);
  std::vector<svg::HeatRow> rows;
  std::string heat_desc;
  for (const std::size_t k : order) {
    const Scorecard& card = *briefing.scorecards[k];
    svg::HeatRow row{card.election->title, {card.scores.overall.score}};
    for (const auto& score : card.scores.criteria) row.values.push_back(score.score);
    heat_desc += fmt::format("{}{}: index {}", heat_desc.empty() ? "" : "; ", card.election->title,
                             score_text(card.scores.overall.score));
    rows.push_back(std::move(row));
  }
  out += "<section id=\"heatmap\">\n" + h(2, "", "Criteria across elections");
  out += "<figure>" + svg::heatmap({"chart-heatmap", "Heatmap of elections by criteria", heat_desc}, columns, rows) +
         "<figcaption>Every cell prints its score; hatched n/a: not assessed. The first column is the overall "
         "index.</figcaption></figure>\n</section>\n";

  // Ranking with intervals.
  std::vector<svg::RankRow> rank_rows;
  for (const std::size_t k : order) {
    const Scorecard& card = *briefing.scorecards[k];
    std::string r;
    if (const auto rk = rank(briefing, k)) {
      r = std::to_string(rk->rank);
      if (rk->interval && rk->interval->first != rk->interval->second)
        r += fmt::format(" ({}–{})", rk->interval->first, rk->interval->second);
    }
    rank_rows.push_back({r, card.election->title, card.scores.overall.score, overall_interval(briefing, k)});
  }
  out += "<section id=\"ranking\">\n" + h(2, "", is_ranked ? "Ranking" : "Overall index by election");
  out += "<figure>" +
         svg::ranking({"chart-ranking", is_ranked ? "Ranking with intervals" : "Overall index by election", heat_desc},
                      band_spans(framework), rank_rows);
  const bool with_draws = briefing.comparison && briefing.comparison->draws > 0;
  out += is_ranked && with_draws
             ? "<figcaption>Best first. In brackets, the range of ranks across the uncertainty draws; dots are "
               "indices, whiskers their intervals, shading the rating bands.</figcaption>"
             : "<figcaption>Highest index first. No uncertainty draws were run for this report: the order alone says "
               "nothing about how sure it is. Shading: the rating bands.</figcaption>";
  out += "</figure>\n</section>\n";
  out += changes_section(briefing);
  out += methodology_section(briefing, 0, 2, "methodology");
  for (std::size_t k = 0; k < briefing.scorecards.size(); ++k) {
    const Context ctx{briefing, k, 2, briefing.scorecards[k]->election->id};
    out += "<article class=\"annex\">\n" + election_body(ctx) + "</article>\n";
  }
  return out;
}

const char* const kCss = R"css(
:root{--ink:#1a1a1a;--muted:#595959;--rule:#d6d6d6;--accent:#2b4f7e;--tint:#eef2f7}
*{box-sizing:border-box}
html{font-family:"Source Sans 3","Segoe UI","Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif;
  color:var(--ink);background:#ecece8;line-height:1.45;font-size:15px}
body{margin:0}
main{max-width:1000px;margin:0 auto;background:#fff;padding:28px 48px 40px;box-shadow:0 0 12px rgba(0,0,0,.08)}
.masthead{max-width:1000px;margin:0 auto;padding:10px 48px;background:var(--accent);color:#fff;font-size:13px;
  display:flex;justify-content:space-between;letter-spacing:.02em}
footer{max-width:1000px;margin:0 auto;padding:10px 48px 24px;font-size:12px;color:var(--muted)}
h1{font-size:28px;line-height:1.2;margin:.1em 0 .5em}
h2{font-size:21px;color:var(--accent);border-bottom:2px solid var(--accent);padding-bottom:3px;margin:1.8em 0 .6em}
h3{font-size:18px;margin:1.5em 0 .4em}
h4{font-size:16px;margin:1.2em 0 .3em}
h5,h6{font-size:15px;margin:.8em 0 .3em}
.annex>section:first-child h2{font-size:24px;color:var(--ink);border-bottom:4px double var(--accent)}
.kicker{text-transform:uppercase;letter-spacing:.1em;font-size:12px;color:var(--muted);margin:0}
.muted{color:var(--muted)}
code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.86em;background:#f3f3f3;padding:0 3px;
  border-radius:3px}
a{color:var(--accent)}
.fictional{background:#fff4d6;border:2px dashed #9a6b00;padding:8px 12px;border-radius:4px}
dl.meta{display:grid;grid-template-columns:max-content 1fr max-content 1fr max-content 1fr;gap:4px 14px;
  margin:0 0 16px;font-size:14px}
dl.meta dt{color:var(--muted)} dl.meta dd{margin:0;font-weight:600}
.verdict{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin:8px 0 12px}
.verdict .cell{border:1px solid var(--rule);border-top:4px solid var(--accent);border-radius:4px;padding:10px 14px}
.verdict .label{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted)}
.verdict .big{font-size:30px;font-weight:700;line-height:1.2}
.verdict .of{font-size:15px;font-weight:400;color:var(--muted)}
.verdict .rating{margin:6px 0 4px}
.band-badge{display:inline-block;font-size:20px;font-weight:700;padding:3px 12px;border-radius:4px;
  border:1.5px solid var(--ink)}
.band-badge.na,.level.na{background:#f2f2f2;color:var(--ink)}
.overview .band-badge{font-size:13px;padding:1px 7px}
.capped,.thin{border-left:5px solid #d73027;background:#fdf0ee;padding:8px 12px;margin:8px 0}
.thin{border-left-color:#9a6b00;background:#fff8e6}
.charts{display:grid;grid-template-columns:52fr 40fr;gap:8px 20px;align-items:start}
.charts figure{min-width:0;margin:6px 0}
figure{margin:10px 0;break-inside:avoid}
figcaption{font-size:13px;color:var(--muted);max-width:700px}
svg.chart{max-width:100%;height:auto;display:block}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin:8px 0 14px}
caption{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);
  padding:0 0 4px}
th,td{border-bottom:1px solid var(--rule);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--tint);border-bottom:2px solid #b7c3d3}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.redline{border:1px solid #e8b7b0;border-left:6px solid #d73027;background:#fffaf9;padding:4px 16px 8px;margin:12px 0;
  border-radius:4px}
.redline h3,.redline h4,.redline h5{margin-top:.6em}
.criterion .score{font-weight:400;color:var(--muted);font-size:.9em;margin-left:.4em}
.finding{border:1px solid var(--rule);border-radius:5px;padding:6px 16px 4px;margin:12px 0}
.finding-head{display:flex;gap:12px;align-items:baseline}
.finding-head h4,.finding-head h5,.finding-head h6{margin:.5em 0 .2em}
.level{display:inline-block;white-space:nowrap;font-size:12.5px;font-weight:700;padding:2px 8px;border-radius:4px;
  border:1px solid rgba(0,0,0,.45)}
.finding p{margin:.35em 0}
table.evidence{font-size:13px}
table.evidence td.ev-id{width:19%} table.evidence td.quote{width:43%;font-style:italic}
table.evidence td.source{width:20%} table.evidence td.date{white-space:nowrap}
table.evidence .claim{font-size:12px;color:var(--muted);margin-top:2px}
table.evidence td,table.gaps td,table.sources td,table.load-bearing td{overflow-wrap:anywhere}
.polarity{font-size:12px;white-space:nowrap} .polarity.down span{color:#b2182b} .polarity.up span{color:#2166ac}
abbr{text-decoration:underline dotted;cursor:help;font-weight:700}
ol.recs li{margin:0 0 10px} ol.recs p{margin:.15em 0}
dl.method{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px}
dl.method dt{font-weight:700} dl.method dd{margin:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.tag{font-size:11px;border:1px solid var(--muted);border-radius:3px;padding:0 4px;color:var(--muted)}
.annex{border-top:1px solid var(--rule);margin-top:36px}
td.date,th.date{white-space:nowrap}
ul.cites{padding-left:1.1em;margin:.4em 0 .6em} ul.cites li{margin:0 0 6px}
ul.cites .quote{font-style:italic}
@media screen and (max-width:760px){main{padding:16px}dl.meta{grid-template-columns:max-content 1fr}.verdict,.charts{grid-template-columns:1fr}}
@media print{
  @page{size:A4;margin:15mm 14mm 16mm}
  html{background:#fff;font-size:10pt}
  main{max-width:none;padding:0;box-shadow:none}
  .masthead{background:none;color:var(--ink);border-bottom:2px solid var(--accent);padding:0 0 4px;max-width:none}
  footer{padding:8px 0 0;max-width:none}
  h2,h3,h4,h5{break-after:avoid}
  .finding,.redline,figure,tr,.verdict,ol.recs li{break-inside:avoid}
  .annex{break-before:page;border-top:none}
  .charts{grid-template-columns:1fr}
  .charts figure svg{max-width:560px}
  .charts figure.radar svg{max-width:380px;margin:0 auto}
  a{color:inherit;text-decoration:none}
  table{font-size:9pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

std::string page(const std::string& title, const std::string& framework_line, const std::string& body) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n";
  out += fmt::format("<meta name=\"generator\" content=\"scrutineer {}\">\n<title>{}</title>\n<style>",
                     SCRUTINEER_VERSION, e(title));
  out += kCss;
  out += svg::chart_css();
  out += "\n</style>\n</head>\n<body>\n";
  out += fmt::format(
      "<header class=\"masthead\"><span>scrutineer · election integrity briefing</span><span>{}</span>"
      "</header>\n<main>\n",
      framework_line);
  out += body;
  out += fmt::format(
      "</main>\n<footer>Generated by scrutineer {}. Every score traces to the evidence cited; every "
      "quote is verbatim from the document named.</footer>\n</body>\n</html>\n",
      SCRUTINEER_VERSION);
  return out;
}

}  // namespace

std::string render_html(const Briefing& briefing) {
  const Scorecard& first = *briefing.scorecards.front();
  const Framework& framework = *first.framework;
  const std::string framework_line = fmt::format("framework {} {}", e(framework.id), e(framework.version));
  if (briefing.scorecards.size() == 1) {
    const Context ctx{briefing, 0, 1, ""};
    return page("Briefing: " + first.election->title, framework_line,
                election_body(ctx) + methodology_section(briefing, 0, 2, "methodology"));
  }
  return page(comparison_title(briefing), framework_line, comparison_body(briefing));
}

}  // namespace scrutineer

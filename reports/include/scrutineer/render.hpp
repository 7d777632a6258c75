// Renderers: turn a Scorecard into text for people and programs. They only read the result
// model; they never recompute a score. Every output is byte-identical for the same scorecard.
#pragma once
#include <string>
#include <vector>

#include "scrutineer/comparison.hpp"
#include "scrutineer/scorecard.hpp"

namespace scrutineer {

enum class Explain { None, All, Fails };  // Fails: only indicators below their top level

// A compact scorecard for a terminal; with `explain`, each indicator's rule, file:line and the
// quotes behind it.
std::string render_text(const Scorecard& card, Explain explain = Explain::None);

// The "scrutineer.scorecard/1" JSON contract (docs/json.md), keys in a fixed order, 2-space
// indentation, numbers rounded to 4 decimals, ending in a newline.
std::string render_json(const Scorecard& card);
// The same JSON on one line (no indentation), ending in a newline: one record of
// `scrutineer assess --batch` (JSON Lines).
std::string render_json_line(const Scorecard& card);

// Scores printed to people: one decimal.
std::string format_score(const std::optional<double>& score);

// ── Briefing reports (docs/reports.md) ─────────────────────────────────────────────────────────
// One scorecard makes a scorecard briefing; several make a comparison briefing (a comparison
// overview, then each election's briefing as an annex). Renderers show what the model holds and
// never compute a score, an interval or a rank themselves: what was not computed is shown as "—".
// Intervals and band probabilities come from each scorecard's `uncertainty` (when that stage
// ran); ranks and rank intervals from `comparison` (when given).
struct Briefing {
  std::vector<const Scorecard*> scorecards;  // REQUIRES: at least one, all on one framework
  const Comparison* comparison = nullptr;    // optional; its scorecards are these
};

// One self-contained HTML file: inline CSS and SVG charts, no scripts, no network requests; a
// Content-Security-Policy forbids both. Every text from the inputs is escaped.
std::string render_html(const Briefing& briefing);

// The same content as GitHub-flavoured Markdown, every text from the inputs escaped.
std::string render_markdown(const Briefing& briefing);

// Tidy CSV, one row per (election, indicator) (columns: docs/reports.md): RFC 4180 quoting, CRLF
// line ends, UTF-8 without a byte-order mark; text cells that begin with =, +, -, @, a tab or a
// carriage return are prefixed with ' so that no spreadsheet reads them as a formula.
std::string render_csv(const Briefing& briefing);

// The Chromium executable used for PDF output: $SCRUTINEER_CHROMIUM when set (even if it does not
// exist, so tests can simulate its absence), else /usr/bin/chromium, else `chromium` on PATH;
// "" when there is none.
std::string find_chromium();

// Prints `html` to PDF with headless Chromium into `path`, atomically (a temporary file, then
// rename). Returns "" on success, else a message; *missing_browser is set when no Chromium
// was found (the message then names the package to install).
std::string print_pdf(const std::string& html, const std::string& path, bool* missing_browser = nullptr);

}  // namespace scrutineer

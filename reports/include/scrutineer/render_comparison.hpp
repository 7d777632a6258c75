// Renderers of a Comparison (comparison.hpp): they only read it, never rank or score anything
// themselves. Every output is byte-identical for the same comparison, and names the seed.
#pragma once
#include <string>

#include "scrutineer/comparison.hpp"

namespace scrutineer {

// A terminal table: ranking with intervals and rank probabilities, the pairwise matrix,
// criterion scores side by side, and the change within each country with its evidence.
std::string render_comparison_text(const Comparison& comparison);

// The "scrutineer.comparison/1" contract (docs/json.md): keys in a fixed order, 2-space
// indentation, numbers rounded to 4 decimals, ending in a newline.
std::string render_comparison_json(const Comparison& comparison);

// The same content as GitHub-flavoured Markdown tables, every text from the inputs escaped.
std::string render_comparison_markdown(const Comparison& comparison);

// One row per election, in rank order (columns: docs/json.md, "Comparison CSV"): RFC 4180
// quoting, CRLF line ends, text cells that begin with =, +, -, @, a tab or a carriage return
// prefixed with ' so no spreadsheet reads them as a formula.
std::string render_comparison_csv(const Comparison& comparison);

}  // namespace scrutineer

// Renderers: turn a Scorecard into text for people and programs. They only read the result
// model; they never recompute a score. Every output is byte-identical for the same scorecard.
#pragma once
#include <string>

#include "scrutineer/scorecard.hpp"

namespace scrutineer {

enum class Explain { None, All, Fails };  // Fails: only indicators below their top level

// A compact scorecard for a terminal; with `explain`, each indicator's rule, file:line and the
// quotes behind it.
std::string render_text(const Scorecard& card, Explain explain = Explain::None);

// The "scrutineer.scorecard/1" JSON contract (docs/json.md), keys in a fixed order, 2-space
// indentation, numbers rounded to 4 decimals, ending in a newline.
std::string render_json(const Scorecard& card);

// Scores printed to people: one decimal.
std::string format_score(const std::optional<double>& score);

}  // namespace scrutineer

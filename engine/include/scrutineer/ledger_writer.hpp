// Ledger writer: evidence items as TOML text, keys in the order of docs/formats.md, strings
// escaped by toml++. Used by `extract` (candidates) and `import` (spreadsheets).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/election.hpp"

namespace scrutineer {

// What `extract` knows about a candidate beyond the ledger's own fields.
struct ExtractionNotes {
  std::string sha256;                        // of the document the quote was found in
  std::vector<std::string> cues;             // "kind:matched text", in sentence order
  bool negated = false;                      // a negation cue governs a tag phrase
  std::vector<std::string> dates_mentioned;  // ISO 8601: YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD
};

// A TOML string literal ("…", escaped; non-ASCII kept as UTF-8).
std::string toml_string(std::string_view text);
// ["a", "b"]
std::string toml_string_array(const std::vector<std::string>& items);

// One [[evidence]] table, ending with a blank line. Optional fields are written only when set:
// status only when candidate, location when both offsets are known, date when valid,
// corroborated_by when non-empty. `notes`, when given, adds sha256, cues, negated and
// dates_mentioned.
std::string evidence_item_toml(const EvidenceItem& item, const ExtractionNotes* notes = nullptr);

}  // namespace scrutineer

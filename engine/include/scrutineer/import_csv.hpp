// Import: an evidence ledger from a spreadsheet saved as CSV (RFC 4180: comma-separated, fields
// with commas, quotes or line breaks in double quotes, "" for a quote inside them; UTF-8, a byte
// order mark is ignored).
//
// The first row names the columns, in any order; each further row is one evidence item. The
// column names are the ledger's keys (docs/formats.md), with `location` split in two:
//   required: id, claim, quote, document, tags, indicators, date, reliability, credibility,
//             severity, polarity
//   optional: status (default reviewed), start and end (byte offsets, both or neither),
//             corroborated_by
// Multi-valued cells (tags, indicators, corroborated_by) separate values with ';'. Dates are
// YYYY-MM-DD. Rows whose cells are all empty are skipped. See docs/evidence-tools.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/diagnostics.hpp"
#include "scrutineer/election.hpp"

namespace scrutineer {

// One CSV cell and where it starts in the file (1-based line, column in code points).
struct CsvCell {
  std::string text;
  int line = 0;
  int column = 0;
};
using CsvRow = std::vector<CsvCell>;

// Splits CSV text into rows of cells (RFC 4180). Malformed quoting is reported to `diags`
// (as `file`:line:col) and parsing continues with the next line; returns every row read.
std::vector<CsvRow> parse_csv(const std::string& file, std::string_view text, Diagnostics& diags);

// Reads evidence items from CSV text, checking every cell; every problem goes to `diags` as
//   file:line:col: error: row R, column C (name): …
// where R is the spreadsheet row (the header is row 1) and C the spreadsheet column letter.
// Returns nullopt when there was any problem.
std::optional<std::vector<EvidenceItem>> import_evidence_csv(const std::string& file,
                                                             std::string_view text,
                                                             Diagnostics& diags);

// The ledger text for imported items: a comment naming the source, then [[evidence]] tables.
std::string imported_ledger_toml(const std::vector<EvidenceItem>& items, const std::string& source);

}  // namespace scrutineer

// Verify: every quote in a ledger appears in the document it cites.
//
// For each document with a `path`: the path must stay inside the corpus directory (no absolute
// path, no `..`, no symbolic link out), the file must be UTF-8 and its SHA-256 must equal the
// recorded `sha256`. For each evidence item citing such a document: its quote, normalised (see
// normalise.hpp), must occur in the normalised document; when the item has a `location`, the
// bytes [start, end) of the file must normalise to the quote. A quote that is not found is
// reported with the nearest text the document does contain.
#pragma once
#include <cstddef>
#include <string>

#include "scrutineer/diagnostics.hpp"
#include "scrutineer/election.hpp"

namespace scrutineer {

struct VerifySummary {
  std::size_t documents_checked = 0;  // documents with a path
  std::size_t quotes_checked = 0;     // items whose document has a path
  std::size_t quotes_unverifiable = 0;  // items whose document has no path (nothing to check)
  std::size_t failures = 0;           // problems reported
};

// Checks `election` against the files in `corpus_dir`, reporting every problem to `diags` as
// file:line:col of the offending document or quote. Never throws for bad input.
VerifySummary verify_election(const Election& election, const std::string& corpus_dir,
                              Diagnostics& diags);

}  // namespace scrutineer

// Batch: assess many elections in one run (`scrutineer assess --batch`), from a directory tree or
// a JSON Lines stream, writing one JSON scorecard per line (docs/uncertainty.md, "Batch").
// Streaming: a bounded number of elections is in memory at a time, whatever the input's size.
// Parallel: elections are spread over threads, and every result is a function of the election,
// the framework, the options and the seed only (each election draws from its own stream), so
// the output is byte-identical whatever the thread count and identical, line for line, to
// `scrutineer assess DIR --format json` on each election.
#pragma once
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "scrutineer/diagnostics.hpp"
#include "scrutineer/election.hpp"
#include "scrutineer/framework.hpp"
#include "scrutineer/scorecard.hpp"
#include "scrutineer/uncertainty.hpp"

namespace scrutineer {

// ---- the JSON Lines election format ----

// One election as one JSON object: {"election": {...}, "facts": {...}, "documents": [...],
// "evidence": [...]}, with the keys, types and rules of election.toml, documents.toml and
// evidence.toml (docs/formats.md); dates are "YYYY-MM-DD" strings. Validated like a directory:
// every problem goes to `diags` at `origin`:`line`, prefixed with the JSON path of the value
// ("evidence[3].reliability: …"); nullopt when there was any. With `framework`, evidence must
// name its indicators.
std::optional<Election> parse_election_json(std::string_view text, const std::string& origin,
                                            std::size_t line, Diagnostics& diags,
                                            const Framework* framework = nullptr);

// The election in that format, on one line (no newline at the end). parse_election_json reads
// back an equal election (source positions aside).
std::string election_json_line(const Election& election);

// ---- running a batch ----

struct BatchInput {
  std::string origin;     // where it comes from, for messages: a file name, "-" for stdin
  std::size_t line = 0;   // JSON Lines: the 1-based line; 0 for a directory
  std::string json;       // one election in the JSON Lines format, or
  std::string directory;  // an election directory (when json is empty)
};

// Fills `input` with the next election and returns true, or returns false at the end.
using BatchSource = std::function<bool(BatchInput& input)>;

// Every non-blank line of `in`.
BatchSource json_lines_source(std::istream& in, std::string origin);

// Every directory under `root` (itself included) that holds election.toml, in lexicographic
// path order; the walk does not descend into an election directory.
BatchSource directory_tree_source(const std::string& root);

struct BatchOptions {
  AssessOptions assess;
  UncertaintyOptions uncertainty;
  std::size_t threads = 0;  // 0: std::thread::hardware_concurrency()
  std::size_t chunk = 0;    // elections in flight at once; 0: 64 per thread
  // Called from the calling thread after each chunk with the elections done so far.
  std::function<void(std::size_t done)> progress;
};

struct BatchSummary {
  std::size_t assessed = 0;
  std::size_t failed = 0;  // inputs that did not load; each gave an error record
};

// Assesses every election of `source` and writes, in input order, one line per input to `out`:
// render_json_line of its scorecard (with uncertainty and load-bearing evidence), or for an input
// that does not load {"schema":"scrutineer.batch-error/1","source":"FILE:LINE","errors":[…]}
// (also written to `err` as diagnostics).
// REQUIRES: the weight options in `options.assess` valid for `framework`.
BatchSummary run_batch(const Framework& framework, const BatchSource& source, std::ostream& out,
                       std::ostream& err, const BatchOptions& options);

}  // namespace scrutineer

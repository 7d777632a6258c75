// Extract: candidate evidence from plain-text documents — the sentences in which a lexicon's
// phrases or patterns occur, with the tags and indicators they suggest, the cues around them
// (negation, hedging, actors), and the dates they mention.
//
// Matching uses RE2: an RE2::Set of every tag entry first skips, in one early-exit pass, each line
// in which none occurs (every line break ends a sentence); the lines that remain are split into
// sentences (SentenceSplitter, ICU), the set says which entries occur in each sentence, and a
// second RE2::Set which cues. Pure: the same documents and lexicon give the same candidates.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/date.hpp"
#include "scrutineer/election.hpp"
#include "scrutineer/lexicon.hpp"
#include "scrutineer/sentences.hpp"

namespace scrutineer {

struct Candidate {
  Span span;          // byte offsets of the sentence in the document
  std::string quote;  // the sentence, verbatim
  std::vector<std::string> tags;        // in lexicon order
  std::vector<std::string> indicators;  // the tags' indicators, in order, without repeats
  std::vector<std::string> cues;        // "kind:matched text" in sentence order; kind is a tag
                                        // id, "negation", "hedging" or an [actors] key
  bool negated = false;  // a negation cue precedes a tag phrase within the lexicon's window
  std::vector<std::string> dates_mentioned;  // ISO 8601, see extract_dates
  int severity = 1;                          // highest suggested severity of its tags
  Polarity polarity = Polarity::Undermines;  // supports only when every tag supports
};

// Dates written in `text`, in order of appearance, without repeats, as ISO 8601:
// "23 July 2023", "July 23, 2023" and "2023-07-23" → 2023-07-23; "February 2024" → 2024-02;
// "May 25th" → --05-25 (day and month, no year); a year 1900–2099 alone → 2017.
// Month names are English and capitalised ("may" is not a month).
std::vector<std::string> extract_dates(std::string_view text);

class Extractor {
 public:
  // REQUIRES: `lexicon` came from load_lexicon (its expressions compile). Keeps a copy.
  // Throws std::runtime_error if RE2 or ICU cannot build the matchers.
  explicit Extractor(const Lexicon& lexicon);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // The candidate sentences of one document, in order. Thread-safe.
  // REQUIRES: `text` is valid UTF-8 (first_invalid_utf8) and smaller than 2 GiB.
  std::vector<Candidate> extract(std::string_view text) const;

  // The tag entries' expressions, one per entry, for `grep -E -i -f` (see bench/).
  std::vector<std::string> grep_patterns() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A document and what was extracted from it, for writing a ledger of candidates.
struct ExtractedDocument {
  std::string id;      // document id: from --documents when it lists the file, else the file stem
  std::string path;    // as given on the command line
  std::string sha256;
  Date date;           // publication date when known (from --documents), else invalid
  std::vector<std::string> also;  // other listed documents with the same file (a compilation)
  std::vector<Candidate> candidates;
};

// The [[documents]] of a documents.toml (docs/formats.md), read leniently — only id, path,
// sha256 and date — to give extracted files their ledger ids. Problems go to `diags`.
std::optional<std::vector<Document>> read_document_list(const std::string& path, Diagnostics& diags);

// The id and date for a file: the first listed document with the same sha256, else with the same
// file name; otherwise the file's stem and no date. Other listed documents with the same file go
// to `also` (the ledger's header names them, for the reviewer to pick the right one).
void name_document(ExtractedDocument& doc, const std::vector<Document>& listed);

// Candidate ids: "<prefix>c-<document id>-<start offset>", prefix "<election>-" when given.
std::string candidate_id(const std::string& election_id, const std::string& document_id,
                         std::size_t start);

// The ledger: a comment header, then one [[evidence]] table per candidate (status "candidate",
// reliability F and credibility 6 — "cannot be judged" until a person grades them).
std::string candidates_toml(const std::vector<ExtractedDocument>& documents,
                            const std::string& election_id, const Lexicon& lexicon);

}  // namespace scrutineer

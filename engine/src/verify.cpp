#include "scrutineer/verify.hpp"

#include <fmt/core.h>

#include <map>
#include <optional>
#include <set>

#include "scrutineer/corpus.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/normalise.hpp"

namespace scrutineer {

namespace {

constexpr std::size_t kShownCodePoints = 240;

// Document text for a message, on one line: white space runs become one space; in double quotes,
// shortened in the middle when long.
std::string shown(std::string_view bytes) {
  std::u32string text = normalise(bytes).text;  // for the code point count
  // Keep the document's own characters (curly quotes and all), only white space collapsed.
  std::string one_line;
  bool space = false;
  for (char c : bytes) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !one_line.empty();
      continue;
    }
    if (space) one_line += ' ';
    space = false;
    one_line += c;
  }
  if (text.size() <= kShownCodePoints) return "\"" + one_line + "\"";
  // Cut on code point boundaries of the one-line text.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < one_line.size(); ++i)
    if ((static_cast<unsigned char>(one_line[i]) & 0xC0) != 0x80) starts.push_back(i);
  const std::size_t half = kShownCodePoints / 2;
  if (starts.size() <= kShownCodePoints) return "\"" + one_line + "\"";
  return "\"" + one_line.substr(0, starts[half]) + " … " + one_line.substr(starts[starts.size() - half]) + "\"";
}

struct LoadedDocument {
  bool ok = false;  // readable, inside the corpus, UTF-8 (a wrong sha256 still lets quotes be checked)
  std::string shown_path;
  std::string bytes;
  NormalisedText normal;
};

}  // namespace

VerifySummary verify_election(const Election& election, const std::string& corpus_dir,
                              Diagnostics& diags) {
  VerifySummary summary;
  const std::size_t errors_before = diags.size();
  std::map<std::string, LoadedDocument> loaded;

  for (const auto& doc : election.documents) {
    if (doc.path.empty()) continue;
    ++summary.documents_checked;
    LoadedDocument& entry = loaded[doc.id];
    entry.shown_path = doc.path;
    std::string why;
    const std::string file = resolve_in_corpus(corpus_dir, doc.path, &why);
    if (file.empty()) {
      diags.error(doc.where, fmt::format("document '{}': {}", doc.id, why));
      continue;
    }
    Diagnostics read_problems;
    auto bytes = read_file(file, read_problems);
    if (!bytes) {
      const std::string cause = read_problems.empty() ? "cannot read it" : read_problems.errors()[0].message;
      diags.error(doc.where, fmt::format("document '{}': {}: {} (corpus directory '{}')", doc.id, file,
                                         cause, corpus_dir));
      continue;
    }
    const std::string actual = sha256_hex(*bytes);
    if (actual != doc.sha256)
      diags.error(doc.where, fmt::format("document '{}': sha256 of {} is {}, but the ledger records {}; "
                                         "the file changed or the wrong file is cited",
                                         doc.id, doc.path, actual, doc.sha256));
    if (const auto bad = first_invalid_utf8(*bytes)) {
      diags.error(doc.where, fmt::format("document '{}': {} is not UTF-8 (invalid byte 0x{:02x} at "
                                         "offset {})",
                                         doc.id, doc.path, static_cast<unsigned char>((*bytes)[*bad]), *bad));
      continue;
    }
    entry.bytes = std::move(*bytes);
    entry.normal = normalise(entry.bytes);
    entry.ok = true;
  }

  for (const auto& item : election.evidence) {
    const Document* doc = election.find_document(item.document);
    if (!doc) continue;  // the loader reports unknown documents
    if (doc->path.empty()) {
      ++summary.quotes_unverifiable;
      continue;
    }
    ++summary.quotes_checked;
    const LoadedDocument& entry = loaded[doc->id];
    if (!entry.ok) continue;  // already reported, once, at the document
    const SourceRegion at = item.quote_where.line > 0 ? item.quote_where : item.where;
    const std::u32string quote = normalise(item.quote).text;
    if (quote.empty()) {
      diags.error(at, fmt::format("evidence '{}': the quote is empty", item.id));
      continue;
    }
    const std::size_t found = find_normalised(entry.normal, quote);
    if (found == std::u32string::npos) {
      const NearestMatch near = nearest_substring(entry.normal.text, quote);
      const auto [b, e] = entry.normal.original(near.first, near.last);
      diags.error(at, fmt::format("evidence '{}': quote not found in document '{}' ({}); nearest text "
                                  "({} {} away) at {{ start = {}, end = {} }}: {}",
                                  item.id, doc->id, entry.shown_path, near.distance,
                                  near.distance == 1 ? "edit" : "edits", b, e,
                                  shown(std::string_view(entry.bytes).substr(b, e - b))));
      continue;
    }
    if (item.start && item.end) {
      const auto start = static_cast<std::size_t>(*item.start);
      const auto end = static_cast<std::size_t>(*item.end);
      const auto [found_begin, found_end] = entry.normal.original(found, found + quote.size());
      const std::string hint = fmt::format("the quote is at {{ start = {}, end = {} }}", found_begin, found_end);
      if (end > entry.bytes.size() || start >= end) {
        diags.error(item.where, fmt::format("evidence '{}': location {{ start = {}, end = {} }} is outside "
                                            "document '{}' ({} bytes); {}",
                                            item.id, start, end, doc->id, entry.bytes.size(), hint));
        continue;
      }
      const std::string_view there = std::string_view(entry.bytes).substr(start, end - start);
      if (normalise(there).text != quote)
        diags.error(item.where, fmt::format("evidence '{}': location {{ start = {}, end = {} }} holds {}, "
                                            "not the quote; {}",
                                            item.id, start, end, shown(there), hint));
    }
  }

  summary.failures = diags.size() - errors_before;
  // Show the offending lines: register the ledger files the regions point into.
  std::set<std::string> files;
  for (std::size_t i = errors_before; i < diags.size(); ++i) files.insert(diags.errors()[i].where.file);
  for (const auto& file : files) {
    Diagnostics ignored;
    if (auto text = read_file(file, ignored)) diags.remember_source(file, std::move(*text));
  }
  return summary;
}

}  // namespace scrutineer

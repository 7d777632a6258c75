// Sentences: splitting UTF-8 documents into sentences with byte offsets, using ICU.
//
// Boundaries are ICU's (Unicode UAX #29 sentence rules), so curly quotes and brackets after a full
// stop stay with their sentence and every line break ends a sentence (a heading without a full
// stop is a sentence of its own). On top of ICU:
//   - abbreviations ("Mr.", "Dr.", "U.S.", …) never end a sentence (ICU's filtered break
//     iterator, with the list given to the splitter);
//   - a list marker alone ("1.", "iv)", "(b)", "•") is joined to the text after it on the same
//     line, so "  1. AccessNow" is one sentence, not two;
//   - white space around a sentence is not part of it, and blank segments are dropped.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace scrutineer {

struct Span {
  std::size_t begin = 0, end = 0;  // byte offsets: [begin, end)
  bool operator==(const Span&) const = default;
};

// Abbreviations used when none are configured: titles, initialisms and common Latin ones.
const std::vector<std::string>& default_abbreviations();

// Splits text with one ICU break iterator of its own: cheap to reuse, not thread-safe (one per
// thread). Since every line break ends a sentence, lines are split independently — which lets
// `extract` skip lines in which nothing of interest occurs.
class SentenceCursor {
 public:
  ~SentenceCursor();
  SentenceCursor(SentenceCursor&&) noexcept;
  SentenceCursor& operator=(SentenceCursor&&) noexcept;

  // Appends the sentences of `text` to `out`, as offsets into `text` plus `base`.
  // REQUIRES: `text` is valid UTF-8 (see first_invalid_utf8).
  void split(std::string_view text, std::vector<Span>& out, std::size_t base = 0);
  // The same for one line: `line` holds no '\n' except possibly a final one, and is shorter
  // than 2 GiB.
  void split_line(std::string_view line, std::vector<Span>& out, std::size_t base = 0);

 private:
  friend class SentenceSplitter;
  struct Impl;
  explicit SentenceCursor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class SentenceSplitter {
 public:
  // Throws std::runtime_error when ICU cannot build the break iterator.
  explicit SentenceSplitter(const std::vector<std::string>& abbreviations = default_abbreviations());
  ~SentenceSplitter();
  SentenceSplitter(const SentenceSplitter&) = delete;
  SentenceSplitter& operator=(const SentenceSplitter&) = delete;

  // A cursor for one thread. Thread-safe.
  SentenceCursor cursor() const;

  // All sentences of `text`, in order. Thread-safe.
  // REQUIRES: `text` is valid UTF-8 (see first_invalid_utf8).
  std::vector<Span> split(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scrutineer

#include "scrutineer/sentences.hpp"

#include <re2/re2.h>
#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <climits>
#include <mutex>
#include <stdexcept>
#include <string>

namespace scrutineer {

const std::vector<std::string>& default_abbreviations() {
  static const std::vector<std::string> kAbbreviations = {
      // Titles and ranks.
      "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sr.", "Jr.", "St.", "Rev.", "Hon.", "Gen.", "Col.",
      "Lt.", "Capt.", "Maj.", "Sgt.", "Gov.", "Sen.", "Rep.", "Pres.", "Amb.", "H.E.",
      // Initialisms written with stops.
      "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.",
      // References and Latin.
      "No.", "Nos.", "Art.", "art.", "arts.", "para.", "paras.", "p.", "pp.", "vol.", "ch.", "cf.",
      "e.g.", "i.e.", "etc.", "vs.", "v.", "approx.", "ca.", "Inc.", "Ltd.", "Co.", "Corp.",
      // Months.
      "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec."};
  return kAbbreviations;
}

namespace {

// A list marker alone: "1.", "12.", "a.", "B.", "iv.", "(2)." — ICU ends a "sentence" after it.
const RE2& list_marker() {
  static const RE2 kMarker(R"(\(?(?:[0-9]{1,3}|[A-Za-z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})[.)])");
  return kMarker;
}

bool is_space_at(std::string_view text, std::size_t i, std::size_t* length) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT_OR_FFFD(s, pos, n, c);
  *length = static_cast<std::size_t>(pos) - i;
  return u_isUWhiteSpace(c) || c == 0xFEFF;  // a byte order mark is not text either
}

bool is_space_before(std::string_view text, std::size_t i, std::size_t* length) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV_OR_FFFD(s, 0, pos, c);
  *length = i - static_cast<std::size_t>(pos);
  return u_isUWhiteSpace(c) || c == 0xFEFF;
}

Span trim(std::string_view text, Span span) {
  std::size_t length = 0;
  while (span.begin < span.end && is_space_at(text, span.begin, &length)) span.begin += length;
  while (span.end > span.begin && is_space_before(text, span.end, &length)) span.end -= length;
  return span;
}

}  // namespace

struct SentenceSplitter::Impl {
  std::unique_ptr<icu::BreakIterator> prototype;
  mutable std::mutex mutex;  // clone() from one prototype, one thread at a time
};

struct SentenceCursor::Impl {
  UText* utext = nullptr;
  std::unique_ptr<icu::BreakIterator> breaks;

  ~Impl() {
    breaks.reset();
    if (utext) utext_close(utext);
  }
};

SentenceCursor::SentenceCursor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SentenceCursor::~SentenceCursor() = default;
SentenceCursor::SentenceCursor(SentenceCursor&&) noexcept = default;
SentenceCursor& SentenceCursor::operator=(SentenceCursor&&) noexcept = default;

void SentenceCursor::split(std::string_view text, std::vector<Span>& out, std::size_t base) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    end = end == std::string_view::npos ? text.size() : end + 1;
    split_line(text.substr(begin, end - begin), out, base + begin);
    begin = end;
  }
}

void SentenceCursor::split_line(std::string_view line, std::vector<Span>& out, std::size_t base) {
  if (line.size() >= static_cast<std::size_t>(INT32_MAX))
    throw std::runtime_error("lines of 2 GiB or more are not supported");
  // Blank lines are common and need no ICU.
  if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
  Impl& m = *impl_;
  UErrorCode status = U_ZERO_ERROR;
  m.utext = utext_openUTF8(m.utext, line.data(), static_cast<int64_t>(line.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot open the text");
  m.breaks->setText(m.utext, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot set the text to split");

  // A raw ICU segment that is only a list marker ("1.", "iv.", "(b).") on this line.
  auto is_marker = [&](int32_t b, int32_t e) {
    const Span t = trim(line, {static_cast<std::size_t>(b), static_cast<std::size_t>(e)});
    if (t.end - t.begin > 10 || t.end == t.begin) return false;
    if (line.substr(t.end, e - t.end).find_first_of("\r\n") != std::string_view::npos) return false;
    const std::string_view marker = line.substr(t.begin, t.end - t.begin);
    return RE2::FullMatch(re2::StringPiece(marker.data(), marker.size()), list_marker());
  };
  auto emit = [&](int32_t b, int32_t e) {
    const Span t = trim(line, {static_cast<std::size_t>(b), static_cast<std::size_t>(e)});
    if (t.end > t.begin) out.push_back({base + t.begin, base + t.end});
  };
  int32_t begin = m.breaks->first();
  int32_t group_begin = -1;  // start of a run of list markers waiting for their text
  for (int32_t end = m.breaks->next(); end != icu::BreakIterator::DONE; begin = end, end = m.breaks->next()) {
    if (is_marker(begin, end)) {
      if (group_begin < 0) group_begin = begin;
      continue;
    }
    emit(group_begin >= 0 ? group_begin : begin, end);
    group_begin = -1;
  }
  if (group_begin >= 0) emit(group_begin, static_cast<int32_t>(line.size()));
}

SentenceSplitter::SentenceSplitter(const std::vector<std::string>& abbreviations)
    : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot create the abbreviation filter");
  for (const auto& abbreviation : abbreviations) {
    builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(abbreviation), status);
    status = U_ZERO_ERROR;  // a duplicate is not an error worth failing for
  }
  icu::BreakIterator* sentences =
      icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot create a sentence break iterator");
  impl_->prototype.reset(builder->wrapIteratorWithFilter(sentences, status));
  if (U_FAILURE(status) || !impl_->prototype)
    throw std::runtime_error("ICU: cannot apply the abbreviation filter");
}

SentenceSplitter::~SentenceSplitter() = default;

SentenceCursor SentenceSplitter::cursor() const {
  auto impl = std::make_unique<SentenceCursor::Impl>();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl->breaks.reset(impl_->prototype->clone());
  if (!impl->breaks) throw std::runtime_error("ICU: cannot copy the sentence break iterator");
  return SentenceCursor(std::move(impl));
}

std::vector<Span> SentenceSplitter::split(std::string_view text) const {
  std::vector<Span> out;
  cursor().split(text, out);
  return out;
}

}  // namespace scrutineer

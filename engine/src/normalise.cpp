#include "scrutineer/normalise.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace scrutineer {

namespace {

const icu::Normalizer2& nfc() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load the NFC normaliser");
    return n;
  }();
  return *instance;
}

char32_t fold_quote(char32_t c) {
  switch (c) {
    case U'\u2018': case U'\u2019': case U'\u201A': case U'\u201B': case U'\u2032':
    case U'\u2039': case U'\u203A': case U'`': case U'\u00B4': case U'\uFF07':
      return U'\'';
    case U'\u201C': case U'\u201D': case U'\u201E': case U'\u201F': case U'\u2033':
    case U'\u00AB': case U'\u00BB': case U'\uFF02':
      return U'"';
    default:
      return c;
  }
}

bool invisible(char32_t c) {
  return c == U'\u00AD' || c == U'\u200B' || c == U'\u200C' || c == U'\u200D' || c == U'\u2060' ||
         c == U'\uFEFF';
}

}  // namespace

std::pair<std::size_t, std::size_t> NormalisedText::original(std::size_t first,
                                                             std::size_t last) const {
  if (first >= last || last > text.size()) return {0, 0};
  return {begin[first], end[last - 1]};
}

NormalisedText normalise(std::string_view utf8) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  const icu::Normalizer2& normaliser = nfc();

  NormalisedText out;
  out.text.reserve(utf8.size());
  out.begin.reserve(utf8.size());
  out.end.reserve(utf8.size());
  bool pending_space = false;  // a run of white space not yet written
  std::size_t space_begin = 0, space_end = 0;

  auto emit = [&](char32_t c, std::size_t b, std::size_t e) {
    c = fold_quote(c);
    if (invisible(c)) return;
    if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_WHITE_SPACE)) {
      if (!pending_space) space_begin = b;
      pending_space = true;
      space_end = e;
      return;
    }
    if (pending_space && !out.text.empty()) {
      out.text.push_back(U' ');
      out.begin.push_back(space_begin);
      out.end.push_back(space_end);
    }
    pending_space = false;
    out.text.push_back(c);
    out.begin.push_back(b);
    out.end.push_back(e);
  };

  // Walk segments that NFC can normalise independently: each starts at a code point with a
  // normalisation boundary before it. Every output code point maps to its whole segment.
  int32_t i = 0;
  while (i < n) {
    const int32_t segment_begin = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, n, c);
    int32_t segment_end = i;
    while (segment_end < n) {
      int32_t j = segment_end;
      UChar32 next;
      U8_NEXT_OR_FFFD(s, j, n, next);
      if (normaliser.hasBoundaryBefore(next)) break;
      segment_end = j;
    }
    i = segment_end;
    if (segment_end - segment_begin == U8_LENGTH(c) && normaliser.isInert(c)) {
      emit(static_cast<char32_t>(c), segment_begin, segment_end);
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data() + segment_begin, segment_end - segment_begin));
    const icu::UnicodeString composed = normaliser.normalize(source, status);
    if (U_FAILURE(status)) {
      emit(U'\uFFFD', segment_begin, segment_end);
      continue;
    }
    for (int32_t k = 0; k < composed.length();) {
      const UChar32 cp = composed.char32At(k);
      emit(static_cast<char32_t>(cp), segment_begin, segment_end);
      k += U16_LENGTH(cp);
    }
  }
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    char buffer[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<std::uint8_t*>(buffer), length, 4, static_cast<UChar32>(c), error);
    if (error) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(buffer, static_cast<std::size_t>(length));
    }
  }
  return out;
}

std::string normalised_utf8(std::string_view utf8) { return to_utf8(normalise(utf8).text); }

std::size_t find_normalised(const NormalisedText& haystack, const std::u32string& needle) {
  if (needle.empty()) return std::u32string::npos;
  const auto it = std::search(haystack.text.begin(), haystack.text.end(),
                              std::boyer_moore_horspool_searcher(needle.begin(), needle.end()));
  if (it == haystack.text.end()) return std::u32string::npos;
  return static_cast<std::size_t>(it - haystack.text.begin());
}

NearestMatch nearest_substring(const std::u32string& haystack, const std::u32string& needle) {
  const std::size_t m = needle.size();
  NearestMatch best{0, 0, m};
  if (m == 0) return best;
  // cost[i]: the edit distance between needle[0, i) and the best substring of haystack ending
  // at the current position; from[i]: where that substring starts.
  std::vector<std::size_t> cost(m + 1), from(m + 1), next_cost(m + 1), next_from(m + 1);
  for (std::size_t i = 0; i <= m; ++i) {
    cost[i] = i;
    from[i] = 0;
  }
  for (std::size_t j = 0; j < haystack.size(); ++j) {
    next_cost[0] = 0;
    next_from[0] = j + 1;
    for (std::size_t i = 1; i <= m; ++i) {
      std::size_t c = cost[i - 1] + (needle[i - 1] == haystack[j] ? 0 : 1);
      std::size_t f = from[i - 1];
      if (cost[i] + 1 < c) {
        c = cost[i] + 1;
        f = from[i];
      }
      if (next_cost[i - 1] + 1 < c) {
        c = next_cost[i - 1] + 1;
        f = next_from[i - 1];
      }
      next_cost[i] = c;
      next_from[i] = f;
    }
    std::swap(cost, next_cost);
    std::swap(from, next_from);
    // On a tie, the same start with a later end (the whole word rather than part of it).
    if (cost[m] < best.distance || (cost[m] == best.distance && from[m] == best.first && j + 1 > best.last))
      best = {from[m], j + 1, cost[m]};
  }
  return best;
}

}  // namespace scrutineer

// Normalise: the text form in which a quote is compared with its document.
//
// Two texts "say the same" when they are equal after:
//   1. Unicode NFC (composed characters: "é" typed as e + combining acute equals "é");
//   2. quotation marks folded to ASCII: ‘ ’ ‚ ‛ ′ ‹ › ` ´ become ', “ ” „ ‟ ″ « » become ";
//   3. invisible characters removed: soft hyphen, zero-width space/joiners, word joiner, BOM;
//   4. every run of Unicode White_Space (spaces, tabs, line breaks, no-break spaces…) becomes one
//      space, and leading and trailing white space is dropped.
// Case, dashes, punctuation and spelling are significant: a quote is verbatim.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scrutineer {

struct NormalisedText {
  std::u32string text;  // code points, normalised as above
  // For text[i]: the bytes [begin[i], end[i]) of the original UTF-8 it came from.
  std::vector<std::size_t> begin, end;

  // The original bytes behind text[first, last); {0, 0} when the range is empty.
  std::pair<std::size_t, std::size_t> original(std::size_t first, std::size_t last) const;
};

// REQUIRES: `utf8` is valid UTF-8 (see first_invalid_utf8); invalid bytes become U+FFFD.
NormalisedText normalise(std::string_view utf8);

// The normalised text only, as UTF-8.
std::string normalised_utf8(std::string_view utf8);

// Where `needle` (normalised) first occurs in `haystack` (normalised), or npos.
std::size_t find_normalised(const NormalisedText& haystack, const std::u32string& needle);

// The substring of `haystack` closest to `needle` in edit distance (Levenshtein on code points,
// any start and end: Sellers' approximate search). Returns {first, last, distance}.
struct NearestMatch {
  std::size_t first = 0, last = 0, distance = 0;
};
NearestMatch nearest_substring(const std::u32string& haystack, const std::u32string& needle);

std::string to_utf8(std::u32string_view text);

}  // namespace scrutineer

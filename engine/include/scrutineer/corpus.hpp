// Corpus: the source documents that evidence quotes, as files inside one directory.
// Reading them safely (no path may leave the corpus), checking they are UTF-8, hashing them.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "scrutineer/diagnostics.hpp"

namespace scrutineer {

// The byte offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or nullopt when `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Reports invalid UTF-8 in `text` (read from `file`) as
//   file:line:col: error: invalid UTF-8 at byte offset N (byte 0xNN); …
// and returns false; returns true when the text is valid.
bool check_utf8(const std::string& file, std::string_view text, Diagnostics& diags);

// SHA-256 (FIPS 180-4) of `data` as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view data);

// Resolves `relative` (a document's `path`) inside `corpus_dir`. Refuses, with a message in
// `*error`, an empty or absolute path, any `..` component, and a path whose real location (after
// following symbolic links) is outside the corpus. Returns the path to open, or "" on refusal.
// Does not require the file to exist.
std::string resolve_in_corpus(const std::string& corpus_dir, const std::string& relative,
                              std::string* error);

}  // namespace scrutineer

#include "scrutineer/corpus.hpp"

#include <fmt/core.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>

namespace scrutineer {

namespace fs = std::filesystem;

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path: eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    // ICU's U8_NEXT rejects overlong forms, surrogates and values above U+10FFFF.
    const std::size_t start = i;
    UChar32 c;
    int32_t pos = 0;
    const int32_t length = static_cast<int32_t>(std::min<std::size_t>(n - start, 4));
    U8_NEXT(s + start, pos, length, c);
    if (c < 0) return start;
    i = start + static_cast<std::size_t>(pos);
  }
  return std::nullopt;
}

bool check_utf8(const std::string& file, std::string_view text, Diagnostics& diags) {
  const auto bad = first_invalid_utf8(text);
  if (!bad) return true;
  int line = 1, column = 1;
  for (std::size_t i = 0; i < *bad; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  diags.error({file, line, column},
              fmt::format("invalid UTF-8 at byte offset {} (byte 0x{:02x}); documents must be "
                          "UTF-8 text (convert with e.g. iconv -f LATIN1 -t UTF-8)",
                          *bad, static_cast<unsigned char>(text[*bad])));
  return false;
}

namespace {

// FIPS 180-4, section 6.2.
constexpr std::array<std::uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

inline std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compress(std::array<std::uint32_t, 8>& state, const std::uint8_t* block) {
  std::uint32_t w[64];
  for (int t = 0; t < 16; ++t)
    w[t] = (std::uint32_t(block[4 * t]) << 24) | (std::uint32_t(block[4 * t + 1]) << 16) |
           (std::uint32_t(block[4 * t + 2]) << 8) | std::uint32_t(block[4 * t + 3]);
  for (int t = 16; t < 64; ++t) {
    const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5],
                g = state[6], h = state[7];
  for (int t = 0; t < 64; ++t) {
    const std::uint32_t s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const std::uint32_t ch = (e & f) ^ (~e & g);
    const std::uint32_t t1 = h + s1 + ch + kRoundConstants[t] + w[t];
    const std::uint32_t s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    const std::uint32_t t2 = s0 + maj;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  std::array<std::uint32_t, 8> state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  const std::size_t n = data.size();
  std::size_t full = n - n % 64;
  for (std::size_t i = 0; i < full; i += 64) compress(state, bytes + i);
  // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian number.
  std::uint8_t tail[128] = {};
  const std::size_t rest = n - full;
  std::memcpy(tail, bytes + full, rest);
  tail[rest] = 0x80;
  const std::size_t tail_size = rest < 56 ? 64 : 128;
  const std::uint64_t bits = static_cast<std::uint64_t>(n) * 8;
  for (int k = 0; k < 8; ++k) tail[tail_size - 1 - k] = static_cast<std::uint8_t>(bits >> (8 * k));
  for (std::size_t i = 0; i < tail_size; i += 64) compress(state, tail + i);
  std::string hex;
  hex.reserve(64);
  for (std::uint32_t word : state) hex += fmt::format("{:08x}", word);
  return hex;
}

std::string resolve_in_corpus(const std::string& corpus_dir, const std::string& relative,
                              std::string* error) {
  auto refuse = [&](std::string why) {
    if (error) *error = std::move(why);
    return std::string();
  };
  if (relative.empty()) return refuse("the path is empty");
  const fs::path rel(relative);
  if (rel.is_absolute() || rel.has_root_name() || rel.has_root_directory())
    return refuse(fmt::format("path '{}' is absolute; document paths are relative to the corpus "
                              "directory",
                              relative));
  for (const auto& part : rel)
    if (part == "..")
      return refuse(fmt::format("path '{}' escapes the corpus directory (it contains '..')", relative));
  const fs::path joined = fs::path(corpus_dir) / rel;
  std::error_code ec;
  if (fs::exists(joined, ec)) {
    // A symbolic link inside the corpus may still point outside it.
    const fs::path real_corpus = fs::canonical(corpus_dir, ec);
    if (ec) return refuse(fmt::format("cannot resolve the corpus directory '{}': {}", corpus_dir, ec.message()));
    const fs::path real = fs::canonical(joined, ec);
    if (ec) return refuse(fmt::format("cannot resolve '{}': {}", joined.string(), ec.message()));
    auto c = real_corpus.begin();
    auto r = real.begin();
    for (; c != real_corpus.end(); ++c, ++r)
      if (r == real.end() || *c != *r)
        return refuse(fmt::format("path '{}' resolves to '{}', outside the corpus directory",
                                  relative, real.string()));
  }
  return joined.string();
}

}  // namespace scrutineer

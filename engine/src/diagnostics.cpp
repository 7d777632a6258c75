#include "scrutineer/diagnostics.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <tuple>

namespace scrutineer {

void Diagnostics::error(SourceRegion where, std::string message) {
  errors_.push_back({std::move(where), std::move(message)});
}

void Diagnostics::remember_source(const std::string& file, std::string text) {
  sources_[file] = std::move(text);
}

namespace {

// The text of 1-based line `line`, without its newline; "" when out of range.
std::string line_of(const std::string& text, int line) {
  std::size_t begin = 0;
  for (int i = 1; i < line; ++i) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return "";
    ++begin;
  }
  std::size_t end = text.find('\n', begin);
  if (end == std::string::npos) end = text.size();
  std::string result = text.substr(begin, end - begin);
  if (!result.empty() && result.back() == '\r') result.pop_back();
  return result;
}

// The caret line: spaces (tabs kept, so the caret lines up) up to the 1-based column, which
// counts UTF-8 code points as toml++ does.
std::string caret_under(const std::string& line, int column) {
  std::string pad;
  int col = 1;
  for (std::size_t i = 0; i < line.size() && col < column; ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    pad += c == '\t' ? '\t' : ' ';
    ++col;
  }
  while (col++ < column) pad += ' ';
  return pad + "^";
}

}  // namespace

std::vector<Diagnostic> Diagnostics::sorted() const {
  // Files keep the order in which they were first reported; within a file, by position.
  std::vector<std::string> files;
  for (const auto& d : errors_)
    if (std::find(files.begin(), files.end(), d.where.file) == files.end()) files.push_back(d.where.file);
  auto rank = [&](const Diagnostic& d) {
    return std::make_tuple(std::find(files.begin(), files.end(), d.where.file) - files.begin(),
                           d.where.line, d.where.column);
  };
  std::vector<Diagnostic> result = errors_;
  std::stable_sort(result.begin(), result.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
  return result;
}

std::string Diagnostics::render() const {
  std::string out;
  for (const auto& d : sorted()) {
    if (d.where.line > 0) {
      out += fmt::format("{}:{}:{}: error: {}\n", d.where.file, d.where.line, d.where.column,
                         d.message);
      auto source = sources_.find(d.where.file);
      if (source != sources_.end()) {
        const std::string line = line_of(source->second, d.where.line);
        out += line + "\n" + caret_under(line, std::max(d.where.column, 1)) + "\n";
      }
    } else {
      out += fmt::format("{}: error: {}\n", d.where.file, d.message);
    }
  }
  return out;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace scrutineer

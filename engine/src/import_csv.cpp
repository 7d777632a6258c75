#include "scrutineer/import_csv.hpp"

#include <fmt/core.h>
#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "scrutineer/corpus.hpp"
#include "scrutineer/ledger_writer.hpp"

namespace scrutineer {

namespace {

// Spreadsheet column names: A, B, …, Z, AA, AB, …
std::string column_letter(std::size_t index) {
  std::string letters;
  std::size_t n = index + 1;
  while (n > 0) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return letters;
}

}  // namespace

std::vector<CsvRow> parse_csv(const std::string& file, std::string_view text, Diagnostics& diags) {
  std::vector<CsvRow> rows;
  std::size_t pos = 0;
  int line = 1, column = 1;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // byte order mark, as spreadsheets write it

  auto at_end = [&] { return pos >= text.size(); };
  auto peek = [&](std::size_t ahead = 0) { return pos + ahead < text.size() ? text[pos + ahead] : '\0'; };
  auto advance = [&] {
    const char c = text[pos++];
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
    return c;
  };
  auto at_line_end = [&] { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n') || (peek() == '\r' && pos + 1 == text.size()); };
  auto skip_line_end = [&] {
    if (peek() == '\r') advance();
    if (peek() == '\n') advance();
  };

  while (!at_end()) {
    CsvRow row;
    while (true) {
      CsvCell cell;
      cell.line = line;
      cell.column = column;
      if (peek() == '"') {
        advance();
        bool closed = false;
        while (!at_end()) {
          const char c = advance();
          if (c == '"') {
            if (peek() == '"') {
              advance();
              cell.text += '"';
            } else {
              closed = true;
              break;
            }
          } else if (c == '\r' && peek() == '\n') {
            // a line break inside a quoted field: keep it as "\n"
          } else {
            cell.text += c;
          }
        }
        if (!closed) {
          diags.error({file, cell.line, cell.column},
                      fmt::format("row {}, column {}: this quoted field is never closed: a double quote "
                                  "is missing",
                                  rows.size() + 1, column_letter(row.size())));
        } else if (!at_end() && peek() != ',' && !at_line_end()) {
          diags.error({file, line, column},
                      fmt::format("row {}, column {}: text after the closing double quote of a field; "
                                  "inside a quoted field, write a double quote as \"\"",
                                  rows.size() + 1, column_letter(row.size())));
          while (!at_end() && peek() != ',' && !at_line_end()) cell.text += advance();
        }
      } else {
        bool stray_quote = false;
        int quote_line = 0, quote_column = 0;
        while (!at_end() && peek() != ',' && !at_line_end()) {
          if (peek() == '"' && !stray_quote) {
            stray_quote = true;
            quote_line = line;
            quote_column = column;
          }
          cell.text += advance();
        }
        if (stray_quote)
          diags.error({file, quote_line, quote_column},
                      fmt::format("row {}, column {}: a double quote inside a field that does not start "
                                  "with one; put the whole field in double quotes and write the quote as "
                                  "\"\"",
                                  rows.size() + 1, column_letter(row.size())));
      }
      row.push_back(std::move(cell));
      if (!at_end() && peek() == ',') {
        advance();
        continue;
      }
      skip_line_end();
      break;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

struct Column {
  const char* name;
  bool required;
};

constexpr Column kColumns[] = {
    {"id", true},         {"status", false},     {"claim", true},       {"quote", true},
    {"document", true},   {"start", false},      {"end", false},        {"tags", true},
    {"indicators", true}, {"date", true},        {"reliability", true}, {"credibility", true},
    {"severity", true},   {"polarity", true},    {"corroborated_by", false}};

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::vector<std::string> split_values(const std::string& cell) {
  std::vector<std::string> values;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find(';', start);
    if (end == std::string::npos) end = cell.size();
    std::string value = trimmed(std::string_view(cell).substr(start, end - start));
    if (!value.empty()) values.push_back(std::move(value));
    start = end + 1;
  }
  return values;
}

std::optional<std::int64_t> parse_integer(const std::string& s) {
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

bool valid_name(const std::string& s) {
  static const RE2 kName("[a-z0-9]+(-[a-z0-9]+)*");
  return RE2::FullMatch(s, kName);
}

// Reads one data row into an item, reporting each bad cell.
class RowReader {
 public:
  RowReader(const std::string& file, const CsvRow& row, int row_number,
            const std::map<std::string, std::size_t>& columns, Diagnostics& diags)
      : file_(file), row_(row), row_number_(row_number), columns_(columns), diags_(diags) {}

  bool present(const char* name) const { return columns_.count(name) > 0; }

  // The trimmed cell; reports a required one that is empty.
  std::string cell(const char* name, bool required) {
    auto it = columns_.find(name);
    if (it == columns_.end()) return "";
    std::string value = it->second < row_.size() ? trimmed(row_[it->second].text) : "";
    if (value.empty() && required) error(name, "is empty; this column is required");
    return value;
  }

  void error(const char* name, const std::string& problem) {
    const std::size_t index = columns_.at(name);
    const CsvCell& where = index < row_.size() ? row_[index] : row_.front();
    diags_.error({file_, where.line, where.column},
                 fmt::format("row {}, column {} ({}): {}", row_number_, column_letter(index), name, problem));
    ++errors_;
  }

  int errors() const { return errors_; }

 private:
  const std::string& file_;
  const CsvRow& row_;
  int row_number_;
  const std::map<std::string, std::size_t>& columns_;
  Diagnostics& diags_;
  int errors_ = 0;
};

}  // namespace

std::optional<std::vector<EvidenceItem>> import_evidence_csv(const std::string& file,
                                                             std::string_view text,
                                                             Diagnostics& diags) {
  const std::size_t errors_before = diags.size();
  if (!check_utf8(file, text, diags)) return std::nullopt;
  diags.remember_source(file, std::string(text));
  const std::vector<CsvRow> rows = parse_csv(file, text, diags);
  const std::size_t header_errors_before = diags.size();  // CSV syntax errors do not stop the checks
  if (rows.empty()) {
    diags.error({file, 0, 0}, "the file is empty; the first row must name the columns");
    return std::nullopt;
  }

  // The header.
  std::vector<std::string> known;
  for (const auto& c : kColumns) known.emplace_back(c.name);
  std::map<std::string, std::size_t> columns;
  const CsvRow& header = rows.front();
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name = trimmed(header[i].text);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    const SourceRegion where{file, header[i].line, header[i].column};
    if (name.empty()) {
      diags.error(where, fmt::format("column {} has no name in the header row", column_letter(i)));
    } else if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string message = fmt::format("column {}: unknown column '{}'", column_letter(i), name);
      const std::string suggestion = closest_match(name, known);
      if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
      diags.error(where, message);
    } else if (!columns.emplace(name, i).second) {
      diags.error(where, fmt::format("column {}: '{}' is also column {}", column_letter(i), name,
                                     column_letter(columns[name])));
    }
  }
  std::vector<std::string> missing;
  for (const auto& c : kColumns)
    if (c.required && !columns.count(c.name)) missing.emplace_back(c.name);
  if (!missing.empty()) {
    std::string list;
    for (const auto& name : missing) list += (list.empty() ? "'" : ", '") + name + "'";
    diags.error({file, header.front().line, 1},
                fmt::format("the header lacks the required column{} {}", missing.size() == 1 ? "" : "s", list));
  }
  if (columns.count("start") != columns.count("end"))
    diags.error({file, header.front().line, 1},
                "the header needs both 'start' and 'end' columns (the location), or neither");
  if (diags.size() != header_errors_before) return std::nullopt;

  std::vector<EvidenceItem> items;
  std::map<std::string, int> ids;  // id → row
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    const int row_number = static_cast<int>(r) + 1;
    if (std::all_of(row.begin(), row.end(), [](const CsvCell& c) { return trimmed(c.text).empty(); }))
      continue;
    if (row.size() > header.size()) {
      for (std::size_t i = header.size(); i < row.size(); ++i) {
        if (trimmed(row[i].text).empty()) continue;
        diags.error({file, row[i].line, row[i].column},
                    fmt::format("row {}, column {}: a cell beyond the last named column ({} columns "
                                "in the header)",
                                row_number, column_letter(i), header.size()));
        break;
      }
    }
    RowReader cells(file, row, row_number, columns, diags);
    EvidenceItem item;
    item.where = {file, row.front().line, row.front().column};

    item.id = cells.cell("id", true);
    if (!item.id.empty()) {
      auto [it, inserted] = ids.emplace(item.id, row_number);
      if (!inserted) cells.error("id", fmt::format("id '{}' is also used in row {}", item.id, it->second));
    }
    if (const std::string status = cells.cell("status", false); !status.empty()) {
      if (auto parsed = parse_status(status)) item.status = *parsed;
      else cells.error("status", fmt::format("'{}' is not a status: use candidate or reviewed", status));
    }
    item.claim = cells.cell("claim", true);
    if (item.claim.find('\n') != std::string::npos)
      cells.error("claim", "a claim is one line; remove the line break");
    item.quote = cells.cell("quote", true);
    item.document = cells.cell("document", true);

    if (cells.present("start")) {
      const std::string start = cells.cell("start", false), end = cells.cell("end", false);
      std::optional<std::int64_t> s, e;
      if (!start.empty() && !(s = parse_integer(start)).has_value())
        cells.error("start", fmt::format("'{}' is not a byte offset (a whole number)", start));
      if (!end.empty() && !(e = parse_integer(end)).has_value())
        cells.error("end", fmt::format("'{}' is not a byte offset (a whole number)", end));
      if (s && *s < 0) cells.error("start", "a byte offset cannot be negative");
      if (start.empty() != end.empty())
        cells.error(start.empty() ? "start" : "end", "give both start and end, or neither");
      if (s && e && *s >= 0 && *e <= *s)
        cells.error("end", fmt::format("end ({}) must be greater than start ({})", *e, *s));
      if (s && e) {
        item.start = s;
        item.end = e;
      }
    }

    auto names = [&](const char* column, bool required, const char* what) {
      std::vector<std::string> values = split_values(cells.cell(column, required));
      for (const auto& v : values)
        if (!valid_name(v))
          cells.error(column, fmt::format("'{}' is not a valid {}: lower-case words joined by '-'", v, what));
      return values;
    };
    item.tags = names("tags", true, "tag");
    item.indicators = names("indicators", true, "indicator id");
    item.corroborated_by = split_values(cells.cell("corroborated_by", false));

    if (const std::string date = cells.cell("date", true); !date.empty()) {
      if (auto parsed = parse_date(date)) item.date = *parsed;
      else cells.error("date", fmt::format("'{}' is not a date: write YYYY-MM-DD, e.g. 2023-07-23 (format "
                                           "the column as text so the spreadsheet keeps it)",
                                           date));
    }
    if (const std::string grade = cells.cell("reliability", true); !grade.empty()) {
      if (grade.size() == 1 && grade[0] >= 'A' && grade[0] <= 'F') item.reliability = grade[0];
      else cells.error("reliability", fmt::format("'{}' is not an Admiralty source grade: use A to F", grade));
    }
    auto graded = [&](const char* column, int low, int high, const char* scale) {
      const std::string text = cells.cell(column, true);
      if (text.empty()) return low;
      const auto value = parse_integer(text);
      if (!value || *value < low || *value > high) {
        cells.error(column, fmt::format("'{}' is not {}", text, scale));
        return low;
      }
      return static_cast<int>(*value);
    };
    item.credibility = graded("credibility", 1, 6, "an Admiralty information grade: use 1 to 6");
    item.severity = graded("severity", 1, 4, "a severity: use 1 (minor) to 4 (grave)");
    if (const std::string polarity = cells.cell("polarity", true); !polarity.empty()) {
      if (auto parsed = parse_polarity(polarity)) item.polarity = *parsed;
      else cells.error("polarity", fmt::format("'{}' is not a polarity: use undermines or supports", polarity));
    }
    items.push_back(std::move(item));
  }
  if (items.empty() && diags.size() == errors_before)
    diags.error({file, header.front().line, 1}, "no evidence rows after the header");
  if (diags.size() != errors_before) return std::nullopt;
  return items;
}

std::string imported_ledger_toml(const std::vector<EvidenceItem>& items, const std::string& source) {
  std::string out = fmt::format("# Evidence ledger imported by `scrutineer import` from {}.\n\n", source);
  for (const auto& item : items) out += evidence_item_toml(item);
  return out;
}

}  // namespace scrutineer

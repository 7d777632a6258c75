#include "toml_reader.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace scrutineer {

SourceRegion region_of(const toml::node& node, const std::string& file) {
  const auto& begin = node.source().begin;
  return {file, static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "nothing";
  }
}

TomlReader::TomlReader(const toml::table& table, std::string what, const std::string& file,
                       Diagnostics& diags)
    : table_(table), what_(std::move(what)), file_(file), diags_(diags) {}

TomlReader::~TomlReader() {
  for (const auto& [key, node] : table_) {
    const std::string name(key.str());
    if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
    std::string message = fmt::format("unknown key '{}' in {}", name, what_);
    const std::string suggestion = closest_match(name, known_);
    if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
    const auto& begin = key.source().begin;
    diags_.error({file_, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                 std::move(message));
  }
}

SourceRegion TomlReader::where(std::string_view key) const {
  if (const toml::node* node = table_.get(key)) return region_of(*node, file_);
  return where();
}

void TomlReader::error(std::string_view key, std::string message) {
  diags_.error(where(key), std::move(message));
}

const toml::node* TomlReader::lookup(std::string_view key, Need need) {
  known_.emplace_back(key);
  const toml::node* node = table_.get(key);
  if (!node && need == Required)
    diags_.error(where(), fmt::format("missing required key '{}' in {}", key, what_));
  return node;
}

void TomlReader::wrong_type(std::string_view key, const toml::node& node, std::string_view wanted) {
  diags_.error(region_of(node, file_),
               fmt::format("'{}' must be {}, got {}", key, wanted, type_name(node)));
}

std::optional<std::string> TomlReader::string(std::string_view key, Need need) {
  const toml::node* node = lookup(key, need);
  if (!node) return std::nullopt;
  if (const auto* s = node->as_string()) return s->get();
  wrong_type(key, *node, "a string");
  return std::nullopt;
}

std::optional<double> TomlReader::number(std::string_view key, Need need) {
  const toml::node* node = lookup(key, need);
  if (!node) return std::nullopt;
  if (const auto* f = node->as_floating_point()) return f->get();
  if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
  wrong_type(key, *node, "a number");
  return std::nullopt;
}

std::optional<std::int64_t> TomlReader::integer(std::string_view key, Need need) {
  const toml::node* node = lookup(key, need);
  if (!node) return std::nullopt;
  if (const auto* i = node->as_integer()) return i->get();
  wrong_type(key, *node, "an integer");
  return std::nullopt;
}

std::optional<bool> TomlReader::boolean(std::string_view key, Need need) {
  const toml::node* node = lookup(key, need);
  if (!node) return std::nullopt;
  if (const auto* b = node->as_boolean()) return b->get();
  wrong_type(key, *node, "a boolean (true or false)");
  return std::nullopt;
}

std::optional<Date> TomlReader::date(std::string_view key, Need need) {
  const toml::node* node = lookup(key, need);
  if (!node) return std::nullopt;
  if (const auto* d = node->as_date()) {
    const toml::date& value = d->get();
    return Date{value.year, value.month, value.day};
  }
  if (const auto* s = node->as_string()) {
    diags_.error(region_of(*node, file_),
                 fmt::format("'{}' must be a TOML date like 2023-07-23 (no quotes), got the string "
                             "\"{}\"",
                             key, s->get()));
    return std::nullopt;
  }
  wrong_type(key, *node, "a date like 2023-07-23");
  return std::nullopt;
}

std::optional<std::vector<std::string>> TomlReader::strings(std::string_view key, Need need) {
  const toml::node* node = lookup(key, need);
  if (!node) return std::nullopt;
  const auto* array = node->as_array();
  if (!array) {
    wrong_type(key, *node, "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> result;
  bool ok = true;
  for (const auto& element : *array) {
    if (const auto* s = element.as_string()) {
      result.push_back(s->get());
    } else {
      diags_.error(region_of(element, file_),
                   fmt::format("'{}' must hold only strings, got {}", key, type_name(element)));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return result;
}

const toml::array* TomlReader::array(std::string_view key, Need need) {
  const toml::node* node = lookup(key, need);
  if (!node) return nullptr;
  if (const auto* a = node->as_array()) return a;
  wrong_type(key, *node, "an array");
  return nullptr;
}

const toml::table* TomlReader::table(std::string_view key, Need need) {
  const toml::node* node = lookup(key, need);
  if (!node) return nullptr;
  if (const auto* t = node->as_table()) return t;
  wrong_type(key, *node, "a table");
  return nullptr;
}

}  // namespace scrutineer

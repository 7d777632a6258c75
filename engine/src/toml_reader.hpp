// TomlReader: typed, located access to one TOML table, reporting every problem to Diagnostics.
// Internal to the loader; the only place besides loader.cpp that sees toml++.
#pragma once
#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/date.hpp"
#include "scrutineer/diagnostics.hpp"

namespace scrutineer {

SourceRegion region_of(const toml::node& node, const std::string& file);

class TomlReader {
 public:
  // `what` names the table in messages, e.g. "[[criteria.indicators]]".
  TomlReader(const toml::table& table, std::string what, const std::string& file,
             Diagnostics& diags);
  TomlReader(const TomlReader&) = delete;
  TomlReader& operator=(const TomlReader&) = delete;
  // Reports unknown keys (those no getter asked for), with "did you mean".
  ~TomlReader();

  enum Need { Required, Optional };

  std::optional<std::string> string(std::string_view key, Need need);
  std::optional<double> number(std::string_view key, Need need);  // integer or float
  std::optional<std::int64_t> integer(std::string_view key, Need need);
  std::optional<bool> boolean(std::string_view key, Need need);
  std::optional<Date> date(std::string_view key, Need need);
  std::optional<std::vector<std::string>> strings(std::string_view key, Need need);
  const toml::array* array(std::string_view key, Need need);
  const toml::table* table(std::string_view key, Need need);

  // Where `key` is, or the table itself when the key is absent.
  SourceRegion where(std::string_view key) const;
  SourceRegion where() const { return region_of(table_, file_); }
  const std::string& file() const { return file_; }
  Diagnostics& diags() { return diags_; }
  void error(std::string_view key, std::string message);

 private:
  const toml::node* lookup(std::string_view key, Need need);
  void wrong_type(std::string_view key, const toml::node& node, std::string_view wanted);

  const toml::table& table_;
  std::string what_;
  const std::string& file_;
  Diagnostics& diags_;
  std::vector<std::string> known_;
};

std::string_view type_name(const toml::node& node);

}  // namespace scrutineer

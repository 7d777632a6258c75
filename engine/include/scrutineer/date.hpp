// Date: a calendar day, as TOML local dates and the rules language's date literals.
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace scrutineer {

struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
  // "YYYY-MM-DD"
  std::string str() const;
  bool valid() const;
  // Days since 1970-01-01 (proleptic Gregorian).
  long days_since_epoch() const;
};

// Parses "YYYY-MM-DD"; nullopt unless it is a real calendar day.
std::optional<Date> parse_date(std::string_view text);

}  // namespace scrutineer

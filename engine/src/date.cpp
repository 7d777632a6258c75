#include "scrutineer/date.hpp"

#include <fmt/core.h>

#include <charconv>

namespace scrutineer {

namespace {
bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}
}  // namespace

std::string Date::str() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

bool Date::valid() const {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

long Date::days_since_epoch() const {
  // Howard Hinnant's days_from_civil.
  const int y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date d;
  auto number = [&](std::size_t pos, std::size_t len, int& out) {
    const char* first = text.data() + pos;
    auto [ptr, ec] = std::from_chars(first, first + len, out);
    return ec == std::errc() && ptr == first + len;
  };
  if (!number(0, 4, d.year) || !number(5, 2, d.month) || !number(8, 2, d.day)) return std::nullopt;
  if (!d.valid()) return std::nullopt;
  return d;
}

}  // namespace scrutineer

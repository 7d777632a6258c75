#include "scrutineer/framework.hpp"

namespace scrutineer {

const Criterion* Framework::find_criterion(const std::string& id) const {
  for (const auto& c : criteria)
    if (c.id == id) return &c;
  return nullptr;
}

const Indicator* Framework::find_indicator(const std::string& id) const {
  for (const auto& c : criteria)
    for (const auto& i : c.indicators)
      if (i.id == id) return &i;
  return nullptr;
}

const Criterion* Framework::criterion_of(const std::string& indicator_id) const {
  for (const auto& c : criteria)
    for (const auto& i : c.indicators)
      if (i.id == indicator_id) return &c;
  return nullptr;
}

std::size_t Framework::band_index(double score) const {
  std::size_t index = 0;
  for (std::size_t b = 0; b < bands.size(); ++b)
    if (bands[b].min <= score) index = b;
  return index;
}

std::optional<std::size_t> Framework::find_band(const std::string& id) const {
  for (std::size_t b = 0; b < bands.size(); ++b)
    if (bands[b].id == id) return b;
  return std::nullopt;
}

std::vector<std::string> Framework::indicator_ids() const {
  std::vector<std::string> ids;
  for (const auto& c : criteria)
    for (const auto& i : c.indicators) ids.push_back(i.id);
  return ids;
}

std::string to_string(AggregationMethod m) {
  switch (m) {
    case AggregationMethod::Arithmetic: return "arithmetic";
    case AggregationMethod::Geometric: return "geometric";
    case AggregationMethod::WeakestLink: return "weakest-link";
  }
  return "arithmetic";
}

std::optional<AggregationMethod> parse_method(const std::string& s) {
  if (s == "arithmetic") return AggregationMethod::Arithmetic;
  if (s == "geometric") return AggregationMethod::Geometric;
  if (s == "weakest-link") return AggregationMethod::WeakestLink;
  return std::nullopt;
}

}  // namespace scrutineer

#include "scrutineer/profiles.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <filesystem>

#include "scrutineer/loader.hpp"
#include "toml_reader.hpp"

namespace scrutineer {

namespace fs = std::filesystem;
using Need = TomlReader::Need;

namespace {

std::optional<double> read_positive(TomlReader& reader, std::string_view key, Need need) {
  auto value = reader.number(key, need);
  if (value && (!std::isfinite(*value) || *value <= 0)) {
    reader.error(key, fmt::format("'{}' must be finite and greater than 0, got {}", key, *value));
    return std::nullopt;
  }
  return value;
}

void read_weights(TomlReader& root, std::string_view key, std::string_view what,
                  std::vector<ProfileWeight>& out) {
  const toml::table* table = root.table(key, Need::Optional);
  if (!table) return;
  TomlReader reader(*table, std::string(what), root.file(), root.diags());
  for (const auto& [name, node] : *table) {
    const std::string id(name.str());
    if (auto weight = read_positive(reader, id, Need::Required)) out.push_back({id, *weight, reader.where(id)});
  }
}

}  // namespace

std::optional<WeightProfile> load_profile(const std::string& path, Diagnostics& diags) {
  const std::size_t errors_before = diags.size();
  auto text = read_file(path, diags);
  if (!text) return std::nullopt;
  diags.remember_source(path, *text);
  toml::table document;
  try {
    document = toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    diags.error({path, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                fmt::format("TOML syntax: {}", e.description()));
    return std::nullopt;
  }
  WeightProfile profile;
  profile.path = path;
  TomlReader root(document, "the profile file", path, diags);
  if (const toml::table* header = root.table("profile", Need::Required)) {
    TomlReader reader(*header, "[profile]", path, diags);
    profile.where = reader.where();
    profile.id = reader.string("id", Need::Required).value_or("");
    profile.title = reader.string("title", Need::Required).value_or("");
    profile.description = reader.string("description", Need::Optional).value_or("");
    profile.framework = reader.string("framework", Need::Optional).value_or("");
    profile.criteria_default = read_positive(reader, "criteria_default", Need::Optional);
    profile.indicators_default = read_positive(reader, "indicators_default", Need::Optional);
  }
  read_weights(root, "criteria", "[criteria]", profile.criteria);
  read_weights(root, "indicators", "[indicators]", profile.indicators);
  if (diags.size() != errors_before) return std::nullopt;
  return profile;
}

std::string find_profile(const std::string& name_or_path, const std::string& framework_path) {
  std::error_code ec;
  if (fs::is_regular_file(name_or_path, ec)) return name_or_path;
  const fs::path beside = fs::path(framework_path).parent_path() / "profiles" / (name_or_path + ".toml");
  if (fs::is_regular_file(beside, ec)) return beside.string();
  return name_or_path;
}

bool apply_profile(const WeightProfile& profile, const Framework& framework, AssessOptions& options,
                   Diagnostics& diags) {
  const std::size_t errors_before = diags.size();
  if (!profile.framework.empty() && profile.framework != framework.id)
    diags.error(profile.where, fmt::format("profile '{}' is written for framework '{}', not '{}'",
                                           profile.id, profile.framework, framework.id));
  std::vector<std::string> criterion_ids;
  for (const auto& criterion : framework.criteria) criterion_ids.push_back(criterion.id);
  const std::vector<std::string> indicator_ids = framework.indicator_ids();
  auto unknown = [&](const ProfileWeight& w, std::string_view kind, const std::vector<std::string>& known) {
    std::string message = fmt::format("unknown {} '{}' in framework '{}'", kind, w.id, framework.id);
    const std::string suggestion = closest_match(w.id, known);
    if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
    diags.error(w.where, std::move(message));
  };
  if (profile.criteria_default)
    for (const auto& id : criterion_ids) options.criterion_weights[id] = *profile.criteria_default;
  if (profile.indicators_default)
    for (const auto& id : indicator_ids) options.indicator_weights[id] = *profile.indicators_default;
  for (const auto& w : profile.criteria) {
    if (!framework.find_criterion(w.id)) unknown(w, "criterion", criterion_ids);
    else options.criterion_weights[w.id] = w.weight;
  }
  for (const auto& w : profile.indicators) {
    if (!framework.find_indicator(w.id)) unknown(w, "indicator", indicator_ids);
    else options.indicator_weights[w.id] = w.weight;
  }
  options.weights_profile = profile.id;
  return diags.size() == errors_before;
}

std::string apply_weight_override(const std::string& text, const Framework& framework,
                                  AssessOptions& options) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0)
    return fmt::format("--weight takes CRITERION=VALUE, got '{}'", text);
  const std::string id = text.substr(0, equals);
  const std::string number = text.substr(equals + 1);
  if (!framework.find_criterion(id)) {
    std::vector<std::string> ids;
    for (const auto& criterion : framework.criteria) ids.push_back(criterion.id);
    std::string message = fmt::format("--weight: unknown criterion '{}'", id);
    const std::string suggestion = closest_match(id, ids);
    if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
    return message;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(value) || value <= 0)
    return fmt::format("--weight {}: the weight must be a finite number greater than 0, got '{}'", id, number);
  options.criterion_weights[id] = value;
  if (!options.weights_profile.empty()) options.weights_profile += " + ";
  options.weights_profile += id + "=" + number;
  return "";
}

}  // namespace scrutineer

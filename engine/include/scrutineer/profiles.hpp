// Weight profiles: named sets of criterion and indicator weights (criteria/profiles/*.toml,
// docs/uncertainty.md), and `--weight CRITERION=VALUE` overrides. A profile re-weighs a framework
// without editing it, so an analyst can test whether a ranking survives another view of what
// matters most; the scorecard records which profile and overrides it used.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/diagnostics.hpp"
#include "scrutineer/framework.hpp"
#include "scrutineer/scorecard.hpp"

namespace scrutineer {

struct ProfileWeight {
  std::string id;  // criterion or indicator id
  double weight = 1.0;
  SourceRegion where;
};

struct WeightProfile {
  std::string id;
  std::string title;
  std::string description;
  std::string framework;                      // the framework id it is written for; "" for any
  std::optional<double> criteria_default;     // weight of every criterion not listed
  std::optional<double> indicators_default;   // weight of every indicator not listed
  std::vector<ProfileWeight> criteria;        // [criteria] id = weight
  std::vector<ProfileWeight> indicators;      // [indicators] id = weight
  std::string path;
  SourceRegion where;
};

// Loads a profile file. Every problem goes to `diags`; nullopt when there was any.
std::optional<WeightProfile> load_profile(const std::string& path, Diagnostics& diags);

// `name_or_path` when it names a file, else <directory of framework_path>/profiles/<name>.toml
// (so `--weights equal` finds criteria/profiles/equal.toml beside criteria/standards.toml).
std::string find_profile(const std::string& name_or_path, const std::string& framework_path);

// Puts the profile's weights into `options` (criterion_weights, indicator_weights,
// weights_profile = the profile id). Reports ids the framework lacks and a profile written for
// another framework; returns false when it reported anything.
bool apply_profile(const WeightProfile& profile, const Framework& framework, AssessOptions& options,
                   Diagnostics& diags);

// Parses "CRITERION=VALUE" (VALUE finite and > 0) against `framework` and records it in
// `options` (overriding any profile), appending " + CRITERION=VALUE" (or just "CRITERION=VALUE") to options.weights_profile.
// Returns "" or a message for the user.
std::string apply_weight_override(const std::string& text, const Framework& framework,
                                  AssessOptions& options);

}  // namespace scrutineer

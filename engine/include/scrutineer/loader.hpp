// Loader: reads frameworks and elections from TOML, validating everything in one pass.
#pragma once
#include <optional>
#include <string>

#include "scrutineer/diagnostics.hpp"
#include "scrutineer/election.hpp"
#include "scrutineer/framework.hpp"

namespace scrutineer {

// Loads and validates a framework file, compiling every rule. Every problem goes to `diags`;
// returns nullopt when there was any.
std::optional<Framework> load_framework(const std::string& path, Diagnostics& diags);

// Loads an election directory (election.toml, documents.toml, evidence.toml) and checks its
// internal references. When `framework` is given, also checks that every indicator named by
// evidence exists in it. Returns nullopt when there was any problem.
std::optional<Election> load_election(const std::string& directory, Diagnostics& diags,
                                      const Framework* framework = nullptr);

// Reads a whole file; reports to `diags` and returns nullopt when it cannot.
std::optional<std::string> read_file(const std::string& path, Diagnostics& diags);

}  // namespace scrutineer

// Helpers shared by the tests: run the CLI, find the repository and the seed documents.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace scrutineer::test {

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the scrutineer binary with `arguments` (a shell-quoted string) from the repository root.
CliResult run_cli(const std::string& arguments);

// The repository root (tests run from there too).
std::string source_dir();

// ../shared/seeds when present, else nullopt (tests that need it then skip, saying so).
std::optional<std::string> seeds_dir();

std::string read_text(const std::string& path);

// Runs the CLI with `arguments` (it must exit 0) and compares its stdout with the golden file
// at `golden_path` (relative to the repository). With SCRUTINEER_UPDATE_GOLDEN set it rewrites
// the golden file instead: review the diff before committing it.
void check_golden(const std::string& arguments, const std::string& golden_path);

// The ids of the bundled elections (fixtures/elections/*), sorted.
std::vector<std::string> bundled_elections();

// A path in the temporary directory that no other test process uses:
// <tmp>/scrutineer-<pid>-<n>-<name>. ctest runs test cases in parallel processes.
std::string unique_temp_path(const std::string& name);

}  // namespace scrutineer::test

// Golden scorecards: `scrutineer assess` on every bundled election, text (with --explain) and
// JSON, compared whole. After a deliberate change, regenerate with
//   SCRUTINEER_UPDATE_GOLDEN=1 ./build/scrutineer_tests "[golden]"
// and review the diff before committing it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support.hpp"

using namespace scrutineer::test;
namespace fs = std::filesystem;

namespace {

void check_golden(const std::string& arguments, const std::string& golden_path) {
  const CliResult result = run_cli(arguments);
  INFO(arguments << "\n" << result.err);
  REQUIRE(result.exit_code == 0);
  const std::string path = source_dir() + "/" + golden_path;
  if (std::getenv("SCRUTINEER_UPDATE_GOLDEN")) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << result.out;
    WARN("updated " << golden_path);
    return;
  }
  REQUIRE(fs::exists(path));
  CHECK(result.out == read_text(path));
}

std::vector<std::string> bundled_elections() {
  std::vector<std::string> ids;
  for (const auto& entry : fs::directory_iterator(source_dir() + "/fixtures/elections"))
    ids.push_back(entry.path().filename().string());
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

TEST_CASE("golden text scorecards with --explain for every bundled election", "[golden]") {
  for (const auto& id : bundled_elections())
    check_golden("assess fixtures/elections/" + id + " --explain", "fixtures/golden/assess/" + id + ".txt");
}

TEST_CASE("golden JSON scorecards for every bundled election", "[golden]") {
  for (const auto& id : bundled_elections())
    check_golden("assess fixtures/elections/" + id + " --format json", "fixtures/golden/assess/" + id + ".json");
}

TEST_CASE("assess output is byte-identical from run to run", "[golden]") {
  const std::string args = "assess fixtures/elections/khm-2023 --format json";
  CHECK(run_cli(args).out == run_cli(args).out);
}

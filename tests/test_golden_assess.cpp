// Golden scorecards: `scrutineer assess` on every bundled election, text (with --explain) and
// JSON, compared whole. After a deliberate change, regenerate with
//   SCRUTINEER_UPDATE_GOLDEN=1 ./build/scrutineer_tests "[golden]"
// and review the diff before committing it.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace scrutineer::test;

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

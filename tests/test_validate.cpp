// The loader and `scrutineer validate`: every bad input gets its exact message, and no input,
// however malformed, crashes the loader.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "scrutineer/loader.hpp"
#include "support.hpp"

using namespace scrutineer;
using namespace scrutineer::test;
namespace fs = std::filesystem;

namespace {

// The command that checks one case of fixtures/invalid/: a framework file, or an election
// directory checked against the minimal framework.
std::string validate_arguments(const std::string& case_dir) {
  if (fs::exists(source_dir() + "/" + case_dir + "/framework.toml"))
    return "validate " + case_dir + "/framework.toml";
  return "validate --framework fixtures/minimal/framework.toml " + case_dir;
}

std::vector<std::string> invalid_cases() {
  std::vector<std::string> cases;
  for (const auto& entry : fs::directory_iterator(source_dir() + "/fixtures/invalid"))
    if (entry.is_directory()) cases.push_back("fixtures/invalid/" + entry.path().filename().string());
  std::sort(cases.begin(), cases.end());
  return cases;
}

}  // namespace

TEST_CASE("every invalid fixture is rejected with exit 2 and exactly its expected message", "[validate]") {
  const auto cases = invalid_cases();
  REQUIRE(cases.size() >= 30);
  for (const auto& case_dir : cases) {
    INFO(case_dir);
    const CliResult result = run_cli(validate_arguments(case_dir));
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err == read_text(source_dir() + "/" + case_dir + "/expected.txt"));
  }
}

TEST_CASE("the minimal framework and election validate clean with exit 0", "[validate]") {
  const CliResult result = run_cli("validate fixtures/minimal/framework.toml fixtures/minimal/mini-2024");
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK(result.out == "ok: 2 inputs valid\n");
}

TEST_CASE("the default framework and every bundled election validate clean", "[validate]") {
  const CliResult result = run_cli("validate criteria/standards.toml fixtures/elections/*");
  INFO(result.err);
  CHECK(result.exit_code == 0);
}

TEST_CASE("validate without paths prints usage and exits 2", "[validate]") {
  const CliResult result = run_cli("validate");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.out, Catch::Contains("usage: scrutineer validate"));
}

TEST_CASE("several problems in one file are all reported in one pass, in line order", "[validate]") {
  const std::string dir = unique_temp_path("many-problems");
  fs::create_directories(dir);
  {
    std::ofstream out(dir + "/framework.toml");
    out << read_text(source_dir() + "/fixtures/minimal/framework.toml");
  }
  std::string text = read_text(dir + "/framework.toml");
  text.replace(text.find("level = 0"), 9, "level = 9");
  text.replace(text.find("effect = \"set\""), 14, "effect = \"put\"");
  text.replace(text.find("min = 50"), 8, "min = 500");
  {
    std::ofstream out(dir + "/framework.toml");
    out << text;
  }
  Diagnostics diags;
  CHECK_FALSE(load_framework(dir + "/framework.toml", diags));
  const auto errors = diags.sorted();
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].message == "'min' must be between 0 and 100, got 500");
  CHECK(errors[1].message == "'effect' must be set, cap or floor, got 'put'");
  CHECK(errors[2].message == "'level' must be 0 to 4, got 9");
  CHECK(errors[0].where.line < errors[1].where.line);
  CHECK(errors[1].where.line < errors[2].where.line);
}

TEST_CASE("no truncation or corrupted byte of a valid file crashes the loader", "[validate]") {
  const std::string base = read_text(source_dir() + "/fixtures/minimal/framework.toml");
  const std::string path = unique_temp_path("fuzz.toml");
  const std::string junk = "\"'[]{}=#\n\\\x01\xff\xc3";
  std::size_t rejected = 0, tried = 0;
  for (std::size_t cut = 0; cut < base.size(); cut += 5) {
    for (int variant = 0; variant < 3; ++variant) {
      std::string text = base;
      if (variant == 0) text = base.substr(0, cut);
      else text[cut] = junk[(cut + static_cast<std::size_t>(variant)) % junk.size()];
      {
        std::ofstream out(path, std::ios::binary);
        out << text;
      }
      Diagnostics diags;
      const auto framework = load_framework(path, diags);
      ++tried;
      if (!framework) {
        ++rejected;
        CHECK_FALSE(diags.empty());
        CHECK_FALSE(diags.render().empty());
      }
    }
  }
  CHECK(rejected > tried / 2);
}

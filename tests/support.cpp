#include "support.hpp"

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace scrutineer::test {

namespace fs = std::filesystem;

std::string source_dir() { return SCRUTINEER_SOURCE_DIR; }

std::optional<std::string> seeds_dir() {
  std::error_code ec;
  if (fs::is_directory(SCRUTINEER_SEEDS_DIR, ec)) return std::string(SCRUTINEER_SEEDS_DIR);
  return std::nullopt;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

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

std::string unique_temp_path(const std::string& name) {
  static int counter = 0;
  return (fs::temp_directory_path() /
          ("scrutineer-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name))
      .string();
}

CliResult run_cli(const std::string& arguments) {
  const std::string stem = unique_temp_path("cli");
  const std::string out_path = stem + ".out";
  const std::string err_path = stem + ".err";
  const std::string command = "cd '" + source_dir() + "' && '" + SCRUTINEER_CLI + "' " + arguments +
                              " >'" + out_path + "' 2>'" + err_path + "' </dev/null";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(out_path);
  result.err = read_text(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return result;
}

}  // namespace scrutineer::test

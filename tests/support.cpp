#include "support.hpp"

#include <sys/wait.h>
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

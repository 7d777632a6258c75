#include "cli_support.hpp"

#include <unistd.h>

#include <filesystem>
#include <iostream>

namespace scrutineer::cli {

namespace fs = std::filesystem;
namespace po = boost::program_options;

std::string find_data_file(const std::string& relative) {
  std::error_code ec;
  if (fs::exists(relative, ec)) return relative;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec)
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path())
      if (fs::exists(dir / relative, ec)) return (dir / relative).string();
  return relative;
}

std::string default_framework_path() {
  const std::string path = find_data_file("criteria/standards.toml");
  std::error_code ec;
  return fs::exists(path, ec) ? path : "";
}

bool parse_options(const std::string& command, const Args& args,
                   const po::options_description& options,
                   const po::positional_options_description* positional, po::variables_map& vm) {
  try {
    po::command_line_parser parser(args);
    parser.options(options);
    if (positional) parser.positional(*positional);
    po::store(parser.run(), vm);
    po::notify(vm);
    return true;
  } catch (const po::error& e) {
    std::cerr << "scrutineer " << command << ": " << e.what() << "\n"
              << "try 'scrutineer " << command << " --help'\n";
    return false;
  }
}

void print_help(const std::string& synopsis, const std::string& description,
                const po::options_description& options) {
  std::cout << "usage: " << synopsis << "\n\n" << description << "\n\n" << options << "\n";
}

}  // namespace scrutineer::cli

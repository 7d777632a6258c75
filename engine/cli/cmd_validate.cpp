// scrutineer validate PATH...: load frameworks (files) and elections (directories), report
// every problem at once.
#include <filesystem>
#include <iostream>

#include "cli_support.hpp"
#include "scrutineer/loader.hpp"

namespace scrutineer::cli {

namespace po = boost::program_options;

int run_validate(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "framework", po::value<std::string>(),
      "check elections against this framework (default: the first framework among PATHs, else "
      "criteria/standards.toml)")("path", po::value<std::vector<std::string>>(), "file or directory");
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  if (!parse_options("validate", args, options, &positional, vm)) return 2;
  if (vm.count("help") || !vm.count("path")) {
    print_help("scrutineer validate [--framework F] PATH...",
               "Checks framework files (*.toml) and election directories, reporting every problem\n"
               "as file:line:col with the offending line. Exit 0 when all are clean, 2 otherwise.",
               options);
    return vm.count("help") ? 0 : 2;
  }
  const auto paths = vm["path"].as<std::vector<std::string>>();
  Diagnostics diags;
  std::optional<Framework> framework;
  int checked = 0;
  // Frameworks first, so elections can be checked against one.
  for (const auto& path : paths) {
    if (std::filesystem::is_directory(path)) continue;
    auto loaded = load_framework(path, diags);
    if (loaded && !framework) framework = std::move(loaded);
    ++checked;
  }
  if (vm.count("framework")) {
    Diagnostics framework_diags;
    framework = load_framework(vm["framework"].as<std::string>(), framework_diags);
    if (!framework) {
      std::cerr << framework_diags.render();
      return 2;
    }
  }
  if (!framework) {
    const std::string fallback = default_framework_path();
    Diagnostics ignored;
    if (!fallback.empty()) framework = load_framework(fallback, ignored);
  }
  for (const auto& path : paths) {
    if (!std::filesystem::is_directory(path)) continue;
    load_election(path, diags, framework ? &*framework : nullptr);
    ++checked;
  }
  if (!diags.empty()) {
    std::cerr << diags.render();
    std::cerr << diags.size() << (diags.size() == 1 ? " error" : " errors") << " in " << checked
              << (checked == 1 ? " input" : " inputs") << "\n";
    return 2;
  }
  std::cout << "ok: " << checked << (checked == 1 ? " input" : " inputs") << " valid\n";
  return 0;
}

}  // namespace scrutineer::cli

#include "uncertainty_options.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <vector>

#include "scrutineer/profiles.hpp"

namespace scrutineer::cli {

namespace po = boost::program_options;

void add_uncertainty_options(po::options_description& options, bool load_bearing) {
  options.add_options()(
      "draws", po::value<std::string>()->default_value("1000"),
      "Monte Carlo draws for the intervals (0: none)")(
      "seed", po::value<std::string>()->default_value("1"), "seed of the draws (recorded in the output)")(
      "concentration", po::value<std::string>(),
      "Dirichlet concentration of the weight draws (default: the framework's; 0: fixed weights)");
  if (load_bearing)
    options.add_options()("load-bearing", po::value<std::string>()->default_value("5"),
                          "how many load-bearing evidence items to name (0: none)");
  options.add_options()(
      "weights", po::value<std::string>(), "weight profile: a file, or a name in criteria/profiles/")(
      "weight", po::value<std::vector<std::string>>()->composing(),
      "override one criterion's weight: CRITERION=VALUE (repeatable)");
}

namespace {

template <class T>
bool parse_whole(const std::string& text, T& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

bool read_uncertainty_options(const std::string& command, const po::variables_map& vm, UncertaintyOptions& out) {
  auto fail = [&](const std::string& message) {
    std::cerr << "scrutineer " << command << ": " << message << "\n";
    return false;
  };
  const std::string draws = vm["draws"].as<std::string>();
  if (!parse_whole(draws, out.draws) || out.draws > 10'000'000)
    return fail("--draws takes a whole number from 0 to 10000000, got '" + draws + "'");
  const std::string seed = vm["seed"].as<std::string>();
  if (!parse_whole(seed, out.seed)) return fail("--seed takes a whole number from 0 to 2^64-1, got '" + seed + "'");
  if (vm.count("concentration")) {
    const std::string text = vm["concentration"].as<std::string>();
    double value = 0;
    if (!parse_whole(text, value) || !std::isfinite(value) || value < 0)
      return fail("--concentration takes a finite number of 0 or more, got '" + text + "'");
    out.concentration = value;
  }
  if (vm.count("load-bearing")) {
    const std::string load_bearing = vm["load-bearing"].as<std::string>();
    if (!parse_whole(load_bearing, out.load_bearing))
      return fail("--load-bearing takes a whole number, got '" + load_bearing + "'");
  }
  return true;
}

bool read_weight_options(const std::string& command, const po::variables_map& vm, const Framework& framework,
                         const std::string& framework_path, AssessOptions& options) {
  if (vm.count("weights")) {
    const std::string name = vm["weights"].as<std::string>();
    const std::string path = find_profile(name, framework_path);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      std::cerr << "scrutineer " << command << ": no weight profile '" << name << "': not a file, nor in "
                << (std::filesystem::path(framework_path).parent_path() / "profiles").string() << "/\n";
      return false;
    }
    Diagnostics diags;
    auto profile = load_profile(path, diags);
    if (!profile || !apply_profile(*profile, framework, options, diags)) {
      std::cerr << diags.render();
      return false;
    }
  }
  if (vm.count("weight")) {
    for (const auto& text : vm["weight"].as<std::vector<std::string>>()) {
      const std::string problem = apply_weight_override(text, framework, options);
      if (!problem.empty()) {
        std::cerr << "scrutineer " << command << ": " << problem << "\n";
        return false;
      }
    }
  }
  return true;
}

}  // namespace scrutineer::cli

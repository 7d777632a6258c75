// scrutineer assess DIR: score one election against a framework.
#include <iostream>

#include "cli_support.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/render.hpp"
#include "scrutineer/scorecard.hpp"

namespace scrutineer::cli {

namespace po = boost::program_options;

int run_assess(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "framework", po::value<std::string>(), "framework file (default: criteria/standards.toml)")(
      "format", po::value<std::string>()->default_value("text"), "text | json")(
      "explain", po::value<std::string>()->implicit_value("all"),
      "show each indicator's rule and evidence; --explain=fails: only those below level 4")(
      "as-of", po::value<std::string>(), "use only evidence dated on or before YYYY-MM-DD")(
      "method", po::value<std::string>(), "aggregation: arithmetic | geometric | weakest-link")(
      "election", po::value<std::string>(), "election directory");
  po::positional_options_description positional;
  positional.add("election", 1);
  po::variables_map vm;
  if (!parse_options("assess", args, options, &positional, vm)) return 2;
  if (vm.count("help") || !vm.count("election")) {
    print_help("scrutineer assess DIR [options]",
               "Scores the election in DIR against the framework and prints its scorecard.", options);
    return vm.count("help") ? 0 : 2;
  }
  AssessOptions assess_options;
  Explain explain = Explain::None;
  if (vm.count("explain")) {
    const std::string mode = vm["explain"].as<std::string>();
    if (mode == "all") explain = Explain::All;
    else if (mode == "fails") explain = Explain::Fails;
    else {
      std::cerr << "scrutineer assess: --explain takes 'all' or 'fails', got '" << mode << "'\n";
      return 2;
    }
  }
  if (vm.count("as-of")) {
    const std::string text = vm["as-of"].as<std::string>();
    assess_options.as_of = parse_date(text);
    if (!assess_options.as_of) {
      std::cerr << "scrutineer assess: --as-of needs a real day as YYYY-MM-DD, got '" << text << "'\n";
      return 2;
    }
  }
  if (vm.count("method")) {
    assess_options.method = parse_method(vm["method"].as<std::string>());
    if (!assess_options.method) {
      std::cerr << "scrutineer assess: --method must be arithmetic, geometric or weakest-link\n";
      return 2;
    }
  }
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json") {
    std::cerr << "scrutineer assess: --format must be text or json, got '" << format << "'\n";
    return 2;
  }
  const std::string framework_path =
      vm.count("framework") ? vm["framework"].as<std::string>() : default_framework_path();
  if (framework_path.empty()) {
    std::cerr << "scrutineer assess: no criteria/standards.toml here; name one with --framework\n";
    return 2;
  }
  Diagnostics diags;
  auto framework = load_framework(framework_path, diags);
  auto election = load_election(vm["election"].as<std::string>(), diags, framework ? &*framework : nullptr);
  if (!framework || !election) {
    std::cerr << diags.render();
    return 2;
  }
  const Scorecard card = assess(*framework, *election, assess_options);
  std::cout << (format == "json" ? render_json(card) : render_text(card, explain));
  return 0;
}

}  // namespace scrutineer::cli

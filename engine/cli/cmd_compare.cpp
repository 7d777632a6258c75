// scrutineer compare DIR...: rank elections, with intervals, rank probabilities and the change
// within each country.
#include <filesystem>
#include <iostream>
#include <set>

#include "cli_support.hpp"
#include "scrutineer/batch.hpp"
#include "scrutineer/comparison.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/render_comparison.hpp"
#include "scrutineer/scorecard.hpp"
#include "scrutineer/uncertainty.hpp"
#include "uncertainty_options.hpp"

namespace scrutineer::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

int run_compare(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "framework", po::value<std::string>(), "framework file (default: criteria/standards.toml)")(
      "format", po::value<std::string>()->default_value("text"), "text | json | markdown | csv")(
      "as-of", po::value<std::string>(), "use only evidence dated on or before YYYY-MM-DD")(
      "method", po::value<std::string>(), "aggregation: arithmetic | geometric | weakest-link")(
      "elections", po::value<std::vector<std::string>>()->composing(), "election directories");
  add_uncertainty_options(options, false);
  po::positional_options_description positional;
  positional.add("elections", -1);
  po::variables_map vm;
  if (!parse_options("compare", args, options, &positional, vm)) return 2;
  if (vm.count("help") || !vm.count("elections")) {
    print_help("scrutineer compare DIR... [options]",
               "Ranks the elections in the DIRs (each an election, or a tree of them) by overall index, "
               "with\nintervals, the probability of each rank and of each pairwise order, criterion "
               "scores side by\nside, and the change between elections of the same country "
               "(docs/uncertainty.md).", options);
    return vm.count("help") ? 0 : 2;
  }
  AssessOptions assess_options;
  if (vm.count("as-of")) {
    const std::string text = vm["as-of"].as<std::string>();
    assess_options.as_of = parse_date(text);
    if (!assess_options.as_of) {
      std::cerr << "scrutineer compare: --as-of needs a real day as YYYY-MM-DD, got '" << text << "'\n";
      return 2;
    }
  }
  if (vm.count("method")) {
    assess_options.method = parse_method(vm["method"].as<std::string>());
    if (!assess_options.method) {
      std::cerr << "scrutineer compare: --method must be arithmetic, geometric or weakest-link\n";
      return 2;
    }
  }
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown" && format != "csv") {
    std::cerr << "scrutineer compare: --format must be text, json, markdown or csv, got '" << format << "'\n";
    return 2;
  }
  UncertaintyOptions uncertainty_options;
  if (!read_uncertainty_options("compare", vm, uncertainty_options)) return 2;
  uncertainty_options.load_bearing = 0;  // a comparison does not show it
  const std::string framework_path =
      vm.count("framework") ? vm["framework"].as<std::string>() : default_framework_path();
  if (framework_path.empty()) {
    std::cerr << "scrutineer compare: no criteria/standards.toml here; name one with --framework\n";
    return 2;
  }
  Diagnostics diags;
  auto framework = load_framework(framework_path, diags);
  if (!framework) {
    std::cerr << diags.render();
    return 2;
  }
  // Each argument is an election directory, or a tree holding several.
  std::vector<std::string> directories;
  for (const auto& argument : vm["elections"].as<std::vector<std::string>>()) {
    std::error_code ec;
    if (!fs::is_directory(argument, ec) || fs::is_regular_file(fs::path(argument) / "election.toml", ec)) {
      directories.push_back(argument);
      continue;
    }
    const BatchSource tree = directory_tree_source(argument);
    BatchInput input;
    std::size_t found = 0;
    while (tree(input)) {
      directories.push_back(input.directory);
      ++found;
    }
    if (found == 0) directories.push_back(argument);  // let the loader say what is wrong
  }
  std::vector<Election> elections;
  elections.reserve(directories.size());
  for (const auto& directory : directories)
    if (auto election = load_election(directory, diags, &*framework)) elections.push_back(std::move(*election));
  if (!diags.empty()) {
    std::cerr << diags.render();
    return 2;
  }
  std::set<std::string> ids;
  for (const auto& election : elections)
    if (!ids.insert(election.id).second) {
      std::cerr << "scrutineer compare: election '" << election.id << "' is given twice\n";
      return 2;
    }
  if (!read_weight_options("compare", vm, *framework, framework_path, assess_options)) return 2;

  const WeightDraws weights = draw_weights(assessed_weights(*framework, assess_options), uncertainty_options.draws,
                                           effective_concentration(*framework, uncertainty_options),
                                           uncertainty_options.seed);
  std::vector<Scorecard> cards;
  cards.reserve(elections.size());
  std::vector<std::vector<double>> draws;
  for (const auto& election : elections) {
    Scorecard& card = cards.emplace_back(assess(*framework, election, assess_options));
    UncertaintyOutcome outcome = estimate_uncertainty(card, weights, uncertainty_options, true);
    card.uncertainty = std::move(outcome.uncertainty);
    if (uncertainty_options.draws) draws.push_back(std::move(outcome.overall_draws));
  }
  std::vector<const Scorecard*> pointers;
  for (const auto& card : cards) pointers.push_back(&card);
  const Comparison comparison = compare(pointers, draws);
  if (format == "json") std::cout << render_comparison_json(comparison);
  else if (format == "markdown") std::cout << render_comparison_markdown(comparison);
  else if (format == "csv") std::cout << render_comparison_csv(comparison);
  else std::cout << render_comparison_text(comparison);
  return 0;
}

}  // namespace scrutineer::cli

// scrutineer report DIR...: a briefing for one election, a comparison briefing for several, as
// HTML, Markdown, JSON, CSV or PDF (docs/reports.md).
#include <filesystem>
#include <iostream>
#include <set>

#include "cli_support.hpp"
#include "scrutineer/batch.hpp"
#include "scrutineer/comparison.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/output_file.hpp"
#include "scrutineer/render.hpp"
#include "scrutineer/render_comparison.hpp"
#include "scrutineer/scorecard.hpp"
#include "scrutineer/uncertainty.hpp"
#include "uncertainty_options.hpp"

namespace scrutineer::cli {

namespace po = boost::program_options;

namespace {

const char* const kFormats = "html | markdown | json | csv | pdf";

// The format named by an output file's extension, or "".
std::string format_of(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".md" || ext == ".markdown") return "markdown";
  if (ext == ".json") return "json";
  if (ext == ".csv") return "csv";
  if (ext == ".pdf") return "pdf";
  return "";
}

}  // namespace

int run_report(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "format", po::value<std::string>(),
      "html | markdown | json | csv | pdf (default: from the extension of -o, else html)")(
      "output,o", po::value<std::string>(),
      "write the report here, atomically (default: standard output; pdf needs -o)")(
      "framework", po::value<std::string>(), "framework file (default: criteria/standards.toml)")(
      "as-of", po::value<std::string>(), "use only evidence dated on or before YYYY-MM-DD")(
      "method", po::value<std::string>(), "aggregation: arithmetic | geometric | weakest-link")(
      "election", po::value<std::vector<std::string>>(), "election directory");
  add_uncertainty_options(options);
  po::positional_options_description positional;
  positional.add("election", -1);
  po::variables_map vm;
  if (!parse_options("report", args, options, &positional, vm)) return 2;
  if (vm.count("help") || !vm.count("election")) {
    print_help("scrutineer report DIR... [--format F] [-o PATH] [options]",
               "Writes a briefing (docs/reports.md): for one election its scorecard (headline with a 90%\n"
               "interval, red lines, findings with their evidence, recommendations, what is not assessed,\n"
               "methodology); for several (each DIR an election or a tree of them) a comparison (overview,\n"
               "heatmap, ranking with intervals, change within each country) and each election's briefing.\n"
               "HTML is one self-contained file with SVG charts; PDF is printed from it by Chromium.",
               options);
    return vm.count("help") ? 0 : 2;
  }
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  std::string format = vm.count("format") ? vm["format"].as<std::string>() : format_of(output);
  if (format.empty()) format = "html";
  if (format == "md") format = "markdown";
  if (format != "html" && format != "markdown" && format != "json" && format != "csv" && format != "pdf") {
    std::cerr << "scrutineer report: --format must be " << kFormats << ", got '" << format << "'\n";
    return 2;
  }
  if (format == "pdf" && (output.empty() || output == "-")) {
    std::cerr << "scrutineer report: PDF output needs a file: pass -o PATH\n";
    return 2;
  }
  AssessOptions assess_options;
  if (vm.count("as-of")) {
    const std::string text = vm["as-of"].as<std::string>();
    assess_options.as_of = parse_date(text);
    if (!assess_options.as_of) {
      std::cerr << "scrutineer report: --as-of needs a real day as YYYY-MM-DD, got '" << text << "'\n";
      return 2;
    }
  }
  if (vm.count("method")) {
    assess_options.method = parse_method(vm["method"].as<std::string>());
    if (!assess_options.method) {
      std::cerr << "scrutineer report: --method must be arithmetic, geometric or weakest-link\n";
      return 2;
    }
  }
  UncertaintyOptions uncertainty_options;
  if (!read_uncertainty_options("report", vm, uncertainty_options)) return 2;
  const std::string framework_path =
      vm.count("framework") ? vm["framework"].as<std::string>() : default_framework_path();
  if (framework_path.empty()) {
    std::cerr << "scrutineer report: no criteria/standards.toml here; name one with --framework\n";
    return 2;
  }
  Diagnostics diags;
  auto framework = load_framework(framework_path, diags);
  // Each argument is an election directory, or a tree holding several.
  std::vector<std::string> directories;
  for (const auto& argument : vm["election"].as<std::vector<std::string>>()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(argument, ec) ||
        std::filesystem::is_regular_file(std::filesystem::path(argument) / "election.toml", ec)) {
      directories.push_back(argument);
      continue;
    }
    const BatchSource tree = directory_tree_source(argument);
    BatchInput input;
    std::size_t found = 0;
    for (; tree(input); ++found) directories.push_back(input.directory);
    if (found == 0) directories.push_back(argument);  // let the loader say what is wrong
  }
  std::vector<Election> elections;
  elections.reserve(directories.size());
  for (const auto& directory : directories) {
    auto election = load_election(directory, diags, framework ? &*framework : nullptr);
    if (election) elections.push_back(std::move(*election));
  }
  if (!framework || !diags.empty()) {
    std::cerr << diags.render();
    return 2;
  }
  std::set<std::string> seen;
  for (const auto& election : elections) {
    if (!seen.insert(election.id).second) {
      std::cerr << "scrutineer report: election '" << election.id << "' is named more than once\n";
      return 2;
    }
  }
  if (!read_weight_options("report", vm, *framework, framework_path, assess_options)) return 2;

  // As `compare` does: one set of weight draws for every election, so that in each draw all are
  // weighed alike; then the comparison of their draws.
  const WeightDraws weights =
      draw_weights(assessed_weights(*framework, assess_options), uncertainty_options.draws,
                   effective_concentration(*framework, uncertainty_options), uncertainty_options.seed);
  std::vector<Scorecard> cards;
  cards.reserve(elections.size());
  std::vector<std::vector<double>> draws;
  for (const auto& election : elections) {
    Scorecard& card = cards.emplace_back(assess(*framework, election, assess_options));
    UncertaintyOutcome outcome = estimate_uncertainty(card, weights, uncertainty_options, elections.size() > 1);
    card.uncertainty = std::move(outcome.uncertainty);
    card.load_bearing = std::move(outcome.load_bearing);
    if (uncertainty_options.draws) draws.push_back(std::move(outcome.overall_draws));
  }
  Briefing briefing;
  for (const auto& card : cards) briefing.scorecards.push_back(&card);
  std::optional<Comparison> comparison;
  if (cards.size() > 1) {
    comparison = compare(briefing.scorecards, draws);
    briefing.comparison = &*comparison;
  }

  std::string text;
  if (format == "html" || format == "pdf")
    text = render_html(briefing);
  else if (format == "markdown")
    text = render_markdown(briefing);
  else if (format == "csv")
    text = render_csv(briefing);
  else if (format == "json")
    text = comparison ? render_comparison_json(*comparison) : render_json(cards.front());
  if (format == "pdf") {
    bool missing_browser = false;
    const std::string error = print_pdf(text, output, &missing_browser);
    if (!error.empty()) {
      std::cerr << "scrutineer report: " << error << "\n";
      return 2;
    }
    return 0;
  }
  if (output.empty() || output == "-") {
    std::cout << text;
    return 0;
  }
  const std::string error = write_file_atomically(output, text);
  if (!error.empty()) {
    std::cerr << "scrutineer report: " << error << "\n";
    return 2;
  }
  return 0;
}

}  // namespace scrutineer::cli

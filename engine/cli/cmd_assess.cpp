// scrutineer assess DIR: score one election against a framework.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli_support.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/render.hpp"
#include "scrutineer/scorecard.hpp"
#include "scrutineer/batch.hpp"
#include "uncertainty_options.hpp"

namespace scrutineer::cli {

namespace po = boost::program_options;

namespace {

// `assess --batch PATH`: JSON Lines out; a progress line on stderr when it is a terminal.
int run_assess_batch(const Framework& framework, const std::string& path, const AssessOptions& assess_options,
                     const UncertaintyOptions& uncertainty_options, std::size_t threads) {
  BatchOptions options;
  options.assess = assess_options;
  options.uncertainty = uncertainty_options;
  options.threads = threads;
  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  const auto start = std::chrono::steady_clock::now();
  if (terminal)
    options.progress = [start](std::size_t done) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::cerr << "\rscrutineer assess --batch: " << done << " elections, "
                << static_cast<long long>(seconds > 0 ? static_cast<double>(done) / seconds : 0) << "/s   "
                << std::flush;
    };
  std::error_code ec;
  std::ifstream file;
  BatchSource source;
  if (path == "-") {
    source = json_lines_source(std::cin, "-");
  } else if (std::filesystem::is_directory(path, ec)) {
    source = directory_tree_source(path);
  } else {
    file.open(path, std::ios::binary);
    if (!file) {
      std::cerr << "scrutineer assess: --batch: cannot read '" << path
                << "' (give a directory tree, a JSON Lines file or '-')\n";
      return 2;
    }
    source = json_lines_source(file, path);
  }
  std::ios::sync_with_stdio(false);
  const BatchSummary summary = run_batch(framework, source, std::cout, std::cerr, options);
  if (terminal) std::cerr << "\n";
  std::cout.flush();
  return summary.failed ? 2 : 0;
}

}  // namespace

int run_assess(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "framework", po::value<std::string>(), "framework file (default: criteria/standards.toml)")(
      "format", po::value<std::string>()->default_value("text"), "text | json | markdown")(
      "explain", po::value<std::string>()->implicit_value("all"),
      "show each indicator's rule and evidence; --explain=fails: only those below level 4")(
      "as-of", po::value<std::string>(), "use only evidence dated on or before YYYY-MM-DD")(
      "method", po::value<std::string>(), "aggregation: arithmetic | geometric | weakest-link")(
      "batch", po::bool_switch(),
      "assess every election under DIR (a directory tree), or in a JSON Lines file ('-': stdin); "
      "writes JSON Lines")(
      "threads", po::value<std::size_t>()->default_value(0), "--batch: threads (0: one per core)")(
      "election", po::value<std::string>(), "election directory");
  add_uncertainty_options(options);
  po::positional_options_description positional;
  positional.add("election", 1);
  po::variables_map vm;
  if (!parse_options("assess", args, options, &positional, vm)) return 2;
  if (vm.count("help") || !vm.count("election")) {
    print_help("scrutineer assess DIR [options]\n       scrutineer assess --batch DIR|FILE.jsonl|- [options]",
               "Scores the election in DIR against the framework and prints its scorecard, with 90% "
               "intervals\nfrom Monte Carlo draws and the load-bearing evidence (docs/uncertainty.md). "
               "With --batch,\nscores many elections and writes one JSON scorecard per line.", options);
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
  UncertaintyOptions uncertainty_options;
  if (!read_uncertainty_options("assess", vm, uncertainty_options)) return 2;
  const bool batch = vm["batch"].as<bool>();
  const std::string format = vm["format"].as<std::string>();
  if (batch && ((!vm["format"].defaulted() && format != "json") || vm.count("explain"))) {
    std::cerr << "scrutineer assess: --batch writes JSON Lines: "
              << (vm.count("explain") ? "--explain does not apply" : "--format " + format + " does not apply")
              << "\n";
    return 2;
  }
  if (!batch && format != "text" && format != "json" && format != "markdown") {
    std::cerr << "scrutineer assess: --format must be text, json or markdown, got '" << format << "'\n";
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
  if (batch) {
    if (!framework) {
      std::cerr << diags.render();
      return 2;
    }
    if (!read_weight_options("assess", vm, *framework, framework_path, assess_options)) return 2;
    return run_assess_batch(*framework, vm["election"].as<std::string>(), assess_options, uncertainty_options,
                            vm["threads"].as<std::size_t>());
  }
  auto election = load_election(vm["election"].as<std::string>(), diags, framework ? &*framework : nullptr);
  if (!framework || !election) {
    std::cerr << diags.render();
    return 2;
  }
  if (!read_weight_options("assess", vm, *framework, framework_path, assess_options)) return 2;
  Scorecard card = assess(*framework, *election, assess_options);
  add_uncertainty(card, uncertainty_options);
  std::cout << (format == "json"       ? render_json(card)
                : format == "markdown" ? render_markdown(Briefing{{&card}})
                                       : render_text(card, explain));
  return 0;
}

}  // namespace scrutineer::cli

// scrutineer verify DIR... [--corpus DIR]: every quote appears in the document it cites.
#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli_support.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/verify.hpp"

namespace scrutineer::cli {

namespace po = boost::program_options;

namespace {

std::string default_corpus() {
  if (const char* env = std::getenv("SCRUTINEER_CORPUS"); env && *env) return env;
  return "../shared/seeds";
}

std::string plural(std::size_t n, const char* noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

}  // namespace

int run_verify(const Args& args) {
  po::options_description options("options");
  options.add_options()
      ("help,h", "show this help")
      ("corpus", po::value<std::string>(),
       "directory the documents' paths are relative to (default: $SCRUTINEER_CORPUS, else "
       "../shared/seeds)");
  po::options_description hidden;
  hidden.add_options()("election", po::value<std::vector<std::string>>(), "election directory");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("election", -1);
  po::variables_map vm;
  if (!parse_options("verify", args, all, &positional, vm)) return 2;
  if (vm.count("help") || !vm.count("election")) {
    print_help("scrutineer verify DIR... [--corpus DIR]",
               "Checks that every quote in each election's evidence ledger appears in the document it\n"
               "cites (after Unicode NFC and folding quotation marks and white space), that recorded\n"
               "byte offsets hold the quote and that each document's sha256 matches its file. Paths\n"
               "are resolved inside the corpus directory only. Every mismatch is listed as\n"
               "file:line:col: error: …, with the nearest text found for a missing quote.\n"
               "Exit 0 all verified, 1 a check failed, 2 an election does not load.",
               options);
    return vm.count("help") ? 0 : 2;
  }
  const std::string corpus = vm.count("corpus") ? vm["corpus"].as<std::string>() : default_corpus();
  std::error_code ec;
  if (!std::filesystem::is_directory(corpus, ec)) {
    std::cerr << "scrutineer verify: corpus directory '" << corpus << "' does not exist; pass --corpus DIR\n";
    return 2;
  }
  bool failed = false, bad_input = false;
  for (const auto& dir : vm["election"].as<std::vector<std::string>>()) {
    Diagnostics load_diags;
    auto election = load_election(dir, load_diags);
    if (!election) {
      std::cerr << load_diags.render();
      bad_input = true;
      continue;
    }
    Diagnostics diags;
    const VerifySummary summary = verify_election(*election, corpus, diags);
    std::cerr << diags.render();
    const std::string unverifiable =
        summary.quotes_unverifiable
            ? fmt::format(" ({} cite{} a document without a file)", plural(summary.quotes_unverifiable, "quote"),
                          summary.quotes_unverifiable == 1 ? "s" : "")
            : "";
    if (summary.failures) {
      failed = true;
      std::cout << fmt::format("verify {}: {} {} in {} and {}{}\n", dir, summary.failures,
                               summary.failures == 1 ? "problem" : "problems",
                               plural(summary.quotes_checked, "quote"),
                               plural(summary.documents_checked, "document"), unverifiable);
    } else {
      std::cout << fmt::format("verify {}: ok, {} found in {}{}\n", dir,
                               plural(summary.quotes_checked, "quote"),
                               plural(summary.documents_checked, "document"), unverifiable);
    }
  }
  return bad_input ? 2 : failed ? 1 : 0;
}

}  // namespace scrutineer::cli

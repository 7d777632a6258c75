// scrutineer: the command-line tool. Subcommands are a table; each lives in its own file.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.hpp"

namespace {

struct Subcommand {
  const char* name;
  int (*run)(const scrutineer::cli::Args&);
  const char* summary;
};

const Subcommand kSubcommands[] = {
    {"validate", scrutineer::cli::run_validate, "check frameworks and elections; report every problem"},
    {"assess", scrutineer::cli::run_assess, "score an election against a framework"},
    {"compare", scrutineer::cli::run_compare, "rank elections with intervals and rank probabilities"},
    {"extract", scrutineer::cli::run_extract, "find candidate evidence in documents with the lexicon"},
    {"verify", scrutineer::cli::run_verify, "check every quote against its cited document"},
    {"import", scrutineer::cli::run_import, "turn a spreadsheet (CSV) of evidence into a ledger"},
    {"report", scrutineer::cli::run_report, "write a briefing: HTML, Markdown, JSON, CSV or PDF"},
};

void print_usage(std::FILE* out) {
  std::fprintf(out,
               "scrutineer %s: election-integrity assessment from cited evidence\n\n"
               "usage: scrutineer <command> [options]   (scrutineer <command> --help for more)\n\n"
               "commands:\n",
               SCRUTINEER_VERSION);
  for (const auto& sub : kSubcommands) std::fprintf(out, "  %-10s %s\n", sub.name, sub.summary);
  std::fprintf(out, "\nexit codes: 0 ok, 1 a check failed, 2 bad input or usage\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  if (name == "--version") {
    std::printf("scrutineer %s\n", SCRUTINEER_VERSION);
    return 0;
  }
  for (const auto& sub : kSubcommands) {
    if (name == sub.name) return sub.run(scrutineer::cli::Args(argv + 2, argv + argc));
  }
  std::fprintf(stderr, "scrutineer: unknown command '%s'\n\n", name.c_str());
  print_usage(stderr);
  return 2;
}

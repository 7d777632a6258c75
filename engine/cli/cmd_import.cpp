// scrutineer import FILE.csv -o evidence.toml: an evidence ledger from a spreadsheet.
#include <filesystem>
#include <iostream>

#include "cli_support.hpp"
#include "scrutineer/import_csv.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/output_file.hpp"

namespace scrutineer::cli {

namespace po = boost::program_options;

int run_import(const Args& args) {
  po::options_description options("options");
  options.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>(), "the ledger to write (evidence.toml); '-' for stdout")
      ("force", "replace the output file if it exists");
  po::options_description hidden;
  hidden.add_options()("csv", po::value<std::string>(), "the spreadsheet, saved as CSV (UTF-8)");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("csv", 1);
  po::variables_map vm;
  if (!parse_options("import", args, all, &positional, vm)) return 2;
  if (vm.count("help") || !vm.count("csv") || !vm.count("output")) {
    print_help("scrutineer import FILE.csv -o evidence.toml [--force]",
               "Reads one evidence item per row of a CSV file whose first row names the columns:\n"
               "  required: id, claim, quote, document, tags, indicators, date, reliability,\n"
               "            credibility, severity, polarity\n"
               "  optional: status, start, end (byte offsets of the quote), corroborated_by\n"
               "Cells with several values (tags, indicators, corroborated_by) separate them with ';'.\n"
               "Dates are YYYY-MM-DD. Every problem is reported at once by row and column; nothing is\n"
               "written unless all rows are good. An existing ledger is never replaced without --force.\n"
               "See docs/evidence-tools.md. Exit 0 written, 2 bad input.",
               options);
    return vm.count("help") ? 0 : 2;
  }
  const std::string csv = vm["csv"].as<std::string>();
  const std::string output = vm["output"].as<std::string>();
  const bool force = vm.count("force") > 0;
  std::error_code ec;
  if (output != "-" && !force && std::filesystem::exists(output, ec)) {
    std::cerr << "scrutineer import: " << output << ": already exists; pass --force to replace it\n";
    return 2;
  }
  Diagnostics diags;
  auto text = read_file(csv, diags);
  std::optional<std::vector<EvidenceItem>> items;
  if (text) items = import_evidence_csv(csv, *text, diags);
  if (!items) {
    std::cerr << diags.render();
    std::cerr << diags.size() << (diags.size() == 1 ? " error" : " errors") << "; nothing written\n";
    return 2;
  }
  const std::string ledger = imported_ledger_toml(*items, csv);
  if (output == "-") {
    std::cout << ledger;
  } else {
    const std::string error = write_file_atomically(output, ledger, force ? Overwrite::Allow : Overwrite::Refuse);
    if (!error.empty()) {
      std::cerr << "scrutineer import: " << error << "\n";
      return 2;
    }
    std::cerr << "import: " << items->size() << (items->size() == 1 ? " item" : " items") << " written to "
              << output << "\n";
  }
  return 0;
}

}  // namespace scrutineer::cli

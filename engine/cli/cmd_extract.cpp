// scrutineer extract DOC... -o FILE: candidate evidence from plain-text documents.
#include <fmt/core.h>

#include <atomic>
#include <map>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli_support.hpp"
#include "scrutineer/corpus.hpp"
#include "scrutineer/extract.hpp"
#include "scrutineer/lexicon.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/output_file.hpp"

namespace scrutineer::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// criteria/lexicon.toml in the working directory, else in a parent of the executable's directory.
// Reads, checks and extracts one document; problems go to `diags`.
void process(const Extractor& extractor, ExtractedDocument& doc, Diagnostics& diags) {
  auto text = read_file(doc.path, diags);
  if (!text) return;
  if (!check_utf8(doc.path, *text, diags)) return;
  doc.sha256 = sha256_hex(*text);
  try {
    doc.candidates = extractor.extract(*text);
  } catch (const std::exception& e) {
    diags.error({doc.path, 0, 0}, e.what());
  }
}

}  // namespace

int run_extract(const Args& args) {
  po::options_description options("options");
  options.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>(), "write the candidate ledger (TOML) here; '-' for stdout")
      ("lexicon", po::value<std::string>(), "the lexicon (default: criteria/lexicon.toml)")
      ("election", po::value<std::string>(),
       "election id: prefixes candidate ids (khm-2023-c-<document>-<offset>)")
      ("documents", po::value<std::string>(),
       "a documents.toml whose [[documents]] name the files (matched by sha256, then file name); "
       "otherwise a document's id is its file name without extension")
      ("force", "replace the output file if it exists")
      ("jobs,j", po::value<unsigned>()->default_value(0), "documents processed at once (0: one per CPU)")
      ("count", "print 'DOC:N' (candidates per document) instead of writing a ledger")
      ("print-patterns", "print the lexicon's tag patterns, one per line, for grep -E -i -f; then exit");
  po::options_description hidden;
  hidden.add_options()("doc", po::value<std::vector<std::string>>(), "document (UTF-8 plain text)");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("doc", -1);
  po::variables_map vm;
  if (!parse_options("extract", args, all, &positional, vm)) return 2;
  const bool print_patterns = vm.count("print-patterns") > 0;
  const bool count_only = vm.count("count") > 0;
  if (vm.count("help") ||
      (!print_patterns && (!vm.count("doc") || (!vm.count("output") && !count_only)))) {
    print_help(
        "scrutineer extract DOC... [--lexicon FILE] [--election ID] [--documents FILE] -o FILE",
        "Splits each document into sentences and writes every sentence in which a lexicon phrase\n"
        "or pattern occurs as a candidate evidence item (status = \"candidate\"): the sentence as\n"
        "quote, document id, sha256 and byte offsets, suggested tags and indicators, matched cues,\n"
        "a negation flag and the dates mentioned. Candidates need review before they are evidence.\n"
        "Never replaces an existing file without --force; writes atomically. Exit 0 ok, 2 bad input\n"
        "(unreadable or non-UTF-8 document, lexicon error, output exists).",
        options);
    return vm.count("help") ? 0 : 2;
  }

  const std::string lexicon_path =
      vm.count("lexicon") ? vm["lexicon"].as<std::string>() : find_data_file("criteria/lexicon.toml");
  Diagnostics diags;
  auto lexicon = load_lexicon(lexicon_path, diags);
  if (!lexicon) {
    std::cerr << diags.render();
    return 2;
  }
  std::unique_ptr<Extractor> extractor;
  try {
    extractor = std::make_unique<Extractor>(*lexicon);
  } catch (const std::exception& e) {
    std::cerr << "scrutineer extract: " << lexicon_path << ": " << e.what() << "\n";
    return 2;
  }
  if (print_patterns) {
    for (const auto& pattern : extractor->grep_patterns()) std::cout << pattern << "\n";
    return 0;
  }

  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  const bool force = vm.count("force") > 0;
  std::error_code ec;
  if (!count_only && output != "-" && !force && fs::exists(output, ec)) {
    std::cerr << "scrutineer extract: " << output << ": already exists; pass --force to replace it\n";
    return 2;
  }
  std::vector<Document> listed;
  if (vm.count("documents")) {
    auto read = read_document_list(vm["documents"].as<std::string>(), diags);
    if (!read) {
      std::cerr << diags.render();
      return 2;
    }
    listed = std::move(*read);
  }

  const auto paths = vm["doc"].as<std::vector<std::string>>();
  std::vector<ExtractedDocument> docs(paths.size());
  std::vector<Diagnostics> doc_diags(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) docs[i].path = paths[i];
  unsigned jobs = vm["jobs"].as<unsigned>();
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, paths.size()));
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < docs.size(); i = next++) process(*extractor, docs[i], doc_diags[i]);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  // Errors in document order, whatever order the threads finished in.
  for (const auto& d : doc_diags)
    for (const auto& e : d.errors()) diags.error(e.where, e.message);
  std::map<std::string, std::string> ids;  // id → path, to catch two files with one name
  for (auto& doc : docs) {
    name_document(doc, listed);
    auto [it, inserted] = ids.emplace(doc.id, doc.path);
    if (!inserted && it->second != doc.path)
      diags.error({doc.path, 0, 0}, fmt::format("document id '{}' is also the id of {}; name the files "
                                                "apart or list them in --documents",
                                                doc.id, it->second));
  }
  if (!diags.empty()) {
    std::cerr << diags.render();
    return 2;
  }

  std::size_t total = 0;
  for (const auto& doc : docs) total += doc.candidates.size();
  if (count_only) {
    for (const auto& doc : docs) std::cout << doc.path << ":" << doc.candidates.size() << "\n";
    return 0;
  }
  const std::string ledger = candidates_toml(docs, vm.count("election") ? vm["election"].as<std::string>() : "", *lexicon);
  if (output == "-") {
    std::cout << ledger;
  } else {
    const std::string error =
        write_file_atomically(output, ledger, force ? Overwrite::Allow : Overwrite::Refuse);
    if (!error.empty()) {
      std::cerr << "scrutineer extract: " << error << "\n";
      return 2;
    }
  }
  std::cerr << "extract: " << total << (total == 1 ? " candidate" : " candidates") << " from "
            << docs.size() << (docs.size() == 1 ? " document" : " documents")
            << (output == "-" ? "" : " written to " + output) << "\n";
  return 0;
}

}  // namespace scrutineer::cli

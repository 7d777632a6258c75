// Tests for scrutineer/batch.hpp and `scrutineer assess --batch`: the JSON Lines election format,
// results identical to the single-election path and independent of the thread count, directory
// trees, and records for inputs that do not load.
#include "scrutineer/batch.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scrutineer/loader.hpp"
#include "scrutineer/render.hpp"
#include "support.hpp"

using namespace scrutineer;
namespace fs = std::filesystem;

namespace {

struct Fixtures {
  Framework framework;
  std::vector<Election> elections;  // sorted by directory
};

const Fixtures& fixtures() {
  static const Fixtures f = [] {
    Fixtures out;
    Diagnostics diags;
    auto framework = load_framework(test::source_dir() + "/criteria/standards.toml", diags);
    REQUIRE(framework);
    out.framework = std::move(*framework);
    std::vector<std::string> dirs;
    for (const auto& entry : fs::directory_iterator(test::source_dir() + "/fixtures/elections"))
      dirs.push_back(entry.path().string());
    std::sort(dirs.begin(), dirs.end());
    for (const auto& dir : dirs) {
      auto election = load_election(dir, diags, &out.framework);
      REQUIRE(election);
      out.elections.push_back(std::move(*election));
    }
    return out;
  }();
  return f;
}

std::string bundled_json_lines() {
  std::string text;
  for (const auto& election : fixtures().elections) text += election_json_line(election) + "\n";
  return text;
}

std::string run(const std::string& input, const BatchOptions& options, BatchSummary* summary = nullptr) {
  std::istringstream in(input);
  std::ostringstream out, err;
  const BatchSummary s = run_batch(fixtures().framework, json_lines_source(in, "input.jsonl"), out, err, options);
  if (summary) *summary = s;
  return out.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("an election survives the JSON Lines format unchanged", "[batch]") {
  for (const auto& election : fixtures().elections) {
    const std::string line = election_json_line(election);
    CHECK(line.find('\n') == std::string::npos);
    Diagnostics diags;
    const auto back = parse_election_json(line, "x.jsonl", 1, diags, &fixtures().framework);
    INFO(diags.render());
    REQUIRE(back);
    CHECK(election_json_line(*back) == line);
    CHECK(back->evidence.size() == election.evidence.size());
  }
}

TEST_CASE("a JSON election with problems reports each one with its path", "[batch]") {
  std::string line = election_json_line(fixtures().elections[0]);
  auto doc = nlohmann::json::parse(line);
  doc["evidence"][1]["reliability"] = "G";
  doc["evidence"][2]["indicators"] = {"no-such-indicator"};
  doc["election"]["colour"] = "blue";
  doc["documents"][0].erase("publisher");
  Diagnostics diags;
  CHECK_FALSE(parse_election_json(doc.dump(), "x.jsonl", 4, diags, &fixtures().framework));
  const std::string rendered = diags.render();
  CHECK(rendered.find("x.jsonl:4:1: error: evidence[1].reliability: 'reliability' must be an Admiralty source "
                      "grade A to F, got 'G'") != std::string::npos);
  CHECK(rendered.find("evidence[2].indicators: unknown indicator 'no-such-indicator'") != std::string::npos);
  CHECK(rendered.find("election.colour: unknown key 'colour'") != std::string::npos);
  CHECK(rendered.find("documents[0]: missing required key 'publisher'") != std::string::npos);
  Diagnostics syntax;
  CHECK_FALSE(parse_election_json("{\"election\": ", "x.jsonl", 9, syntax));
  CHECK(syntax.render().find("x.jsonl:9:1: error: JSON syntax") != std::string::npos);
}

TEST_CASE("batch results are the single-election results, line for line", "[batch]") {
  BatchOptions options;
  options.uncertainty.draws = 100;
  options.uncertainty.seed = 11;
  BatchSummary summary;
  const auto out = lines(run(bundled_json_lines(), options, &summary));
  CHECK(summary.assessed == fixtures().elections.size());
  CHECK(summary.failed == 0);
  REQUIRE(out.size() == fixtures().elections.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    Scorecard card = assess(fixtures().framework, fixtures().elections[k], options.assess);
    add_uncertainty(card, options.uncertainty);
    CHECK(out[k] + "\n" == render_json_line(card));
  }
}

TEST_CASE("batch output does not depend on the thread count or the chunk size", "[batch]") {
  // Each election three times over, so that chunks split differently.
  std::string input;
  for (int i = 0; i < 3; ++i) input += bundled_json_lines();
  BatchOptions options;
  options.uncertainty.draws = 50;
  options.threads = 1;
  const std::string one = run(input, options);
  for (std::size_t threads : {2, 3, 8})
    for (std::size_t chunk : {1, 4, 64}) {
      options.threads = threads;
      options.chunk = chunk;
      INFO(threads << " threads, chunk " << chunk);
      CHECK(run(input, options) == one);
    }
}

TEST_CASE("an input that does not load gives an error record and the rest go on", "[batch]") {
  std::string input = bundled_json_lines();
  input.insert(input.find('\n') + 1, "{\"election\": {\"id\": \"broken\"}}\n\n");
  BatchOptions options;
  options.uncertainty.draws = 10;
  BatchSummary summary;
  const auto out = lines(run(input, options, &summary));
  CHECK(summary.failed == 1);
  CHECK(summary.assessed == fixtures().elections.size());
  REQUIRE(out.size() == fixtures().elections.size() + 1);
  const auto error = nlohmann::json::parse(out[1]);
  CHECK(error["schema"] == "scrutineer.batch-error/1");
  CHECK(error["source"] == "input.jsonl:2");
  CHECK(error["errors"].size() > 1);
  CHECK(nlohmann::json::parse(out[2])["schema"] == "scrutineer.scorecard/1");
}

TEST_CASE("a directory tree is walked in path order, not into elections", "[batch]") {
  const BatchSource source = directory_tree_source(test::source_dir() + "/fixtures");
  BatchInput input;
  std::vector<std::string> found;
  while (source(input)) found.push_back(fs::path(input.directory).filename().string());
  std::vector<std::string> expected;
  for (const auto& election : fixtures().elections) expected.push_back(election.id);
  // fixtures/ holds other trees too (invalid inputs, minimal examples); the bundled elections
  // come in order among them.
  std::vector<std::string> bundled;
  for (const auto& id : found)
    if (std::find(expected.begin(), expected.end(), id) != expected.end()) bundled.push_back(id);
  CHECK(bundled == expected);
}

TEST_CASE("assess --batch over a tree equals assess --format json on each election", "[batch][cli]") {
  const test::CliResult batch = test::run_cli("assess --batch fixtures/elections --draws 100 --seed 4 --threads 2");
  REQUIRE(batch.exit_code == 0);
  const auto out = lines(batch.out);
  REQUIRE(out.size() == fixtures().elections.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    const test::CliResult single = test::run_cli("assess fixtures/elections/" + fixtures().elections[k].id +
                                                 " --draws 100 --seed 4 --format json");
    REQUIRE(single.exit_code == 0);
    CHECK(out[k] == nlohmann::ordered_json::parse(single.out).dump());
  }
  CHECK(test::run_cli("assess --batch fixtures/elections --explain").exit_code == 2);
}

TEST_CASE("a batch line holds the same scorecard as the pretty JSON", "[batch][json]") {
  for (const auto& election : fixtures().elections) {
    Scorecard card = assess(fixtures().framework, election, {});
    UncertaintyOptions options;
    options.draws = 20;
    add_uncertainty(card, options);
    CHECK(nlohmann::ordered_json::parse(render_json(card)).dump() + "\n" == render_json_line(card));
  }
}

// Tests for scrutineer/comparison.hpp, the comparison renderers, weight profiles and
// `scrutineer compare`: the bundled ranking, rank and pairwise probabilities, ties, the change
// within a country, and how a profile re-weighs.
#include "scrutineer/comparison.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "scrutineer/loader.hpp"
#include "scrutineer/profiles.hpp"
#include "scrutineer/render_comparison.hpp"
#include "scrutineer/scorecard.hpp"
#include "scrutineer/uncertainty.hpp"
#include "support.hpp"

using namespace scrutineer;
namespace fs = std::filesystem;

namespace {

struct Bundled {
  Framework framework;
  std::vector<Election> elections;
  std::vector<Scorecard> cards;
  std::vector<std::vector<double>> draws;

  std::vector<const Scorecard*> pointers() const {
    std::vector<const Scorecard*> out;
    for (const auto& card : cards) out.push_back(&card);
    return out;
  }
  std::size_t index(const std::string& id) const {
    for (std::size_t k = 0; k < elections.size(); ++k)
      if (elections[k].id == id) return k;
    FAIL("no election " << id);
    return 0;
  }
};

// Every bundled election, assessed with `draws` draws on common weights.
Bundled bundled(std::size_t draws, const AssessOptions& assess_options = {}) {
  Bundled b;
  Diagnostics diags;
  auto framework = load_framework(test::source_dir() + "/criteria/standards.toml", diags);
  REQUIRE(framework);
  b.framework = std::move(*framework);
  std::vector<std::string> dirs;
  for (const auto& entry : fs::directory_iterator(test::source_dir() + "/fixtures/elections"))
    dirs.push_back(entry.path().string());
  std::sort(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) {
    auto election = load_election(dir, diags, &b.framework);
    REQUIRE(election);
    b.elections.push_back(std::move(*election));
  }
  UncertaintyOptions options;
  options.draws = draws;
  options.seed = 5;
  options.load_bearing = 0;
  const WeightDraws weights = draw_weights(assessed_weights(b.framework, assess_options), draws,
                                           effective_concentration(b.framework, options), options.seed);
  for (const auto& election : b.elections) {
    Scorecard& card = b.cards.emplace_back(assess(b.framework, election, assess_options));
    auto outcome = estimate_uncertainty(card, weights, options, true);
    card.uncertainty = outcome.uncertainty;
    if (draws) b.draws.push_back(outcome.overall_draws);
  }
  return b;
}

}  // namespace

TEST_CASE("the fictional genuine election ranks first and Cambodia's at the bottom", "[compare]") {
  const Bundled b = bundled(400);
  const Comparison comparison = compare(b.pointers(), b.draws);
  const std::size_t n = b.elections.size();
  REQUIRE(comparison.order.size() == n);
  CHECK(b.elections[comparison.order.front()].id == "fictional-genuine-2025");
  const std::string last = b.elections[comparison.order[n - 1]].id;
  const std::string second_last = b.elections[comparison.order[n - 2]].id;
  CHECK(last == "khm-2023");
  CHECK(second_last == "khm-2024-senate");
  CHECK(comparison.rank[b.index("fictional-genuine-2025")] == 1);
  CHECK(comparison.draws == 400);
  CHECK(comparison.seed == 5);
  // Probabilities are distributions: each election's over ranks, each rank's over elections.
  for (std::size_t k = 0; k < n; ++k) {
    double row = 0, column = 0;
    for (std::size_t r = 0; r < n; ++r) {
      row += comparison.rank_probabilities[k][r];
      column += comparison.rank_probabilities[r][k];
    }
    CHECK(row == Approx(1.0));
    CHECK(column == Approx(1.0));
    for (std::size_t j = 0; j < n; ++j)
      if (j != k) CHECK(comparison.above[k][j] + comparison.above[j][k] == Approx(1.0));
  }
  CHECK(comparison.rank_probabilities[b.index("fictional-genuine-2025")][0] > 0.9);
  CHECK(comparison.above[b.index("khm-2024-senate")][b.index("khm-2023")] > 0.9);
  const auto [best, worst] = comparison.rank_intervals[b.index("khm-2023")];
  CHECK(best <= worst);
  CHECK(worst == n);
}

TEST_CASE("the change from Cambodia 2023 to the 2024 Senate election, with its evidence", "[compare]") {
  const Bundled b = bundled(0);
  const Comparison comparison = compare(b.pointers(), {});
  CHECK(comparison.draws == 0);
  CHECK(comparison.rank_probabilities.empty());
  REQUIRE(comparison.changes.size() == 1);  // the only country with two elections
  const ElectionChange& change = comparison.changes[0];
  CHECK(b.elections[change.from].id == "khm-2023");
  CHECK(b.elections[change.to].id == "khm-2024-senate");
  REQUIRE(change.overall_change);
  CHECK(*change.overall_change ==
        Approx(*b.cards[change.to].scores.overall.score - *b.cards[change.from].scores.overall.score));
  REQUIRE_FALSE(change.indicators.empty());
  // Levels that moved come first, each with the evidence behind both levels.
  const IndicatorChange& first = change.indicators.front();
  REQUIRE(first.from_level);
  REQUIRE(first.to_level);
  CHECK_FALSE(first.to_evidence.empty());
  bool opposition = false;
  for (const auto& moved : change.indicators)
    if (moved.indicator->id == "opposition-on-ballot") {
      opposition = true;
      CHECK(moved.from_level == 0);
      CHECK(moved.to_level == 1);
    }
  CHECK(opposition);
  CHECK_FALSE(change.red_lines_removed.empty());
}

TEST_CASE("tied draws share their ranks and count half in the pairwise order", "[compare]") {
  const Bundled b = bundled(0);
  std::vector<const Scorecard*> two = {&b.cards[0], &b.cards[1]};
  const double nan = std::nan("");
  // Draw 1: tie; draw 2: the first above; draw 3: the second not assessed; draw 4: both not.
  const std::vector<std::vector<double>> draws = {{50, 60, 10, nan}, {50, 40, nan, nan}};
  const Comparison comparison = compare(two, draws);
  CHECK(comparison.rank_probabilities[0][0] == Approx((0.5 + 1 + 1 + 0.5) / 4));
  CHECK(comparison.rank_probabilities[1][0] == Approx((0.5 + 0 + 0 + 0.5) / 4));
  CHECK(comparison.above[0][1] == Approx((0.5 + 1 + 1 + 0.5) / 4));
  CHECK(comparison.above[1][0] == Approx((0.5 + 0 + 0 + 0.5) / 4));
}

TEST_CASE("comparison renderers are deterministic and carry the contract", "[compare]") {
  const Bundled b = bundled(200);
  const Comparison comparison = compare(b.pointers(), b.draws);
  const std::string json = render_comparison_json(comparison);
  CHECK(json == render_comparison_json(compare(b.pointers(), b.draws)));
  const auto doc = nlohmann::json::parse(json);
  CHECK(doc["schema"] == "scrutineer.comparison/1");
  CHECK(doc["uncertainty"]["seed"] == 5);
  REQUIRE(doc["elections"].size() == b.elections.size());
  CHECK(doc["elections"][0]["id"] == "fictional-genuine-2025");
  CHECK(doc["elections"][0]["rank"] == 1);
  for (const auto& e : doc["elections"]) {
    CHECK(e["overall"].contains("score"));
    CHECK(e["overall"]["low"].get<double>() <= e["overall"]["high"].get<double>());
  }
  REQUIRE(doc["changes"].size() == 1);
  CHECK(doc["changes"][0]["from"] == "khm-2023");

  const std::string text = render_comparison_text(comparison);
  CHECK(text.find("seed 5") != std::string::npos);
  CHECK(text.find("Change in KHM: khm-2023") != std::string::npos);
  const std::string markdown = render_comparison_markdown(comparison);
  CHECK(markdown.find("| Rank | Election |") != std::string::npos);
  const std::string csv = render_comparison_csv(comparison);
  CHECK(csv.rfind("rank,id,title,country,date,type,fictional,score,low,high,band,rank_low,rank_high,p_rank_1", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == static_cast<long>(b.elections.size() + 1));
  CHECK(csv.find("\r\n") != std::string::npos);
}

TEST_CASE("scrutineer compare ranks the bundled elections in every format", "[compare][cli]") {
  const test::CliResult text = test::run_cli("compare fixtures/elections --draws 200 --seed 3");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("   1  fictional-genuine-2025") != std::string::npos);
  CHECK(text.out.find("   5  khm-2023") != std::string::npos);
  const test::CliResult json = test::run_cli(
      "compare fixtures/elections/khm-2023 fixtures/elections/khm-2024-senate --format json --draws 100");
  REQUIRE(json.exit_code == 0);
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["elections"].size() == 2);
  CHECK(doc["elections"][0]["id"] == "khm-2024-senate");
  CHECK(test::run_cli("compare fixtures/elections --format csv --draws 50").exit_code == 0);
  CHECK(test::run_cli("compare fixtures/elections --format markdown --draws 50").exit_code == 0);
  CHECK(test::run_cli("compare fixtures/elections --format pdf").exit_code == 2);
  CHECK(test::run_cli("compare fixtures/elections/khm-2023 fixtures/elections/khm-2023").exit_code == 2);
}

// ---- weight profiles ----

TEST_CASE("the bundled profiles load and re-weigh the default framework", "[compare][profiles]") {
  Diagnostics diags;
  const auto framework = load_framework(test::source_dir() + "/criteria/standards.toml", diags);
  REQUIRE(framework);
  for (const char* name : {"equal", "core-four"}) {
    const std::string path = find_profile(name, test::source_dir() + "/criteria/standards.toml");
    CHECK(path == test::source_dir() + "/criteria/profiles/" + name + ".toml");
    const auto profile = load_profile(path, diags);
    INFO(diags.render());
    REQUIRE(profile);
    AssessOptions options;
    REQUIRE(apply_profile(*profile, *framework, options, diags));
    CHECK(options.weights_profile == name);
    const WeightSet weights = assessed_weights(*framework, options);
    if (std::string(name) == "equal") {
      for (double w : weights.criteria) CHECK(w == 1.0);
      for (const auto& row : weights.indicators)
        for (double w : row) CHECK(w == 1.0);
    } else {
      CHECK(weights.criteria[0] == 2.0);  // competitiveness
      CHECK(weights.criteria[4] == 1.0);  // legal-framework
    }
  }
}

TEST_CASE("a profile naming what the framework lacks is an error with a suggestion", "[compare][profiles]") {
  Diagnostics diags;
  const auto framework = load_framework(test::source_dir() + "/criteria/standards.toml", diags);
  const std::string path = test::unique_temp_path("profile-test.toml");
  std::ofstream(path) << "[profile]\nid = \"x\"\ntitle = \"X\"\n[criteria]\ncompetitivenes = 2\nmedia-freedom = -1\n";
  auto profile = load_profile(path, diags);
  CHECK_FALSE(profile);
  CHECK(diags.render().find("'media-freedom' must be finite and greater than 0") != std::string::npos);
  Diagnostics second;
  std::ofstream(path) << "[profile]\nid = \"x\"\ntitle = \"X\"\nframework = \"other\"\n[criteria]\ncompetitivenes = 2\n";
  profile = load_profile(path, second);
  REQUIRE(profile);
  AssessOptions options;
  CHECK_FALSE(apply_profile(*profile, *framework, options, second));
  const std::string rendered = second.render();
  CHECK(rendered.find("did you mean 'competitiveness'?") != std::string::npos);
  CHECK(rendered.find("written for framework 'other'") != std::string::npos);
}

TEST_CASE("a --weight override changes a criterion and the scorecard records it", "[compare][profiles][cli]") {
  Diagnostics diags;
  const auto framework = load_framework(test::source_dir() + "/criteria/standards.toml", diags);
  AssessOptions options;
  CHECK(apply_weight_override("media-freedom=3", *framework, options) == "");
  CHECK(options.criterion_weights["media-freedom"] == 3.0);
  CHECK(options.weights_profile == "media-freedom=3");
  CHECK(apply_weight_override("media=3", *framework, options).find("unknown criterion 'media'") != std::string::npos);
  CHECK(apply_weight_override("media-freedom=0", *framework, options) != "");
  CHECK(apply_weight_override("media-freedom", *framework, options) != "");

  const test::CliResult result = test::run_cli(
      "assess fixtures/elections/khm-2023 --weights equal --weight competitiveness=2 --draws 20 --format json");
  REQUIRE(result.exit_code == 0);
  const auto doc = nlohmann::json::parse(result.out);
  CHECK(doc["weights_profile"] == "equal + competitiveness=2");
  CHECK(doc["criteria"][0]["weight"] == 2.0);
  CHECK(doc["criteria"][1]["weight"] == 1.0);
  CHECK(test::run_cli("assess fixtures/elections/khm-2023 --weights nonesuch").exit_code == 2);
}

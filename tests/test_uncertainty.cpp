// Tests for scrutineer/reliability.hpp and scrutineer/uncertainty.hpp: the keep-probability
// mapping, which evidence a rule can depend on, interval coverage on cases whose distribution is
// known, exact leave-one-out on a hand-made election and on the bundled ones, and determinism.
#include "scrutineer/uncertainty.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "scrutineer/loader.hpp"
#include "scrutineer/reliability.hpp"
#include "scrutineer/rules.hpp"
#include "scrutineer/sampling.hpp"
#include "scrutineer/scorecard.hpp"
#include "support.hpp"

using namespace scrutineer;
namespace fs = std::filesystem;

namespace {

using Strings = std::vector<std::string>;

// Loads a framework written out from `body` (criteria, rules, red lines) after a header with
// bands low [0, 40), mid [40, 70), high [70, 100] unless `bands` replaces them.
Framework framework_from(const std::string& body, const std::string& bands = "") {
  const std::string default_bands = R"([[bands]]
id = "low"
label = "Low"
min = 0
[[bands]]
id = "mid"
label = "Mid"
min = 40
[[bands]]
id = "high"
label = "High"
min = 70
)";
  const std::string text = "[framework]\nid = \"t\"\nversion = \"1\"\ntitle = \"test\"\n" +
                           (bands.empty() ? default_bands : bands) + body;
  const std::string path =
      (fs::temp_directory_path() / ("scrutineer-uncertainty-" + std::to_string(::getpid()) + ".toml")).string();
  std::ofstream(path) << text;
  Diagnostics diags;
  auto framework = load_framework(path, diags);
  INFO(diags.render());
  REQUIRE(framework);
  return std::move(*framework);
}

// An indicator table with `rules` (TOML text) appended.
std::string indicator(const std::string& id, const std::string& rules = "", double weight = 1) {
  return "  [[criteria.indicators]]\n  id = \"" + id + "\"\n  question = \"?\"\n  weight = " +
         std::to_string(weight) +
         "\n  anchors = { 0 = \"a\", 1 = \"b\", 2 = \"c\", 3 = \"d\", 4 = \"e\" }\n"
         "  standards = [{ instrument = \"ICCPR\", provision = \"art. 25\" }]\n" +
         rules;
}

std::string criterion(const std::string& id, const std::string& indicators, double weight = 1) {
  return "[[criteria]]\nid = \"" + id + "\"\ntitle = \"" + id + "\"\nweight = " + std::to_string(weight) + "\n" +
         indicators;
}

Document document(const std::string& id, const std::string& publisher) {
  Document d;
  d.id = id;
  d.title = id;
  d.publisher = publisher;
  d.date = {2024, 1, 1};
  return d;
}

EvidenceItem item(const std::string& id, const std::string& doc, Strings indicators, Polarity polarity,
                  int severity, Strings tags = {"t"}, char reliability = 'B', int credibility = 2,
                  Strings corroborated_by = {}) {
  EvidenceItem e;
  e.id = id;
  e.claim = "claim " + id;
  e.quote = "quote " + id;
  e.document = doc;
  e.indicators = std::move(indicators);
  e.tags = std::move(tags);
  e.date = {2024, 1, 1};
  e.reliability = reliability;
  e.credibility = credibility;
  e.severity = severity;
  e.polarity = polarity;
  e.corroborated_by = std::move(corroborated_by);
  return e;
}

Election election_with(std::vector<EvidenceItem> evidence, std::vector<Document> documents = {}) {
  Election election;
  election.id = "test-election";
  election.title = "Test";
  election.country = "XTS";
  election.date = {2024, 6, 1};
  election.type = "general";
  election.documents = documents.empty() ? std::vector<Document>{document("d1", "P1"), document("d2", "P2"),
                                                                 document("d3", "P3"), document("d4", "P1")}
                                         : std::move(documents);
  election.evidence = std::move(evidence);
  return election;
}

// Beta(a, b) CDF for integer a, b: the binomial tail Σ_{j=a}^{a+b−1} C(a+b−1, j) xʲ (1−x)^{a+b−1−j}.
double beta_cdf(int a, int b, double x) {
  const int n = a + b - 1;
  double sum = 0;
  for (int j = a; j <= n; ++j) {
    double c = 1;
    for (int k = 1; k <= j; ++k) c = c * (n - j + k) / k;
    sum += c * std::pow(x, j) * std::pow(1 - x, n - j);
  }
  return sum;
}

std::shared_ptr<const rules::Program> compile(const std::string& text, rules::Scope scope = rules::Scope::Indicator) {
  Diagnostics diags;
  auto program = rules::compile(text, {"test", 1, 1}, scope, diags);
  INFO(diags.render());
  REQUIRE(program);
  return program;
}

}  // namespace

// ---- reliability ----

TEST_CASE("keep probability is source reliability times information credibility", "[uncertainty]") {
  CHECK(keep_probability('A', 1, 0) == Approx(0.98 * 0.98));
  CHECK(keep_probability('B', 2, 0) == Approx(0.81));
  CHECK(keep_probability('C', 3, 0) == Approx(0.60));
  CHECK(keep_probability('E', 5, 0) == Approx(0.10));
  CHECK(keep_probability('F', 6, 0) == Approx(0.49));  // cannot be judged: neither trusted nor dismissed
  // Grades order the probabilities.
  CHECK(keep_probability('A', 2, 0) > keep_probability('B', 2, 0));
  CHECK(keep_probability('B', 2, 0) > keep_probability('B', 3, 0));
  CHECK(keep_probability('D', 4, 0) < keep_probability('C', 3, 0));
}

TEST_CASE("each independent corroboration halves the remaining doubt", "[uncertainty]") {
  CHECK(keep_probability('B', 2, 1) == Approx(1 - 0.19 * 0.5));
  CHECK(keep_probability('B', 2, 2) == Approx(1 - 0.19 * 0.25));
  CHECK(keep_probability('E', 5, 3) == Approx(1 - 0.9 / 8));
  CHECK(keep_probability('A', 1, 10) < 1.0);
}

TEST_CASE("only documents of other publishers count as independent corroboration", "[uncertainty]") {
  // d1 and d4 are both P1's; d2 is P2's, d3 P3's.
  const Election election = election_with({
      item("e1", "d1", {"x"}, Polarity::Undermines, 2, {"t"}, 'B', 2, {"d2", "d3"}),
      item("e2", "d1", {"x"}, Polarity::Undermines, 2, {"t"}, 'B', 2, {"d4"}),        // same publisher
      item("e3", "d1", {"x"}, Polarity::Undermines, 2, {"t"}, 'B', 2, {"d2", "d2"}),  // named twice
      item("e4", "d2", {"x"}, Polarity::Undermines, 2, {"t"}, 'B', 2, {"nowhere"}),   // unknown document
  });
  CHECK(independent_corroborations(election.evidence[0], election) == 2);
  CHECK(independent_corroborations(election.evidence[1], election) == 0);
  CHECK(independent_corroborations(election.evidence[2], election) == 1);
  CHECK(independent_corroborations(election.evidence[3], election) == 0);
  CHECK(keep_probability(election.evidence[0], election) == Approx(keep_probability('B', 2, 2)));
}

// ---- which evidence a rule depends on ----

TEST_CASE("relevant evidence: exists and count depend on the items that satisfy them", "[uncertainty]") {
  const Election election = election_with({
      item("e0", "d1", {"x"}, Polarity::Undermines, 4, {"a"}),
      item("e1", "d1", {"x"}, Polarity::Undermines, 1, {"a"}),
      item("e2", "d1", {"y"}, Polarity::Undermines, 4, {"a"}),
      item("e3", "d1", {"x"}, Polarity::Supports, 4, {"b"}),
  });
  std::vector<const EvidenceItem*> all, linked;
  for (const auto& e : election.evidence) all.push_back(&e);
  linked = {all[0], all[1], all[3]};
  const DerivedFacts facts;
  const rules::EvalContext context{election, facts, all, linked};
  using Positions = std::vector<std::size_t>;
  CHECK(rules::relevant_evidence(*compile("linked.exists(e, e.severity == 4)"), context) == Positions{0, 3});
  CHECK(rules::relevant_evidence(*compile("evidence.exists(e, e.severity == 4)"), context) == Positions{0, 2, 3});
  CHECK(rules::relevant_evidence(*compile("linked.count(e, 'a' in e.tags) >= 2"), context) == Positions{0, 1});
  // `all` depends on the items that fail it.
  CHECK(rules::relevant_evidence(*compile("linked.all(e, 'a' in e.tags)"), context) == Positions{3});
  // size() depends on everything in the list; filter narrows it.
  CHECK(rules::relevant_evidence(*compile("size(linked) > 1"), context) == Positions{0, 1, 3});
  CHECK(rules::relevant_evidence(*compile("size(evidence.filter(e, e.severity == 4)) > 1"), context) ==
        Positions{0, 2, 3});
  CHECK(rules::relevant_evidence(*compile("evidence.filter(e, 'a' in e.tags).exists(f, f.severity == 1)"),
                                 context) == Positions{1});
  // Facts alone: nothing.
  CHECK(rules::relevant_evidence(*compile("has(facts.turnout)"), context) == Positions{});
  // A predicate reading the ledger or an outer variable defeats the analysis.
  CHECK_FALSE(rules::relevant_evidence(
      *compile("linked.exists(e, evidence.exists(f, f.document == e.document && f.id != e.id))"), context));
  CHECK_FALSE(rules::relevant_evidence(*compile("linked.exists(e, size(evidence) > 2)"), context));
}

TEST_CASE("relevant evidence is sound: the other items never change an outcome", "[uncertainty]") {
  // Every indicator rule and red line of the default framework, on random sub-ledgers of every
  // bundled election.
  Diagnostics diags;
  const auto framework = load_framework(test::source_dir() + "/criteria/standards.toml", diags);
  REQUIRE(framework);
  Rng rng(99);
  for (const auto& entry : fs::directory_iterator(test::source_dir() + "/fixtures/elections")) {
    const auto election = load_election(entry.path().string(), diags, &*framework);
    REQUIRE(election);
    const DerivedFacts facts = derive_facts(election->facts);
    std::vector<const EvidenceItem*> all;
    for (const auto& e : election->evidence) all.push_back(&e);
    for (int trial = 0; trial < 30; ++trial) {
      std::vector<const EvidenceItem*> subset;
      for (const auto* e : all)
        if (rng.uniform() < 0.6) subset.push_back(e);
      for (const auto& criterion : framework->criteria)
        for (const auto& ind : criterion.indicators) {
          std::vector<const EvidenceItem*> linked;
          std::vector<bool> relevant(all.size());
          for (std::size_t k = 0; k < all.size(); ++k)
            if (std::find(all[k]->indicators.begin(), all[k]->indicators.end(), ind.id) != all[k]->indicators.end()) {
              linked.push_back(all[k]);
              relevant[k] = true;
            }
          const rules::EvalContext context{*election, facts, all, linked};
          for (const auto& rule : ind.rules) {
            const auto found = rules::relevant_evidence(*rule.program, context);
            REQUIRE(found);
            for (std::size_t k : *found) relevant[k] = true;
          }
          std::vector<const EvidenceItem*> narrowed;
          for (std::size_t k = 0; k < all.size(); ++k)
            if (relevant[k] && std::find(subset.begin(), subset.end(), all[k]) != subset.end())
              narrowed.push_back(all[k]);
          INFO(election->id << " " << ind.id);
          CHECK(decide_indicator(ind, *election, facts, subset).level ==
                decide_indicator(ind, *election, facts, narrowed).level);
        }
      for (const auto& red_line : framework->red_lines) {
        const auto found = rules::relevant_evidence(*red_line.program, {*election, facts, all, {}});
        REQUIRE(found);
        std::vector<const EvidenceItem*> narrowed;
        for (std::size_t k : *found)
          if (std::find(subset.begin(), subset.end(), all[k]) != subset.end()) narrowed.push_back(all[k]);
        CHECK(rules::evaluate(*red_line.program, {*election, facts, subset, {}}).holds ==
              rules::evaluate(*red_line.program, {*election, facts, narrowed, {}}).holds);
      }
    }
  }
}

// ---- the Monte Carlo ----

TEST_CASE("the interval covers 90% of a known distribution of weights", "[uncertainty]") {
  // Two criteria at 100 and 0, decided by facts (no evidence to drop), equal weights and
  // concentration 8: the overall index is 100·B with B ~ Beta(4, 4).
  const Framework framework = framework_from(
      criterion("a", indicator("a1", "    [[criteria.indicators.rules]]\n    id = \"r\"\n    when = \"has(facts.total_seats)\"\n"
                                    "    effect = \"set\"\n    level = 4\n    why = \"w\"\n")) +
          criterion("b", indicator("b1", "    [[criteria.indicators.rules]]\n    id = \"r\"\n    when = \"has(facts.total_seats)\"\n"
                                         "    effect = \"set\"\n    level = 0\n    why = \"w\"\n")),
      "[[bands]]\nid = \"low\"\nlabel = \"Low\"\nmin = 0\n[[bands]]\nid = \"high\"\nlabel = \"High\"\nmin = 50\n");
  Election election = election_with({});
  election.facts.total_seats = SourcedNumber{100, "d1", {}};
  Scorecard card = assess(framework, election, {});
  REQUIRE(card.scores.overall.score == Approx(50));
  UncertaintyOptions options;
  options.draws = 4000;
  options.seed = 2024;
  options.concentration = 8;
  add_uncertainty(card, options);
  REQUIRE(card.uncertainty);
  const Uncertainty& u = *card.uncertainty;
  REQUIRE(u.overall);
  CHECK(beta_cdf(4, 4, u.overall->low / 100) == Approx(0.05).margin(0.012));
  CHECK(beta_cdf(4, 4, u.overall->high / 100) == Approx(0.95).margin(0.012));
  CHECK(u.band_probabilities[1] == Approx(0.5).margin(0.025));
  CHECK(u.band_probabilities[0] + u.band_probabilities[1] == Approx(1.0));
  // A criterion with one indicator is not perturbed within.
  REQUIRE(u.criteria[0]);
  CHECK(u.criteria[0]->low == 100);
  CHECK(u.criteria[0]->high == 100);
  CHECK(u.indicators[0][0].modal_level == 4);
  CHECK(u.indicators[0][0].modal_share == 1.0);
}

TEST_CASE("an item is kept in the share of draws its keep probability says", "[uncertainty]") {
  // a1 rests on one B2 item (kept with probability 0.81): level 2 when kept, not assessed when
  // dropped; b1 is 4 by a fact. Fixed weights: 75 when kept, 100 when dropped.
  const Framework framework = framework_from(
      criterion("a", indicator("a1")) +
          criterion("b", indicator("b1", "    [[criteria.indicators.rules]]\n    id = \"r\"\n    when = \"has(facts.total_seats)\"\n"
                                         "    effect = \"set\"\n    level = 4\n    why = \"w\"\n")),
      "[[bands]]\nid = \"low\"\nlabel = \"Low\"\nmin = 0\n[[bands]]\nid = \"high\"\nlabel = \"High\"\nmin = 80\n");
  Election election = election_with({item("e1", "d1", {"a1"}, Polarity::Undermines, 2)});
  election.facts.total_seats = SourcedNumber{100, "d1", {}};
  Scorecard card = assess(framework, election, {});
  REQUIRE(card.scores.overall.score == Approx(75));
  UncertaintyOptions options;
  options.draws = 4000;
  options.concentration = 0;
  add_uncertainty(card, options);
  const Uncertainty& u = *card.uncertainty;
  CHECK(u.band_probabilities[0] == Approx(0.81).margin(0.025));
  CHECK(u.indicators[0][0].modal_level == 2);
  CHECK(u.indicators[0][0].modal_share == Approx(0.81).margin(0.025));
  CHECK(u.overall->low == 75);
  CHECK(u.overall->high == 100);
  CHECK(u.concentration == 0);
  // The single item is load-bearing: without it the index is 100 and the band high.
  REQUIRE(card.load_bearing.size() == 1);
  CHECK(card.load_bearing[0].id == "e1");
  CHECK(card.load_bearing[0].score_without == Approx(100));
  CHECK(card.load_bearing[0].band_changed);
}

TEST_CASE("the same seed gives the same uncertainty; another seed moves it within sampling error",
          "[uncertainty]") {
  Diagnostics diags;
  const auto framework = load_framework(test::source_dir() + "/criteria/standards.toml", diags);
  const auto election = load_election(test::source_dir() + "/fixtures/elections/khm-2023", diags, &*framework);
  REQUIRE(election);
  UncertaintyOptions options;
  options.draws = 300;
  options.seed = 7;
  Scorecard a = assess(*framework, *election, {}), b = a, c = a;
  add_uncertainty(a, options);
  add_uncertainty(b, options);
  options.seed = 8;
  add_uncertainty(c, options);
  REQUIRE(a.uncertainty->overall);
  CHECK(a.uncertainty->overall->low == b.uncertainty->overall->low);
  CHECK(a.uncertainty->overall->high == b.uncertainty->overall->high);
  CHECK(a.uncertainty->band_probabilities == b.uncertainty->band_probabilities);
  CHECK(c.uncertainty->seed == 8);
  CHECK(c.uncertainty->overall->low == Approx(a.uncertainty->overall->low).margin(2.0));
  CHECK(c.uncertainty->overall->high == Approx(a.uncertainty->overall->high).margin(2.0));
  // The point estimate lies inside its interval.
  CHECK(*a.scores.overall.score >= a.uncertainty->overall->low);
  CHECK(*a.scores.overall.score <= a.uncertainty->overall->high);
}

// ---- leave-one-out ----

namespace {

// assess() on the election without item `id`.
Scores without(const Framework& framework, const Election& election, const std::string& id) {
  Election reduced = election;
  std::erase_if(reduced.evidence, [&](const EvidenceItem& e) { return e.id == id; });
  return assess(framework, reduced, {}).scores;
}

}  // namespace

TEST_CASE("leave-one-out names the items a verdict leans on, with the exact change", "[uncertainty]") {
  // a = (a1, a2), b = (b1); a grave item caps the overall band at low.
  const Framework framework = framework_from(
      criterion("a", indicator("a1") + indicator("a2")) + criterion("b", indicator("b1")) +
      "[[red_lines]]\nid = \"grave\"\nwhen = \"evidence.exists(e, 'grave' in e.tags && e.severity == 4)\"\n"
      "caps = \"overall\"\nband = \"low\"\nwhy = \"w\"\n");
  const Election election = election_with({
      item("e1", "d1", {"a1"}, Polarity::Undermines, 4, {"grave"}),  // a1 = 0, red line
      item("e2", "d2", {"a1"}, Polarity::Supports, 2),               // masked by e1
      item("e3", "d1", {"a2"}, Polarity::Undermines, 2),             // a2 = 2
      item("e4", "d2", {"b1"}, Polarity::Supports, 2),               // masked by e5
      item("e5", "d3", {"b1"}, Polarity::Undermines, 1),             // b1 = 3, masked by the cap
  });
  Scorecard card = assess(framework, election, {});
  // a = 25, b = 75: 50, capped at the top of "low".
  REQUIRE(card.scores.overall.score == Approx(40));
  REQUIRE(card.scores.overall.band == 0u);
  UncertaintyOptions options;
  options.draws = 0;
  options.load_bearing = 10;
  add_uncertainty(card, options);
  CHECK_FALSE(card.uncertainty);
  REQUIRE(card.load_bearing.size() == 2);
  // Without e1: a1 = 4 (e2), a = 75, overall 75, high.
  CHECK(card.load_bearing[0].id == "e1");
  CHECK(card.load_bearing[0].band_changed);
  CHECK(card.load_bearing[0].band_without == 2u);
  CHECK(*card.load_bearing[0].change == Approx(35));
  // Without e3: a2 not assessed, a = 0, overall 37.5.
  CHECK(card.load_bearing[1].id == "e3");
  CHECK_FALSE(card.load_bearing[1].band_changed);
  CHECK(*card.load_bearing[1].change == Approx(-2.5));
  for (const auto& lb : card.load_bearing) {
    const Scores naive = without(framework, election, lb.id);
    CHECK(*lb.score_without == *naive.overall.score);
    CHECK(lb.band_without == naive.overall.band);
  }
  // The count is a limit.
  options.load_bearing = 1;
  add_uncertainty(card, options);
  CHECK(card.load_bearing.size() == 1);
}

TEST_CASE("leave-one-out agrees with re-assessing every bundled election without each item",
          "[uncertainty]") {
  Diagnostics diags;
  const auto framework = load_framework(test::source_dir() + "/criteria/standards.toml", diags);
  for (const auto& entry : fs::directory_iterator(test::source_dir() + "/fixtures/elections")) {
    const auto election = load_election(entry.path().string(), diags, &*framework);
    REQUIRE(election);
    Scorecard card = assess(*framework, *election, {});
    UncertaintyOptions options;
    options.draws = 0;
    options.load_bearing = 1000;
    add_uncertainty(card, options);
    for (const auto& e : election->evidence) {
      const Scores naive = without(*framework, *election, e.id);
      const bool moved = naive.overall.band != card.scores.overall.band ||
                         std::fabs(naive.overall.score.value_or(-1) - card.scores.overall.score.value_or(-1)) > 1e-9;
      const auto found = std::find_if(card.load_bearing.begin(), card.load_bearing.end(),
                                      [&](const LoadBearing& lb) { return lb.id == e.id; });
      INFO(election->id << " without " << e.id);
      CHECK(moved == (found != card.load_bearing.end()));
      if (found != card.load_bearing.end()) {
        CHECK(found->score_without == naive.overall.score);
        CHECK(found->band_without == naive.overall.band);
      }
    }
  }
}

// ---- the command line ----

TEST_CASE("assess --draws 2000 --seed 7 is byte-identical run to run and records the seed",
          "[uncertainty][cli]") {
  const std::string args = "assess fixtures/elections/khm-2023 --draws 2000 --seed 7 --format json";
  const test::CliResult first = test::run_cli(args);
  REQUIRE(first.exit_code == 0);
  CHECK(test::run_cli(args).out == first.out);
  const auto json = nlohmann::json::parse(first.out);
  CHECK(json["uncertainty"]["draws"] == 2000);
  CHECK(json["uncertainty"]["seed"] == 7);
  CHECK(json["uncertainty"]["overall"]["low"].get<double>() <= json["overall"]["score"].get<double>());
  CHECK(json["uncertainty"]["overall"]["high"].get<double>() >= json["overall"]["score"].get<double>());
  CHECK(json["load_bearing"].is_array());
  const auto other = nlohmann::json::parse(test::run_cli("assess fixtures/elections/khm-2023 --draws 2000 --seed 8 --format json").out);
  CHECK(other["uncertainty"]["overall"]["low"].get<double>() ==
        Approx(json["uncertainty"]["overall"]["low"].get<double>()).margin(1.5));
  CHECK(other["uncertainty"]["overall"]["high"].get<double>() ==
        Approx(json["uncertainty"]["overall"]["high"].get<double>()).margin(1.5));
  // Text shows the interval after the score and names the seed.
  const test::CliResult text = test::run_cli("assess fixtures/elections/khm-2023 --draws 200 --seed 7");
  CHECK(text.out.find("Overall  12.6 / 100  [") != std::string::npos);
  CHECK(text.out.find("200 draws (seed 7") != std::string::npos);
  CHECK(text.out.find("Load-bearing evidence") != std::string::npos);
}

TEST_CASE("assess rejects bad uncertainty options", "[uncertainty][cli]") {
  CHECK(test::run_cli("assess fixtures/elections/khm-2023 --draws -3").exit_code == 2);
  CHECK(test::run_cli("assess fixtures/elections/khm-2023 --seed x").exit_code == 2);
  CHECK(test::run_cli("assess fixtures/elections/khm-2023 --concentration -1").exit_code == 2);
  const test::CliResult none = test::run_cli("assess fixtures/elections/khm-2023 --draws 0 --format json");
  REQUIRE(none.exit_code == 0);
  CHECK(nlohmann::json::parse(none.out)["uncertainty"].is_null());
}

TEST_CASE("ledgers longer than 64 items take the general path and agree with re-assessment",
          "[uncertainty]") {
  Diagnostics diags;
  const auto framework = load_framework(test::source_dir() + "/criteria/standards.toml", diags);
  auto election = load_election(test::source_dir() + "/fixtures/elections/khm-2023", diags, &*framework);
  REQUIRE(election);
  const std::size_t original = election->evidence.size();
  for (std::size_t k = 0; k < original; ++k) {
    EvidenceItem copy = election->evidence[k];
    copy.id += "-again";
    election->evidence.push_back(copy);
  }
  REQUIRE(election->evidence.size() > 64);
  Scorecard card = assess(*framework, *election, {});
  UncertaintyOptions options;
  options.draws = 100;
  options.load_bearing = 1000;
  add_uncertainty(card, options);
  REQUIRE(card.uncertainty->overall);
  Scorecard again = assess(*framework, *election, {});
  add_uncertainty(again, options);
  CHECK(again.uncertainty->overall->low == card.uncertainty->overall->low);
  CHECK(again.uncertainty->band_probabilities == card.uncertainty->band_probabilities);
  for (std::size_t k = 0; k < election->evidence.size(); k += 7) {
    const std::string& id = election->evidence[k].id;
    const Scores naive = without(*framework, *election, id);
    const auto found = std::find_if(card.load_bearing.begin(), card.load_bearing.end(),
                                    [&](const LoadBearing& lb) { return lb.id == id; });
    const bool moved = naive.overall.band != card.scores.overall.band ||
                       std::fabs(*naive.overall.score - *card.scores.overall.score) > 1e-9;
    INFO(id);
    CHECK(moved == (found != card.load_bearing.end()));
  }
}

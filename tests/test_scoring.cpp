// Findings and scores on hand-made frameworks and elections: each rule effect, not assessed,
// red-line caps, and the overall arithmetic.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "scrutineer/loader.hpp"
#include "scrutineer/scorecard.hpp"
#include "support.hpp"

using namespace scrutineer;
namespace fs = std::filesystem;

namespace {

// A framework with criteria "a" (weight 1: indicators a1 weight 1, a2 weight 3) and "b"
// (weight 3: indicator b1), bands low [0, 50) and high [50, 100], and `extra` appended.
Framework make_framework(const std::string& a1_rules, const std::string& extra = "") {
  const std::string anchors = R"(anchors = { 0 = "a", 1 = "b", 2 = "c", 3 = "d", 4 = "e" }
  standards = [{ instrument = "ICCPR", provision = "art. 25" }])";
  const std::string text = R"([framework]
id = "t"
version = "1"
title = "test"
[[bands]]
id = "low"
label = "Low"
min = 0
[[bands]]
id = "high"
label = "High"
min = 50
[[criteria]]
id = "a"
title = "A"
weight = 1
  [[criteria.indicators]]
  id = "a1"
  question = "?"
  weight = 1
  )" + anchors + "\n" + a1_rules + R"(
  [[criteria.indicators]]
  id = "a2"
  question = "?"
  weight = 3
  )" + anchors + R"(
[[criteria]]
id = "b"
title = "B"
weight = 3
  [[criteria.indicators]]
  id = "b1"
  question = "?"
  weight = 1
  )" + anchors + "\n" + extra;
  const std::string path = test::unique_temp_path("scoring.toml");
  std::ofstream(path) << text;
  Diagnostics diags;
  auto framework = load_framework(path, diags);
  INFO(diags.render());
  REQUIRE(framework);
  return *framework;
}

std::string rule(const std::string& effect, int level, const std::string& when) {
  return "    [[criteria.indicators.rules]]\n    id = \"r-" + effect + "\"\n    when = \"" + when +
         "\"\n    effect = \"" + effect + "\"\n    level = " + std::to_string(level) +
         "\n    why = \"because\"\n";
}

EvidenceItem item(const std::string& id, const std::string& indicator, int severity, Polarity polarity,
                  const std::string& tag = "t") {
  EvidenceItem e;
  e.id = id;
  e.indicators = {indicator};
  e.tags = {tag};
  e.severity = severity;
  e.polarity = polarity;
  e.reliability = 'B';
  e.credibility = 2;
  e.date = {2024, 1, 1};
  e.document = "d";
  return e;
}

Election election_with(std::vector<EvidenceItem> evidence) {
  Election election;
  election.id = "e";
  Document doc;
  doc.id = "d";
  doc.date = {2024, 1, 1};
  election.documents.push_back(doc);
  election.evidence = std::move(evidence);
  return election;
}

const IndicatorFinding& finding(const Scorecard& card, std::size_t criterion, std::size_t indicator) {
  return card.findings.by_criterion[criterion][indicator];
}

}  // namespace

TEST_CASE("with no rule firing, the linked evidence decides: 4 minus the worst undermining severity", "[scoring]") {
  const Framework fw = make_framework("");
  const Election el = election_with({item("x", "a1", 3, Polarity::Undermines), item("y", "a1", 1, Polarity::Undermines),
                                     item("z", "a1", 4, Polarity::Supports)});
  const Scorecard card = assess(fw, el, {});
  CHECK(finding(card, 0, 0).level == 1);
  CHECK(finding(card, 0, 0).decided_by == DecidedBy::Evidence);
  CHECK(finding(card, 0, 0).evidence == std::vector<std::string>{"x"});
}

TEST_CASE("supporting evidence alone gives the top level", "[scoring]") {
  const Scorecard card = assess(make_framework(""), election_with({item("s", "a1", 2, Polarity::Supports)}), {});
  CHECK(finding(card, 0, 0).level == 4);
}

TEST_CASE("an indicator with no evidence and no rule firing is not assessed, never zero", "[scoring]") {
  const Scorecard card = assess(make_framework(""), election_with({item("s", "a1", 2, Polarity::Supports)}), {});
  CHECK_FALSE(finding(card, 0, 1).level);
  CHECK(finding(card, 0, 1).decided_by == DecidedBy::NotAssessed);
  CHECK_FALSE(card.scores.criteria[1].score);
  CHECK(card.scores.criteria[0].coverage == Approx(0.25));  // a1 weight 1 of 4
}

TEST_CASE("a set rule overrides the evidence level and cites its witnesses", "[scoring]") {
  const Framework fw = make_framework(rule("set", 2, "linked.exists(e, 'hit' in e.tags)"));
  const Election el = election_with({item("w", "a1", 4, Polarity::Undermines, "hit"), item("o", "a1", 1, Polarity::Undermines)});
  const Scorecard card = assess(fw, el, {});
  CHECK(finding(card, 0, 0).level == 2);
  CHECK(finding(card, 0, 0).rule->id == "r-set");
  CHECK(finding(card, 0, 0).evidence == std::vector<std::string>{"w"});
}

TEST_CASE("a cap rule lowers but never raises the evidence level", "[scoring]") {
  const Framework fw = make_framework(rule("cap", 2, "size(linked) > 0"));
  CHECK(finding(assess(fw, election_with({item("s", "a1", 1, Polarity::Supports)}), {}), 0, 0).level == 2);
  CHECK(finding(assess(fw, election_with({item("u", "a1", 4, Polarity::Undermines)}), {}), 0, 0).level == 0);
}

TEST_CASE("a floor rule raises but never lowers the evidence level", "[scoring]") {
  const Framework fw = make_framework(rule("floor", 2, "size(linked) > 0"));
  CHECK(finding(assess(fw, election_with({item("u", "a1", 4, Polarity::Undermines)}), {}), 0, 0).level == 2);
  CHECK(finding(assess(fw, election_with({item("s", "a1", 1, Polarity::Supports)}), {}), 0, 0).level == 4);
}

TEST_CASE("the first rule that holds decides; later ones are not consulted", "[scoring]") {
  const Framework fw = make_framework(rule("set", 3, "size(linked) > 5") + rule("cap", 1, "size(linked) > 0") +
                                      rule("floor", 4, "size(linked) > 0"));
  const Scorecard card = assess(fw, election_with({item("s", "a1", 1, Polarity::Supports)}), {});
  CHECK(finding(card, 0, 0).level == 1);
  CHECK(finding(card, 0, 0).rule->id == "r-cap");
}

TEST_CASE("criterion and overall scores follow the weights by hand", "[scoring]") {
  // a1 = 4 (100), a2 = 2 (50), b1 = 1 (25). a = (1·100 + 3·50)/4 = 62.5; overall = (1·62.5 + 3·25)/4 = 34.375
  const Election el = election_with({item("p", "a1", 1, Polarity::Supports), item("q", "a2", 2, Polarity::Undermines),
                                     item("r", "b1", 3, Polarity::Undermines)});
  const Scorecard card = assess(make_framework(""), el, {});
  CHECK(*card.scores.criteria[0].score == Approx(62.5));
  CHECK(*card.scores.criteria[1].score == Approx(25.0));
  CHECK(*card.scores.overall.score == Approx(34.375));
  CHECK(card.scores.overall.band == 0u);
  CHECK(card.scores.overall.coverage == Approx(1.0));

  AssessOptions options;
  options.criterion_weights["b"] = 1;  // overall = (62.5 + 25)/2 = 43.75
  CHECK(*assess(make_framework(""), el, options).scores.overall.score == Approx(43.75));
  options.method = AggregationMethod::WeakestLink;
  CHECK(*assess(make_framework(""), el, options).scores.overall.score == Approx(25.0));
}

TEST_CASE("an overall red line caps the band and the index at the top of that band", "[scoring]") {
  const std::string red_line = R"toml([[red_lines]]
id = "stop"
when = "evidence.exists(e, 'grave' in e.tags)"
caps = "overall"
band = "low"
why = "grave"
)toml";
  const Framework fw = make_framework("", red_line);
  const Election el = election_with({item("p", "a1", 1, Polarity::Supports), item("g", "b1", 1, Polarity::Supports, "grave")});
  const Scorecard card = assess(fw, el, {});
  REQUIRE(card.findings.red_lines.size() == 1);
  CHECK(card.findings.red_lines[0].evidence == std::vector<std::string>{"g"});
  CHECK(card.scores.overall.band == 0u);
  CHECK(card.scores.overall.uncapped_band == 1u);
  CHECK(*card.scores.overall.score == Approx(50.0));
}

TEST_CASE("a criterion red line caps that criterion's score before the overall index", "[scoring]") {
  const std::string red_line = R"toml([[red_lines]]
id = "cap-b"
when = "evidence.exists(e, 'grave' in e.tags)"
caps = "criterion"
criterion = "b"
max_score = 10
why = "grave"
)toml";
  const Election el = election_with({item("p", "a1", 1, Polarity::Supports), item("g", "b1", 1, Polarity::Supports, "grave")});
  const Scorecard card = assess(make_framework("", red_line), el, {});
  CHECK(*card.scores.criteria[1].score == Approx(10.0));
  CHECK(*card.scores.criteria[1].uncapped == Approx(100.0));
  CHECK(*card.scores.overall.score == Approx((100.0 + 3 * 10.0) / 4));
}

TEST_CASE("an --as-of day keeps only the evidence dated on or before the day", "[scoring]") {
  auto late = item("late", "a1", 4, Polarity::Undermines);
  late.date = {2024, 6, 1};
  const Election el = election_with({item("early", "a1", 1, Polarity::Supports), late});
  AssessOptions options;
  options.as_of = Date{2024, 3, 1};
  const Scorecard card = assess(make_framework(""), el, options);
  CHECK(card.evidence_in_force == 1);
  CHECK(finding(card, 0, 0).level == 4);
}

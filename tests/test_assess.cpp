// `scrutineer assess` on the bundled elections: what the issue promises users.
#include <catch2/catch.hpp>

#include <fstream>

#include "scrutineer/loader.hpp"
#include "scrutineer/scorecard.hpp"
#include "support.hpp"

using namespace scrutineer;
using namespace scrutineer::test;

namespace {

struct Loaded {
  Framework framework;
  Election election;
};

Loaded load(const std::string& id) {
  Diagnostics diags;
  auto framework = load_framework(source_dir() + "/criteria/standards.toml", diags);
  REQUIRE(framework);
  auto election = load_election(source_dir() + "/fixtures/elections/" + id, diags, &*framework);
  INFO(diags.render());
  REQUIRE(election);
  return {std::move(*framework), std::move(*election)};
}

std::size_t criterion_index(const Framework& fw, const std::string& id) {
  for (std::size_t c = 0; c < fw.criteria.size(); ++c)
    if (fw.criteria[c].id == id) return c;
  FAIL("no criterion " << id);
  return 0;
}

}  // namespace

TEST_CASE("Cambodia 2023 is rated in the lowest band", "[assess]") {
  const Loaded khm = load("khm-2023");
  const Scorecard card = assess(khm.framework, khm.election, {});
  CHECK(card.scores.overall.band == 0u);
  CHECK(*card.scores.overall.score < khm.framework.bands[1].min);
}

TEST_CASE("Cambodia 2023 competitiveness is decided by the exclusion of the main opposition, citing the seed quote", "[assess]") {
  const Loaded khm = load("khm-2023");
  const Scorecard card = assess(khm.framework, khm.election, {});
  const auto c = criterion_index(khm.framework, "competitiveness");
  const IndicatorFinding& ballot = card.findings.by_criterion[c][0];
  REQUIRE(ballot.indicator->id == "opposition-on-ballot");
  CHECK(ballot.level == 0);
  REQUIRE(ballot.rule);
  CHECK(ballot.rule->id == "main-opposition-barred");
  CHECK_THAT(ballot.evidence, Catch::VectorContains(std::string("khm23-001")));
  const CliResult explained = run_cli("assess fixtures/elections/khm-2023 --explain");
  CHECK(explained.exit_code == 0);
  CHECK_THAT(explained.out, Catch::Contains("decided by rule 'main-opposition-barred' (criteria/standards.toml:"));
  CHECK_THAT(explained.out, Catch::Contains("rejected the registration of the main opposition Candlelight Party"));
}

TEST_CASE("Cambodia 2023 media freedom and civic space are low, each indicator traced to evidence", "[assess]") {
  const Loaded khm = load("khm-2023");
  const Scorecard card = assess(khm.framework, khm.election, {});
  for (const char* id : {"media-freedom", "civic-space"}) {
    INFO(id);
    const auto c = criterion_index(khm.framework, id);
    REQUIRE(card.scores.criteria[c].score);
    CHECK(*card.scores.criteria[c].score <= 25.0);
    for (const auto& finding : card.findings.by_criterion[c])
      if (finding.level) CHECK_FALSE(finding.evidence.empty());
  }
}

TEST_CASE("Thailand 2023: a competitive vote whose result was frustrated, with thinner coverage than Cambodia", "[assess]") {
  const Loaded tha = load("tha-2023");
  const Loaded khm = load("khm-2023");
  const Scorecard card = assess(tha.framework, tha.election, {});
  CHECK(*card.scores.criteria[criterion_index(tha.framework, "competitiveness")].score >= 75.0);
  CHECK(*card.scores.criteria[criterion_index(tha.framework, "respect-for-result")].score <= 25.0);
  CHECK(card.scores.overall.coverage < assess(khm.framework, khm.election, {}).scores.overall.coverage);
}

TEST_CASE("the fictional genuine election lands in the top band", "[assess]") {
  const Loaded fic = load("fictional-genuine-2025");
  REQUIRE(fic.election.fictional);
  const Scorecard card = assess(fic.framework, fic.election, {});
  CHECK(card.scores.overall.band == fic.framework.bands.size() - 1);
}

TEST_CASE("an --as-of day before any evidence makes every indicator not assessed", "[assess]") {
  for (const char* id : {"khm-2023", "tha-2023", "idn-2024", "khm-2024-senate", "fictional-genuine-2025"}) {
    INFO(id);
    const Loaded loaded = load(id);
    AssessOptions options;
    options.as_of = Date{2000, 1, 1};
    const Scorecard card = assess(loaded.framework, loaded.election, options);
    for (const auto& row : card.findings.by_criterion)
      for (const auto& finding : row) CHECK_FALSE(finding.level);
    CHECK_FALSE(card.scores.overall.score);
    CHECK(card.scores.overall.coverage == 0);
  }
}

TEST_CASE("assess rejects bad options with exit 2 and a message saying what to do", "[assess]") {
  CHECK(run_cli("assess fixtures/elections/khm-2023 --as-of 2023-02-30").err ==
        "scrutineer assess: --as-of needs a real day as YYYY-MM-DD, got '2023-02-30'\n");
  CHECK(run_cli("assess fixtures/elections/khm-2023 --format yaml").exit_code == 2);
  CHECK(run_cli("assess fixtures/elections/khm-2023 --method median").exit_code == 2);
  CHECK(run_cli("assess fixtures/elections/nowhere").exit_code == 2);
  CHECK(run_cli("assess --bogus").exit_code == 2);
}

// Tests for scrutineer/derived_facts.hpp against hand-computed values.
#include "scrutineer/derived_facts.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace scrutineer;

namespace {

SourcedNumber recorded(double value) { return {value, "results", {}}; }

PartyResult party(std::optional<std::int64_t> seats, std::optional<std::int64_t> votes = {}) {
  PartyResult p;
  p.name = p.abbrev = "P";
  p.seats = seats;
  p.votes = votes;
  return p;
}

// Facts with the given parties and, when above zero, a recorded total of seats.
Facts results(std::vector<PartyResult> parties, double total_seats = 0) {
  Facts f;
  f.parties = std::move(parties);
  if (total_seats > 0) f.total_seats = recorded(total_seats);
  return f;
}

double fact(const Facts& facts, const std::string& name) {
  const auto value = derive_facts(facts).get(name);
  INFO(name);
  REQUIRE(value);
  return *value;
}

bool has_fact(const Facts& facts, const std::string& name) {
  return derive_facts(facts).get(name).has_value();
}

}  // namespace

TEST_CASE("seat facts: 120 and 5 of 125", "[derived_facts]") {
  const Facts f = results({party(120), party(5)}, 125);
  CHECK(fact(f, "winner_seat_share") == Approx(0.96));
  CHECK(fact(f, "seat_margin") == Approx(0.92));
  CHECK(fact(f, "enp_seats") == Approx(1 / (0.96 * 0.96 + 0.04 * 0.04)));  // ≈ 1.0832
  CHECK(fact(f, "enp_seats") == Approx(1.0832).epsilon(1e-4));
  CHECK(fact(f, "total_seats") == 125);
}

TEST_CASE("seat shares use total_seats when recorded, else the sum of seats", "[derived_facts]") {
  CHECK(fact(results({party(60), party(40)}), "winner_seat_share") == Approx(0.6));
  CHECK(fact(results({party(60), party(40)}, 200), "winner_seat_share") == Approx(0.3));
  CHECK(fact(results({party(60), party(40)}, 200), "seat_margin") == Approx(0.1));
  CHECK(fact(results({party(40), party(60)}), "seat_margin") == Approx(0.2));  // any order
  CHECK(fact(results({party(50), party(50)}), "enp_seats") == Approx(2));
  CHECK(fact(results({party(50), party(50)}), "seat_margin") == 0);
}

TEST_CASE("vote facts: 600, 150 and 50 votes", "[derived_facts]") {
  const Facts f = results({party({}, 600), party({}, 150), party({}, 50)});
  CHECK(fact(f, "winner_vote_share") == Approx(0.75));
  CHECK(fact(f, "vote_margin") == Approx(0.5625));
  CHECK(fact(f, "enp_votes") == Approx(1 / (0.75 * 0.75 + 0.1875 * 0.1875 + 0.0625 * 0.0625)));
  CHECK(!has_fact(f, "winner_seat_share"));
}

TEST_CASE("a single party's margin is its whole share", "[derived_facts]") {
  const Facts f = results({party(100, 900)}, 125);
  CHECK(fact(f, "seat_margin") == Approx(0.8));
  CHECK(fact(f, "vote_margin") == Approx(1));
  CHECK(fact(f, "enp_votes") == Approx(1));
}

TEST_CASE("parties without a count are left out; nobody winning anything means no facts",
          "[derived_facts]") {
  CHECK(fact(results({party(10), party({}, 5)}), "winner_seat_share") == Approx(1));
  CHECK(!has_fact(results({}), "winner_seat_share"));
  CHECK(!has_fact(results({}, 125), "enp_seats"));
  CHECK(!has_fact(results({party(0), party(0)}), "seat_margin"));
  CHECK(!has_fact(results({party({}, 0)}), "winner_vote_share"));
}

TEST_CASE("turnout is recorded, else ballots cast over registered voters", "[derived_facts]") {
  Facts f;
  CHECK(!has_fact(f, "turnout"));
  f.ballots_cast = recorded(800);
  CHECK(!has_fact(f, "turnout"));
  f.registered_voters = recorded(1000);
  CHECK(fact(f, "turnout") == Approx(0.8));
  f.turnout = recorded(0.85);
  CHECK(fact(f, "turnout") == 0.85);
}

TEST_CASE("recorded facts pass through; absent ones stay absent", "[derived_facts]") {
  Facts f;
  f.registered_voters = recorded(9710655);
  f.parties_contesting = recorded(18);
  CHECK(fact(f, "registered_voters") == 9710655);
  CHECK(fact(f, "parties_contesting") == 18);
  CHECK(!has_fact(f, "ballots_cast"));
  CHECK(!has_fact(f, "total_seats"));
  CHECK(derive_facts(Facts{}).values.empty());
}

TEST_CASE("fact_names lists every fact derive_facts can produce", "[derived_facts]") {
  Facts f = results({party(120, 600), party(5, 200)}, 125);
  f.registered_voters = recorded(1000);
  f.ballots_cast = recorded(800);
  f.parties_contesting = recorded(2);
  const DerivedFacts derived = derive_facts(f);
  const auto& names = fact_names();
  CHECK(derived.values.size() == names.size());
  for (const auto& [name, value] : derived.values) {
    INFO(name);
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
}

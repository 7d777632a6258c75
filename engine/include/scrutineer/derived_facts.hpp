// Derived facts: computed from an election's facts, never typed in.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/election.hpp"

namespace scrutineer {

// Every number a rule can read as `facts.<name>`. A fact that cannot be computed from what
// the election records is absent (a rule reading it does not fire; `has(facts.x)` tests it).
struct DerivedFacts {
  std::map<std::string, double> values;
  std::optional<double> get(const std::string& name) const;
};

// Names of every fact a rule may read, recorded or derived (for type checking and "did you mean").
const std::vector<std::string>& fact_names();

// Recorded facts (total_seats, registered_voters, ballots_cast, turnout, parties_contesting) plus:
//   winner_seat_share, winner_vote_share   share of the party with most seats / votes (0–1)
//   enp_seats, enp_votes                    Laakso–Taagepera effective number of parties
//   seat_margin, vote_margin                share of the first minus share of the second (0–1)
//   turnout                                 recorded, else ballots_cast / registered_voters
// Shares use total_seats (else the sum of seats) and the sum of votes.
DerivedFacts derive_facts(const Facts& facts);

}  // namespace scrutineer

#include "scrutineer/derived_facts.hpp"

#include <algorithm>
#include <functional>
#include <numeric>

namespace scrutineer {

std::optional<double> DerivedFacts::get(const std::string& name) const {
  const auto found = values.find(name);
  if (found == values.end()) return std::nullopt;
  return found->second;
}

const std::vector<std::string>& fact_names() {
  static const std::vector<std::string> names = {
      "total_seats",       "registered_voters", "ballots_cast", "turnout",
      "parties_contesting", "winner_seat_share", "winner_vote_share", "enp_seats",
      "enp_votes",          "seat_margin",       "vote_margin"};
  return names;
}

namespace {

// Concentration of one distribution of counts (seats or votes) over parties.
struct Shares {
  double winner = 0;  // share of the largest
  double margin = 0;  // share of the largest minus share of the second (0 when there is none)
  double enp = 0;     // Laakso–Taagepera effective number of parties, 1 / Σ share²
};

// REQUIRES: counts non-empty, total > 0, and not every count zero.
Shares shares_of(std::vector<double> counts, double total) {
  std::sort(counts.begin(), counts.end(), std::greater<>());
  double sum_of_squares = 0;
  for (double c : counts) sum_of_squares += (c / total) * (c / total);
  const double second = counts.size() > 1 ? counts[1] : 0;
  return {counts[0] / total, (counts[0] - second) / total, 1 / sum_of_squares};
}

// The counts (seats or votes) of the parties that record one.
template <class Member>
std::vector<double> recorded(const std::vector<PartyResult>& parties, Member member) {
  std::vector<double> counts;
  for (const auto& p : parties)
    if (p.*member) counts.push_back(static_cast<double>(*(p.*member)));
  return counts;
}

// Sets the three facts of one distribution, unless nobody got anything.
void put_shares(DerivedFacts& out, const std::vector<double>& counts, double total,
                const std::string& winner, const std::string& margin, const std::string& enp) {
  const bool any = std::any_of(counts.begin(), counts.end(), [](double c) { return c > 0; });
  if (!any || total <= 0) return;
  const Shares s = shares_of(counts, total);
  out.values[winner] = s.winner;
  out.values[margin] = s.margin;
  out.values[enp] = s.enp;
}

}  // namespace

DerivedFacts derive_facts(const Facts& facts) {
  DerivedFacts out;
  const std::pair<const char*, const std::optional<SourcedNumber>*> recorded_facts[] = {
      {"total_seats", &facts.total_seats},
      {"registered_voters", &facts.registered_voters},
      {"ballots_cast", &facts.ballots_cast},
      {"turnout", &facts.turnout},
      {"parties_contesting", &facts.parties_contesting},
  };
  for (const auto& [name, fact] : recorded_facts)
    if (*fact) out.values[name] = (*fact)->value;

  if (!facts.turnout && facts.ballots_cast && facts.registered_voters &&
      facts.registered_voters->value > 0)
    out.values["turnout"] = facts.ballots_cast->value / facts.registered_voters->value;

  const std::vector<double> seats = recorded(facts.parties, &PartyResult::seats);
  const double seat_total =
      facts.total_seats ? facts.total_seats->value : std::accumulate(seats.begin(), seats.end(), 0.0);
  put_shares(out, seats, seat_total, "winner_seat_share", "seat_margin", "enp_seats");

  const std::vector<double> votes = recorded(facts.parties, &PartyResult::votes);
  put_shares(out, votes, std::accumulate(votes.begin(), votes.end(), 0.0), "winner_vote_share",
             "vote_margin", "enp_votes");
  return out;
}

}  // namespace scrutineer

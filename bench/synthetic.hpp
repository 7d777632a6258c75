// Synthetic frameworks and elections for the batch benchmark (bench/batch_bench.cpp) and the
// generator (bench/generate_elections.cpp). Deterministic: the same seed and index give the same
// election. The framework imitates criteria/standards.toml: every indicator has a decision list
// over its linked evidence (exists / count on tags, polarity, severity, grades), some rules read
// the whole ledger or the facts, and red lines look across the ledger.
#pragma once
#include <fmt/core.h>

#include <cstdint>
#include <string>

#include "scrutineer/sampling.hpp"

namespace scrutineer::bench {

inline constexpr int kTags = 40;

inline std::string tag(int k) { return fmt::format("tag-{:02}", k % kTags); }
inline std::string indicator_id(int i) { return fmt::format("ind-{:03}", i); }

// A framework of `criteria` criteria × `per_criterion` indicators.
inline std::string synthetic_framework(int criteria = 6, int per_criterion = 10) {
  std::string out = R"X([framework]
id = "synthetic"
version = "1.0.0"
title = "Synthetic framework for benchmarks"
method = "arithmetic"
concentration = 200.0

[[bands]]
id = "not-genuine"
label = "Not genuine"
min = 0.0
[[bands]]
id = "seriously-flawed"
label = "Seriously flawed"
min = 25.0
[[bands]]
id = "partly-genuine"
label = "Partly genuine"
min = 45.0
[[bands]]
id = "largely-genuine"
label = "Largely genuine"
min = 65.0
[[bands]]
id = "genuine"
label = "Genuine and competitive"
min = 80.0
)X";
  for (int c = 0; c < criteria; ++c) {
    out += fmt::format("\n[[criteria]]\nid = \"crit-{}\"\ntitle = \"Criterion {}\"\nweight = {:.2f}\n", c, c,
                       1.0 + 0.25 * (c % 3));
    for (int j = 0; j < per_criterion; ++j) {
      const int i = c * per_criterion + j;
      out += fmt::format(R"X(
  [[criteria.indicators]]
  id = "{}"
  question = "Synthetic question {}?"
  weight = {:.1f}
  anchors = {{ 0 = "none", 1 = "poor", 2 = "partial", 3 = "mostly", 4 = "full" }}
  standards = [{{ instrument = "ICCPR", provision = "art. 25" }}]

    [[criteria.indicators.rules]]
    id = "grave"
    when = "linked.exists(e, '{}' in e.tags && e.polarity == 'undermines' && e.severity == 4)"
    effect = "set"
    level = 0
    why = "A grave, tagged problem."

    [[criteria.indicators.rules]]
    id = "pattern"
    when = "linked.count(e, ('{}' in e.tags || '{}' in e.tags) && e.polarity == 'undermines' && e.severity >= 3) >= 2"
    effect = "cap"
    level = 1
    why = "A pattern of serious problems."
)X",
                         indicator_id(i), i, 1.0 + (i % 3) * 0.5, tag(i), tag(i + 1), tag(i + 7));
      if (i % 5 == 0)
        out += fmt::format(R"X(
    [[criteria.indicators.rules]]
    id = "ledger-wide"
    when = "evidence.exists(e, '{}' in e.tags && e.polarity == 'undermines' && e.reliability <= 'C' && e.severity >= 3)"
    effect = "cap"
    level = 2
    why = "Reliably reported elsewhere in the ledger."
)X",
                           tag(i + 3));
      if (i % 10 == 9)
        out += R"X(
    [[criteria.indicators.rules]]
    id = "sweep"
    when = "has(facts.winner_seat_share) && facts.winner_seat_share >= 0.9"
    effect = "cap"
    level = 1
    why = "Near-total sweep."
)X";
    }
  }
  out += R"X(
[[red_lines]]
id = "grave-exclusion"
when = "evidence.exists(e, 'tag-00' in e.tags && e.polarity == 'undermines' && e.severity == 4 && e.reliability <= 'C')"
caps = "overall"
band = "not-genuine"
why = "Synthetic red line."

[[red_lines]]
id = "systematic"
when = "evidence.count(e, ('tag-01' in e.tags || 'tag-02' in e.tags) && e.polarity == 'undermines' && e.severity >= 3) >= 3"
caps = "overall"
band = "seriously-flawed"
why = "Synthetic red line."

[[red_lines]]
id = "criterion-cap"
when = "evidence.exists(e, 'tag-03' in e.tags && e.severity == 4)"
caps = "criterion"
criterion = "crit-0"
max_score = 25.0
why = "Synthetic red line."
)X";
  return out;
}

// Election `index` of a run seeded `seed`, as one JSON Lines record (docs/uncertainty.md):
// `items` evidence items over `indicators` indicators, 8 documents by 5 publishers.
inline std::string synthetic_election(std::uint64_t seed, std::size_t index, int items = 30, int indicators = 60) {
  Rng rng(derive_seed(seed, fmt::format("synthetic/{}", index)));
  auto pick = [&](int n) { return static_cast<int>(rng.next() % static_cast<std::uint64_t>(n)); };
  static const char* kKinds[] = {"observer-mission", "ngo", "un", "media", "government"};
  static const char* kCountries[] = {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH"};
  // Elections tend to be good or bad throughout: a quality that shifts severity and polarity.
  const int quality = pick(4);
  const int seats = 100 + pick(200);
  const int winner = seats / 2 + pick(seats / 2);
  std::string out;
  out.reserve(12000);
  out += fmt::format(
      R"X({{"election":{{"id":"syn-{:07}","title":"Synthetic election {}","country":"{}","date":"{}-{:02}-{:02}","type":"general","phase":"post-election","fictional":true}},)X",
      index, index, kCountries[index % 8], 2000 + static_cast<int>(index % 25), 1 + pick(12), 1 + pick(28));
  out += fmt::format(
      R"X("facts":{{"total_seats":{{"value":{},"source":"doc-0"}},"parties":[{{"name":"Ruling Party","abbrev":"RP","seats":{},"source":"doc-0"}},{{"name":"Opposition Party","abbrev":"OP","seats":{},"source":"doc-0"}}]}},)X",
      seats, winner, seats - winner);
  out += R"X("documents":[)X";
  for (int d = 0; d < 8; ++d)
    out += fmt::format(R"X({}{{"id":"doc-{}","title":"Document {}","publisher":"Publisher {}","kind":"{}","date":"2024-0{}-15"}})X",
                       d ? "," : "", d, d, d % 5, kKinds[d % 5], 1 + d % 9);
  out += R"X(],"evidence":[)X";
  for (int k = 0; k < items; ++k) {
    const int document = pick(8);
    const bool undermines = pick(10) < 5 + 1 * quality;
    const int severity = std::min(4, 1 + pick(3) + (quality >= 2 ? pick(2) : 0));
    const int first = pick(indicators);
    std::string linked = fmt::format("\"{}\"", indicator_id(first));
    if (pick(3) == 0) linked += fmt::format(",\"{}\"", indicator_id((first + 1 + pick(indicators - 1)) % indicators));
    std::string tags = fmt::format("\"{}\"", tag(first + pick(2)));
    if (pick(2) == 0) tags += fmt::format(",\"{}\"", tag(pick(kTags)));
    std::string corroborated;
    if (pick(3) == 0) corroborated = fmt::format(R"X(,"corroborated_by":["doc-{}"])X", (document + 1 + pick(7)) % 8);
    out += fmt::format(
        R"X({}{{"id":"e-{:02}","claim":"Synthetic claim {} about indicator {}.","quote":"A synthetic quotation standing in for the words of document {}, item {}.","document":"doc-{}","tags":[{}],"indicators":[{}],"date":"2024-0{}-20","reliability":"{}","credibility":{},"severity":{},"polarity":"{}"{}}})X",
        k ? "," : "", k, k, first, document, k, document, tags, linked, 1 + pick(9), static_cast<char>('A' + pick(5)),
        1 + pick(5), severity, undermines ? "undermines" : "supports", corroborated);
  }
  out += "]}";
  return out;
}

}  // namespace scrutineer::bench

// Reliability: how likely an evidence item is to stand, from its Admiralty grades and its
// corroboration. The uncertainty stage keeps each item in a draw with this probability
// (docs/uncertainty.md has the whole table and the reasons for it).
#pragma once
#include "scrutineer/election.hpp"

namespace scrutineer {

// Admiralty source reliability A–F as a probability that the source reports accurately:
//   A 0.98 completely reliable   B 0.90 usually reliable   C 0.80 fairly reliable
//   D 0.60 not usually reliable  E 0.40 unreliable         F 0.70 cannot be judged
// Any other grade counts as F.
double source_reliability(char grade);

// Admiralty information credibility 1–6 as a probability that the information is true:
//   1 0.98 confirmed   2 0.90 probably true   3 0.75 possibly true
//   4 0.50 doubtful    5 0.25 improbable      6 0.70 cannot be judged
// Any other grade counts as 6.
double information_credibility(int grade);

// Each independent corroborating document halves the remaining doubt.
inline constexpr double kCorroborationFactor = 0.5;

// Corroborating documents that count as independent of the item's own: distinct documents of
// the election whose publisher differs from the item's document's publisher and from each
// other's (two reports by one publisher count once; a publisher cannot corroborate itself).
int independent_corroborations(const EvidenceItem& item, const Election& election);

// The probability of keeping `item` in a draw:
//   p₀ = source_reliability · information_credibility,   p = 1 − (1 − p₀) · 0.5^k
// for k independent corroborations.
double keep_probability(char reliability, int credibility, int corroborations);
double keep_probability(const EvidenceItem& item, const Election& election);

}  // namespace scrutineer

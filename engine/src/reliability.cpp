#include "scrutineer/reliability.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace scrutineer {

double source_reliability(char grade) {
  switch (grade) {
    case 'A': return 0.98;
    case 'B': return 0.90;
    case 'C': return 0.80;
    case 'D': return 0.60;
    case 'E': return 0.40;
    default: return 0.70;  // F: cannot be judged
  }
}

double information_credibility(int grade) {
  switch (grade) {
    case 1: return 0.98;
    case 2: return 0.90;
    case 3: return 0.75;
    case 4: return 0.50;
    case 5: return 0.25;
    default: return 0.70;  // 6: truth cannot be judged
  }
}

int independent_corroborations(const EvidenceItem& item, const Election& election) {
  const Document* own = election.find_document(item.document);
  std::vector<std::string> publishers;
  if (own) publishers.push_back(own->publisher);
  int count = 0;
  std::vector<std::string> seen_documents;
  for (const auto& id : item.corroborated_by) {
    if (id == item.document) continue;
    if (std::find(seen_documents.begin(), seen_documents.end(), id) != seen_documents.end()) continue;
    seen_documents.push_back(id);
    const Document* doc = election.find_document(id);
    if (!doc) continue;
    if (std::find(publishers.begin(), publishers.end(), doc->publisher) != publishers.end()) continue;
    publishers.push_back(doc->publisher);
    ++count;
  }
  return count;
}

double keep_probability(char reliability, int credibility, int corroborations) {
  const double p0 = source_reliability(reliability) * information_credibility(credibility);
  return 1.0 - (1.0 - p0) * std::pow(kCorroborationFactor, std::max(corroborations, 0));
}

double keep_probability(const EvidenceItem& item, const Election& election) {
  return keep_probability(item.reliability, item.credibility,
                          independent_corroborations(item, election));
}

}  // namespace scrutineer

#include "scrutineer/election.hpp"

namespace scrutineer {

const Document* Election::find_document(const std::string& id) const {
  for (const auto& d : documents)
    if (d.id == id) return &d;
  return nullptr;
}

std::string to_string(Phase p) {
  switch (p) {
    case Phase::PreElection: return "pre-election";
    case Phase::ElectionDay: return "election-day";
    case Phase::PostElection: return "post-election";
  }
  return "";
}

std::string to_string(SourceKind k) {
  switch (k) {
    case SourceKind::ObserverMission: return "observer-mission";
    case SourceKind::Ngo: return "ngo";
    case SourceKind::Un: return "un";
    case SourceKind::Media: return "media";
    case SourceKind::Government: return "government";
    case SourceKind::Court: return "court";
  }
  return "";
}

std::string to_string(Polarity p) { return p == Polarity::Undermines ? "undermines" : "supports"; }

std::string to_string(EvidenceStatus s) {
  return s == EvidenceStatus::Candidate ? "candidate" : "reviewed";
}

std::optional<Phase> parse_phase(const std::string& s) {
  for (Phase p : {Phase::PreElection, Phase::ElectionDay, Phase::PostElection})
    if (to_string(p) == s) return p;
  return std::nullopt;
}

std::optional<SourceKind> parse_source_kind(const std::string& s) {
  for (SourceKind k : {SourceKind::ObserverMission, SourceKind::Ngo, SourceKind::Un,
                       SourceKind::Media, SourceKind::Government, SourceKind::Court})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::optional<Polarity> parse_polarity(const std::string& s) {
  for (Polarity p : {Polarity::Undermines, Polarity::Supports})
    if (to_string(p) == s) return p;
  return std::nullopt;
}

std::optional<EvidenceStatus> parse_status(const std::string& s) {
  for (EvidenceStatus st : {EvidenceStatus::Candidate, EvidenceStatus::Reviewed})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

}  // namespace scrutineer

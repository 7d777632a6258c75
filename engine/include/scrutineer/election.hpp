// Election: what was held, its facts, the documents cited and the evidence ledger.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/date.hpp"
#include "scrutineer/diagnostics.hpp"

namespace scrutineer {

enum class Phase { PreElection, ElectionDay, PostElection };
enum class SourceKind { ObserverMission, Ngo, Un, Media, Government, Court };
enum class Polarity { Undermines, Supports };
enum class EvidenceStatus { Candidate, Reviewed };

struct Document {
  std::string id;
  std::string title;
  std::string publisher;
  SourceKind kind = SourceKind::Ngo;
  Date date;
  std::string path;    // inside the corpus directory; empty when there is no file
  std::string sha256;  // lowercase hex; empty when there is no file
  std::string url;
  SourceRegion where;
};

struct EvidenceItem {
  std::string id;
  EvidenceStatus status = EvidenceStatus::Reviewed;
  std::string claim;
  std::string quote;
  std::string document;  // document id
  std::optional<std::int64_t> start, end;  // byte offsets of the quote in the document file
  std::vector<std::string> tags;
  std::vector<std::string> indicators;
  Date date;
  char reliability = 'F';  // Admiralty A–F
  int credibility = 6;     // Admiralty 1–6
  int severity = 1;        // 1–4
  Polarity polarity = Polarity::Undermines;
  std::vector<std::string> corroborated_by;  // document ids
  SourceRegion where;
  SourceRegion quote_where;
};

// A number with the document it comes from.
struct SourcedNumber {
  double value = 0;
  std::string source;
  SourceRegion where;
};

struct PartyResult {
  std::string name;
  std::string abbrev;
  std::optional<std::int64_t> seats;
  std::optional<std::int64_t> votes;
  std::string source;
  SourceRegion where;
};

struct Facts {
  std::optional<SourcedNumber> total_seats, registered_voters, ballots_cast, turnout,
      parties_contesting;
  std::vector<PartyResult> parties;
};

struct Election {
  std::string id;
  std::string title;
  std::string country;  // ISO 3166-1 alpha-3
  Date date;
  std::string type;     // general | senate | presidential | local | referendum
  Phase phase = Phase::PostElection;
  bool fictional = false;
  Facts facts;
  std::vector<Document> documents;
  std::vector<EvidenceItem> evidence;
  std::string directory;

  const Document* find_document(const std::string& id) const;
};

std::string to_string(Phase p);
std::string to_string(SourceKind k);
std::string to_string(Polarity p);
std::string to_string(EvidenceStatus s);
std::optional<Phase> parse_phase(const std::string& s);
std::optional<SourceKind> parse_source_kind(const std::string& s);
std::optional<Polarity> parse_polarity(const std::string& s);
std::optional<EvidenceStatus> parse_status(const std::string& s);

}  // namespace scrutineer

#include "scrutineer/batch.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <istream>
#include <map>
#include <ostream>
#include <set>
#include <thread>

#include "scrutineer/loader.hpp"
#include "scrutineer/render.hpp"

namespace scrutineer {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;  // small objects: a vector beats a map to build
using OrderedJson = nlohmann::ordered_json;

namespace {

// ---- reading an election from JSON, with the checks of loader.cpp ----

enum class Need { Required, Optional };

// Typed access to one JSON object, reporting every problem (and, on destruction, unknown keys).
class JsonReader {
 public:
  JsonReader(const Json& object, std::string path, const SourceRegion& where, Diagnostics& diags)
      : object_(object), path_(std::move(path)), where_(where), diags_(diags) {}
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;
  ~JsonReader() {
    if (!object_.is_object()) return;
    for (const auto& [key, value] : object_.items()) {
      if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
      std::string message = fmt::format("unknown key '{}'", key);
      const std::string suggestion = closest_match(key, known_);
      if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
      report(key, message);
    }
  }

  const std::string& path() const { return path_; }
  const SourceRegion& where() const { return where_; }
  Diagnostics& diags() { return diags_; }

  std::string child(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  void report(std::string_view key, std::string_view message) {
    diags_.error(where_, fmt::format("{}: {}", child(key), message));
  }
  void report_self(std::string_view message) {
    diags_.error(where_, fmt::format("{}: {}", path_.empty() ? "the election" : path_, message));
  }

  const Json* lookup(std::string_view key, Need need) {
    known_.emplace_back(key);
    const auto found = object_.find(std::string(key));
    if (found == object_.end() || found->is_null()) {
      if (need == Need::Required) report_self(fmt::format("missing required key '{}'", key));
      return nullptr;
    }
    return &*found;
  }

  std::optional<std::string> string(std::string_view key, Need need) {
    const Json* v = lookup(key, need);
    if (!v) return std::nullopt;
    if (v->is_string()) return v->get<std::string>();
    wrong_type(key, *v, "a string");
    return std::nullopt;
  }
  std::optional<double> number(std::string_view key, Need need) {
    const Json* v = lookup(key, need);
    if (!v) return std::nullopt;
    if (v->is_number()) return v->get<double>();
    wrong_type(key, *v, "a number");
    return std::nullopt;
  }
  std::optional<std::int64_t> integer(std::string_view key, Need need) {
    const Json* v = lookup(key, need);
    if (!v) return std::nullopt;
    if (v->is_number_integer()) return v->get<std::int64_t>();
    wrong_type(key, *v, "an integer");
    return std::nullopt;
  }
  std::optional<bool> boolean(std::string_view key, Need need) {
    const Json* v = lookup(key, need);
    if (!v) return std::nullopt;
    if (v->is_boolean()) return v->get<bool>();
    wrong_type(key, *v, "a boolean");
    return std::nullopt;
  }
  std::optional<Date> date(std::string_view key, Need need) {
    auto text = string(key, need);
    if (!text) return std::nullopt;
    auto day = parse_date(*text);
    if (!day) report(key, fmt::format("'{}' must be a real day as \"YYYY-MM-DD\", got \"{}\"", key, *text));
    return day;
  }
  std::optional<std::vector<std::string>> strings(std::string_view key, Need need) {
    const Json* v = lookup(key, need);
    if (!v) return std::nullopt;
    if (!v->is_array()) {
      wrong_type(key, *v, "an array of strings");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& element : *v) {
      if (!element.is_string()) {
        wrong_type(key, element, "an array of strings");
        return std::nullopt;
      }
      out.push_back(element.get<std::string>());
    }
    return out;
  }
  const Json* array(std::string_view key, Need need) {
    const Json* v = lookup(key, need);
    if (v && !v->is_array()) {
      wrong_type(key, *v, "an array");
      return nullptr;
    }
    return v;
  }
  const Json* object(std::string_view key, Need need) {
    const Json* v = lookup(key, need);
    if (v && !v->is_object()) {
      wrong_type(key, *v, "an object");
      return nullptr;
    }
    return v;
  }

 private:
  static std::string_view json_type(const Json& v) {
    switch (v.type()) {
      case Json::value_t::string: return "a string";
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned: return "an integer";
      case Json::value_t::number_float: return "a number";
      case Json::value_t::boolean: return "a boolean";
      case Json::value_t::array: return "an array";
      case Json::value_t::object: return "an object";
      default: return "null";
    }
  }
  void wrong_type(std::string_view key, const Json& v, std::string_view wanted) {
    report(key, fmt::format("'{}' must be {}, got {}", key, wanted, json_type(v)));
  }

  const Json& object_;
  std::string path_;
  SourceRegion where_;
  Diagnostics& diags_;
  std::vector<std::string> known_;
};

// Calls `each(reader, index)` for every object of array `key`.
template <class Each>
void for_each_object(JsonReader& parent, std::string_view key, Need need, Each&& each) {
  const Json* array = parent.array(key, need);
  if (!array) return;
  std::size_t index = 0;
  for (const auto& element : *array) {
    const std::string path = fmt::format("{}[{}]", parent.child(key), index);
    if (!element.is_object()) {
      parent.diags().error(parent.where(), fmt::format("{}: must be an object", path));
    } else {
      JsonReader reader(element, path, parent.where(), parent.diags());
      each(reader);
    }
    ++index;
  }
}

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

std::string read_id(JsonReader& reader) {
  auto id = reader.string("id", Need::Required);
  if (id && !valid_id(*id)) {
    reader.report("id", fmt::format("id '{}' may hold only lowercase letters, digits, '-', '_' and '.'", *id));
    return "";
  }
  return id.value_or("");
}

bool valid_country(const std::string& code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool valid_sha256(const std::string& hex) {
  return hex.size() == 64 && std::all_of(hex.begin(), hex.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::optional<std::int64_t> non_negative(JsonReader& reader, std::string_view key) {
  auto value = reader.integer(key, Need::Optional);
  if (value && *value < 0) {
    reader.report(key, fmt::format("'{}' must be 0 or more, got {}", key, *value));
    return std::nullopt;
  }
  return value;
}

std::optional<SourcedNumber> read_fact(JsonReader& facts, std::string_view key, double min, double max,
                                       bool integral) {
  const Json* object = facts.object(key, Need::Optional);
  if (!object) return std::nullopt;
  JsonReader reader(*object, facts.child(key), facts.where(), facts.diags());
  SourcedNumber fact;
  fact.where = facts.where();
  std::optional<double> value;
  if (integral) {
    if (auto v = reader.integer("value", Need::Required)) value = static_cast<double>(*v);
  } else {
    value = reader.number("value", Need::Required);
  }
  fact.source = reader.string("source", Need::Required).value_or("");
  if (!value) return std::nullopt;
  if (!std::isfinite(*value) || *value < min || *value > max) {
    reader.report("value", max < 1e15 ? fmt::format("fact '{}' must be between {} and {}, got {}", key, min, max, *value)
                                      : fmt::format("fact '{}' must be at least {}, got {}", key, min, *value));
    return std::nullopt;
  }
  fact.value = *value;
  return fact;
}

void check_document(const Election& election, const std::string& id, JsonReader& reader,
                    std::string_view key) {
  if (id.empty() || election.find_document(id)) return;
  std::vector<std::string> known;
  for (const auto& d : election.documents) known.push_back(d.id);
  std::string message = fmt::format("unknown document '{}'", id);
  const std::string suggestion = closest_match(id, known);
  if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
  reader.report(key, message);
}

void read_header(JsonReader& root, Election& election) {
  const Json* header = root.object("election", Need::Required);
  if (!header) return;
  JsonReader reader(*header, "election", root.where(), root.diags());
  election.id = read_id(reader);
  election.title = reader.string("title", Need::Required).value_or("");
  election.country = reader.string("country", Need::Required).value_or("");
  if (!election.country.empty() && !valid_country(election.country))
    reader.report("country", fmt::format("'country' must be an ISO 3166-1 alpha-3 code such as KHM, got '{}'",
                                         election.country));
  election.date = reader.date("date", Need::Required).value_or(Date{});
  election.type = reader.string("type", Need::Required).value_or("");
  static const std::vector<std::string> kTypes = {"general", "senate", "presidential", "local", "referendum"};
  if (!election.type.empty() && std::find(kTypes.begin(), kTypes.end(), election.type) == kTypes.end())
    reader.report("type", fmt::format("'type' must be one of general, senate, presidential, local, referendum, "
                                      "got '{}'", election.type));
  if (auto phase = reader.string("phase", Need::Required)) {
    if (auto parsed = parse_phase(*phase)) election.phase = *parsed;
    else reader.report("phase", fmt::format("'phase' must be pre-election, election-day or post-election, got '{}'",
                                            *phase));
  }
  election.fictional = reader.boolean("fictional", Need::Optional).value_or(false);
}

void read_facts(JsonReader& root, Election& election) {
  const Json* facts = root.object("facts", Need::Optional);
  if (!facts) return;
  JsonReader reader(*facts, "facts", root.where(), root.diags());
  constexpr double kHuge = 1e18;
  election.facts.total_seats = read_fact(reader, "total_seats", 1, kHuge, true);
  election.facts.registered_voters = read_fact(reader, "registered_voters", 1, kHuge, true);
  election.facts.ballots_cast = read_fact(reader, "ballots_cast", 0, kHuge, true);
  election.facts.turnout = read_fact(reader, "turnout", 0, 1, false);
  election.facts.parties_contesting = read_fact(reader, "parties_contesting", 1, kHuge, true);
  std::set<std::string> abbrevs;
  for_each_object(reader, "parties", Need::Optional, [&](JsonReader& r) {
    PartyResult party;
    party.where = r.where();
    party.name = r.string("name", Need::Required).value_or("");
    party.abbrev = r.string("abbrev", Need::Required).value_or("");
    party.seats = non_negative(r, "seats");
    party.votes = non_negative(r, "votes");
    party.source = r.string("source", Need::Required).value_or("");
    if (!party.abbrev.empty() && !abbrevs.insert(party.abbrev).second)
      r.report("abbrev", fmt::format("duplicate party id '{}'", party.abbrev));
    election.facts.parties.push_back(std::move(party));
  });
}

void read_documents(JsonReader& root, Election& election) {
  std::set<std::string> ids;
  for_each_object(root, "documents", Need::Required, [&](JsonReader& reader) {
    Document doc;
    doc.where = reader.where();
    doc.id = read_id(reader);
    doc.title = reader.string("title", Need::Required).value_or("");
    doc.publisher = reader.string("publisher", Need::Required).value_or("");
    if (auto kind = reader.string("kind", Need::Required)) {
      if (auto parsed = parse_source_kind(*kind)) doc.kind = *parsed;
      else reader.report("kind", fmt::format("'kind' must be one of observer-mission, ngo, un, media, government, "
                                             "court, got '{}'", *kind));
    }
    doc.date = reader.date("date", Need::Required).value_or(Date{});
    doc.path = reader.string("path", Need::Optional).value_or("");
    doc.url = reader.string("url", Need::Optional).value_or("");
    auto sha = reader.string("sha256", Need::Optional);
    if (!sha && !doc.path.empty())
      reader.report("path", fmt::format("document '{}' gives a 'path' but no 'sha256'", doc.id));
    if (sha) {
      if (!valid_sha256(*sha)) reader.report("sha256", "'sha256' must be 64 lowercase hexadecimal digits");
      else doc.sha256 = *sha;
    }
    if (!doc.id.empty() && !ids.insert(doc.id).second)
      reader.report("id", fmt::format("duplicate document id '{}'", doc.id));
    election.documents.push_back(std::move(doc));
  });
}

void read_evidence(JsonReader& root, Election& election, const Framework* framework) {
  std::set<std::string> ids;
  for_each_object(root, "evidence", Need::Optional, [&](JsonReader& reader) {
    EvidenceItem item;
    item.where = reader.where();
    item.id = read_id(reader);
    if (auto status = reader.string("status", Need::Optional)) {
      if (auto parsed = parse_status(*status)) item.status = *parsed;
      else reader.report("status", fmt::format("'status' must be candidate or reviewed, got '{}'", *status));
    }
    item.claim = reader.string("claim", Need::Required).value_or("");
    item.quote = reader.string("quote", Need::Required).value_or("");
    item.quote_where = reader.where();
    item.document = reader.string("document", Need::Required).value_or("");
    if (const Json* location = reader.object("location", Need::Optional)) {
      JsonReader loc(*location, reader.child("location"), reader.where(), reader.diags());
      item.start = non_negative(loc, "start");
      item.end = non_negative(loc, "end");
      if (item.start && item.end && *item.end <= *item.start)
        loc.report("end", fmt::format("'end' ({}) must be greater than 'start' ({})", *item.end, *item.start));
    }
    if (auto tags = reader.strings("tags", Need::Required)) {
      if (tags->empty()) reader.report("tags", "'tags' needs at least one tag");
      item.tags = std::move(*tags);
    }
    if (auto indicators = reader.strings("indicators", Need::Required)) {
      if (indicators->empty()) reader.report("indicators", "'indicators' needs at least one indicator id");
      item.indicators = std::move(*indicators);
    }
    item.date = reader.date("date", Need::Required).value_or(Date{});
    if (auto grade = reader.string("reliability", Need::Required)) {
      if (grade->size() == 1 && (*grade)[0] >= 'A' && (*grade)[0] <= 'F') item.reliability = (*grade)[0];
      else reader.report("reliability", fmt::format("'reliability' must be an Admiralty source grade A to F, got '{}'",
                                                    *grade));
    }
    if (auto credibility = reader.integer("credibility", Need::Required)) {
      if (*credibility >= 1 && *credibility <= 6) item.credibility = static_cast<int>(*credibility);
      else reader.report("credibility", fmt::format("'credibility' must be an Admiralty information grade 1 to 6, "
                                                    "got {}", *credibility));
    }
    if (auto severity = reader.integer("severity", Need::Required)) {
      if (*severity >= 1 && *severity <= 4) item.severity = static_cast<int>(*severity);
      else reader.report("severity", fmt::format("'severity' must be 1 (minor) to 4 (grave), got {}", *severity));
    }
    if (auto polarity = reader.string("polarity", Need::Required)) {
      if (auto parsed = parse_polarity(*polarity)) item.polarity = *parsed;
      else reader.report("polarity", fmt::format("'polarity' must be undermines or supports, got '{}'", *polarity));
    }
    item.corroborated_by = reader.strings("corroborated_by", Need::Optional).value_or(std::vector<std::string>{});
    check_document(election, item.document, reader, "document");
    for (const auto& doc : item.corroborated_by) {
      check_document(election, doc, reader, "corroborated_by");
      if (doc == item.document)
        reader.report("corroborated_by", fmt::format("evidence '{}' cannot be corroborated by its own document '{}'",
                                                     item.id, doc));
    }
    if (framework)
      for (const auto& indicator : item.indicators)
        if (!framework->find_indicator(indicator)) {
          std::string message = fmt::format("unknown indicator '{}'", indicator);
          const std::string suggestion = closest_match(indicator, framework->indicator_ids());
          if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
          reader.report("indicators", message);
        }
    if (!item.id.empty() && !ids.insert(item.id).second)
      reader.report("id", fmt::format("duplicate evidence id '{}'", item.id));
    election.evidence.push_back(std::move(item));
  });
}

void check_fact_sources(JsonReader& root, const Election& election) {
  const Facts& facts = election.facts;
  const std::pair<const char*, const std::optional<SourcedNumber>*> named[] = {
      {"total_seats", &facts.total_seats},   {"registered_voters", &facts.registered_voters},
      {"ballots_cast", &facts.ballots_cast}, {"turnout", &facts.turnout},
      {"parties_contesting", &facts.parties_contesting}};
  for (const auto& [name, fact] : named)
    if (*fact && !(*fact)->source.empty() && !election.find_document((*fact)->source))
      root.diags().error(root.where(), fmt::format("facts.{}.source: unknown document '{}'", name, (*fact)->source));
  for (std::size_t p = 0; p < facts.parties.size(); ++p)
    if (!facts.parties[p].source.empty() && !election.find_document(facts.parties[p].source))
      root.diags().error(root.where(), fmt::format("facts.parties[{}].source: unknown document '{}'", p,
                                                   facts.parties[p].source));
}

}  // namespace

std::optional<Election> parse_election_json(std::string_view text, const std::string& origin,
                                            std::size_t line, Diagnostics& diags,
                                            const Framework* framework) {
  const std::size_t errors_before = diags.size();
  const SourceRegion where{origin, static_cast<int>(line), 1};
  Json document;
  try {
    document = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    diags.error(where, fmt::format("JSON syntax: {}", e.what()));
    return std::nullopt;
  }
  if (!document.is_object()) {
    diags.error(where, "an election must be a JSON object with \"election\", \"documents\" and \"evidence\"");
    return std::nullopt;
  }
  Election election;
  election.directory = origin;
  {
    JsonReader root(document, "", where, diags);
    read_header(root, election);
    read_facts(root, election);
    read_documents(root, election);
    read_evidence(root, election, framework);
    check_fact_sources(root, election);
  }
  if (diags.size() != errors_before) return std::nullopt;
  return election;
}

namespace {

OrderedJson fact_json(const std::optional<SourcedNumber>& fact, bool integral) {
  if (!fact) return nullptr;
  OrderedJson value = integral ? OrderedJson(static_cast<std::int64_t>(fact->value)) : OrderedJson(fact->value);
  return {{"value", value}, {"source", fact->source}};
}

}  // namespace

std::string election_json_line(const Election& election) {
  OrderedJson root;
  root["election"] = {{"id", election.id},
                      {"title", election.title},
                      {"country", election.country},
                      {"date", election.date.str()},
                      {"type", election.type},
                      {"phase", to_string(election.phase)},
                      {"fictional", election.fictional}};
  OrderedJson facts = OrderedJson::object();
  const Facts& f = election.facts;
  const std::tuple<const char*, const std::optional<SourcedNumber>*, bool> named[] = {
      {"total_seats", &f.total_seats, true},   {"registered_voters", &f.registered_voters, true},
      {"ballots_cast", &f.ballots_cast, true}, {"turnout", &f.turnout, false},
      {"parties_contesting", &f.parties_contesting, true}};
  for (const auto& [name, fact, integral] : named)
    if (*fact) facts[name] = fact_json(*fact, integral);
  if (!f.parties.empty()) {
    OrderedJson parties = OrderedJson::array();
    for (const auto& party : f.parties) {
      OrderedJson p = {{"name", party.name}, {"abbrev", party.abbrev}};
      if (party.seats) p["seats"] = *party.seats;
      if (party.votes) p["votes"] = *party.votes;
      p["source"] = party.source;
      parties.push_back(p);
    }
    facts["parties"] = parties;
  }
  root["facts"] = facts;
  OrderedJson documents = OrderedJson::array();
  for (const auto& doc : election.documents) {
    OrderedJson d = {{"id", doc.id}, {"title", doc.title}, {"publisher", doc.publisher},
                     {"kind", to_string(doc.kind)}, {"date", doc.date.str()}};
    if (!doc.path.empty()) d["path"] = doc.path;
    if (!doc.sha256.empty()) d["sha256"] = doc.sha256;
    if (!doc.url.empty()) d["url"] = doc.url;
    documents.push_back(d);
  }
  root["documents"] = documents;
  OrderedJson evidence = OrderedJson::array();
  for (const auto& item : election.evidence) {
    OrderedJson e = {{"id", item.id}, {"status", to_string(item.status)}, {"claim", item.claim},
                     {"quote", item.quote}, {"document", item.document}};
    if (item.start || item.end) {
      OrderedJson location = OrderedJson::object();
      if (item.start) location["start"] = *item.start;
      if (item.end) location["end"] = *item.end;
      e["location"] = location;
    }
    e["tags"] = item.tags;
    e["indicators"] = item.indicators;
    e["date"] = item.date.str();
    e["reliability"] = std::string(1, item.reliability);
    e["credibility"] = item.credibility;
    e["severity"] = item.severity;
    e["polarity"] = to_string(item.polarity);
    if (!item.corroborated_by.empty()) e["corroborated_by"] = item.corroborated_by;
    evidence.push_back(e);
  }
  root["evidence"] = evidence;
  return root.dump();
}

// ---- sources ----

BatchSource json_lines_source(std::istream& in, std::string origin) {
  return [&in, origin = std::move(origin), line = std::size_t{0}](BatchInput& input) mutable {
    std::string text;
    while (std::getline(in, text)) {
      ++line;
      if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
      input.origin = origin;
      input.line = line;
      input.json = std::move(text);
      input.directory.clear();
      return true;
    }
    return false;
  };
}

BatchSource directory_tree_source(const std::string& root) {
  // A depth-first walk holding, for each open directory, its sorted subdirectories still to visit.
  struct Walk {
    std::vector<std::vector<fs::path>> pending;
  };
  auto walk = std::make_shared<Walk>();
  walk->pending.push_back({fs::path(root)});
  return [walk](BatchInput& input) {
    std::error_code ec;
    while (!walk->pending.empty()) {
      auto& level = walk->pending.back();
      if (level.empty()) {
        walk->pending.pop_back();
        continue;
      }
      const fs::path dir = std::move(level.front());
      level.erase(level.begin());
      if (fs::is_regular_file(dir / "election.toml", ec)) {
        input.origin = dir.string();
        input.line = 0;
        input.json.clear();
        input.directory = dir.string();
        return true;
      }
      std::vector<fs::path> children;
      for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec)) children.push_back(it->path());
      std::sort(children.begin(), children.end());
      walk->pending.push_back(std::move(children));
    }
    return false;
  };
}

// ---- running ----

namespace {

struct Slot {
  BatchInput input;
  std::string output;  // one JSON line
  std::string errors;  // diagnostics for stderr
  bool failed = false;
};

void assess_one(const Framework& framework, const WeightDraws& weights, const BatchOptions& options, Slot& slot) {
  Diagnostics diags;
  std::optional<Election> election;
  if (!slot.input.json.empty())
    election = parse_election_json(slot.input.json, slot.input.origin, slot.input.line, diags, &framework);
  else
    election = load_election(slot.input.directory, diags, &framework);
  if (!election) {
    slot.failed = true;
    slot.errors = diags.render();
    OrderedJson record;
    record["schema"] = "scrutineer.batch-error/1";
    record["source"] = slot.input.line ? fmt::format("{}:{}", slot.input.origin, slot.input.line) : slot.input.origin;
    OrderedJson errors = OrderedJson::array();
    for (const auto& d : diags.sorted()) errors.push_back(d.message);
    record["errors"] = errors;
    slot.output = record.dump() + "\n";
    return;
  }
  Scorecard card = assess(framework, *election, options.assess);
  UncertaintyOutcome outcome = estimate_uncertainty(card, weights, options.uncertainty);
  card.uncertainty = std::move(outcome.uncertainty);
  card.load_bearing = std::move(outcome.load_bearing);
  slot.output = render_json_line(card);
}

// assess_one, turning any exception into an error record rather than ending the batch.
void assess_guarded(const Framework& framework, const WeightDraws& weights, const BatchOptions& options,
                    Slot& slot) {
  try {
    assess_one(framework, weights, options, slot);
  } catch (const std::exception& e) {
    const std::string source =
        slot.input.line ? fmt::format("{}:{}", slot.input.origin, slot.input.line) : slot.input.origin;
    slot.failed = true;
    slot.errors = fmt::format("{}: error: {}\n", source, e.what());
    OrderedJson record;
    record["schema"] = "scrutineer.batch-error/1";
    record["source"] = source;
    record["errors"] = OrderedJson::array({e.what()});
    slot.output = record.dump() + "\n";
  }
}

}  // namespace

namespace {

// A chunk of elections in flight.
struct Chunk {
  std::vector<Slot> slots;
  std::size_t filled = 0;
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
};

}  // namespace

BatchSummary run_batch(const Framework& framework, const BatchSource& source, std::ostream& out,
                       std::ostream& err, const BatchOptions& options) {
  const WeightDraws weights =
      draw_weights(assessed_weights(framework, options.assess), options.uncertainty.draws,
                   effective_concentration(framework, options.uncertainty), options.uncertainty.seed);
  std::size_t threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  threads = std::max<std::size_t>(threads, 1);
  const std::size_t size = options.chunk ? options.chunk : 64 * threads;
  // Two chunks: the workers assess one while this thread reads the next and writes the last.
  Chunk chunks[2];
  for (auto& chunk : chunks) chunk.slots.resize(size);
  bool more = true;
  auto fill = [&](Chunk& chunk) {
    chunk.filled = 0;
    while (more && chunk.filled < size && (more = source(chunk.slots[chunk.filled].input))) {
      Slot& slot = chunk.slots[chunk.filled++];
      slot.output.clear();
      slot.errors.clear();
      slot.failed = false;
    }
  };
  auto launch = [&](Chunk& chunk) {
    chunk.next = 0;
    for (std::size_t t = 0; t < std::min(threads, chunk.filled); ++t)
      chunk.workers.emplace_back([&framework, &weights, &options, &chunk] {
        for (std::size_t j; (j = chunk.next.fetch_add(1)) < chunk.filled;)
          assess_guarded(framework, weights, options, chunk.slots[j]);
      });
  };
  auto join = [](Chunk& chunk) {
    for (auto& worker : chunk.workers) worker.join();
    chunk.workers.clear();
  };
  BatchSummary summary;
  auto write = [&](Chunk& chunk) {
    for (std::size_t j = 0; j < chunk.filled; ++j) {
      Slot& slot = chunk.slots[j];
      out << slot.output;
      if (slot.failed) {
        err << slot.errors;
        ++summary.failed;
      } else {
        ++summary.assessed;
      }
      // Release what this election held, so memory stays flat.
      slot.input = BatchInput{};
      std::string().swap(slot.output);
    }
    out.flush();
    if (options.progress) options.progress(summary.assessed + summary.failed);
  };
  std::size_t current = 0;
  fill(chunks[current]);
  if (chunks[current].filled) launch(chunks[current]);
  while (chunks[current].filled) {
    Chunk& now = chunks[current];
    Chunk& next = chunks[1 - current];
    fill(next);
    join(now);
    if (next.filled) launch(next);
    write(now);
    now.filled = 0;
    current = 1 - current;
  }
  return summary;
}

}  // namespace scrutineer

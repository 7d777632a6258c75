#include "scrutineer/loader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "scrutineer/rules.hpp"
#include "toml_reader.hpp"

namespace scrutineer {

namespace fs = std::filesystem;
using Need = TomlReader::Need;

std::optional<std::string> read_file(const std::string& path, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    diags.error({path, 0, 0}, "no such file");
    return std::nullopt;
  }
  if (fs::is_directory(path, ec)) {
    diags.error({path, 0, 0}, "is a directory, expected a file");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    diags.error({path, 0, 0}, "cannot read file");
    return std::nullopt;
  }
  return text.str();
}

namespace {

// Parses a TOML file; syntax errors are reported with their position.
std::optional<toml::table> parse_toml(const std::string& path, Diagnostics& diags) {
  auto text = read_file(path, diags);
  if (!text) return std::nullopt;
  diags.remember_source(path, *text);
  try {
    return toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    diags.error({path, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                fmt::format("TOML syntax: {}", e.description()));
    return std::nullopt;
  }
}

// Calls `each` with a reader for every table in array `key`; non-tables are reported.
template <typename Each>
void for_each_table(TomlReader& parent, std::string_view key, Need need, std::string_view what,
                    Each&& each) {
  const toml::array* array = parent.array(key, need);
  if (!array) return;
  for (const auto& element : *array) {
    const auto* table = element.as_table();
    if (!table) {
      parent.diags().error(region_of(element, parent.file()),
                           fmt::format("'{}' must hold tables, got {}", key, type_name(element)));
      continue;
    }
    TomlReader reader(*table, std::string(what), parent.file(), parent.diags());
    each(reader);
  }
}

// Records ids, reporting a duplicate with where the first one was.
class IdRegistry {
 public:
  IdRegistry(std::string kind, Diagnostics& diags) : kind_(std::move(kind)), diags_(diags) {}
  void add(const std::string& id, const SourceRegion& where) {
    auto [it, inserted] = seen_.emplace(id, where);
    if (!inserted)
      diags_.error(where, fmt::format("duplicate {} id '{}' (first defined at {}:{}:{})", kind_, id,
                                      it->second.file, it->second.line, it->second.column));
  }
  bool contains(const std::string& id) const { return seen_.count(id) > 0; }
  std::vector<std::string> ids() const {
    std::vector<std::string> result;
    for (const auto& [id, where] : seen_) result.push_back(id);
    return result;
  }

 private:
  std::string kind_;
  Diagnostics& diags_;
  std::map<std::string, SourceRegion> seen_;
};

// Reports `id` as unknown among `known`, with "did you mean".
void unknown_reference(Diagnostics& diags, const SourceRegion& where, std::string_view kind,
                       const std::string& id, const std::vector<std::string>& known) {
  std::string message = fmt::format("unknown {} '{}'", kind, id);
  const std::string suggestion = closest_match(id, known);
  if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
  diags.error(where, std::move(message));
}

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

std::optional<std::string> read_id(TomlReader& reader) {
  auto id = reader.string("id", Need::Required);
  if (id && !valid_id(*id)) {
    reader.error("id", fmt::format("id '{}' may hold only lowercase letters, digits, '-', '_' and '.'",
                                   *id));
    return std::nullopt;
  }
  return id;
}

// A weight: finite and greater than zero.
double read_weight(TomlReader& reader) {
  auto weight = reader.number("weight", Need::Required);
  if (!weight) return 1.0;
  if (!std::isfinite(*weight) || *weight <= 0) {
    reader.error("weight", fmt::format("'weight' must be finite and greater than 0, got {}", *weight));
    return 1.0;
  }
  return *weight;
}

std::optional<int> read_level(TomlReader& reader) {
  auto level = reader.integer("level", Need::Required);
  if (level && (*level < 0 || *level > 4)) {
    reader.error("level", fmt::format("'level' must be 0 to 4, got {}", *level));
    return std::nullopt;
  }
  return level ? std::optional<int>(static_cast<int>(*level)) : std::nullopt;
}

// Compiles a `when` expression held at key "when" of `reader`.
std::shared_ptr<const rules::Program> compile_when(TomlReader& reader, const std::string& text,
                                                   rules::Scope scope, SourceRegion& when_where) {
  when_where = reader.where("when");
  return rules::compile(text, when_where, scope, reader.diags());
}

Rule read_rule(TomlReader& reader) {
  Rule rule;
  rule.where = reader.where();
  rule.id = read_id(reader).value_or("");
  rule.when = reader.string("when", Need::Required).value_or("");
  if (auto effect = reader.string("effect", Need::Required)) {
    if (*effect == "set") rule.effect = RuleEffect::Set;
    else if (*effect == "cap") rule.effect = RuleEffect::Cap;
    else if (*effect == "floor") rule.effect = RuleEffect::Floor;
    else reader.error("effect", fmt::format("'effect' must be set, cap or floor, got '{}'", *effect));
  }
  rule.level = read_level(reader).value_or(0);
  rule.why = reader.string("why", Need::Required).value_or("");
  rule.recommendation = reader.string("recommendation", Need::Optional).value_or("");
  if (!rule.when.empty())
    rule.program = compile_when(reader, rule.when, rules::Scope::Indicator, rule.when_where);
  return rule;
}

Indicator read_indicator(TomlReader& reader) {
  Indicator indicator;
  indicator.where = reader.where();
  indicator.id = read_id(reader).value_or("");
  indicator.question = reader.string("question", Need::Required).value_or("");
  indicator.weight = read_weight(reader);
  indicator.recommendation = reader.string("recommendation", Need::Optional).value_or("");
  if (const toml::table* anchors = reader.table("anchors", Need::Required)) {
    TomlReader anchor_reader(*anchors, "anchors", reader.file(), reader.diags());
    for (int level = 0; level <= 4; ++level) {
      const std::string key = std::to_string(level);
      auto text = anchor_reader.string(key, Need::Optional);
      if (!text || text->empty()) {
        if (!anchors->get(key) || text)
          reader.error("anchors", fmt::format("scale anchor for level {} is missing: 'anchors' needs "
                                              "text for every level 0 to 4",
                                              level));
      } else {
        indicator.anchors[static_cast<std::size_t>(level)] = *text;
      }
    }
  }
  const toml::array* standards = reader.array("standards", Need::Required);
  if (standards) {
    if (standards->empty())
      reader.error("standards", "'standards' needs at least one reference to an international standard");
    for (const auto& element : *standards) {
      const auto* table = element.as_table();
      if (!table) {
        reader.diags().error(region_of(element, reader.file()),
                             fmt::format("'standards' must hold tables like {{ instrument = \"ICCPR\", "
                                         "provision = \"art. 25\" }}, got {}",
                                         type_name(element)));
        continue;
      }
      TomlReader ref(*table, "a standards reference", reader.file(), reader.diags());
      StandardReference standard;
      standard.instrument = ref.string("instrument", Need::Required).value_or("");
      standard.provision = ref.string("provision", Need::Required).value_or("");
      indicator.standards.push_back(std::move(standard));
    }
  }
  IdRegistry rule_ids("rule", reader.diags());
  for_each_table(reader, "rules", Need::Optional, "[[criteria.indicators.rules]]",
                 [&](TomlReader& r) {
                   Rule rule = read_rule(r);
                   if (!rule.id.empty()) rule_ids.add(rule.id, r.where("id"));
                   indicator.rules.push_back(std::move(rule));
                 });
  return indicator;
}

}  // namespace

std::optional<Framework> load_framework(const std::string& path, Diagnostics& diags) {
  const std::size_t errors_before = diags.size();
  auto document = parse_toml(path, diags);
  if (!document) return std::nullopt;
  Framework framework;
  framework.path = path;
  TomlReader root(*document, "the framework file", path, diags);

  if (const toml::table* header = root.table("framework", Need::Required)) {
    TomlReader reader(*header, "[framework]", path, diags);
    framework.id = read_id(reader).value_or("");
    framework.version = reader.string("version", Need::Required).value_or("");
    framework.title = reader.string("title", Need::Required).value_or("");
    if (auto method = reader.string("method", Need::Optional)) {
      if (auto parsed = parse_method(*method)) framework.method = *parsed;
      else reader.error("method", fmt::format("'method' must be arithmetic, geometric or weakest-link, "
                                              "got '{}'", *method));
    }
    if (auto concentration = reader.number("concentration", Need::Optional)) {
      if (!std::isfinite(*concentration) || *concentration <= 0)
        reader.error("concentration", fmt::format("'concentration' must be finite and greater than 0, "
                                                  "got {}", *concentration));
      else framework.concentration = *concentration;
    }
  }

  IdRegistry band_ids("band", diags);
  for_each_table(root, "bands", Need::Required, "[[bands]]", [&](TomlReader& reader) {
    Band band;
    band.where = reader.where();
    band.id = read_id(reader).value_or("");
    band.label = reader.string("label", Need::Required).value_or("");
    if (auto min = reader.number("min", Need::Required)) {
      if (!std::isfinite(*min) || *min < 0 || *min > 100)
        reader.error("min", fmt::format("'min' must be between 0 and 100, got {}", *min));
      else if (!framework.bands.empty() && *min <= framework.bands.back().min)
        reader.error("min", fmt::format("bands must be listed in ascending order of 'min': {} is not above "
                                        "the previous band's {}", *min, framework.bands.back().min));
      else band.min = *min;
    }
    if (!band.id.empty()) band_ids.add(band.id, reader.where("id"));
    framework.bands.push_back(std::move(band));
  });
  if (!framework.bands.empty() && framework.bands.front().min != 0)
    diags.error(framework.bands.front().where, "the first band must have 'min' = 0");

  IdRegistry criterion_ids("criterion", diags);
  IdRegistry indicator_ids("indicator", diags);
  for_each_table(root, "criteria", Need::Required, "[[criteria]]", [&](TomlReader& reader) {
    Criterion criterion;
    criterion.where = reader.where();
    criterion.id = read_id(reader).value_or("");
    criterion.title = reader.string("title", Need::Required).value_or("");
    criterion.description = reader.string("description", Need::Optional).value_or("");
    criterion.weight = read_weight(reader);
    for_each_table(reader, "indicators", Need::Required, "[[criteria.indicators]]",
                   [&](TomlReader& r) {
                     Indicator indicator = read_indicator(r);
                     if (!indicator.id.empty()) indicator_ids.add(indicator.id, r.where("id"));
                     criterion.indicators.push_back(std::move(indicator));
                   });
    if (criterion.indicators.empty())
      reader.error("indicators", fmt::format("criterion '{}' needs at least one indicator", criterion.id));
    if (!criterion.id.empty()) criterion_ids.add(criterion.id, reader.where("id"));
    framework.criteria.push_back(std::move(criterion));
  });

  IdRegistry red_line_ids("red line", diags);
  for_each_table(root, "red_lines", Need::Optional, "[[red_lines]]", [&](TomlReader& reader) {
    RedLine red_line;
    red_line.where = reader.where();
    red_line.id = read_id(reader).value_or("");
    red_line.when = reader.string("when", Need::Required).value_or("");
    red_line.why = reader.string("why", Need::Required).value_or("");
    red_line.recommendation = reader.string("recommendation", Need::Optional).value_or("");
    auto caps = reader.string("caps", Need::Required);
    if (caps == "overall") {
      red_line.caps = RedLineScope::Overall;
      red_line.band = reader.string("band", Need::Required).value_or("");
      if (!red_line.band.empty() && !band_ids.contains(red_line.band))
        unknown_reference(diags, reader.where("band"), "band", red_line.band, band_ids.ids());
    } else if (caps == "criterion") {
      red_line.caps = RedLineScope::Criterion;
      red_line.criterion = reader.string("criterion", Need::Required).value_or("");
      if (!red_line.criterion.empty() && !criterion_ids.contains(red_line.criterion))
        unknown_reference(diags, reader.where("criterion"), "criterion", red_line.criterion,
                          criterion_ids.ids());
      if (auto max = reader.number("max_score", Need::Required)) {
        if (!std::isfinite(*max) || *max < 0 || *max > 100)
          reader.error("max_score", fmt::format("'max_score' must be between 0 and 100, got {}", *max));
        else red_line.max_score = *max;
      }
    } else if (caps) {
      reader.error("caps", fmt::format("'caps' must be overall or criterion, got '{}'", *caps));
    }
    if (!red_line.when.empty())
      red_line.program = compile_when(reader, red_line.when, rules::Scope::RedLine, red_line.when_where);
    if (!red_line.id.empty()) red_line_ids.add(red_line.id, reader.where("id"));
    framework.red_lines.push_back(std::move(red_line));
  });

  if (diags.size() != errors_before) return std::nullopt;
  return framework;
}

namespace {

// A fact `{ value = …, source = "doc" }`.
std::optional<SourcedNumber> read_fact(TomlReader& facts, std::string_view key, double min,
                                       double max, bool integral) {
  const toml::table* table = facts.table(key, Need::Optional);
  if (!table) return std::nullopt;
  TomlReader reader(*table, fmt::format("fact '{}'", key), facts.file(), facts.diags());
  SourcedNumber fact;
  fact.where = facts.where(key);
  std::optional<double> value =
      integral ? [&]() -> std::optional<double> {
        auto v = reader.integer("value", Need::Required);
        return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
      }()
               : reader.number("value", Need::Required);
  fact.source = reader.string("source", Need::Required).value_or("");
  if (!value) return std::nullopt;
  if (!std::isfinite(*value) || *value < min || *value > max) {
    reader.error("value", max < 1e15 ? fmt::format("fact '{}' must be between {} and {}, got {}", key,
                                                   min, max, *value)
                                     : fmt::format("fact '{}' must be at least {}, got {}", key, min,
                                                   *value));
    return std::nullopt;
  }
  fact.value = *value;
  return fact;
}

std::optional<std::int64_t> non_negative(TomlReader& reader, std::string_view key) {
  auto value = reader.integer(key, Need::Optional);
  if (value && *value < 0) {
    reader.error(key, fmt::format("'{}' must be 0 or more, got {}", key, *value));
    return std::nullopt;
  }
  return value;
}

bool valid_country(const std::string& code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool valid_sha256(const std::string& hex) {
  return hex.size() == 64 && std::all_of(hex.begin(), hex.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

void read_election_file(const std::string& path, const std::string& directory_name,
                        Election& election, Diagnostics& diags) {
  auto document = parse_toml(path, diags);
  if (!document) return;
  TomlReader root(*document, "election.toml", path, diags);
  if (const toml::table* header = root.table("election", Need::Required)) {
    TomlReader reader(*header, "[election]", path, diags);
    election.id = read_id(reader).value_or("");
    if (!election.id.empty() && election.id != directory_name)
      reader.error("id", fmt::format("election id '{}' must match its directory name '{}'", election.id,
                                     directory_name));
    election.title = reader.string("title", Need::Required).value_or("");
    election.country = reader.string("country", Need::Required).value_or("");
    if (!election.country.empty() && !valid_country(election.country))
      reader.error("country", fmt::format("'country' must be an ISO 3166-1 alpha-3 code such as KHM, "
                                          "got '{}'", election.country));
    election.date = reader.date("date", Need::Required).value_or(Date{});
    election.type = reader.string("type", Need::Required).value_or("");
    static const std::vector<std::string> kTypes = {"general", "senate", "presidential", "local",
                                                    "referendum"};
    if (!election.type.empty() &&
        std::find(kTypes.begin(), kTypes.end(), election.type) == kTypes.end())
      reader.error("type", fmt::format("'type' must be one of general, senate, presidential, local, "
                                       "referendum, got '{}'", election.type));
    if (auto phase = reader.string("phase", Need::Required)) {
      if (auto parsed = parse_phase(*phase)) election.phase = *parsed;
      else reader.error("phase", fmt::format("'phase' must be pre-election, election-day or "
                                             "post-election, got '{}'", *phase));
    }
    election.fictional = reader.boolean("fictional", Need::Optional).value_or(false);
  }
  if (const toml::table* facts = root.table("facts", Need::Optional)) {
    TomlReader reader(*facts, "[facts]", path, diags);
    constexpr double kHuge = 1e18;
    election.facts.total_seats = read_fact(reader, "total_seats", 1, kHuge, true);
    election.facts.registered_voters = read_fact(reader, "registered_voters", 1, kHuge, true);
    election.facts.ballots_cast = read_fact(reader, "ballots_cast", 0, kHuge, true);
    election.facts.turnout = read_fact(reader, "turnout", 0, 1, false);
    election.facts.parties_contesting = read_fact(reader, "parties_contesting", 1, kHuge, true);
    IdRegistry abbrevs("party", diags);
    for_each_table(reader, "parties", Need::Optional, "[[facts.parties]]", [&](TomlReader& r) {
      PartyResult party;
      party.where = r.where();
      party.name = r.string("name", Need::Required).value_or("");
      party.abbrev = r.string("abbrev", Need::Required).value_or("");
      party.seats = non_negative(r, "seats");
      party.votes = non_negative(r, "votes");
      party.source = r.string("source", Need::Required).value_or("");
      if (!party.abbrev.empty()) abbrevs.add(party.abbrev, r.where("abbrev"));
      election.facts.parties.push_back(std::move(party));
    });
  }
}

void read_documents_file(const std::string& path, Election& election, Diagnostics& diags) {
  auto document = parse_toml(path, diags);
  if (!document) return;
  TomlReader root(*document, "documents.toml", path, diags);
  IdRegistry ids("document", diags);
  for_each_table(root, "documents", Need::Required, "[[documents]]", [&](TomlReader& reader) {
    Document doc;
    doc.where = reader.where();
    doc.id = read_id(reader).value_or("");
    doc.title = reader.string("title", Need::Required).value_or("");
    doc.publisher = reader.string("publisher", Need::Required).value_or("");
    if (auto kind = reader.string("kind", Need::Required)) {
      if (auto parsed = parse_source_kind(*kind)) doc.kind = *parsed;
      else reader.error("kind", fmt::format("'kind' must be one of observer-mission, ngo, un, media, "
                                            "government, court, got '{}'", *kind));
    }
    doc.date = reader.date("date", Need::Required).value_or(Date{});
    doc.path = reader.string("path", Need::Optional).value_or("");
    doc.url = reader.string("url", Need::Optional).value_or("");
    auto sha = reader.string("sha256", Need::Optional);
    if (!sha && !doc.path.empty())
      reader.error("path", fmt::format("document '{}' gives a 'path' but no 'sha256': add the file's "
                                       "sha256 (sha256sum prints it)", doc.id));
    if (sha) {
      if (!valid_sha256(*sha))
        reader.error("sha256", "'sha256' must be 64 lowercase hexadecimal digits");
      else doc.sha256 = *sha;
    }
    if (!doc.id.empty()) ids.add(doc.id, reader.where("id"));
    election.documents.push_back(std::move(doc));
  });
}

// Reports `id` at `where` unless the election lists such a document.
void check_document(const Election& election, const std::string& id, const SourceRegion& where,
                    Diagnostics& diags) {
  if (id.empty() || election.find_document(id)) return;
  std::vector<std::string> known;
  for (const auto& d : election.documents) known.push_back(d.id);
  unknown_reference(diags, where, "document", id, known);
}

// REQUIRES: election.documents already read, so references can be checked where they stand.
void read_evidence_file(const std::string& path, Election& election, Diagnostics& diags,
                        const Framework* framework) {
  auto document = parse_toml(path, diags);
  if (!document) return;
  TomlReader root(*document, "evidence.toml", path, diags);
  IdRegistry ids("evidence", diags);
  for_each_table(root, "evidence", Need::Optional, "[[evidence]]", [&](TomlReader& reader) {
    EvidenceItem item;
    item.where = reader.where();
    item.id = read_id(reader).value_or("");
    if (auto status = reader.string("status", Need::Optional)) {
      if (auto parsed = parse_status(*status)) item.status = *parsed;
      else reader.error("status", fmt::format("'status' must be candidate or reviewed, got '{}'", *status));
    }
    item.claim = reader.string("claim", Need::Required).value_or("");
    item.quote = reader.string("quote", Need::Required).value_or("");
    item.quote_where = reader.where("quote");
    item.document = reader.string("document", Need::Required).value_or("");
    if (const toml::table* location = reader.table("location", Need::Optional)) {
      TomlReader loc(*location, "'location'", path, diags);
      item.start = non_negative(loc, "start");
      item.end = non_negative(loc, "end");
      if (item.start && item.end && *item.end <= *item.start)
        loc.error("end", fmt::format("'end' ({}) must be greater than 'start' ({})", *item.end, *item.start));
    }
    if (auto tags = reader.strings("tags", Need::Required)) {
      if (tags->empty()) reader.error("tags", "'tags' needs at least one tag");
      item.tags = std::move(*tags);
    }
    if (auto indicators = reader.strings("indicators", Need::Required)) {
      if (indicators->empty()) reader.error("indicators", "'indicators' needs at least one indicator id");
      item.indicators = std::move(*indicators);
    }
    item.date = reader.date("date", Need::Required).value_or(Date{});
    if (auto grade = reader.string("reliability", Need::Required)) {
      if (grade->size() == 1 && (*grade)[0] >= 'A' && (*grade)[0] <= 'F') item.reliability = (*grade)[0];
      else reader.error("reliability", fmt::format("'reliability' must be an Admiralty source grade A to F, "
                                                   "got '{}'", *grade));
    }
    if (auto credibility = reader.integer("credibility", Need::Required)) {
      if (*credibility >= 1 && *credibility <= 6) item.credibility = static_cast<int>(*credibility);
      else reader.error("credibility", fmt::format("'credibility' must be an Admiralty information grade "
                                                   "1 to 6, got {}", *credibility));
    }
    if (auto severity = reader.integer("severity", Need::Required)) {
      if (*severity >= 1 && *severity <= 4) item.severity = static_cast<int>(*severity);
      else reader.error("severity", fmt::format("'severity' must be 1 (minor) to 4 (grave), got {}", *severity));
    }
    if (auto polarity = reader.string("polarity", Need::Required)) {
      if (auto parsed = parse_polarity(*polarity)) item.polarity = *parsed;
      else reader.error("polarity", fmt::format("'polarity' must be undermines or supports, got '{}'", *polarity));
    }
    item.corroborated_by =
        reader.strings("corroborated_by", Need::Optional).value_or(std::vector<std::string>{});
    // Notes that `extract` leaves on candidates: checked, not used in scoring.
    if (auto sha = reader.string("sha256", Need::Optional); sha && !valid_sha256(*sha))
      reader.error("sha256", "'sha256' must be 64 lowercase hexadecimal digits");
    reader.strings("cues", Need::Optional);
    reader.boolean("negated", Need::Optional);
    reader.strings("dates_mentioned", Need::Optional);
    check_document(election, item.document, reader.where("document"), diags);
    for (const auto& doc : item.corroborated_by) {
      check_document(election, doc, reader.where("corroborated_by"), diags);
      if (doc == item.document)
        reader.error("corroborated_by", fmt::format("evidence '{}' cannot be corroborated by its own "
                                                    "document '{}'", item.id, doc));
    }
    if (framework)
      for (const auto& indicator : item.indicators)
        if (!framework->find_indicator(indicator))
          unknown_reference(diags, reader.where("indicators"), "indicator", indicator,
                            framework->indicator_ids());
    if (!item.id.empty()) ids.add(item.id, reader.where("id"));
    election.evidence.push_back(std::move(item));
  });
}

// Documents named by facts. REQUIRES: election.documents already read.
void check_fact_sources(const Election& election, Diagnostics& diags) {
  const Facts& facts = election.facts;
  for (const auto* fact : {&facts.total_seats, &facts.registered_voters, &facts.ballots_cast,
                           &facts.turnout, &facts.parties_contesting})
    if (*fact) check_document(election, (*fact)->source, (*fact)->where, diags);
  for (const auto& party : facts.parties) check_document(election, party.source, party.where, diags);
}

}  // namespace

std::optional<Election> load_election(const std::string& directory, Diagnostics& diags,
                                      const Framework* framework) {
  const std::size_t errors_before = diags.size();
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    diags.error({directory, 0, 0}, "not a directory: an election is a directory holding election.toml, "
                                   "documents.toml and evidence.toml");
    return std::nullopt;
  }
  Election election;
  election.directory = directory;
  std::string name = fs::path(directory).lexically_normal().filename().string();
  if (name.empty()) name = fs::path(directory).lexically_normal().parent_path().filename().string();
  const auto join = [&](const char* file) { return (fs::path(directory) / file).string(); };
  read_election_file(join("election.toml"), name, election, diags);
  read_documents_file(join("documents.toml"), election, diags);
  read_evidence_file(join("evidence.toml"), election, diags, framework);
  check_fact_sources(election, diags);
  if (diags.size() != errors_before) return std::nullopt;
  return election;
}

}  // namespace scrutineer

#include "scrutineer/extract.hpp"

#include <fmt/core.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <toml++/toml.h>
#include <utility>

#include "scrutineer/ledger_writer.hpp"
#include "scrutineer/loader.hpp"
#include "toml_reader.hpp"

namespace scrutineer {

namespace {

constexpr int64_t kRe2Memory = 256 << 20;  // DFA cache for large pattern sets

re2::StringPiece piece(std::string_view s) { return {s.data(), s.size()}; }

// An entry's expression with its case rule made explicit, for the sets.
std::string with_case(const LexiconEntry& entry) {
  return entry.case_sensitive ? "(?:" + entry.regex + ")" : "(?i:" + entry.regex + ")";
}

RE2::Options exact_options() {
  RE2::Options options;
  options.set_max_mem(kRe2Memory);
  options.set_log_errors(false);
  return options;
}

// A set of expressions with a way back from a set index to what it stands for.
struct MatchSet {
  std::unique_ptr<RE2::Set> set;
  std::vector<std::unique_ptr<RE2>> each;  // to locate a match once the set says it is there

  void build(const std::vector<const LexiconEntry*>& entries) {
    set = std::make_unique<RE2::Set>(exact_options(), RE2::UNANCHORED);
    for (const auto* entry : entries) {
      std::string error;
      if (set->Add(with_case(*entry), &error) < 0)
        throw std::runtime_error(fmt::format("lexicon entry '{}': {}", entry->text, error));
      each.push_back(std::make_unique<RE2>(with_case(*entry), exact_options()));
    }
    if (!entries.empty() && !set->Compile())
      throw std::runtime_error("RE2 cannot compile the lexicon (out of memory)");
  }

  // Whether any expression matches: stops at the first match.
  bool any(std::string_view text) const {
    if (each.empty()) return false;
    RE2::Set::ErrorInfo info;
    const bool matched = set->Match(piece(text), nullptr, &info);
    if (!matched && info.kind != RE2::Set::kNoError)
      throw std::runtime_error("RE2 ran out of memory matching the lexicon; raise its memory limit");
    return matched;
  }

  std::vector<int> match(std::string_view text) const {
    std::vector<int> ids;
    if (each.empty()) return ids;
    RE2::Set::ErrorInfo info;
    if (!set->Match(piece(text), &ids, &info) && info.kind != RE2::Set::kNoError)
      throw std::runtime_error("RE2 ran out of memory matching the lexicon; raise its memory limit");
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

struct Hit {
  std::size_t begin, end;  // within the sentence
  std::string kind;
  bool is_tag = false;
  bool is_negation = false;
  bool first = true;  // the entry's first match in the sentence
};

// The first occurrence of `re` in `text`, or every one.
template <typename Each>
void for_each_match(const RE2& re, std::string_view text, bool first_only, Each&& each) {
  std::size_t pos = 0;
  bool first = true;
  re2::StringPiece m;
  while (pos <= text.size() &&
         re.Match(piece(text), pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    const auto begin = static_cast<std::size_t>(m.data() - text.data());
    const std::size_t end = begin + m.size();
    each(begin, end, first);
    if (first_only) return;
    first = false;
    pos = end > begin ? end : begin + 1;
  }
}

std::size_t words_between(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = from; i < to; ++i) {
    const bool space = std::isspace(static_cast<unsigned char>(text[i])) != 0;
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

template <typename T>
void add_unique(std::vector<T>& to, const T& value) {
  if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

// Dates ---------------------------------------------------------------------------------------

const char* const kMonth =
    "(January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

int month_number(std::string_view name) {
  static const char* const kNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i)
    if (name.substr(0, 3) == kNames[i]) return i + 1;
  return 0;
}

struct DateForm {
  std::unique_ptr<RE2> re;
  enum Order { ISO, DMY, MDY, MY, DM, MD, Y } order;
};

const std::vector<DateForm>& date_forms() {
  static const std::vector<DateForm> kForms = [] {
    const std::string month = kMonth;
    const std::string day = "([0-3]?[0-9])(?:st|nd|rd|th)?";
    const std::string year = "((?:19|20)[0-9]{2})";
    std::vector<DateForm> forms;
    auto add = [&](const std::string& re, DateForm::Order order) {
      forms.push_back({std::make_unique<RE2>(re, exact_options()), order});
    };
    // In priority order: a longer, more precise form wins over the shorter ones inside it.
    add("\\b" + year + "-([01][0-9])-([0-3][0-9])\\b", DateForm::ISO);
    add("\\b" + day + "\\s+(?:of\\s+)?" + month + "\\.?,?\\s+" + year + "\\b", DateForm::DMY);
    add("\\b" + month + "\\.?\\s+" + day + ",?\\s+" + year + "\\b", DateForm::MDY);
    add("\\b" + month + "\\.?,?\\s+(?:of\\s+)?" + year + "\\b", DateForm::MY);
    add("\\b" + day + "\\s+(?:of\\s+)?" + month + "\\b", DateForm::DM);
    add("\\b" + month + "\\.?\\s+" + day + "\\b", DateForm::MD);
    add("\\b" + year + "\\b", DateForm::Y);
    return forms;
  }();
  return kForms;
}

std::string format_date(const DateForm& form, const std::vector<std::string>& g) {
  auto number = [](const std::string& s) { return std::atoi(s.c_str()); };
  int y = 0, m = 0, d = 0;
  switch (form.order) {
    case DateForm::ISO: y = number(g[0]); m = number(g[1]); d = number(g[2]); break;
    case DateForm::DMY: d = number(g[0]); m = month_number(g[1]); y = number(g[2]); break;
    case DateForm::MDY: m = month_number(g[0]); d = number(g[1]); y = number(g[2]); break;
    case DateForm::MY: m = month_number(g[0]); y = number(g[1]); return fmt::format("{:04}-{:02}", y, m);
    case DateForm::DM: d = number(g[0]); m = month_number(g[1]); break;
    case DateForm::MD: m = month_number(g[0]); d = number(g[1]); break;
    case DateForm::Y: return g[0];
  }
  if (form.order == DateForm::DM || form.order == DateForm::MD) {
    if (!Date{2000, m, d}.valid()) return "";  // 2000 is a leap year: 29 February is a day
    return fmt::format("--{:02}-{:02}", m, d);
  }
  if (!Date{y, m, d}.valid()) return "";
  return Date{y, m, d}.str();
}

}  // namespace

std::vector<std::string> extract_dates(std::string_view text) {
  // Every form needs a digit; most sentences have none.
  if (text.find_first_of("0123456789") == std::string_view::npos) return {};
  struct Found {
    std::size_t begin, end;
    std::string iso;
  };
  std::vector<Found> found;
  for (const auto& form : date_forms()) {
    const int groups = form.re->NumberOfCapturingGroups();
    std::vector<re2::StringPiece> m(static_cast<std::size_t>(groups) + 1);
    std::size_t pos = 0;
    while (pos < text.size() && form.re->Match(piece(text), pos, text.size(), RE2::UNANCHORED,
                                               m.data(), groups + 1)) {
      const auto begin = static_cast<std::size_t>(m[0].data() - text.data());
      const std::size_t end = begin + m[0].size();
      pos = end > begin ? end : begin + 1;
      const bool overlaps = std::any_of(found.begin(), found.end(), [&](const Found& f) {
        return begin < f.end && f.begin < end;
      });
      if (overlaps) continue;
      std::vector<std::string> g;
      for (int i = 1; i <= groups; ++i) g.emplace_back(m[static_cast<std::size_t>(i)].data(), m[static_cast<std::size_t>(i)].size());
      // An impossible date ("31 February 2023") still claims its text, so no shorter form reads
      // part of it as a date.
      found.push_back({begin, end, format_date(form, g)});
    }
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.begin < b.begin; });
  std::vector<std::string> result;
  for (const auto& f : found)
    if (!f.iso.empty()) add_unique(result, f.iso);
  return result;
}

// Extractor ------------------------------------------------------------------------------------

struct Extractor::Impl {
  Lexicon own;  // a copy: the matchers point into it
  const Lexicon* lexicon = nullptr;
  std::unique_ptr<SentenceSplitter> splitter;
  MatchSet tags;
  std::vector<std::pair<std::size_t, const LexiconEntry*>> tag_of;  // set index → tag, entry
  MatchSet cues;
  struct Cue {
    std::string kind;
    bool negation;
  };
  std::vector<Cue> cue_of;

  void look_at(std::string_view text, Span span, std::vector<Candidate>& out) const;
};

Extractor::Extractor(const Lexicon& source) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.own = source;
  m.lexicon = &m.own;
  const Lexicon& lexicon = m.own;
  m.splitter = std::make_unique<SentenceSplitter>(lexicon.abbreviations);

  std::vector<const LexiconEntry*> tag_entries;
  for (std::size_t t = 0; t < lexicon.tags.size(); ++t) {
    for (const auto& entry : lexicon.tags[t].entries) {
      tag_entries.push_back(&entry);
      m.tag_of.emplace_back(t, &entry);
    }
  }
  m.tags.build(tag_entries);

  std::vector<const LexiconEntry*> cue_entries;
  auto add_cues = [&](const std::vector<LexiconEntry>& entries, const std::string& kind, bool negation) {
    for (const auto& entry : entries) {
      cue_entries.push_back(&entry);
      m.cue_of.push_back({kind, negation});
    }
  };
  add_cues(lexicon.negation, "negation", true);
  add_cues(lexicon.hedging, "hedging", false);
  for (const auto& list : lexicon.actors) add_cues(list.names, list.kind, false);
  m.cues.build(cue_entries);
}

Extractor::~Extractor() = default;

std::vector<std::string> Extractor::grep_patterns() const {
  std::vector<std::string> patterns;
  for (const auto& tag : impl_->lexicon->tags)
    for (const auto& entry : tag.entries) patterns.push_back(entry.regex);
  return patterns;
}

void Extractor::Impl::look_at(std::string_view text, Span span, std::vector<Candidate>& out) const {
  const std::string_view sentence = text.substr(span.begin, span.end - span.begin);
  const std::vector<int> tag_ids = tags.match(sentence);
  if (tag_ids.empty()) return;

  Candidate c;
  c.span = span;
  c.quote = std::string(sentence);
  std::vector<bool> has_tag(lexicon->tags.size(), false);
  // The first match of each entry found, for the cues; every match, for the negation scope.
  std::vector<Hit> hits;
  const std::vector<int> cue_ids = cues.match(sentence);
  bool negation_present = false;
  for (int id : cue_ids) {
    const Cue& cue = cue_of[static_cast<std::size_t>(id)];
    negation_present = negation_present || cue.negation;
    for_each_match(*cues.each[static_cast<std::size_t>(id)], sentence, !cue.negation,
                   [&](std::size_t b, std::size_t e, bool first) {
                     hits.push_back({b, e, cue.kind, false, cue.negation, first});
                   });
  }
  for (int id : tag_ids) {
    const auto [t, entry] = tag_of[static_cast<std::size_t>(id)];
    has_tag[t] = true;
    for_each_match(*tags.each[static_cast<std::size_t>(id)], sentence, !negation_present,
                   [&](std::size_t b, std::size_t e, bool first) {
                     hits.push_back({b, e, lexicon->tags[t].id, true, false, first});
                   });
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });

  bool undermines = false;
  for (std::size_t t = 0; t < has_tag.size(); ++t) {
    if (!has_tag[t]) continue;
    const LexiconTag& tag = lexicon->tags[t];
    c.tags.push_back(tag.id);
    for (const auto& indicator : tag.indicators) add_unique(c.indicators, indicator);
    c.severity = std::max(c.severity, tag.severity);
    undermines = undermines || tag.polarity == Polarity::Undermines;
  }
  c.polarity = undermines ? Polarity::Undermines : Polarity::Supports;

  for (const auto& hit : hits) {
    if (hit.is_negation) {
      // A negation cue inside a tag phrase ("neither free nor fair") is part of that phrase.
      const bool inside = std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
        return h.is_tag && h.begin <= hit.begin && hit.end <= h.end;
      });
      if (inside) continue;
      const bool governs = std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
        return h.is_tag && h.begin >= hit.end &&
               words_between(sentence, hit.end, h.begin) <= static_cast<std::size_t>(lexicon->negation_window);
      });
      c.negated = c.negated || governs;
    }
    if (hit.first)
      add_unique(c.cues, hit.kind + ":" + std::string(sentence.substr(hit.begin, hit.end - hit.begin)));
  }
  c.dates_mentioned = extract_dates(sentence);
  out.push_back(std::move(c));
}

std::vector<Candidate> Extractor::extract(std::string_view text) const {
  const Impl& m = *impl_;
  std::vector<Candidate> out;
  if (m.tag_of.empty()) return out;
  SentenceCursor cursor = m.splitter->cursor();
  std::vector<Span> sentences;
  // Every line break ends a sentence, so a line in which no tag entry occurs holds no candidate:
  // one early-exit pass of the set's DFA skips it without splitting it into sentences.
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view line = text.substr(begin, end - begin);
    if (m.tags.any(line)) {
      sentences.clear();
      cursor.split_line(line, sentences, begin);
      for (const Span& s : sentences)
        if (sentences.size() == 1 || m.tags.any(text.substr(s.begin, s.end - s.begin))) m.look_at(text, s, out);
    }
    begin = end;
  }
  return out;
}

// Naming documents -----------------------------------------------------------------------------

std::optional<std::vector<Document>> read_document_list(const std::string& path, Diagnostics& diags) {
  auto text = read_file(path, diags);
  if (!text) return std::nullopt;
  diags.remember_source(path, *text);
  toml::table root;
  try {
    root = toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    diags.error({path, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                fmt::format("TOML syntax: {}", e.description()));
    return std::nullopt;
  }
  std::vector<Document> documents;
  const toml::array* array = root["documents"].as_array();
  if (!array) {
    diags.error({path, 1, 1}, "expected [[documents]] tables (see docs/formats.md)");
    return std::nullopt;
  }
  for (const auto& element : *array) {
    const auto* table = element.as_table();
    if (!table) continue;
    Document d;
    d.id = (*table)["id"].value_or(std::string());
    d.path = (*table)["path"].value_or(std::string());
    d.sha256 = (*table)["sha256"].value_or(std::string());
    if (const auto* date = (*table)["date"].as_date()) {
      const toml::date& v = date->get();
      d.date = Date{v.year, v.month, v.day};
    }
    d.where = region_of(*table, path);
    if (d.id.empty()) {
      diags.error(d.where, "a document without an 'id'");
      continue;
    }
    documents.push_back(std::move(d));
  }
  return documents;
}

void name_document(ExtractedDocument& doc, const std::vector<Document>& listed) {
  namespace fs = std::filesystem;
  const std::string name = fs::path(doc.path).filename().string();
  std::vector<const Document*> same;
  for (const auto& d : listed)
    if (!d.sha256.empty() && d.sha256 == doc.sha256) same.push_back(&d);
  if (same.empty())
    for (const auto& d : listed)
      if (!d.path.empty() && fs::path(d.path).filename().string() == name) same.push_back(&d);
  doc.also.clear();
  if (same.empty()) {
    doc.id = fs::path(doc.path).stem().string();
    doc.date = Date{};
    return;
  }
  doc.id = same.front()->id;
  doc.date = same.front()->date;
  for (std::size_t i = 1; i < same.size(); ++i) doc.also.push_back(same[i]->id);
}

// Ledger ---------------------------------------------------------------------------------------

std::string candidate_id(const std::string& election_id, const std::string& document_id,
                         std::size_t start) {
  return fmt::format("{}c-{}-{}", election_id.empty() ? "" : election_id + "-", document_id, start);
}

std::string candidates_toml(const std::vector<ExtractedDocument>& documents,
                            const std::string& election_id, const Lexicon& lexicon) {
  std::size_t count = 0;
  for (const auto& d : documents) count += d.candidates.size();
  std::string out = fmt::format(
      "# Candidate evidence found by `scrutineer extract` with lexicon {} {}.\n"
      "# {} candidates from {} documents. None is evidence yet: for each, check the quote in its\n"
      "# context, write the claim, confirm the tags and indicators, grade reliability, credibility\n"
      "# and severity, add the date, set status = \"reviewed\" — or delete the item.\n\n",
      lexicon.id, lexicon.version, count, documents.size());
  for (const auto& doc : documents) {
    if (doc.also.empty()) continue;
    std::string others;
    for (const auto& id : doc.also) others += (others.empty() ? "" : ", ") + id;
    out += fmt::format("# {} is listed as several documents: candidates name '{}'; the others are {}.\n"
                       "# Correct `document` (and `date`) to the statement each quote comes from.\n",
                       doc.path, doc.id, others);
  }
  bool noted = false;
  for (const auto& doc : documents) noted = noted || !doc.also.empty();
  if (noted) out += "\n";
  for (const auto& doc : documents) {
    for (const auto& c : doc.candidates) {
      EvidenceItem item;
      item.id = candidate_id(election_id, doc.id, c.span.begin);
      item.status = EvidenceStatus::Candidate;
      std::string tag_list;
      for (const auto& tag : c.tags) tag_list += (tag_list.empty() ? "" : ", ") + tag;
      item.claim = fmt::format("(candidate{}) suggests {}", c.negated ? ", negated" : "", tag_list);
      item.quote = c.quote;
      item.document = doc.id;
      item.start = static_cast<std::int64_t>(c.span.begin);
      item.end = static_cast<std::int64_t>(c.span.end);
      item.tags = c.tags;
      item.indicators = c.indicators;
      item.date = doc.date;
      item.reliability = 'F';  // Admiralty: reliability cannot be judged
      item.credibility = 6;    // Admiralty: truth cannot be judged
      item.severity = c.severity;
      item.polarity = c.polarity;
      ExtractionNotes notes{doc.sha256, c.cues, c.negated, c.dates_mentioned};
      out += evidence_item_toml(item, &notes);
    }
  }
  return out;
}

}  // namespace scrutineer

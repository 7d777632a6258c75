#include "scrutineer/lexicon.hpp"

#include <fmt/core.h>
#include <re2/re2.h>

#include <set>

#include "scrutineer/loader.hpp"
#include "scrutineer/sentences.hpp"
#include "toml_reader.hpp"

namespace scrutineer {

using Need = TomlReader::Need;

namespace {

// RE2's and grep's \b know ASCII word characters only: a boundary is asked for only next to one.
bool is_word_byte(unsigned char c) { return c < 0x80 && (std::isalnum(c) || c == '_'); }

// Escapes one word of a phrase for both RE2 and POSIX ERE.
std::string escape_word(std::string_view word) {
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (c == '\'') {
      out += "('|\xE2\x80\x99)";
    } else if (word.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += "('|\xE2\x80\x99)";
      i += 2;
    } else if (std::string_view(R"(\.[]{}()*+?^$|)").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

bool valid_tag_id(const std::string& id) {
  static const RE2 kId("[a-z0-9]+(-[a-z0-9]+)*");
  return RE2::FullMatch(id, kId);
}

// An acronym ("NEC", "CPP") is matched as written; anything else ignores case.
bool looks_like_acronym(std::string_view phrase) {
  int upper = 0;
  for (char c : phrase) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (std::isupper(static_cast<unsigned char>(c))) ++upper;
  }
  return upper >= 2;
}

class LexiconReader {
 public:
  LexiconReader(Lexicon& lexicon, Diagnostics& diags) : lexicon_(lexicon), diags_(diags) {}

  // Reads an array of phrases (or patterns) from `key` of `reader`.
  std::vector<LexiconEntry> entries(TomlReader& reader, std::string_view key,
                                    LexiconEntry::Kind kind, std::string_view what) {
    std::vector<LexiconEntry> result;
    const toml::array* array = reader.array(key, Need::Optional);
    if (!array) return result;
    for (const auto& element : *array) {
      const SourceRegion where = region_of(element, lexicon_.path);
      const auto* s = element.as_string();
      if (!s) {
        diags_.error(where, fmt::format("'{}' must hold only strings, got {}", key, type_name(element)));
        continue;
      }
      LexiconEntry entry;
      entry.kind = kind;
      entry.text = s->get();
      entry.where = where;
      if (entry.text.find_first_not_of(" \t") == std::string::npos) {
        diags_.error(where, fmt::format("empty {} in '{}'", what, key));
        continue;
      }
      if (kind == LexiconEntry::Kind::Phrase) {
        entry.regex = phrase_to_regex(entry.text);
        entry.case_sensitive = looks_like_acronym(entry.text);
      } else {
        entry.regex = entry.text;
        if (!portable_pattern(entry, key)) continue;
      }
      if (!compiles(entry, key)) continue;
      result.push_back(std::move(entry));
    }
    return result;
  }

 private:
  // Patterns are also handed to `grep -E` (bench/, docs): keep to the syntax both read.
  bool portable_pattern(const LexiconEntry& entry, std::string_view key) {
    static const std::vector<std::pair<std::string_view, std::string_view>> kNotPortable = {
        {"(?", "'(?…)' groups and flags are RE2/Perl only; use plain ( ) groups"},
        {"\\d", "'\\d' is not POSIX; use [0-9]"},
        {"\\D", "'\\D' is not POSIX; use [^0-9]"},
        {"\\p", "Unicode classes '\\p{…}' are not POSIX; use [[:alpha:]]"},
        {"*?", "lazy quantifiers are not POSIX and change nothing for matching; drop the '?'"},
        {"+?", "lazy quantifiers are not POSIX and change nothing for matching; drop the '?'"}};
    for (const auto& [needle, advice] : kNotPortable) {
      if (entry.text.find(needle) != std::string::npos) {
        diags_.error(entry.where, fmt::format("pattern in '{}' is not portable: {}", key, advice));
        return false;
      }
    }
    return true;
  }

  bool compiles(const LexiconEntry& entry, std::string_view key) {
    RE2::Options options;
    options.set_case_sensitive(entry.case_sensitive);
    options.set_log_errors(false);
    const RE2 re(entry.regex, options);
    if (!re.ok()) {
      diags_.error(entry.where, fmt::format("invalid pattern in '{}': {}", key, re.error()));
      return false;
    }
    if (RE2::PartialMatch("", re)) {
      diags_.error(entry.where, fmt::format("pattern in '{}' matches the empty string, so it would "
                                            "match every sentence",
                                            key));
      return false;
    }
    return true;
  }

  Lexicon& lexicon_;
  Diagnostics& diags_;
};

}  // namespace

std::string phrase_to_regex(std::string_view phrase) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && std::isspace(static_cast<unsigned char>(phrase[i]))) ++i;
    const std::size_t start = i;
    while (i < phrase.size() && !std::isspace(static_cast<unsigned char>(phrase[i]))) ++i;
    if (i > start) words.push_back(phrase.substr(start, i - start));
  }
  std::string out;
  for (std::size_t w = 0; w < words.size(); ++w) {
    std::string_view word = words[w];
    const bool wildcard = word.size() > 1 && word.back() == '*';
    if (wildcard) word.remove_suffix(1);
    if (w == 0 && is_word_byte(static_cast<unsigned char>(word.front()))) out += "\\b";
    if (w > 0) out += "\\s+";
    out += escape_word(word);
    if (wildcard) out += "[[:alnum:]]*";
    if (w + 1 == words.size() && (wildcard || is_word_byte(static_cast<unsigned char>(word.back()))))
      out += "\\b";
  }
  return out;
}

std::optional<Lexicon> load_lexicon(const std::string& path, Diagnostics& diags) {
  const std::size_t errors_before = diags.size();
  auto text = read_file(path, diags);
  if (!text) return std::nullopt;
  diags.remember_source(path, *text);
  toml::table root_table;
  try {
    root_table = toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    diags.error({path, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                fmt::format("TOML syntax: {}", e.description()));
    return std::nullopt;
  }

  Lexicon lexicon;
  lexicon.path = path;
  LexiconReader entries(lexicon, diags);
  {
    TomlReader root(root_table, "the lexicon", path, diags);
    if (const toml::table* header = root.table("lexicon", Need::Required)) {
      TomlReader reader(*header, "[lexicon]", path, diags);
      lexicon.id = reader.string("id", Need::Required).value_or("");
      lexicon.version = reader.string("version", Need::Required).value_or("");
      if (auto window = reader.integer("negation_window", Need::Optional)) {
        if (*window >= 0 && *window <= 20) lexicon.negation_window = static_cast<int>(*window);
        else reader.error("negation_window", "'negation_window' must be 0 to 20 words");
      }
    }

    lexicon.abbreviations = default_abbreviations();
    if (const toml::table* sentences = root.table("sentences", Need::Optional)) {
      TomlReader reader(*sentences, "[sentences]", path, diags);
      if (auto extra = reader.strings("abbreviations", Need::Optional)) {
        for (const auto& a : *extra) {
          if (a.empty() || a.back() != '.')
            reader.error("abbreviations", fmt::format("abbreviation '{}' must end with '.'", a));
          else lexicon.abbreviations.push_back(a);
        }
      }
    }

    if (const toml::table* cues = root.table("cues", Need::Optional)) {
      TomlReader reader(*cues, "[cues]", path, diags);
      lexicon.negation = entries.entries(reader, "negation", LexiconEntry::Kind::Phrase, "cue");
      lexicon.hedging = entries.entries(reader, "hedging", LexiconEntry::Kind::Phrase, "cue");
    }

    if (const toml::table* actors = root.table("actors", Need::Optional)) {
      // Every key of [actors] names a list of actors; the key is the cue's kind.
      static const RE2 kKind("[a-z]+(_[a-z]+)*");
      TomlReader reader(*actors, "[actors]", path, diags);
      for (const auto& [key, node] : *actors) {
        const std::string kind(key.str());
        if (!RE2::FullMatch(kind, kKind)) {
          reader.error(kind, fmt::format("actor list '{}' must be named in lower case with '_' "
                                         "between words (e.g. election_bodies)",
                                         kind));
          reader.array(kind, Need::Optional);  // known, so not reported again as unknown
          continue;
        }
        ActorList list;
        list.kind = kind;
        list.names = entries.entries(reader, kind, LexiconEntry::Kind::Phrase, "name");
        lexicon.actors.push_back(std::move(list));
      }
    }

    std::set<std::string> seen;
    const toml::array* tags = root.array("tags", Need::Required);
    if (tags && tags->empty()) root.error("tags", "the lexicon needs at least one [[tags]] entry");
    if (tags) {
      for (const auto& element : *tags) {
        const auto* table = element.as_table();
        if (!table) {
          diags.error(region_of(element, path), fmt::format("'tags' must hold tables, got {}", type_name(element)));
          continue;
        }
        TomlReader reader(*table, "[[tags]]", path, diags);
        LexiconTag tag;
        tag.where = reader.where();
        tag.id = reader.string("id", Need::Required).value_or("");
        if (!tag.id.empty()) {
          if (!valid_tag_id(tag.id))
            reader.error("id", fmt::format("tag '{}' must be lower-case words joined by '-'", tag.id));
          else if (!seen.insert(tag.id).second)
            reader.error("id", fmt::format("tag '{}' appears twice; merge the two entries", tag.id));
        }
        tag.indicators = reader.strings("indicators", Need::Required).value_or(std::vector<std::string>{});
        if (reader.array("indicators", Need::Optional) && tag.indicators.empty())
          reader.error("indicators", "'indicators' needs at least one indicator id");
        if (auto severity = reader.integer("severity", Need::Optional)) {
          if (*severity >= 1 && *severity <= 4) tag.severity = static_cast<int>(*severity);
          else reader.error("severity", fmt::format("'severity' must be 1 to 4, got {}", *severity));
        }
        if (auto polarity = reader.string("polarity", Need::Optional)) {
          if (auto parsed = parse_polarity(*polarity)) tag.polarity = *parsed;
          else reader.error("polarity", fmt::format("'polarity' must be undermines or supports, got '{}'", *polarity));
        }
        tag.entries = entries.entries(reader, "phrases", LexiconEntry::Kind::Phrase, "phrase");
        auto patterns = entries.entries(reader, "patterns", LexiconEntry::Kind::Pattern, "pattern");
        tag.entries.insert(tag.entries.end(), patterns.begin(), patterns.end());
        if (!reader.array("phrases", Need::Optional) && !reader.array("patterns", Need::Optional))
          reader.error("id", fmt::format("tag '{}' has neither 'phrases' nor 'patterns'", tag.id));
        lexicon.tags.push_back(std::move(tag));
      }
    }
  }  // readers report unknown keys here
  if (diags.size() != errors_before) return std::nullopt;
  return lexicon;
}

}  // namespace scrutineer

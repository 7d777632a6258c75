// Lexicon: what `extract` looks for — per tag, phrases and patterns and the indicators they
// suggest; negation and hedging cues; actor lists; abbreviations for the sentence splitter.
// The file format is described in docs/evidence-tools.md; the default is criteria/lexicon.toml.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/diagnostics.hpp"
#include "scrutineer/election.hpp"

namespace scrutineer {

// One thing to look for, compiled to a regular expression in the syntax shared by RE2 and POSIX
// ERE as GNU grep reads it (so the same expression can be handed to `grep -E`).
struct LexiconEntry {
  enum class Kind { Phrase, Pattern };
  Kind kind = Kind::Phrase;
  std::string text;   // as written in the lexicon
  std::string regex;  // what is matched (case-insensitively, unless `case_sensitive`)
  bool case_sensitive = false;
  SourceRegion where;
};

struct LexiconTag {
  std::string id;                       // a tag from docs/tags.md
  std::vector<std::string> indicators;  // suggested indicators, at least one
  int severity = 2;                     // suggested severity, 1–4
  Polarity polarity = Polarity::Undermines;
  std::vector<LexiconEntry> entries;    // phrases, then patterns
  SourceRegion where;
};

struct ActorList {
  std::string kind;  // the key under [actors]: "parties", "election_bodies", "media", …
  std::vector<LexiconEntry> names;
};

struct Lexicon {
  std::string id;
  std::string version;
  std::string path;
  std::vector<std::string> abbreviations;  // for the sentence splitter
  std::vector<LexiconTag> tags;
  std::vector<LexiconEntry> negation;
  std::vector<LexiconEntry> hedging;
  std::vector<ActorList> actors;
  int negation_window = 4;  // words between a negation cue and the tag phrase it negates
};

// Loads and checks a lexicon: unknown keys, bad tag ids, duplicate tags, patterns that do not
// compile or that match the empty string. Every problem goes to `diags` (file:line:col); returns
// nullopt when there was any.
std::optional<Lexicon> load_lexicon(const std::string& path, Diagnostics& diags);

// A literal phrase as a regular expression: words match whole words; a space matches any run of
// white space; an apostrophe matches ' or ’; a trailing '*' on a word matches any word ending
// ("disqualif*"). Everything else is literal.
std::string phrase_to_regex(std::string_view phrase);

}  // namespace scrutineer

// Tests for sentences.hpp, lexicon.hpp and extract.hpp, and the `extract` command.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <unistd.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "scrutineer/corpus.hpp"
#include "scrutineer/extract.hpp"
#include "scrutineer/lexicon.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/normalise.hpp"
#include "scrutineer/sentences.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace scrutineer;
using namespace scrutineer::test;

namespace {

const std::string kLexicon = source_dir() + "/criteria/lexicon.toml";

std::vector<std::string> sentences_of(const std::string& text) {
  SentenceSplitter splitter;
  std::vector<std::string> out;
  for (const Span& s : splitter.split(text)) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A scratch directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    path = fs::temp_directory_path() / ("scrutineer-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& file) const { return (path / file).string(); }
};

Lexicon default_lexicon() {
  Diagnostics diags;
  auto lexicon = load_lexicon(kLexicon, diags);
  INFO(diags.render());
  REQUIRE(lexicon);
  return *lexicon;
}

// A lexicon from TOML text (written to a scratch file); diagnostics rendered into `errors`.
std::optional<Lexicon> lexicon_from(const std::string& text, std::string* errors = nullptr) {
  TempDir dir("lexicon");
  const std::string path = dir / "lexicon.toml";
  write_text(path, text);
  Diagnostics diags;
  auto lexicon = load_lexicon(path, diags);
  if (errors) {
    *errors = diags.render();
    // Make messages independent of the scratch directory.
    std::string::size_type at;
    while ((at = errors->find(path)) != std::string::npos) errors->replace(at, path.size(), "lexicon.toml");
  }
  return lexicon;
}

const char* const kMiniLexicon = R"(
[lexicon]
id = "mini"
version = "1"
[cues]
negation = ["not", "neither", "nor"]
hedging = ["allegedly"]
[actors]
parties = ["Candlelight Party"]
election_bodies = ["NEC"]
[[tags]]
id = "opposition-excluded"
indicators = ["opposition-on-ballot"]
severity = 4
phrases = ["disqualif*", "barred from"]
[[tags]]
id = "result-not-credible"
indicators = ["result-credibility"]
phrases = ["neither free nor fair"]
[[tags]]
id = "result-accepted"
indicators = ["result-credibility"]
polarity = "supports"
phrases = ["conceded defeat"]
)";

}  // namespace

// ── Sentences ────────────────────────────────────────────────────────────────────────────────

TEST_CASE("sentences: abbreviations do not end a sentence", "[sentences]") {
  CHECK(sentences_of("Mr. Hun Sen met Dr. Kem at the U.S. embassy. They talked.") ==
        std::vector<std::string>{"Mr. Hun Sen met Dr. Kem at the U.S. embassy.", "They talked."});
}

TEST_CASE("sentences: curly quotes stay with their sentence", "[sentences]") {
  CHECK(sentences_of("He said “These results do not come as a surprise.” Then he left. “It should not be "
                     "a crime”, he said. ‘Disturbing the peace.’ (As charged.)") ==
        std::vector<std::string>{"He said “These results do not come as a surprise.”", "Then he left.",
                                 "“It should not be a crime”, he said.", "‘Disturbing the peace.’",
                                 "(As charged.)"});
}

TEST_CASE("sentences: a heading without a full stop is its own sentence", "[sentences]") {
  CHECK(sentences_of("Joint Statement on the 2023 Election\n\nThe undersigned express concern. We urge action.\n") ==
        std::vector<std::string>{"Joint Statement on the 2023 Election", "The undersigned express concern.",
                                 "We urge action."});
}

TEST_CASE("sentences: numbered list items keep their marker", "[sentences]") {
  CHECK(sentences_of("Signatories:\n  1. AccessNow\n  2. ASEAN Parliamentarians for Human Rights (APHR)\n"
                     "  iv. To be assassinated.\n3.\nNext") ==
        std::vector<std::string>{"Signatories:", "1. AccessNow", "2. ASEAN Parliamentarians for Human Rights (APHR)",
                                 "iv. To be assassinated.", "3.", "Next"});
}

TEST_CASE("sentences: offsets are bytes into the text, without surrounding white space", "[sentences]") {
  const std::string text = "  Première phrase « citée ».\u00A0 Deuxième.\r\n";
  SentenceSplitter splitter;
  const auto spans = splitter.split(text);
  REQUIRE(spans.size() == 2);
  CHECK(text.substr(spans[0].begin, spans[0].end - spans[0].begin) == "Première phrase « citée ».");
  CHECK(spans[0].begin == 2);
  CHECK(text.substr(spans[1].begin, spans[1].end - spans[1].begin) == "Deuxième.");
}

TEST_CASE("sentences: a byte order mark is not part of the first sentence", "[sentences]") {
  CHECK(sentences_of("\xEF\xBB\xBFTitle\nText.") == std::vector<std::string>{"Title", "Text."});
}

TEST_CASE("sentences: over the seed documents, spans are ordered, non-empty and trimmed", "[sentences]") {
  const auto seeds = seeds_dir();
  if (!seeds) {
    WARN("skipped: no seed documents at " << SCRUTINEER_SEEDS_DIR);
    return;
  }
  SentenceSplitter splitter;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  for (const auto& entry : fs::directory_iterator(*seeds)) {
    const std::string text = read_text(entry.path().string());
    const auto spans = splitter.split(text);
    REQUIRE(!spans.empty());
    for (std::size_t i = 0; i < spans.size(); ++i) {
      CHECK(spans[i].begin < spans[i].end);
      CHECK(!space(text[spans[i].begin]));
      CHECK(!space(text[spans[i].end - 1]));
      CHECK(text.substr(spans[i].begin, spans[i].end - spans[i].begin).find('\n') == std::string::npos);
      if (i) CHECK(spans[i - 1].end < spans[i].begin);
    }
  }
}

// ── Lexicon ──────────────────────────────────────────────────────────────────────────────────

TEST_CASE("lexicon: phrases become word-bounded, grep-compatible expressions", "[lexicon]") {
  CHECK(phrase_to_regex("barred from") == R"(\bbarred\s+from\b)");
  CHECK(phrase_to_regex("disqualif*") == R"(\bdisqualif[[:alnum:]]*\b)");
  CHECK(phrase_to_regex("people's party") == "\\bpeople('|\xE2\x80\x99)s\\s+party\\b");
  CHECK(phrase_to_regex("95% (CPP)") == R"(\b95%\s+\(CPP\))");
  CHECK(phrase_to_regex("«sham»") == "«sham»");  // \b only next to ASCII word characters
}

TEST_CASE("lexicon: the default lexicon loads", "[lexicon]") {
  const Lexicon lexicon = default_lexicon();
  CHECK(lexicon.id == "scrutineer-en");
  CHECK(lexicon.tags.size() >= 30);
  CHECK(!lexicon.negation.empty());
  CHECK(!lexicon.hedging.empty());
  std::set<std::string> kinds;
  for (const auto& list : lexicon.actors) kinds.insert(list.kind);
  CHECK(kinds.count("parties"));
  CHECK(kinds.count("election_bodies"));
  CHECK(kinds.count("media"));
}

TEST_CASE("lexicon: every tag is in docs/tags.md", "[lexicon]") {
  const std::string tags_md = source_dir() + "/docs/tags.md";
  if (!fs::exists(tags_md)) {
    WARN("skipped: no " << tags_md);
    return;
  }
  std::set<std::string> known;
  const std::string text = read_text(tags_md);
  const std::regex row(R"(^\| `([a-z0-9-]+)` \|)", std::regex::multiline);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), row); it != std::sregex_iterator(); ++it)
    known.insert((*it)[1]);
  REQUIRE(known.size() >= 30);
  for (const auto& tag : default_lexicon().tags) {
    INFO("tag " << tag.id);
    CHECK(known.count(tag.id));
  }
}

TEST_CASE("lexicon: every suggested indicator is in criteria/standards.toml", "[lexicon]") {
  const std::string standards = source_dir() + "/criteria/standards.toml";
  if (!fs::exists(standards)) {
    WARN("skipped: no " << standards);
    return;
  }
  Diagnostics diags;
  auto framework = load_framework(standards, diags);
  if (!framework) {
    WARN("skipped: criteria/standards.toml does not load:\n" << diags.render());
    return;
  }
  for (const auto& tag : default_lexicon().tags)
    for (const auto& indicator : tag.indicators) {
      INFO("tag " << tag.id << ", indicator " << indicator);
      CHECK(framework->find_indicator(indicator));
    }
}

TEST_CASE("lexicon: every problem is reported at once, with its line", "[lexicon]") {
  std::string errors;
  CHECK(!lexicon_from(R"([lexicon]
id = "bad"
version = "1"
[cues]
negation = ["not", 3]
[[tags]]
id = "Opposition_Excluded"
indicators = []
patterns = ['(unclosed', 'x*', '(?:perl)', 'no[0-9]+\d']
severity = 5
[[tags]]
id = "media-closure"
indicators = ["independent-media-operating"]
phrase = ["shut down"]
)",
                      &errors));
  CHECK(errors ==
        "lexicon.toml:5:20: error: 'negation' must hold only strings, got an integer\n"
        "negation = [\"not\", 3]\n"
        "                   ^\n"
        "lexicon.toml:7:6: error: tag 'Opposition_Excluded' must be lower-case words joined by '-'\n"
        "id = \"Opposition_Excluded\"\n"
        "     ^\n"
        "lexicon.toml:8:14: error: 'indicators' needs at least one indicator id\n"
        "indicators = []\n"
        "             ^\n"
        "lexicon.toml:9:13: error: invalid pattern in 'patterns': missing ): (unclosed\n"
        "patterns = ['(unclosed', 'x*', '(?:perl)', 'no[0-9]+\\d']\n"
        "            ^\n"
        "lexicon.toml:9:26: error: pattern in 'patterns' matches the empty string, so it would match every "
        "sentence\n"
        "patterns = ['(unclosed', 'x*', '(?:perl)', 'no[0-9]+\\d']\n"
        "                         ^\n"
        "lexicon.toml:9:32: error: pattern in 'patterns' is not portable: '(?…)' groups and flags are RE2/Perl "
        "only; use plain ( ) groups\n"
        "patterns = ['(unclosed', 'x*', '(?:perl)', 'no[0-9]+\\d']\n"
        "                               ^\n"
        "lexicon.toml:9:44: error: pattern in 'patterns' is not portable: '\\d' is not POSIX; use [0-9]\n"
        "patterns = ['(unclosed', 'x*', '(?:perl)', 'no[0-9]+\\d']\n"
        "                                           ^\n"
        "lexicon.toml:10:12: error: 'severity' must be 1 to 4, got 5\n"
        "severity = 5\n"
        "           ^\n"
        "lexicon.toml:12:6: error: tag 'media-closure' has neither 'phrases' nor 'patterns'\n"
        "id = \"media-closure\"\n"
        "     ^\n"
        "lexicon.toml:14:1: error: unknown key 'phrase' in [[tags]]; did you mean 'phrases'?\n"
        "phrase = [\"shut down\"]\n"
        "^\n");
}

// ── Extraction ───────────────────────────────────────────────────────────────────────────────

TEST_CASE("extract: candidates carry tags, indicators, cues, negation and dates", "[extract]") {
  auto lexicon = lexicon_from(kMiniLexicon);
  REQUIRE(lexicon);
  Extractor extractor(*lexicon);
  const std::string text =
      "Report\n\nOn 15 May 2023 the NEC disqualified the Candlelight Party. The weather was fine.\n"
      "The NEC did not disqualify anyone, it allegedly said on May 25th.\n"
      "The vote was neither free nor fair. The loser conceded defeat in 2018.\n";
  const auto candidates = extractor.extract(text);
  REQUIRE(candidates.size() == 4);

  const Candidate& first = candidates[0];
  CHECK(first.quote == "On 15 May 2023 the NEC disqualified the Candlelight Party.");
  CHECK(text.substr(first.span.begin, first.span.end - first.span.begin) == first.quote);
  CHECK(first.tags == std::vector<std::string>{"opposition-excluded"});
  CHECK(first.indicators == std::vector<std::string>{"opposition-on-ballot"});
  CHECK(first.cues == std::vector<std::string>{"election_bodies:NEC", "opposition-excluded:disqualified",
                                               "parties:Candlelight Party"});
  CHECK(!first.negated);
  CHECK(first.severity == 4);
  CHECK(first.polarity == Polarity::Undermines);
  CHECK(first.dates_mentioned == std::vector<std::string>{"2023-05-15"});

  const Candidate& second = candidates[1];
  CHECK(second.negated);
  CHECK(second.cues == std::vector<std::string>{"election_bodies:NEC", "negation:not",
                                                "opposition-excluded:disqualify", "hedging:allegedly"});
  CHECK(second.dates_mentioned == std::vector<std::string>{"--05-25"});

  // A negation word inside the tag's own phrase does not negate it.
  CHECK(candidates[2].tags == std::vector<std::string>{"result-not-credible"});
  CHECK(!candidates[2].negated);
  CHECK(candidates[3].polarity == Polarity::Supports);
  CHECK(candidates[3].severity == 2);
  CHECK(candidates[3].dates_mentioned == std::vector<std::string>{"2018"});
}

TEST_CASE("extract: dates in the forms documents use", "[extract]") {
  CHECK(extract_dates("The July 23, 2023 elections") == std::vector<std::string>{"2023-07-23"});
  CHECK(extract_dates("on 13 February 2023 and 3 March 2023") ==
        std::vector<std::string>{"2023-02-13", "2023-03-03"});
  CHECK(extract_dates("slated for February 2024, after 2017") == std::vector<std::string>{"2024-02", "2017"});
  CHECK(extract_dates("affirmed on May 25th; see 2023-07-23") == std::vector<std::string>{"--05-25", "2023-07-23"});
  CHECK(extract_dates("It may be 31 February 2023 or 125 seats").empty());
  CHECK(extract_dates("no digits here").empty());
}

TEST_CASE("extract: output is the same whatever the thread count", "[extract][cli]") {
  const auto seeds = seeds_dir();
  if (!seeds) {
    WARN("skipped: no seed documents at " << SCRUTINEER_SEEDS_DIR);
    return;
  }
  const std::string seed_dir = *seeds;
  TempDir dir("extract-det");
  const std::string docs = "'" + seed_dir + "'/*.txt";
  const CliResult one = run_cli("extract " + docs + " -j 1 -o '" + (dir / "one.toml") + "'");
  const CliResult two = run_cli("extract " + docs + " -j 2 -o '" + (dir / "two.toml") + "'");
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  CHECK(read_text(dir / "one.toml") == read_text(dir / "two.toml"));
  // It is TOML, and every candidate's offsets hold its quote.
  const toml::table ledger = toml::parse_file(dir / "one.toml");
  const auto* items = ledger["evidence"].as_array();
  REQUIRE(items);
  REQUIRE(!items->empty());
  std::map<std::string, std::string> texts;
  for (const auto& entry : fs::directory_iterator(seed_dir)) texts[sha256_hex(read_text(entry.path().string()))] = read_text(entry.path().string());
  for (const auto& node : *items) {
    const auto& item = *node.as_table();
    CHECK(item["status"].value_or(std::string()) == "candidate");
    const std::string& text = texts.at(item["sha256"].value_or(std::string()));
    const auto start = item["location"]["start"].value_or(std::int64_t{0});
    const auto end = item["location"]["end"].value_or(std::int64_t{0});
    CHECK(text.substr(start, end - start) == item["quote"].value_or(std::string()));
  }
}

TEST_CASE("extract: never replaces a file without --force", "[extract][cli]") {
  TempDir dir("extract-force");
  write_text(dir / "doc.txt", "The NEC disqualified the party.\n");
  write_text(dir / "out.toml", "keep me\n");
  const CliResult refused = run_cli("extract '" + (dir / "doc.txt") + "' -o '" + (dir / "out.toml") + "'");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err == "scrutineer extract: " + (dir / "out.toml") + ": already exists; pass --force to replace it\n");
  CHECK(read_text(dir / "out.toml") == "keep me\n");
  const CliResult forced = run_cli("extract '" + (dir / "doc.txt") + "' --force -o '" + (dir / "out.toml") + "'");
  CHECK(forced.exit_code == 0);
  CHECK(read_text(dir / "out.toml").find("quote = \"The NEC disqualified the party.\"") != std::string::npos);
}

TEST_CASE("extract: invalid UTF-8 is an error naming the byte offset", "[extract][cli]") {
  TempDir dir("extract-utf8");
  write_text(dir / "latin1.txt", "Title\nThe vote was d\xE9layed.\n");
  const CliResult run = run_cli("extract '" + (dir / "latin1.txt") + "' -o '" + (dir / "out.toml") + "'");
  CHECK(run.exit_code == 2);
  CHECK(run.err == (dir / "latin1.txt") +
                       ":2:15: error: invalid UTF-8 at byte offset 20 (byte 0xe9); documents must be UTF-8 "
                       "text (convert with e.g. iconv -f LATIN1 -t UTF-8)\n");
  CHECK(!fs::exists(dir / "out.toml"));
}

TEST_CASE("extract: --print-patterns lists one expression per tag entry", "[extract][cli]") {
  const CliResult run = run_cli("extract --print-patterns");
  REQUIRE(run.exit_code == 0);
  std::size_t entries = 0;
  for (const auto& tag : default_lexicon().tags) entries += tag.entries.size();
  CHECK(static_cast<std::size_t>(std::count(run.out.begin(), run.out.end(), '\n')) == entries);
  CHECK(run.out.rfind("\\bdisqualif[[:alnum:]]*\\b\n", 0) == 0);
}

// The issue's measure: run over the seed documents, extract recovers at least 90% of the khm-2023
// ledger's quotes — a candidate from the same file contains the quote (normalised) and shares a tag.
TEST_CASE("extract: recall of the khm-2023 ledger from the seed documents", "[extract][recall]") {
  const std::string election_dir = source_dir() + "/fixtures/elections/khm-2023";
  const auto seeds = seeds_dir();
  if (!seeds) {
    WARN("skipped: no seed documents at " << SCRUTINEER_SEEDS_DIR << " (recall needs ../shared/seeds)");
    return;
  }
  const std::string seed_dir = *seeds;
  if (!fs::is_directory(election_dir)) {
    WARN("skipped: no " << election_dir);
    return;
  }
  Diagnostics diags;
  auto election = load_election(election_dir, diags);
  INFO(diags.render());
  REQUIRE(election);
  Extractor extractor(default_lexicon());

  std::map<std::string, std::vector<Candidate>> by_file;  // path → candidates
  std::size_t total_candidates = 0;
  for (const auto& doc : election->documents) {
    if (doc.path.empty() || by_file.count(doc.path)) continue;
    by_file[doc.path] = extractor.extract(read_text(seed_dir + "/" + doc.path));
    total_candidates += by_file[doc.path].size();
  }
  std::size_t quotes = 0, recovered = 0;
  std::set<std::pair<std::string, std::size_t>> useful;  // candidates that recover a quote
  for (const auto& item : election->evidence) {
    const Document* doc = election->find_document(item.document);
    if (!doc || doc->path.empty()) continue;
    ++quotes;
    const std::string quote = normalised_utf8(item.quote);
    bool found = false;
    for (const Candidate& c : by_file[doc->path]) {
      if (normalised_utf8(c.quote).find(quote) == std::string::npos) continue;
      const bool shares_tag = std::any_of(c.tags.begin(), c.tags.end(), [&](const std::string& t) {
        return std::find(item.tags.begin(), item.tags.end(), t) != item.tags.end();
      });
      if (!shares_tag) continue;
      found = true;
      useful.insert({doc->path, c.span.begin});
    }
    if (!found) UNSCOPED_INFO("not recovered: " << item.id << " " << item.quote);
    recovered += found ? 1 : 0;
  }
  REQUIRE(quotes > 0);
  const double recall = static_cast<double>(recovered) / static_cast<double>(quotes);
  const double precision = static_cast<double>(useful.size()) / static_cast<double>(total_candidates);
  std::cout << fmt::format("extract on khm-2023: recall {}/{} = {:.1f}%; precision {}/{} = {:.1f}% "
                           "(candidates that recover a ledger quote)\n",
                           recovered, quotes, recall * 100, useful.size(), total_candidates, precision * 100);
  CHECK(recall >= 0.9);
}

// Candidates are written in the ledger format and load like any ledger (the loader accepts the
// extraction notes: sha256, cues, negated, dates_mentioned).
TEST_CASE("extract: a candidate ledger loads with load_election", "[extract]") {
  const std::string election_dir = source_dir() + "/fixtures/elections/khm-2023";
  const auto seeds = seeds_dir();
  if (!seeds || !fs::is_directory(election_dir)) {
    WARN("skipped: needs " << SCRUTINEER_SEEDS_DIR << " and " << election_dir);
    return;
  }
  const std::string seed_dir = *seeds;
  TempDir dir("extract-load");
  fs::create_directories(dir.path / "khm-2023");
  fs::copy_file(election_dir + "/election.toml", dir.path / "khm-2023" / "election.toml");
  fs::copy_file(election_dir + "/documents.toml", dir.path / "khm-2023" / "documents.toml");
  const CliResult run = run_cli("extract '" + seed_dir + "'/*.txt --election khm-2023 --documents '" + election_dir +
                          "/documents.toml' -o '" + (dir / "khm-2023/evidence.toml") + "'");
  REQUIRE(run.exit_code == 0);
  Diagnostics diags;
  auto election = load_election(dir / "khm-2023", diags);
  INFO(diags.size() << " errors; the first: " << diags.render().substr(0, 600));
  REQUIRE(election);
  CHECK(election->evidence.size() > 44);
  for (const auto& item : election->evidence) CHECK(item.status == EvidenceStatus::Candidate);
}

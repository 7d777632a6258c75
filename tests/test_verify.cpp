// Tests for corpus.hpp, normalise.hpp and verify.hpp, and the `verify` command.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "scrutineer/corpus.hpp"
#include "scrutineer/loader.hpp"
#include "scrutineer/normalise.hpp"
#include "scrutineer/verify.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace scrutineer;
using namespace scrutineer::test;

namespace {

std::vector<std::string> subdirectories(const std::string& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(source_dir() + "/" + dir))
    if (entry.is_directory()) found.push_back(dir + "/" + entry.path().filename().string());
  std::sort(found.begin(), found.end());
  return found;
}

// Runs `scrutineer verify CASE --corpus ../shared/seeds`.
CliResult verify(const std::string& election_dir) {
  return run_cli("verify " + election_dir + " --corpus '" + std::string(SCRUTINEER_SEEDS_DIR) + "'");
}

}  // namespace

// ── corpus.hpp ───────────────────────────────────────────────────────────────────────────────

TEST_CASE("corpus: SHA-256 matches the FIPS 180-4 test vectors", "[corpus]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths around the padding boundary (55, 56, 64 bytes).
  CHECK(sha256_hex(std::string(55, 'x')) != sha256_hex(std::string(56, 'x')));
  CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("corpus: invalid UTF-8 is found at its first byte", "[corpus]") {
  CHECK(!first_invalid_utf8("plain ASCII, and “curly” quotes, Khmer ខ្មែរ, emoji 🗳"));
  CHECK(first_invalid_utf8("ab\xFF") == 2u);
  CHECK(first_invalid_utf8("overlong \xC0\x80") == 9u);
  CHECK(first_invalid_utf8("surrogate \xED\xA0\x80") == 10u);
  CHECK(first_invalid_utf8("too big \xF4\x90\x80\x80") == 8u);
  CHECK(first_invalid_utf8("cut short \xE2\x80") == 10u);
  CHECK(first_invalid_utf8(std::string(100, 'a') + "\x80") == 100u);
}

TEST_CASE("corpus: document paths stay inside the corpus", "[corpus]") {
  const fs::path root = fs::temp_directory_path() / ("scrutineer-corpus-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "corpus" / "sub");
  std::ofstream(root / "outside.txt") << "secret";
  std::ofstream(root / "corpus" / "sub" / "doc.txt") << "text";
  fs::create_symlink(root / "outside.txt", root / "corpus" / "link.txt");
  const std::string corpus = (root / "corpus").string();
  std::string why;

  CHECK(resolve_in_corpus(corpus, "sub/doc.txt", &why) == corpus + "/sub/doc.txt");
  CHECK(resolve_in_corpus(corpus, "../outside.txt", &why).empty());
  CHECK(why == "path '../outside.txt' escapes the corpus directory (it contains '..')");
  CHECK(resolve_in_corpus(corpus, "sub/../../outside.txt", &why).empty());
  CHECK(resolve_in_corpus(corpus, "/etc/passwd", &why).empty());
  CHECK(why == "path '/etc/passwd' is absolute; document paths are relative to the corpus directory");
  CHECK(resolve_in_corpus(corpus, "link.txt", &why).empty());
  CHECK(why == "path 'link.txt' resolves to '" + (root / "outside.txt").string() + "', outside the corpus directory");
  CHECK(resolve_in_corpus(corpus, "", &why).empty());
  fs::remove_all(root);
}

// ── normalise.hpp ────────────────────────────────────────────────────────────────────────────

TEST_CASE("normalise: NFC, quotation marks and white space", "[normalise]") {
  CHECK(normalised_utf8("Caf\x65\xCC\x81") == "Caf\xC3\xA9");  // e + combining acute → é
  CHECK(normalised_utf8("“Free” and ‘fair’ «vote»") == "\"Free\" and 'fair' \"vote\"");
  CHECK(normalised_utf8("  register\u00A0the \t new\r\n party ") == "register the new party");
  CHECK(normalised_utf8("soft\u00ADhyphen and zero\u200Bwidth") == "softhyphen and zerowidth");
  CHECK(normalised_utf8("Dashes – stay — as written") == "Dashes – stay — as written");
}

TEST_CASE("normalise: every normalised character maps back to its bytes", "[normalise]") {
  const std::string text = "A  “quote”\u00A0e\xCC\x81!";
  const NormalisedText n = normalise(text);
  CHECK(to_utf8(n.text) == "A \"quote\" \xC3\xA9!");
  const std::size_t at = find_normalised(n, U"\"quote\"");
  REQUIRE(at == 2);
  const auto [begin, end] = n.original(at, at + 7);
  CHECK(text.substr(begin, end - begin) == "“quote”");
  const auto [b2, e2] = n.original(n.text.size() - 2, n.text.size() - 1);
  CHECK(text.substr(b2, e2 - b2) == "e\xCC\x81");
}

TEST_CASE("normalise: the nearest substring by edit distance", "[normalise]") {
  const std::u32string doc = U"the party was debarred from the elections in May, leading";
  const NearestMatch m = nearest_substring(doc, U"was barred from the elections in");
  CHECK(to_utf8(doc.substr(m.first, m.last - m.first)) == "was debarred from the elections in");
  CHECK(m.distance == 2);
  const NearestMatch exact = nearest_substring(doc, U"in May");
  CHECK(exact.distance == 0);
  CHECK(to_utf8(doc.substr(exact.first, exact.last - exact.first)) == "in May");
}

// ── verify ───────────────────────────────────────────────────────────────────────────────────

TEST_CASE("verify passes on every bundled election fixture", "[verify][cli]") {
  if (!seeds_dir()) {
    WARN("skipped: no seed documents at " << SCRUTINEER_SEEDS_DIR);
    return;
  }
  const auto elections = subdirectories("fixtures/elections");
  REQUIRE(!elections.empty());
  for (const auto& election : elections) {
    INFO(election);
    const CliResult result = verify(election);
    CHECK(result.err == "");
    CHECK(result.exit_code == 0);
    CHECK(result.out.rfind("verify " + election + ": ok, ", 0) == 0);
  }
}

TEST_CASE("verify: an altered quote is reported with the nearest text", "[verify][cli]") {
  if (!seeds_dir()) {
    WARN("skipped: no seed documents at " << SCRUTINEER_SEEDS_DIR);
    return;
  }
  const CliResult result = verify("fixtures/verify/altered-quote");
  CHECK(result.exit_code == 1);
  CHECK(result.err ==
        "fixtures/verify/altered-quote/evidence.toml:6:9: error: evidence 'khm23-004': quote not found in "
        "document 'forum-asia-civicus-2023' (000_a00bd98f64350cf5.txt); nearest text (6 edits away) at "
        "{ start = 987, end = 1191 }: \"This election outcome was anticipated, given that the Candlelight "
        "Party, the only viable opposition party, was debarred from the elections in May, leading to an "
        "absence of authentic electoral competition.\"\n"
        "quote = \"This election outcome was anticipated, given that the Candlelight Party, the only viable "
        "opposition party, was barred from the elections in June, leading to an absence of authentic electoral "
        "competition.\"\n"
        "        ^\n");
  CHECK(result.out == "verify fixtures/verify/altered-quote: 1 problem in 2 quotes and 1 document\n");
}

TEST_CASE("verify: a wrong sha256 is reported at its document", "[verify][cli]") {
  if (!seeds_dir()) {
    WARN("skipped: no seed documents at " << SCRUTINEER_SEEDS_DIR);
    return;
  }
  const CliResult result = verify("fixtures/verify/wrong-sha256");
  CHECK(result.exit_code == 1);
  CHECK(result.err ==
        "fixtures/verify/wrong-sha256/documents.toml:3:1: error: document 'forum-asia-civicus-2023': sha256 of "
        "000_a00bd98f64350cf5.txt is 5c6a8913d226e35fc7a722a58f05c2fe4b7aa942d56741c18ead9f6fd4746513, but the "
        "ledger records 5c6a8913d226e35fc7a722a58f05c2fe4b7aa942d56741c18ead9f6f00000000; the file changed or the "
        "wrong file is cited\n"
        "[[documents]]\n"
        "^\n");
}

TEST_CASE("verify: a path escaping the corpus is refused, even to a real file", "[verify][cli]") {
  if (!seeds_dir()) {
    WARN("skipped: no seed documents at " << SCRUTINEER_SEEDS_DIR);
    return;
  }
  const CliResult result = verify("fixtures/verify/path-escape");
  CHECK(result.exit_code == 1);
  CHECK(result.err ==
        "fixtures/verify/path-escape/documents.toml:3:1: error: document 'forum-asia-civicus-2023': path "
        "'../seeds/000_a00bd98f64350cf5.txt' escapes the corpus directory (it contains '..')\n"
        "[[documents]]\n"
        "^\n");
}

TEST_CASE("verify: offsets that do not hold the quote are reported with the right ones", "[verify][cli]") {
  if (!seeds_dir()) {
    WARN("skipped: no seed documents at " << SCRUTINEER_SEEDS_DIR);
    return;
  }
  const CliResult result = verify("fixtures/verify/wrong-location");
  CHECK(result.exit_code == 1);
  CHECK(result.err ==
        "fixtures/verify/wrong-location/evidence.toml:3:1: error: evidence 'khm23-004': location { start = 1087, "
        "end = 1291 } holds \"party, was debarred from the elections in May, leading to an absence of authentic "
        "electoral competition. FORUM-ASIA’s Executive Director, Mary Aileen Diez-Bacalso, highlighted the "
        "government’s system\", not the quote; the quote is at { start = 987, end = 1191 }\n"
        "[[evidence]]\n"
        "^\n");
}

TEST_CASE("verify: every bad-verify fixture fails, and nothing else is wrong with it", "[verify][cli]") {
  if (!seeds_dir()) {
    WARN("skipped: no seed documents at " << SCRUTINEER_SEEDS_DIR);
    return;
  }
  for (const auto& fixture : subdirectories("fixtures/verify")) {
    INFO(fixture);
    // It loads (the fault is in the evidence, not the format)…
    Diagnostics diags;
    CHECK(load_election(source_dir() + "/" + fixture, diags));
    CHECK(diags.render() == "");
    // …and verify finds exactly one problem.
    const CliResult result = verify(fixture);
    CHECK(result.exit_code == 1);
    CHECK(result.out.find(": 1 problem in ") != std::string::npos);
  }
}

TEST_CASE("verify: usage errors exit 2", "[verify][cli]") {
  CHECK(run_cli("verify").exit_code == 2);
  CHECK(run_cli("verify --help").exit_code == 0);
  const CliResult no_corpus = run_cli("verify fixtures/verify/altered-quote --corpus /nonexistent-corpus");
  CHECK(no_corpus.exit_code == 2);
  CHECK(no_corpus.err ==
        "scrutineer verify: corpus directory '/nonexistent-corpus' does not exist; pass --corpus DIR\n");
  const CliResult no_election = run_cli("verify fixtures/no-such-election --corpus fixtures");
  CHECK(no_election.exit_code == 2);
}

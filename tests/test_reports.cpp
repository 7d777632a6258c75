// Briefing reports (`scrutineer report`, reports/render_*.cpp): golden Markdown, JSON and CSV of
// every fixture, injection payloads rendered inert in every format, self-contained HTML, atomic
// output. After a deliberate change, regenerate the goldens with
//   SCRUTINEER_UPDATE_GOLDEN=1 ./build/scrutineer_tests "[golden]"
// and review the diff (fixtures/golden/reports/) before committing it.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "scrutineer/loader.hpp"
#include "scrutineer/render.hpp"
#include "support.hpp"

using namespace scrutineer;
using namespace scrutineer::test;
namespace fs = std::filesystem;

namespace {

const char* const kXss = "fixtures/xss/xss-2024";

// Every election a report is tested on: the bundled ones and the injection fixture.
std::vector<std::string> report_fixtures() {
  std::vector<std::string> dirs;
  for (const auto& id : bundled_elections()) dirs.push_back("fixtures/elections/" + id);
  dirs.push_back(kXss);
  return dirs;
}

std::string id_of(const std::string& dir) { return fs::path(dir).filename().string(); }

// A fresh directory for output files, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("scrutineer-reports-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

// RFC 4180 CSV → rows of cells.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"')
        cell += '"', ++i;
      else if (ch == '"')
        quoted = false;
      else
        cell += ch;
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      cell += ch;
    }
  }
  if (!cell.empty() || !rows.back().empty()) rows.back().push_back(cell);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return text;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

}  // namespace

// ── Goldens ──────────────────────────────────────────────────────────────────────────────────

TEST_CASE("golden Markdown reports of every fixture", "[golden][reports]") {
  for (const auto& dir : report_fixtures())
    check_golden("report " + dir + " --format markdown", "fixtures/golden/reports/" + id_of(dir) + ".md");
}

TEST_CASE("golden JSON reports of every fixture", "[golden][reports]") {
  for (const auto& dir : report_fixtures())
    check_golden("report " + dir + " --format json", "fixtures/golden/reports/" + id_of(dir) + ".json");
}

TEST_CASE("golden CSV reports of every fixture", "[golden][reports]") {
  for (const auto& dir : report_fixtures())
    check_golden("report " + dir + " --format csv", "fixtures/golden/reports/" + id_of(dir) + ".csv");
}

TEST_CASE("golden comparison reports of all bundled elections", "[golden][reports]") {
  check_golden("report fixtures/elections/* --format markdown", "fixtures/golden/reports/comparison.md");
  check_golden("report fixtures/elections/* --format csv", "fixtures/golden/reports/comparison.csv");
}

TEST_CASE("the JSON report is the scorecard contract of `assess --format json`", "[reports]") {
  for (const auto& dir : report_fixtures()) {
    INFO(dir);
    CHECK(run_cli("report " + dir + " --format json").out == run_cli("assess " + dir + " --format json").out);
  }
}

TEST_CASE("the JSON report of several elections is the comparison contract of `compare`", "[reports]") {
  const CliResult report = run_cli("report fixtures/elections/* --format json");
  REQUIRE(report.exit_code == 0);
  CHECK(report.out == run_cli("compare fixtures/elections/* --format json").out);
  CHECK(nlohmann::json::parse(report.out)["schema"] == "scrutineer.comparison/1");
}

TEST_CASE("`assess --format markdown` prints the Markdown briefing", "[reports]") {
  const CliResult assess = run_cli("assess fixtures/elections/tha-2023 --format markdown");
  CHECK(assess.exit_code == 0);
  CHECK(assess.out == run_cli("report fixtures/elections/tha-2023 --format markdown").out);
}

TEST_CASE("reports are byte-identical from run to run", "[reports]") {
  for (const char* format : {"html", "markdown", "csv"}) {
    const std::string args = std::string("report fixtures/elections/* --format ") + format;
    INFO(args);
    CHECK(run_cli(args).out == run_cli(args).out);
  }
}

// ── Content ──────────────────────────────────────────────────────────────────────────────────

TEST_CASE("the HTML briefing holds every section the issue asks for", "[reports]") {
  const CliResult result = run_cli("report fixtures/elections/khm-2023 --format html");
  REQUIRE(result.exit_code == 0);
  const std::string& html = result.out;
  for (const char* needle : {"<h1>Cambodia, National Assembly election 2023</h1>",
                             "KHM",
                             "2023-07-23",
                             "post-election",
                             "all evidence, no cut-off",
                             "Not genuine",
                             "12.6",
                             "band 1 of 5",
                             "90%",
                             "id=\"red-lines\"",
                             "no-genuine-choice",
                             "id=\"findings\"",
                             "<table class=\"evidence\">",
                             "khm23-001",
                             "Amnesty International",
                             "ICCPR art. 25(b)",
                             "id=\"recommendations\"",
                             "Prompted by",
                             "id=\"not-assessed\"",
                             "government-formation",
                             "id=\"methodology\"",
                             "scrutineer-standards",
                             "version 1.0.0",
                             "arithmetic",
                             "scrutineer " SCRUTINEER_VERSION,
                             "@page{size:A4",
                             "id=\"chart-criteria\"",
                             "id=\"chart-radar\"",
                             "<title id=\"chart-criteria-title\">"})
    CHECK_THAT(html, Catch::Contains(needle));
  CHECK(count(html, "<svg ") == 3);
  CHECK_THAT(html, Catch::Contains("id=\"chart-bands\""));
  CHECK_THAT(html, Catch::Contains("90% interval 10.8–15.0"));
  CHECK_THAT(html, Catch::Contains("Load-bearing evidence"));
}

TEST_CASE("the HTML report is self-contained: no scripts, no external resources", "[reports]") {
  for (const auto& dir : report_fixtures()) {
    const std::string html = lower(run_cli("report " + dir + " --format html").out);
    INFO(dir);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<iframe") == std::string::npos);
    CHECK_FALSE(std::regex_search(html, std::regex("<[a-z][^>]*\\s(src|srcset|background|poster|data)\\s*=")));
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(http") == std::string::npos);
    CHECK(html.find("@font-face") == std::string::npos);
    CHECK_THAT(html, Catch::Contains("content-security-policy\" content=\"default-src 'none'"));
  }
}

TEST_CASE("a comparison report shows the heatmap and the order of the elections", "[reports]") {
  const CliResult result = run_cli("report fixtures/elections/* --format html");
  REQUIRE(result.exit_code == 0);
  const std::string& html = result.out;
  CHECK_THAT(html, Catch::Contains("<h1>Comparison of 5 elections</h1>"));
  CHECK_THAT(html, Catch::Contains("id=\"chart-heatmap\""));
  CHECK_THAT(html, Catch::Contains("id=\"chart-ranking\""));
  // Highest index first: the fictional election (100) before Cambodia 2023 (12.6).
  CHECK(html.find("<title>Republic of Examplia") < html.find("<title>Cambodia, National Assembly"));
  // Each election's own briefing follows, with its ids prefixed so none collide.
  for (const char* id : {"khm-2023-findings", "tha-2023-findings", "idn-2024-findings", "khm-2024-senate-findings",
                         "fictional-genuine-2025-findings"})
    CHECK_THAT(html, Catch::Contains(std::string("id=\"") + id + "\""));
}

TEST_CASE("the CSV is tidy: a header, then one row per (election, indicator)", "[reports]") {
  const CliResult result = run_cli("report fixtures/elections/khm-2023 fixtures/elections/tha-2023 --format csv");
  REQUIRE(result.exit_code == 0);
  const auto rows = parse_csv(result.out);
  REQUIRE(rows.size() == 1 + 2 * 28);
  const auto& header = rows.front();
  for (const auto& row : rows) CHECK(row.size() == header.size());
  auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  for (const char* name : {"election", "criterion", "indicator", "level", "criterion_score", "criterion_low",
                           "criterion_high", "decided_by", "rule", "evidence_ids"})
    CHECK(column(name) < header.size());
  const auto& first = rows[1];
  CHECK(first[column("election")] == "khm-2023");
  CHECK(first[column("criterion")] == "competitiveness");
  CHECK(first[column("indicator")] == "opposition-on-ballot");
  CHECK(first[column("level")] == "0");
  CHECK(first[column("rule")] == "main-opposition-barred");
  CHECK(first[column("evidence_ids")] == "khm23-001;khm23-002;khm23-003;khm23-004;khm23-006");
  // Not assessed: empty cells, which pandas and R read as missing.
  const auto not_assessed = std::find_if(rows.begin(), rows.end(), [&](const auto& row) {
    return row[column("indicator")] == "government-formation" && row[column("election")] == "khm-2023";
  });
  REQUIRE(not_assessed != rows.end());
  CHECK((*not_assessed)[column("level")].empty());
  CHECK((*not_assessed)[column("decided_by")] == "not-assessed");
  CHECK(result.out.find("\r\n") != std::string::npos);
  CHECK(result.out.substr(0, 3) != "\xEF\xBB\xBF");
}

// ── Injection payloads ───────────────────────────────────────────────────────────────────────

TEST_CASE("the injection fixture validates", "[reports][xss]") {
  const CliResult result = run_cli(std::string("validate criteria/standards.toml ") + kXss);
  INFO(result.err);
  CHECK(result.exit_code == 0);
}

TEST_CASE("HTML shows injected markup as text", "[reports][xss]") {
  const CliResult result = run_cli(std::string("report ") + kXss + " --format html");
  REQUIRE(result.exit_code == 0);
  const std::string& html = result.out;
  const std::string lowered = lower(html);
  CHECK(lowered.find("<script") == std::string::npos);
  CHECK(lowered.find("<img") == std::string::npos);
  CHECK(lowered.find("<a href=\"javascript") == std::string::npos);
  CHECK(lowered.find("href=\"javascript") == std::string::npos);
  CHECK(lowered.find("</style><") == std::string::npos);
  CHECK(lowered.find("<i>") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("&lt;img src=x onerror=alert(5)&gt;"));
  CHECK_THAT(html, Catch::Contains("&lt;/style&gt;&lt;script&gt;alert(4)&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("&lt;a href=&quot;javascript:alert(7)&quot;&gt;"));
  // A javascript: URL is shown, never linked; an https URL is linked with its & escaped.
  CHECK_THAT(html, Catch::Contains("javascript:alert(&#39;url&#39;) (not a web link)"));
  CHECK_THAT(html, Catch::Contains("href=\"https://example.org/press?a=1&amp;b=&lt;2&gt;\""));
  // The title is text in <title> and <h1>.
  CHECK_THAT(html, Catch::Contains("<h1>=HYPERLINK(&quot;http://evil.example/&quot;,&quot;click&quot;) "
                                   "&lt;script&gt;alert(1)&lt;/script&gt; general election (fictional)</h1>"));
}

TEST_CASE("Markdown shows injected markup as text", "[reports][xss]") {
  const CliResult result = run_cli(std::string("report ") + kXss + " --format markdown");
  REQUIRE(result.exit_code == 0);
  const std::string& md = result.out;
  // Every < and > is escaped (but the > that opens our own block quotes), so no raw HTML reaches
  // a Markdown renderer.
  for (std::size_t pos = md.find_first_of("<>"); pos != std::string::npos; pos = md.find_first_of("<>", pos + 1)) {
    INFO(md.substr(pos > 40 ? pos - 40 : 0, 80));
    const bool quote_marker = md[pos] == '>' && (pos == 0 || md[pos - 1] == '\n');
    CHECK((quote_marker || (pos > 0 && md[pos - 1] == '\\')));
  }
  CHECK_THAT(md, Catch::Contains("\\<script\\>alert(1)\\</script\\>"));
  // Links and emphasis from the evidence are inert.
  CHECK_THAT(md, Catch::Contains("\\[click\\](javascript:alert(3))"));
  CHECK_THAT(md, Catch::Contains("\\[the video\\](javascript:alert(6)) and \\*\\*this\\*\\* \\`code\\` \\| cell"));
  CHECK(md.find("](javascript") == md.find("\\](javascript") + 1);
  // A pipe in a document title cannot split a table row.
  CHECK_THAT(md, Catch::Contains("Press report \\| with \\| pipes"));
  // A tab in a quote does not survive into a table cell.
  CHECK_THAT(md, Catch::Contains("@SUM(A1:A9) observers were accredited"));
}

TEST_CASE("CSV cells cannot start a formula", "[reports][xss]") {
  const CliResult result = run_cli(std::string("report ") + kXss + " --format csv");
  REQUIRE(result.exit_code == 0);
  const auto rows = parse_csv(result.out);
  REQUIRE(rows.size() == 29);
  for (const auto& row : rows)
    for (const auto& cell : row) {
      INFO(cell);
      CHECK((cell.empty() || std::string("=+-@\t\r").find(cell[0]) == std::string::npos));
    }
  CHECK(rows[1][1] ==
        "'=HYPERLINK(\"http://evil.example/\",\"click\") <script>alert(1)</script> general election "
        "(fictional)");
  const auto assembly = std::find_if(rows.begin(), rows.end(), [](const auto& row) {
    return std::find(row.begin(), row.end(), "assembly-freedom") != row.end();
  });
  REQUIRE(assembly != rows.end());
  CHECK(assembly->back() == "'-2-xss");
}

TEST_CASE("render_csv neutralises every formula prefix and quotes per RFC 4180", "[reports][xss]") {
  Diagnostics diags;
  auto framework = load_framework(source_dir() + "/criteria/standards.toml", diags);
  auto election = load_election(source_dir() + "/" + kXss, diags, framework ? &*framework : nullptr);
  REQUIRE(framework);
  REQUIRE(election);
  for (const std::string prefix : {"=", "+", "-", "@", "\t", "\r"}) {
    election->title = prefix + "1+1, \"x\"\nnext";
    const Scorecard card = assess(*framework, *election, {});
    const auto rows = parse_csv(render_csv(Briefing{{&card}}));
    INFO(prefix);
    REQUIRE(rows.size() == 29);
    CHECK(rows[1][1] == "'" + prefix + "1+1, \"x\"\nnext");
  }
}

TEST_CASE("JSON carries injected text as data, exactly", "[reports][xss]") {
  const CliResult result = run_cli(std::string("report ") + kXss + " --format json");
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  CHECK(json["election"]["title"] ==
        "=HYPERLINK(\"http://evil.example/\",\"click\") <script>alert(1)</script> general election (fictional)");
}

// ── The command ──────────────────────────────────────────────────────────────────────────────

TEST_CASE("report -o writes the file and nothing else; the format follows the extension", "[reports]") {
  const TempDir dir;
  const CliResult result = run_cli("report fixtures/elections/tha-2023 -o '" + (dir / "tha.md") + "'");
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
  CHECK(result.err.empty());
  CHECK(read_text(dir / "tha.md") == run_cli("report fixtures/elections/tha-2023 --format markdown").out);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) ++files;
  CHECK(files == 1);  // no temporary file left behind
  CHECK(run_cli("report fixtures/elections/tha-2023 -o '" + (dir / "tha.csv") + "'").exit_code == 0);
  CHECK(read_text(dir / "tha.csv").rfind("election,election_title,", 0) == 0);
}

TEST_CASE("report refuses what it cannot do, with exit 2 and a clear message", "[reports]") {
  const TempDir dir;
  SECTION("an unknown format") {
    const CliResult result = run_cli("report fixtures/elections/tha-2023 --format docx");
    CHECK(result.exit_code == 2);
    CHECK(result.err == "scrutineer report: --format must be html | markdown | json | csv | pdf, got 'docx'\n");
  }
  SECTION("PDF to standard output") {
    const CliResult result = run_cli("report fixtures/elections/tha-2023 --format pdf");
    CHECK(result.exit_code == 2);
    CHECK(result.err == "scrutineer report: PDF output needs a file: pass -o PATH\n");
  }
  SECTION("PDF without Chromium names the package, and writes nothing") {
    ::setenv("SCRUTINEER_CHROMIUM", "/nonexistent/chromium", 1);
    const CliResult result = run_cli("report fixtures/elections/tha-2023 -o '" + (dir / "none.pdf") + "'");
    ::unsetenv("SCRUTINEER_CHROMIUM");
    CHECK(result.exit_code == 2);
    CHECK(result.err == "scrutineer report: PDF output needs Chromium: apt-get install chromium\n");
    CHECK_FALSE(fs::exists(dir / "none.pdf"));
  }
  SECTION("an output directory that does not exist leaves no file") {
    const CliResult result = run_cli("report fixtures/elections/tha-2023 -o '" + (dir / "missing/x.html") + "'");
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::StartsWith("scrutineer report: " + (dir / "missing/x.html")));
    CHECK_FALSE(fs::exists(dir / "missing"));
  }
  SECTION("the same election twice") {
    const CliResult result = run_cli("report fixtures/elections/tha-2023 fixtures/elections/tha-2023");
    CHECK(result.exit_code == 2);
    CHECK(result.err == "scrutineer report: election 'tha-2023' is named more than once\n");
  }
  SECTION("an election that does not load") {
    const CliResult result = run_cli("report fixtures/invalid/evidence-unknown-indicator");
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("error:"));
  }
}

TEST_CASE("an existing report is replaced whole", "[reports]") {
  const TempDir dir;
  { std::ofstream(dir / "r.html") << "old contents"; }
  CHECK(run_cli("report fixtures/elections/idn-2024 -o '" + (dir / "r.html") + "'").exit_code == 0);
  CHECK(read_text(dir / "r.html").rfind("<!DOCTYPE html>", 0) == 0);
}

// Tests for import_csv.hpp and the `import` command.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "scrutineer/import_csv.hpp"
#include "scrutineer/loader.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace scrutineer;
using namespace scrutineer::test;

namespace {

// A scratch election: khm-2023's election.toml and documents.toml, and an evidence.toml to come.
struct ScratchElection {
  fs::path root;
  std::string dir;
  ScratchElection() {
    root = fs::temp_directory_path() / ("scrutineer-import-" + std::to_string(::getpid()));
    fs::remove_all(root);
    dir = (root / "khm-2023").string();
    fs::create_directories(dir);
    const std::string from = source_dir() + "/fixtures/elections/khm-2023/";
    fs::copy_file(from + "election.toml", dir + "/election.toml");
    fs::copy_file(from + "documents.toml", dir + "/documents.toml");
  }
  ~ScratchElection() { fs::remove_all(root); }
  std::string evidence() const { return dir + "/evidence.toml"; }
};

std::vector<std::vector<std::string>> cells(const std::string& csv) {
  Diagnostics diags;
  std::vector<std::vector<std::string>> out;
  for (const auto& row : parse_csv("t.csv", csv, diags)) {
    out.emplace_back();
    for (const auto& cell : row) out.back().push_back(cell.text);
  }
  INFO(diags.render());
  CHECK(diags.empty());
  return out;
}

}  // namespace

TEST_CASE("csv: RFC 4180 quoting, empty cells and line endings", "[import]") {
  using Rows = std::vector<std::vector<std::string>>;
  CHECK(cells("a,b,c\n1,,3\n") == Rows{{"a", "b", "c"}, {"1", "", "3"}});
  CHECK(cells("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n") == Rows{{"a", "b"}, {"x, y", "say \"hi\""}});
  CHECK(cells("a\n\"two\r\nlines\"\n") == Rows{{"a"}, {"two\nlines"}});
  CHECK(cells("\xEF\xBB\xBF" "a,b\n1,2") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(cells("a,\n") == Rows{{"a", ""}});
}

TEST_CASE("csv: cells know where they start", "[import]") {
  Diagnostics diags;
  const auto rows = parse_csv("t.csv", "id,quote\nx,\"“a”\nb\",c\n", diags);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][1].line == 2);
  CHECK(rows[1][1].column == 3);
  CHECK(rows[1][2].line == 3);
  CHECK(rows[1][2].column == 4);  // after `b",`
}

TEST_CASE("import: a good spreadsheet becomes a ledger that loads and verifies", "[import][cli]") {
  ScratchElection election;
  const CliResult result = run_cli("import fixtures/import/good.csv -o '" + election.evidence() + "'");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err == "import: 3 items written to " + election.evidence() + "\n");
  Diagnostics diags;
  auto loaded = load_election(election.dir, diags);
  INFO(diags.render());
  REQUIRE(loaded);
  REQUIRE(loaded->evidence.size() == 3);
  const EvidenceItem& first = loaded->evidence[0];
  CHECK(first.id == "khm23-101");
  CHECK(first.tags == std::vector<std::string>{"opposition-excluded", "emb-bias"});
  CHECK(first.corroborated_by == std::vector<std::string>{"aphr-parliaments-2023", "amnesty-2023"});
  CHECK(first.start == 13645);
  CHECK(first.end == 13949);
  CHECK(first.reliability == 'B');
  CHECK(loaded->evidence[1].status == EvidenceStatus::Reviewed);  // empty status cell
  CHECK(!loaded->evidence[1].start);
  CHECK(loaded->evidence[2].status == EvidenceStatus::Candidate);
  CHECK(loaded->evidence[2].claim == "A CIVICUS researcher: spoiling a ballot \"should not be a crime\".");
  if (seeds_dir()) {
    const CliResult verified =
        run_cli("verify '" + election.dir + "' --corpus '" + std::string(SCRUTINEER_SEEDS_DIR) + "'");
    CHECK(verified.err == "");
    CHECK(verified.exit_code == 0);
  }
}

TEST_CASE("import: a spreadsheet as Excel saves it (BOM, CRLF, capitalised names)", "[import][cli]") {
  const CliResult result = run_cli("import fixtures/import/excel.csv -o -");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("id = \"khm23-201\"") != std::string::npos);
  // A line break inside a cell survives as \n; the blank last row is ignored.
  CHECK(result.out.find("on multiple occasions,\\nwith one political activist") != std::string::npos);
  CHECK(result.out.find("id = \"khm23-203\"") == std::string::npos);
}

TEST_CASE("import: every bad cell is reported by row and column, in one pass", "[import][cli]") {
  for (const std::string name : {"bad", "bad-cells"}) {
    INFO(name);
    const CliResult result = run_cli("import fixtures/import/" + name + ".csv -o /nonexistent/never.toml");
    CHECK(result.exit_code == 2);
    CHECK(result.out == "");
    CHECK(result.err == read_text(source_dir() + "/fixtures/import/" + name + ".expected"));
  }
}

TEST_CASE("import: refuses to replace a ledger unless --force", "[import][cli]") {
  ScratchElection election;
  { std::ofstream(election.evidence()) << "# keep\n"; }
  const CliResult refused = run_cli("import fixtures/import/good.csv -o '" + election.evidence() + "'");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err == "scrutineer import: " + election.evidence() + ": already exists; pass --force to replace it\n");
  CHECK(read_text(election.evidence()) == "# keep\n");
  const CliResult forced = run_cli("import fixtures/import/good.csv --force -o '" + election.evidence() + "'");
  CHECK(forced.exit_code == 0);
  CHECK(read_text(election.evidence()).rfind("# Evidence ledger imported by `scrutineer import`", 0) == 0);
}

TEST_CASE("import: usage errors exit 2", "[import][cli]") {
  CHECK(run_cli("import").exit_code == 2);
  CHECK(run_cli("import fixtures/import/good.csv").exit_code == 2);  // no -o
  CHECK(run_cli("import --help").exit_code == 0);
  const CliResult missing = run_cli("import fixtures/import/none.csv -o -");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "fixtures/import/none.csv: error: no such file\n1 error; nothing written\n");
}

// The HTML briefing in a real browser: headless Chromium (Debian's `chromium`) loads each report
// with no console message, and the rendered DOM holds the headline, the charts and the evidence
// table. Screenshots are saved beside the test binary (khm-2023.png, xss-2024.png,
// comparison.png) for a person to look at. Without Chromium the tests skip with a warning.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "scrutineer/render.hpp"
#include "support.hpp"

using namespace scrutineer;
using namespace scrutineer::test;
namespace fs = std::filesystem;

namespace {

// The build directory: where the test binary lives.
std::string build_dir() { return fs::read_symlink("/proc/self/exe").parent_path().string(); }

struct BrowserRun {
  int exit_code = -1;
  std::string out;                    // stdout (the DOM, with --dump-dom)
  std::vector<std::string> console;   // console messages the page logged
};

// Runs headless Chromium on `page` with `arguments`, in a fresh profile, with no network
// services, logging console messages to stderr.
BrowserRun run_chromium(const std::string& chromium, const std::string& arguments, const std::string& page) {
  static int counter = 0;
  const fs::path dir =
      fs::temp_directory_path() / ("scrutineer-browser-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(dir);
  const std::string out = (dir / "out").string(), err = (dir / "err").string();
  const std::string command =
      "timeout 120 '" + chromium +
      "' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
      "--disable-component-update --disable-sync --disable-extensions --hide-scrollbars --user-data-dir='" +
      (dir / "profile").string() + "' --enable-logging=stderr --v=0 " + arguments + " 'file://" + page + "' >'" + out +
      "' 2>'" + err + "' </dev/null";
  const int status = std::system(command.c_str());
  BrowserRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_text(out);
  std::istringstream lines(read_text(err));
  for (std::string line; std::getline(lines, line);)
    if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos)
      run.console.push_back(line);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return run;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

bool is_png(const std::string& path) { return read_text(path).rfind("\x89PNG", 0) == 0; }

// Writes the report of `elections` to <build>/<name>.html, loads it in Chromium and returns
// the rendered DOM after checking the page logged nothing; saves <build>/<name>.png.
std::optional<std::string> render(const std::string& elections, const std::string& name) {
  const std::string chromium = find_chromium();
  if (chromium.empty()) {
    WARN("Chromium not found (apt-get install chromium): browser test skipped");
    return std::nullopt;
  }
  const std::string page = build_dir() + "/" + name + ".html";
  const CliResult report = run_cli("report " + elections + " --format html -o '" + page + "'");
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  const BrowserRun dom = run_chromium(chromium, "--dump-dom", page);
  REQUIRE(dom.exit_code == 0);
  for (const auto& line : dom.console) INFO(line);
  CHECK(dom.console.empty());
  const std::string screenshot = build_dir() + "/" + name + ".png";
  fs::remove(screenshot);
  const BrowserRun shot = run_chromium(chromium, "--screenshot='" + screenshot + "' --window-size=1200,2000", page);
  CHECK(shot.exit_code == 0);
  CHECK(shot.console.empty());
  CHECK(is_png(screenshot));
  return dom.out;
}

}  // namespace

TEST_CASE("the khm-2023 briefing renders in headless Chromium: headline, charts, evidence", "[browser]") {
  const auto dom = render("fixtures/elections/khm-2023", "khm-2023");
  if (!dom) return;
  // Headline.
  CHECK_THAT(*dom, Catch::Contains("<h1>Cambodia, National Assembly election 2023</h1>"));
  CHECK_THAT(*dom, Catch::Contains("Not genuine"));
  CHECK_THAT(*dom, Catch::Contains("12.6"));
  CHECK_THAT(*dom, Catch::Contains("90% interval 10.8–15.0"));
  // Charts, each with a title for screen readers.
  CHECK(count(*dom, "<svg") == 3);
  for (const char* id : {"chart-criteria", "chart-radar", "chart-bands"})
    CHECK_THAT(*dom, Catch::Contains(std::string("<title id=\"") + id + "-title\">"));
  // Evidence tables with quotes, sources and grades.
  CHECK(count(*dom, "<table class=\"evidence\">") >= 20);
  CHECK_THAT(*dom, Catch::Contains("khm23-001"));
  CHECK_THAT(*dom, Catch::Contains("Amnesty International"));
  CHECK_THAT(*dom, Catch::Contains("<abbr title=\"source usually reliable, information confirmed by other sources\">B1</abbr>"));
}

TEST_CASE("the injection fixture renders inert in headless Chromium", "[browser][xss]") {
  const auto dom = render("fixtures/xss/xss-2024", "xss-2024");
  if (!dom) return;
  // No element came out of the payloads: only their text.
  CHECK(dom->find("<script") == std::string::npos);
  CHECK(dom->find("<img") == std::string::npos);
  CHECK(dom->find("<a href=\"javascript") == std::string::npos);
  CHECK_THAT(*dom, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_CASE("the comparison of all bundled elections renders with its heatmap and ranking", "[browser]") {
  const auto dom = render("fixtures/elections/*", "comparison");
  if (!dom) return;
  CHECK_THAT(*dom, Catch::Contains("<h1>Comparison of 5 elections</h1>"));
  CHECK_THAT(*dom, Catch::Contains("id=\"chart-heatmap\""));
  CHECK_THAT(*dom, Catch::Contains("id=\"chart-ranking\""));
  CHECK_THAT(*dom, Catch::Contains("Change within each country"));
}

TEST_CASE("PDF output is printed by Chromium and written whole", "[browser]") {
  if (find_chromium().empty()) {
    WARN("Chromium not found (apt-get install chromium): PDF test skipped");
    return;
  }
  const std::string pdf = build_dir() + "/khm-2023.pdf";
  fs::remove(pdf);
  const CliResult result = run_cli("report fixtures/elections/khm-2023 --format pdf -o '" + pdf + "'");
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
  const std::string bytes = read_text(pdf);
  CHECK(bytes.rfind("%PDF-", 0) == 0);
  CHECK(bytes.size() > 20000);
  // Nothing else left beside it.
  for (const auto& entry : fs::directory_iterator(build_dir()))
    CHECK(entry.path().filename().string().rfind(".khm-2023.pdf.", 0) != 0);
}

// PDF output: the HTML briefing printed by headless Chromium, then moved into place atomically.
#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "scrutineer/output_file.hpp"
#include "scrutineer/render.hpp"

extern char** environ;

namespace scrutineer {

namespace fs = std::filesystem;

std::string find_chromium() {
  auto executable = [](const std::string& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0; };
  if (const char* env = std::getenv("SCRUTINEER_CHROMIUM")) return executable(env) ? std::string(env) : std::string();
  if (executable("/usr/bin/chromium")) return "/usr/bin/chromium";
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      if (dir.empty()) continue;
      const std::string candidate = dir + "/chromium";
      if (executable(candidate)) return candidate;
    }
  }
  return "";
}

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `argv` in its own process group with stdout and stderr to `log`; kills the group after
// `timeout`. Returns the exit status, or -1 when it could not run or was killed.
int run(const std::vector<std::string>& argv, const fs::path& log, std::chrono::seconds timeout) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, args[0], &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::string print_pdf(const std::string& html, const std::string& path, bool* missing_browser) {
  if (missing_browser) *missing_browser = false;
  const std::string chromium = find_chromium();
  if (chromium.empty()) {
    if (missing_browser) *missing_browser = true;
    return "PDF output needs Chromium: apt-get install chromium";
  }
  std::string pattern = (fs::temp_directory_path() / "scrutineer-pdf-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) return fmt::format("{}: cannot create a temporary directory", path);
  const fs::path dir(pattern);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};
  const fs::path page = dir / "report.html";
  const fs::path pdf = dir / "report.pdf";
  const fs::path log = dir / "chromium.log";
  if (const std::string error = write_file_atomically(page.string(), html); !error.empty()) return error;
  const std::vector<std::string> argv = {chromium,
                                         "--headless",
                                         "--no-sandbox",
                                         "--disable-gpu",
                                         "--disable-quic",
                                         "--no-first-run",
                                         "--disable-background-networking",
                                         "--disable-component-update",
                                         "--disable-sync",
                                         "--disable-extensions",
                                         "--user-data-dir=" + (dir / "profile").string(),
                                         "--no-pdf-header-footer",
                                         "--print-to-pdf=" + pdf.string(),
                                         "file://" + page.string()};
  const int status = run(argv, log, std::chrono::seconds(120));
  std::error_code ec;
  const std::string bytes = fs::exists(pdf, ec) ? read_all(pdf) : std::string();
  if (status != 0 || bytes.rfind("%PDF", 0) != 0)
    return fmt::format("{}: Chromium ({}) did not print the PDF ({})", path, chromium,
                       status < 0 ? "it failed to run or timed out" : fmt::format("exit {}", status));
  return write_file_atomically(path, bytes);
}

}  // namespace scrutineer

// Batch assessment benchmark: N synthetic elections (60 indicators, 30 evidence items each by
// default) through the whole `assess --batch` pipeline — parse the JSON line, evaluate the rules,
// aggregate, D Monte Carlo draws, leave-one-out, render the JSON scorecard — on T threads.
//   batch_bench [--draws D] [--threads T] [--items I] [--indicators K] N...
// Elections are generated on the fly on the reading thread (their generation time is measured
// separately and reported); output goes to a counting sink. Prints wall time, throughput and the
// process's peak RSS after each N (peak RSS is a high-water mark: run one N per process to see
// each size's own peak).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <streambuf>
#include <thread>
#include <string>
#include <vector>

#include "scrutineer/batch.hpp"
#include "scrutineer/loader.hpp"
#include "synthetic.hpp"

namespace {

// Discards what is written, counting bytes.
class CountingBuffer : public std::streambuf {
 public:
  std::size_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<std::size_t>(n);
    return n;
  }
  int_type overflow(int_type c) override {
    ++bytes;
    return c;
  }
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t draws = 1000, threads = 0;
  int items = 30, indicators = 60;
  std::vector<std::size_t> sizes;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    auto value = [&] { return a + 1 < argc ? std::strtoull(argv[++a], nullptr, 10) : 0ULL; };
    if (arg == "--draws") draws = value();
    else if (arg == "--threads") threads = value();
    else if (arg == "--items") items = static_cast<int>(value());
    else if (arg == "--indicators") indicators = static_cast<int>(value());
    else sizes.push_back(std::strtoull(arg.c_str(), nullptr, 10));
  }
  if (sizes.empty()) sizes = {1000, 10000};

  const std::string path = (std::filesystem::temp_directory_path() / "scrutineer-bench-framework.toml").string();
  std::ofstream(path) << scrutineer::bench::synthetic_framework(indicators / 10, 10);
  scrutineer::Diagnostics diags;
  const auto framework = scrutineer::load_framework(path, diags);
  if (!framework) {
    std::fputs(diags.render().c_str(), stderr);
    return 2;
  }
  std::printf("batch_bench: %d indicators, %d evidence items, %zu draws, %zu threads\n", indicators, items, draws,
              threads ? threads : static_cast<std::size_t>(std::thread::hardware_concurrency()));
  for (std::size_t n : sizes) {
    // Generation alone, for reference.
    auto start = std::chrono::steady_clock::now();
    std::size_t input_bytes = 0;
    for (std::size_t i = 0; i < n; ++i) input_bytes += scrutineer::bench::synthetic_election(1, i, items, indicators).size();
    const double generation = seconds_since(start);

    scrutineer::BatchOptions options;
    options.uncertainty.draws = draws;
    options.threads = threads;
    std::size_t next = 0;
    const scrutineer::BatchSource source = [&](scrutineer::BatchInput& input) {
      if (next == n) return false;
      input.origin = "synthetic";
      input.line = next + 1;
      input.json = scrutineer::bench::synthetic_election(1, next, items, indicators);
      ++next;
      return true;
    };
    CountingBuffer sink;
    std::ostream out(&sink);
    std::ostream err(&sink);
    start = std::chrono::steady_clock::now();
    const scrutineer::BatchSummary summary = scrutineer::run_batch(*framework, source, out, err, options);
    const double wall = seconds_since(start);
    std::printf("%8zu elections: %7.2f s wall (%.1f us/election, %.0f elections/s, %zu election-draws/s), "
                "of which generating input %.2f s; %zu assessed, %zu failed; in %.0f MiB, out %.0f MiB; "
                "peak RSS so far %ld MiB\n",
                n, wall, 1e6 * wall / static_cast<double>(n), static_cast<double>(n) / wall,
                static_cast<std::size_t>(static_cast<double>(n * draws) / wall), generation, summary.assessed,
                summary.failed, static_cast<double>(input_bytes) / (1 << 20), static_cast<double>(sink.bytes) / (1 << 20),
                peak_rss_mib());
    std::fflush(stdout);
  }
  return 0;
}

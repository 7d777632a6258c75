// Writes a synthetic framework and N synthetic elections as JSON Lines, for timing
// `scrutineer assess --batch` as a user would run it:
//   generate_elections OUT_DIR N [SEED] [ITEMS] [INDICATORS]
//   scrutineer assess --batch OUT_DIR/elections.jsonl --framework OUT_DIR/framework.toml > /dev/null
// INDICATORS is a multiple of 10 (10 per criterion); defaults: seed 1, 30 items, 60 indicators.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "synthetic.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: generate_elections OUT_DIR N [SEED] [ITEMS] [INDICATORS]\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const std::size_t n = std::strtoull(argv[2], nullptr, 10);
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  const int items = argc > 4 ? std::atoi(argv[4]) : 30;
  const int indicators = argc > 5 ? std::atoi(argv[5]) : 60;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "framework.toml") << scrutineer::bench::synthetic_framework(indicators / 10, 10);
  std::ofstream out(dir / "elections.jsonl", std::ios::binary);
  for (std::size_t i = 0; i < n; ++i) out << scrutineer::bench::synthetic_election(seed, i, items, indicators) << '\n';
  std::printf("wrote %s/framework.toml and %zu elections to %s/elections.jsonl\n", dir.c_str(), n, dir.c_str());
  return 0;
}

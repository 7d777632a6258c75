#include "scrutineer/output_file.hpp"

#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace scrutineer {

std::string write_file_atomically(const std::string& path, std::string_view contents,
                                  Overwrite overwrite) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (overwrite == Overwrite::Refuse && fs::exists(path, ec))
    return fmt::format("{}: already exists; pass --force to replace it", path);
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) return fmt::format("{}: cannot create a temporary file: {}", path, std::strerror(errno));
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string cause = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      return fmt::format("{}: write failed: {}", path, cause);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string cause = std::strerror(errno);
    ::unlink(temp.c_str());
    return fmt::format("{}: write failed: {}", path, cause);
  }
  ::chmod(temp.c_str(), 0644);
  if (overwrite == Overwrite::Refuse) {
    // link() fails if the target appeared meanwhile: never clobber.
    if (::link(temp.c_str(), path.c_str()) != 0) {
      const std::string cause = std::strerror(errno);
      ::unlink(temp.c_str());
      return fmt::format("{}: cannot create: {}", path, cause);
    }
    ::unlink(temp.c_str());
    return "";
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string cause = std::strerror(errno);
    ::unlink(temp.c_str());
    return fmt::format("{}: cannot replace: {}", path, cause);
  }
  return "";
}

}  // namespace scrutineer

// Output files: written whole or not at all.
#pragma once
#include <string>
#include <string_view>

namespace scrutineer {

enum class Overwrite { Refuse, Allow };

// Writes `contents` to `path` through a temporary file in the same directory, then renames it
// into place: a failure never leaves a half-written file. With Overwrite::Refuse an existing
// file is left untouched. Returns "" on success, else a message naming the path and the cause.
std::string write_file_atomically(const std::string& path, std::string_view contents,
                                  Overwrite overwrite = Overwrite::Allow);

}  // namespace scrutineer

// The CLI's subcommands. Each takes the arguments after its name and returns the exit code:
// 0 ok, 1 the check it performs failed (e.g. verify found a mismatch), 2 bad input or usage.
#pragma once
#include <string>
#include <vector>

namespace scrutineer::cli {

using Args = std::vector<std::string>;

int run_validate(const Args& args);
int run_assess(const Args& args);
int run_compare(const Args& args);
int run_extract(const Args& args);
int run_verify(const Args& args);
int run_import(const Args& args);
int run_report(const Args& args);

}  // namespace scrutineer::cli

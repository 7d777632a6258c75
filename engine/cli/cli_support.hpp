// Shared pieces of the subcommands: the default framework, option parsing with clean errors.
#pragma once
#include <boost/program_options.hpp>
#include <functional>
#include <string>

#include "commands.hpp"

namespace scrutineer::cli {

// `relative` (e.g. "criteria/lexicon.toml") in the working directory, else in the nearest
// ancestor of the executable's directory that holds it (a build tree inside the checkout);
// `relative` itself when found nowhere, so the error names the expected path.
std::string find_data_file(const std::string& relative);

// find_data_file("criteria/standards.toml"), or "" when there is none.
std::string default_framework_path();

// Parses `args` against `options` (and `positional`, when given) into `vm`. Prints
// "scrutineer <command>: <problem>" and returns false on a usage error.
bool parse_options(const std::string& command, const Args& args,
                   const boost::program_options::options_description& options,
                   const boost::program_options::positional_options_description* positional,
                   boost::program_options::variables_map& vm);

// Prints usage for `command` (a synopsis line, then the options) to stdout.
void print_help(const std::string& synopsis, const std::string& description,
                const boost::program_options::options_description& options);

}  // namespace scrutineer::cli

// The options `assess` and `compare` share: uncertainty (--draws, --seed, --concentration,
// --load-bearing) and weights (--weights PROFILE, --weight CRITERION=VALUE).
#pragma once
#include <boost/program_options.hpp>
#include <string>

#include "scrutineer/framework.hpp"
#include "scrutineer/scorecard.hpp"
#include "scrutineer/uncertainty.hpp"

namespace scrutineer::cli {

// With `load_bearing`, also --load-bearing (assess names load-bearing evidence; compare does not).
void add_uncertainty_options(boost::program_options::options_description& options, bool load_bearing = true);

// Reads --draws, --seed, --concentration and --load-bearing into `out`. Prints
// "scrutineer <command>: <problem>" and returns false on a usage error.
bool read_uncertainty_options(const std::string& command, const boost::program_options::variables_map& vm,
                              UncertaintyOptions& out);

// Applies --weights (a profile file, or a name under <framework dir>/profiles/) and then each
// --weight to `options`. Prints problems and returns false when there was any.
bool read_weight_options(const std::string& command, const boost::program_options::variables_map& vm,
                         const Framework& framework, const std::string& framework_path,
                         AssessOptions& options);

}  // namespace scrutineer::cli

// Framework: criteria, indicators, rules, weights, bands and red lines (criteria/*.toml).
#pragma once
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/diagnostics.hpp"

namespace scrutineer {

namespace rules { struct Program; }

enum class AggregationMethod { Arithmetic, Geometric, WeakestLink };

struct StandardReference {
  std::string instrument;  // e.g. "ICCPR"
  std::string provision;   // e.g. "art. 25(b)"
};

enum class RuleEffect { Set, Cap, Floor };

// One entry of an indicator's ordered decision list.
struct Rule {
  std::string id;
  std::string when;  // expression text, as written
  RuleEffect effect = RuleEffect::Set;
  int level = 0;     // 0–4
  std::string why;
  std::string recommendation;
  SourceRegion where;       // the [[rules]] table
  SourceRegion when_where;  // the opening quote of `when`
  std::shared_ptr<const rules::Program> program;  // null until compiled
};

struct Indicator {
  std::string id;
  std::string question;
  double weight = 1.0;
  std::string recommendation;
  std::array<std::string, 5> anchors;  // text for levels 0..4
  std::vector<StandardReference> standards;
  std::vector<Rule> rules;
  SourceRegion where;
};

struct Criterion {
  std::string id;
  std::string title;
  std::string description;
  double weight = 1.0;
  std::vector<Indicator> indicators;
  SourceRegion where;
};

struct Band {
  std::string id;
  std::string label;
  double min = 0;  // lowest overall index in this band
  SourceRegion where;
};

enum class RedLineScope { Overall, Criterion };

struct RedLine {
  std::string id;
  std::string when;
  RedLineScope caps = RedLineScope::Overall;
  std::string band;        // caps == Overall: highest band allowed
  std::string criterion;   // caps == Criterion
  double max_score = 0;    // caps == Criterion: highest criterion score allowed
  std::string why;
  std::string recommendation;
  SourceRegion where;
  SourceRegion when_where;
  std::shared_ptr<const rules::Program> program;
};

struct Framework {
  std::string id;
  std::string version;
  std::string title;
  AggregationMethod method = AggregationMethod::Arithmetic;
  double concentration = 200.0;
  std::vector<Band> bands;  // ascending by min; bands[0].min == 0
  std::vector<Criterion> criteria;
  std::vector<RedLine> red_lines;
  std::string path;

  const Criterion* find_criterion(const std::string& id) const;
  const Indicator* find_indicator(const std::string& id) const;
  // The criterion that holds indicator `id`, or null.
  const Criterion* criterion_of(const std::string& indicator_id) const;
  // Index into bands of the band holding `score`.
  std::size_t band_index(double score) const;
  std::optional<std::size_t> find_band(const std::string& id) const;
  std::vector<std::string> indicator_ids() const;
};

std::string to_string(AggregationMethod m);
std::optional<AggregationMethod> parse_method(const std::string& s);

}  // namespace scrutineer

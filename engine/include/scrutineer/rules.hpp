// Rules: a small, typed, side-effect-free expression language (docs/rules.md).
// Parsed and type-checked when the framework loads; evaluated against one election.
#pragma once
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/derived_facts.hpp"
#include "scrutineer/diagnostics.hpp"
#include "scrutineer/election.hpp"

namespace scrutineer::rules {

// Where an expression is used. Indicator rules may read `linked` (evidence that names the
// indicator); red lines may not.
enum class Scope { Indicator, RedLine };

struct Program;  // a parsed, type-checked boolean expression (opaque)

// Compiles `text`, which must have type bool. On error reports to `diags` with the position
// inside the TOML string: `text_origin` is the region of the string's opening quote, and the
// column of character i of a single-line string is text_origin.column + 1 + i.
// Returns null when there were errors.
std::shared_ptr<const Program> compile(std::string_view text, const SourceRegion& text_origin,
                                       Scope scope, Diagnostics& diags);

struct EvalContext {
  const Election& election;
  const DerivedFacts& facts;
  std::span<const EvidenceItem* const> evidence;  // the ledger in force (after --as-of, draws…)
  std::span<const EvidenceItem* const> linked;    // those naming the indicator being decided
};

struct Outcome {
  bool holds = false;
  // Evidence ids that satisfied a comprehension's predicate while evaluating, sorted, unique:
  // the evidence that made the rule fire.
  std::vector<std::string> witnesses;
  // Set when the expression read a fact the election lacks (then holds is false).
  std::optional<std::string> missing_fact;
};

Outcome evaluate(const Program& program, const EvalContext& context);

// The names of the facts the program reads (`facts.x`, `has(facts.x)`), sorted, unique: what a
// trace shows beside the evidence.
std::vector<std::string> facts_read(const Program& program);

// The evidence items whose presence can change the outcome of `program`, for evaluating it on
// many sub-ledgers (the uncertainty draws drop items; leave-one-out drops one). `context` holds
// the whole ledger in force and, for an indicator rule, its linked part. Returns the positions
// in context.evidence (ascending) of the items that matter: for every sub-ledger S of it (with
// linked ∩ S as `linked`), `evaluate` gives the same `holds` and `missing_fact` on S as on the
// items of S at those positions. Found statically: an item matters when it can reach a
// comprehension and its predicate holds (exists, count, filter), fails (all) or cannot be
// decided, or when it is counted by size(). nullopt when a predicate reads the ledger or an
// outer comprehension's variable, so that items cannot be judged one at a time: then any item
// may matter.
std::optional<std::vector<std::size_t>> relevant_evidence(const Program& program,
                                                          const EvalContext& context);

}  // namespace scrutineer::rules

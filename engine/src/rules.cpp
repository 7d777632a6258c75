// The rules language: type checker (syntax tree → typed node tree) and evaluation.
// Lexer and parser: rules_syntax.hpp. Compiled nodes: rules_nodes.hpp. Spec: docs/rules.md.
#include "scrutineer/rules.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <variant>

#include "rules_nodes.hpp"
#include "rules_syntax.hpp"

namespace scrutineer::rules {

// How the evidence reaches a program's comprehensions, worked out once when it compiles (for
// relevant_evidence; see the end of this file).
struct RelevancePlan {
  // A list<evidence>: `evidence` or `linked`, narrowed by filters, innermost first.
  struct List {
    bool linked = false;
    std::vector<const nodes::Comprehension*> filters;
  };
  enum class Use { Holds, Fails, Everything };  // exists/count, all, size()
  struct Quantifier {
    Use use = Use::Holds;
    List list;
    const nodes::Comprehension* comprehension = nullptr;  // null for size()
  };
  bool opaque = false;  // a predicate reads the ledger or an outer variable
  std::vector<Quantifier> quantifiers;
};

struct Program {
  nodes::Ptr<nodes::BoolExpr> root;
  RelevancePlan plan;
};

RelevancePlan plan_relevance(const nodes::BoolExpr& root);

namespace {

using syntax::Node;
using namespace nodes;

enum class Type { Error, Bool, Number, String, Date, StringList, Evidence, EvidenceList };

std::string type_name(Type t) {
  switch (t) {
    case Type::Error: return "<error>";
    case Type::Bool: return "bool";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Date: return "date";
    case Type::StringList: return "list<string>";
    case Type::Evidence: return "evidence";
    case Type::EvidenceList: return "list<evidence>";
  }
  return "";
}

// The language type of a node value type (see nodes::Expr).
template <class T>
constexpr Type type_of() {
  if constexpr (std::is_same_v<T, bool>) {
    return Type::Bool;
  } else if constexpr (std::is_same_v<T, double>) {
    return Type::Number;
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    return Type::String;
  } else if constexpr (std::is_same_v<T, scrutineer::Date>) {
    return Type::Date;
  } else {
    static_assert(std::is_same_v<T, std::span<const std::string>>);
    return Type::StringList;
  }
}

// ---- enumerated string values ----

// The spelling of each value of an enum, from election.hpp's to_string, in enumerator order.
template <class Enum, std::size_t N>
std::vector<std::string> spellings(const std::array<Enum, N>& values) {
  std::vector<std::string> names;
  for (Enum v : values) names.push_back(to_string(v));
  return names;
}

const std::vector<std::string>& kind_names() {
  static const auto names = spellings(std::array{
      SourceKind::ObserverMission, SourceKind::Ngo, SourceKind::Un, SourceKind::Media,
      SourceKind::Government, SourceKind::Court});
  return names;
}
const std::vector<std::string>& polarity_names() {
  static const auto names = spellings(std::array{Polarity::Undermines, Polarity::Supports});
  return names;
}
const std::vector<std::string>& status_names() {
  static const auto names =
      spellings(std::array{EvidenceStatus::Candidate, EvidenceStatus::Reviewed});
  return names;
}
const std::vector<std::string>& phase_names() {
  static const auto names =
      spellings(std::array{Phase::PreElection, Phase::ElectionDay, Phase::PostElection});
  return names;
}
// docs/formats.md, [election] type.
const std::vector<std::string>& election_type_names() {
  static const std::vector<std::string> names = {"general", "senate", "presidential", "local",
                                                 "referendum"};
  return names;
}

template <class Enum>
std::string_view spelling(const std::vector<std::string>& names, Enum value) {
  return names[static_cast<std::size_t>(value)];
}

// A string field that only takes a few values: comparing it with any other literal is an
// error, since it could never match.
struct Domain {
  std::string_view what;  // "kind", "polarity", …
  const std::vector<std::string>& (*values)();
};

// ---- fields ----

template <class T>
using ItemReader = T (*)(const EvidenceItem&, const Election&);
using AnyItemReader = std::variant<ItemReader<std::string_view>, ItemReader<double>,
                                   ItemReader<scrutineer::Date>,
                                   ItemReader<std::span<const std::string>>>;

struct EvidenceFieldSpec {
  std::string name;
  AnyItemReader read;
  const Domain* domain = nullptr;
};

const Domain kKindDomain{"kind", kind_names};
const Domain kPolarityDomain{"polarity", polarity_names};
const Domain kStatusDomain{"status", status_names};
const Domain kPhaseDomain{"phase", phase_names};
const Domain kElectionTypeDomain{"election type", election_type_names};

const Document* document_of(const EvidenceItem& item, const Election& election) {
  return election.find_document(item.document);
}

// Evidence fields (docs/rules.md). Publisher and kind come from the item's document; both are
// "" when the document is not in the election.
const std::vector<EvidenceFieldSpec>& evidence_fields() {
  using sv = std::string_view;
  using Item = const EvidenceItem&;
  using El = const Election&;
  static const std::vector<EvidenceFieldSpec> fields = {
      {"id", +[](Item e, El) -> sv { return e.id; }},
      {"document", +[](Item e, El) -> sv { return e.document; }},
      {"publisher",
       +[](Item e, El el) -> sv {
         const Document* d = document_of(e, el);
         return d ? sv(d->publisher) : sv();
       }},
      {"kind",
       +[](Item e, El el) -> sv {
         const Document* d = document_of(e, el);
         return d ? spelling(kind_names(), d->kind) : sv();
       },
       &kKindDomain},
      {"polarity", +[](Item e, El) -> sv { return spelling(polarity_names(), e.polarity); },
       &kPolarityDomain},
      {"reliability", +[](Item e, El) -> sv { return sv(&e.reliability, 1); }},
      {"status", +[](Item e, El) -> sv { return spelling(status_names(), e.status); },
       &kStatusDomain},
      {"tags", +[](Item e, El) -> std::span<const std::string> { return e.tags; }},
      {"indicators", +[](Item e, El) -> std::span<const std::string> { return e.indicators; }},
      {"severity", +[](Item e, El) -> double { return e.severity; }},
      {"credibility", +[](Item e, El) -> double { return e.credibility; }},
      {"corroborations",
       +[](Item e, El) -> double { return static_cast<double>(e.corroborated_by.size()); }},
      {"date", +[](Item e, El) -> scrutineer::Date { return e.date; }},
  };
  return fields;
}

template <class T>
using ElectionReader = T (*)(const Election&);

struct ElectionFieldSpec {
  std::string name;
  std::variant<ElectionReader<std::string_view>, ElectionReader<scrutineer::Date>> read;
  const Domain* domain = nullptr;
};

const std::vector<ElectionFieldSpec>& election_fields() {
  using sv = std::string_view;
  using El = const Election&;
  static const std::vector<ElectionFieldSpec> fields = {
      {"phase", +[](El e) -> sv { return spelling(phase_names(), e.phase); }, &kPhaseDomain},
      {"type", +[](El e) -> sv { return e.type; }, &kElectionTypeDomain},
      {"country", +[](El e) -> sv { return e.country; }},
      {"date", +[](El e) -> scrutineer::Date { return e.date; }},
  };
  return fields;
}

template <class Spec>
std::vector<std::string> names_of(const std::vector<Spec>& specs) {
  std::vector<std::string> names;
  for (const auto& s : specs) names.push_back(s.name);
  return names;
}

template <class Spec>
const Spec* find_spec(const std::vector<Spec>& specs, const std::string& name) {
  for (const auto& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}

const std::vector<std::string> kFunctions = {"date", "size", "has"};
const std::vector<std::string> kMethods = {"exists", "all", "count", "filter"};

// "; did you mean 'x'?" or "".
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string best = closest_match(word, candidates);
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

// ---- the type checker ----

// A checked sub-expression. `node` is null for Error (already reported) and for Evidence
// (a comprehension variable, read only through its fields).
struct Typed {
  Type type = Type::Error;
  std::unique_ptr<const nodes::Node> node;
  std::size_t slot = 0;            // Evidence: the variable's slot
  const Domain* domain = nullptr;  // String: the values it can take, when known
};

template <class T>
Typed typed(std::unique_ptr<const T> node, const Domain* domain = nullptr) {
  Typed t;
  if constexpr (std::is_base_of_v<ItemListExpr, T>)
    t.type = Type::EvidenceList;
  else
    t.type = type_of<decltype(std::declval<T>().value(std::declval<Frame&>()))>();
  t.node = std::move(node);
  t.domain = domain;
  return t;
}

template <class T, class... Args>
Typed make_typed(Args&&... args) {
  return typed(Ptr<T>(std::make_unique<T>(std::forward<Args>(args)...)));
}

// Takes the node of `t`, whose type the caller has checked to be the one of T.
template <class T>
Ptr<T> take(Typed& t) {
  return Ptr<T>(static_cast<const T*>(t.node.release()));
}

class Checker {
 public:
  Checker(std::string_view text, const SourceRegion& origin, Scope scope, Diagnostics& diags)
      : text_(text), origin_(origin), scope_(scope), diags_(diags) {}

  bool failed() const { return failed_; }

  // Reports an error at byte offset `at` of the expression text.
  void report(std::size_t at, std::string message) {
    failed_ = true;
    // Columns count UTF-8 code points, as toml++ and Diagnostics::render do.
    int column = origin_.column + 1;
    for (std::size_t i = 0; i < at && i < text_.size(); ++i)
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    diags_.error({origin_.file, origin_.line, column}, std::move(message));
  }

  Typed check(const Node& n) {
    switch (n.kind) {
      case Node::Kind::Number: return make_typed<Literal<double>>(n.number);
      case Node::Kind::String: return make_typed<StringLiteral>(n.text);
      case Node::Kind::Bool: return make_typed<Literal<bool>>(n.boolean);
      case Node::Kind::Name: return name(n);
      case Node::Kind::List: return list(n);
      case Node::Kind::Unary: return unary(n);
      case Node::Kind::Binary: return binary(n);
      case Node::Kind::Field: return field(n);
      case Node::Kind::Call: return call(n);
      case Node::Kind::Method: return method(n);
    }
    return {};
  }

 private:
  Typed error(std::size_t at, std::string message) {
    report(at, std::move(message));
    return {};
  }

  Typed name(const Node& n) {
    const auto variable = std::find(variables_.begin(), variables_.end(), n.text);
    if (variable != variables_.end()) {
      Typed t;
      t.type = Type::Evidence;
      t.slot = static_cast<std::size_t>(variable - variables_.begin());
      return t;
    }
    if (n.text == "evidence") return make_typed<ContextList>(&EvalContext::evidence);
    if (n.text == "linked") {
      if (scope_ == Scope::RedLine)
        return error(n.at, "'linked' is only available in indicator rules");
      return make_typed<ContextList>(&EvalContext::linked);
    }
    if (n.text == "facts") return error(n.at, "'facts' needs a fact name, e.g. facts.turnout");
    if (n.text == "election")
      return error(n.at, "'election' needs a field name, e.g. election.phase");
    return error(n.at, "unknown identifier '" + n.text + "'" + suggestion(n.text, known_names()));
  }

  std::vector<std::string> known_names() const {
    std::vector<std::string> names = {"evidence", "facts", "election"};
    if (scope_ == Scope::Indicator) names.push_back("linked");
    names.insert(names.end(), variables_.begin(), variables_.end());
    return names;
  }

  // [ 'a', 'b' ]: string literals only, so a list is a constant.
  Typed list(const Node& n) {
    std::vector<std::string> items;
    bool ok = true;
    for (const auto& element : n.operands) {
      if (element->kind == Node::Kind::String) {
        items.push_back(element->text);
      } else {
        report(element->start, "a list literal holds string literals only");
        ok = false;
      }
    }
    if (!ok) return {};
    return make_typed<StringListLiteral>(std::move(items));
  }

  Typed unary(const Node& n) {
    Typed operand = check(*n.operands[0]);
    if (operand.type == Type::Error) return {};
    if (n.text == "!") {
      if (operand.type != Type::Bool)
        return error(n.at, "type error: '!' needs a bool operand, got " + type_name(operand.type));
      return make_typed<Not>(take<BoolExpr>(operand));
    }
    if (operand.type != Type::Number)
      return error(n.at, "type error: '-' needs a number operand, got " + type_name(operand.type));
    return make_typed<Negate>(take<NumberExpr>(operand));
  }

  Typed binary(const Node& n) {
    Typed left = check(*n.operands[0]);
    Typed right = check(*n.operands[1]);
    if (left.type == Type::Error || right.type == Type::Error) return {};
    const std::string& op = n.text;
    const std::string got = type_name(left.type) + " and " + type_name(right.type);
    if (op == "&&" || op == "||") {
      if (left.type != Type::Bool || right.type != Type::Bool)
        return error(n.at, "type error: '" + op + "' needs bool operands, got " + got);
      return make_typed<Logical>(op == "||", take<BoolExpr>(left), take<BoolExpr>(right));
    }
    if (op == "+" || op == "-" || op == "*" || op == "/") {
      if (left.type != Type::Number || right.type != Type::Number)
        return error(n.at, "type error: '" + op + "' needs number operands, got " + got);
      auto a = take<NumberExpr>(left);
      auto b = take<NumberExpr>(right);
      if (op == "+") return make_typed<Arithmetic<std::plus<>>>(std::move(a), std::move(b));
      if (op == "-") return make_typed<Arithmetic<std::minus<>>>(std::move(a), std::move(b));
      if (op == "*") return make_typed<Arithmetic<std::multiplies<>>>(std::move(a), std::move(b));
      return make_typed<Divide>(std::move(a), std::move(b));
    }
    if (op == "in") return membership(n, left, right);
    return comparison(n, left, right);
  }

  Typed membership(const Node& n, Typed& needle, Typed& list) {
    if (needle.type != Type::String || list.type != Type::StringList)
      return error(n.at, "type error: 'in' needs a string and a list<string>, got " +
                             type_name(needle.type) + " and " + type_name(list.type));
    if (needle.domain && n.operands[1]->kind == Node::Kind::List)
      for (const auto& element : n.operands[1]->operands) check_value(*needle.domain, *element);
    return make_typed<Membership>(take<StringExpr>(needle), take<StringListExpr>(list));
  }

  Typed comparison(const Node& n, Typed& left, Typed& right) {
    const std::string& op = n.text;
    const bool equality = op == "==" || op == "!=";
    const std::string got = type_name(left.type) + " and " + type_name(right.type);
    if (left.type != right.type) {
      if (equality)
        return error(n.at, "type error: '" + op + "' needs operands of the same type, got " + got);
      return error(n.at, "type error: '" + op + "' needs two numbers, strings or dates, got " + got);
    }
    switch (left.type) {
      case Type::Number: return compare<double>(op, left, right);
      case Type::String:
        if (equality) {
          if (left.domain) check_value(*left.domain, *n.operands[1]);
          if (right.domain) check_value(*right.domain, *n.operands[0]);
        }
        return compare<std::string_view>(op, left, right);
      case Type::Date: return compare<scrutineer::Date>(op, left, right);
      case Type::Bool:
        if (equality) return compare<bool>(op, left, right);
        return error(n.at, "type error: '" + op + "' needs two numbers, strings or dates, got " + got);
      default:
        return error(n.at, "type error: '" + op + "' cannot compare " + type_name(left.type) +
                               " values");
    }
  }

  // Both operands have value type T; `op` is a comparison operator.
  template <class T>
  Typed compare(const std::string& op, Typed& left, Typed& right) {
    auto a = take<Expr<T>>(left);
    auto b = take<Expr<T>>(right);
    if (op == "==") return make_typed<Comparison<T, std::equal_to<>>>(std::move(a), std::move(b));
    if (op == "!=")
      return make_typed<Comparison<T, std::not_equal_to<>>>(std::move(a), std::move(b));
    if (op == "<") return make_typed<Comparison<T, std::less<>>>(std::move(a), std::move(b));
    if (op == "<=") return make_typed<Comparison<T, std::less_equal<>>>(std::move(a), std::move(b));
    if (op == ">") return make_typed<Comparison<T, std::greater<>>>(std::move(a), std::move(b));
    return make_typed<Comparison<T, std::greater_equal<>>>(std::move(a), std::move(b));
  }

  // A string literal compared with a field of `domain` must be one of its values.
  void check_value(const Domain& domain, const Node& literal) {
    if (literal.kind != Node::Kind::String) return;
    const auto& values = domain.values();
    if (std::find(values.begin(), values.end(), literal.text) != values.end()) return;
    report(literal.at, "unknown " + std::string(domain.what) + " '" + literal.text + "'" +
                           suggestion(literal.text, values));
  }

  Typed field(const Node& n) {
    const Node& receiver = *n.operands[0];
    // Comprehension variables never take these names, so they always mean the roots.
    if (receiver.kind == Node::Kind::Name) {
      if (receiver.text == "facts") return fact(n);
      if (receiver.text == "election") return election_field(n);
    }
    Typed object = check(receiver);
    if (object.type == Type::Error) return {};
    if (object.type != Type::Evidence)
      return error(n.at, "type error: " + type_name(object.type) + " has no field '" + n.text + "'");
    const EvidenceFieldSpec* spec = find_spec(evidence_fields(), n.text);
    if (!spec)
      return error(n.at, "unknown evidence field '" + n.text + "'" +
                             suggestion(n.text, names_of(evidence_fields())));
    const std::size_t slot = object.slot;
    return std::visit(
        [&](auto read) {
          using T = decltype(read(std::declval<const EvidenceItem&>(),
                                  std::declval<const Election&>()));
          return typed(Ptr<ItemField<T>>(std::make_unique<ItemField<T>>(slot, read)), spec->domain);
        },
        spec->read);
  }

  bool is_variable(const std::string& name) const {
    return std::find(variables_.begin(), variables_.end(), name) != variables_.end();
  }

  // facts.<name>
  Typed fact(const Node& n) {
    if (!known_fact(n)) return {};
    return make_typed<FactRead>(n.text);
  }

  bool known_fact(const Node& n) {
    const auto& names = fact_names();
    if (std::find(names.begin(), names.end(), n.text) != names.end()) return true;
    report(n.at, "unknown fact '" + n.text + "'" + suggestion(n.text, names));
    return false;
  }

  // election.<name>
  Typed election_field(const Node& n) {
    const ElectionFieldSpec* spec = find_spec(election_fields(), n.text);
    if (!spec)
      return error(n.at, "unknown election field '" + n.text + "'" +
                             suggestion(n.text, names_of(election_fields())));
    return std::visit(
        [&](auto read) {
          using T = decltype(read(std::declval<const Election&>()));
          return typed(Ptr<ElectionField<T>>(std::make_unique<ElectionField<T>>(read)),
                       spec->domain);
        },
        spec->read);
  }

  Typed call(const Node& n) {
    if (std::find(kFunctions.begin(), kFunctions.end(), n.text) == kFunctions.end())
      return error(n.at, "unknown function '" + n.text + "'" + suggestion(n.text, kFunctions));
    if (n.operands.size() != 1)
      return error(n.at, "'" + n.text + "' takes 1 argument, got " +
                             std::to_string(n.operands.size()));
    const Node& argument = *n.operands[0];
    if (n.text == "date") {
      std::optional<scrutineer::Date> day;
      if (argument.kind == Node::Kind::String) day = parse_date(argument.text);
      if (!day)
        return error(argument.start, "date(...) needs a literal 'YYYY-MM-DD' that is a real day");
      return make_typed<Literal<scrutineer::Date>>(*day);
    }
    if (n.text == "has") {
      const bool is_fact = argument.kind == Node::Kind::Field &&
                           argument.operands[0]->kind == Node::Kind::Name &&
                           argument.operands[0]->text == "facts";
      if (!is_fact) return error(argument.start, "'has' needs a fact, e.g. has(facts.turnout)");
      if (!known_fact(argument)) return {};
      return make_typed<HasFact>(argument.text);
    }
    Typed list = check(argument);  // size
    if (list.type == Type::EvidenceList) return make_typed<SizeOfItems>(take<ItemListExpr>(list));
    if (list.type == Type::StringList) return make_typed<SizeOfStrings>(take<StringListExpr>(list));
    if (list.type == Type::Error) return {};
    return error(argument.start, "type error: 'size' needs a list, got " + type_name(list.type));
  }

  // L.exists(x, p), L.all(x, p), L.count(x, p), L.filter(x, p)
  Typed method(const Node& n) {
    const std::string& name = n.text;
    if (std::find(kMethods.begin(), kMethods.end(), name) == kMethods.end())
      return error(n.at, "unknown method '" + name + "'" + suggestion(name, kMethods));
    Typed source = check(*n.operands[0]);
    bool ok = source.type != Type::Error;
    if (ok && source.type != Type::EvidenceList) {
      report(n.at, "type error: '" + name + "' needs a list<evidence>, got " +
                       type_name(source.type));
      ok = false;
    }
    if (n.operands.size() != 3)
      return error(n.at, "'" + name + "' takes a variable and a predicate, e.g. L." + name +
                             "(e, e.severity >= 3)");
    const Node& variable = *n.operands[1];
    if (variable.kind != Node::Kind::Name)
      return error(variable.start, "the first argument of '" + name + "' must be a variable name");
    if (is_variable(variable.text) || variable.text == "evidence" || variable.text == "linked" ||
        variable.text == "facts" || variable.text == "election")
      return error(variable.at, "'" + variable.text + "' is already a name; choose another variable");
    if (variables_.size() == kMaxVariables)
      return error(n.at, "comprehensions nest too deeply (at most " +
                             std::to_string(kMaxVariables) + ")");

    const Node& predicate_syntax = *n.operands[2];
    variables_.push_back(variable.text);
    Typed predicate = check(predicate_syntax);
    variables_.pop_back();
    if (predicate.type == Type::Error || !ok) return {};
    if (predicate.type != Type::Bool)
      return error(predicate_syntax.start, "type error: the predicate of '" + name +
                                               "' must be bool, got " + type_name(predicate.type));

    Comprehension c{take<ItemListExpr>(source), variables_.size(), take<BoolExpr>(predicate)};
    if (name == "exists") return make_typed<Exists>(std::move(c));
    if (name == "all") return make_typed<All>(std::move(c));
    if (name == "count") return make_typed<Count>(std::move(c));
    return make_typed<Filter>(std::move(c));
  }

  std::string_view text_;
  const SourceRegion& origin_;
  Scope scope_;
  Diagnostics& diags_;
  std::vector<std::string> variables_;  // comprehension variables in scope; index = slot
  bool failed_ = false;
};

}  // namespace

std::shared_ptr<const Program> compile(std::string_view text, const SourceRegion& text_origin,
                                       Scope scope, Diagnostics& diags) {
  Checker checker(text, text_origin, scope, diags);
  syntax::Error syntax_error{0, {}};
  const syntax::NodePtr tree = syntax::parse(text, syntax_error);
  if (!tree) {
    checker.report(syntax_error.at, std::move(syntax_error.message));
    return nullptr;
  }
  Typed root = checker.check(*tree);
  if (root.type != Type::Error && root.type != Type::Bool)
    checker.report(tree->start, "rule must be a bool expression, got " + type_name(root.type));
  if (checker.failed()) return nullptr;
  auto program = std::make_shared<Program>();
  program->root = take<BoolExpr>(root);
  program->plan = plan_relevance(*program->root);
  return program;
}

std::vector<std::string> facts_read(const Program& program) {
  std::vector<std::string> names;
  std::vector<const nodes::Node*> pending{program.root.get()};
  while (!pending.empty()) {
    const nodes::Node* node = pending.back();
    pending.pop_back();
    if (const auto* read = dynamic_cast<const nodes::FactRead*>(node)) names.push_back(read->name_);
    if (const auto* has = dynamic_cast<const nodes::HasFact*>(node)) names.push_back(has->name_);
    node->children(pending);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

Outcome evaluate(const Program& program, const EvalContext& context) {
  Frame frame{context};
  const bool holds = program.root->value(frame);
  Outcome outcome;
  if (frame.aborted) {
    if (frame.missing_fact) outcome.missing_fact = *frame.missing_fact;
    return outcome;
  }
  outcome.holds = holds;
  // Drop repeated items before copying ids (one item often satisfies several predicates).
  auto& items = frame.witnesses;
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  outcome.witnesses.reserve(items.size());
  for (const EvidenceItem* item : items) outcome.witnesses.push_back(item->id);
  std::sort(outcome.witnesses.begin(), outcome.witnesses.end());
  outcome.witnesses.erase(std::unique(outcome.witnesses.begin(), outcome.witnesses.end()),
                          outcome.witnesses.end());
  return outcome;
}

}  // namespace scrutineer::rules

// ---- static analysis: which evidence can change an outcome ----

namespace scrutineer::rules {

namespace {

using nodes::Comprehension;

// Whether `node` reads nothing that varies with the ledger but the variable in `slot`.
bool item_local(const nodes::Node& node, std::size_t slot) {
  if (dynamic_cast<const nodes::ItemListExpr*>(&node)) return false;
  if (const auto* read = dynamic_cast<const nodes::VariableRead*>(&node))
    if (read->slot_ != slot) return false;
  std::vector<const nodes::Node*> children;
  node.children(children);
  for (const nodes::Node* child : children)
    if (!item_local(*child, slot)) return false;
  return true;
}

class Planner {
 public:
  RelevancePlan plan;

  void visit(const nodes::Node& node) {
    if (plan.opaque) return;
    if (dynamic_cast<const nodes::ItemListExpr*>(&node)) {
      plan.opaque = true;  // a list outside a comprehension or size(): cannot happen when checked
      return;
    }
    if (const auto* n = dynamic_cast<const nodes::Exists*>(&node)) return quantifier(n->comprehension(), RelevancePlan::Use::Holds);
    if (const auto* n = dynamic_cast<const nodes::Count*>(&node)) return quantifier(n->comprehension(), RelevancePlan::Use::Holds);
    if (const auto* n = dynamic_cast<const nodes::All*>(&node)) return quantifier(n->comprehension(), RelevancePlan::Use::Fails);
    if (const auto* n = dynamic_cast<const nodes::SizeOfItems*>(&node)) {
      RelevancePlan::Quantifier q;
      q.use = RelevancePlan::Use::Everything;
      if (!list(*n->list_, q.list)) return;
      plan.quantifiers.push_back(std::move(q));
      return;
    }
    std::vector<const nodes::Node*> children;
    node.children(children);
    for (const nodes::Node* child : children) visit(*child);
  }

 private:
  void quantifier(const Comprehension& c, RelevancePlan::Use use) {
    RelevancePlan::Quantifier q;
    q.use = use;
    q.comprehension = &c;
    if (!list(*c.source, q.list)) return;
    if (!item_local(*c.predicate, c.slot)) {
      plan.opaque = true;
      return;
    }
    plan.quantifiers.push_back(std::move(q));
  }

  bool list(const nodes::ItemListExpr& node, RelevancePlan::List& out) {
    if (const auto* base = dynamic_cast<const nodes::ContextList*>(&node)) {
      out.linked = base->member_ == &EvalContext::linked;
      return true;
    }
    if (const auto* filter = dynamic_cast<const nodes::Filter*>(&node)) {
      const Comprehension& c = filter->comprehension();
      if (!list(*c.source, out)) return false;
      if (!item_local(*c.predicate, c.slot)) {
        plan.opaque = true;
        return false;
      }
      out.filters.push_back(&c);
      return true;
    }
    plan.opaque = true;
    return false;
  }
};

enum class Verdict { True, False, Undecided };

Verdict verdict(const Comprehension& c, const EvidenceItem& item, const EvalContext& context) {
  nodes::Frame frame{context};
  frame.variables[c.slot] = &item;
  const bool held = c.predicate->value(frame);
  if (frame.aborted) return Verdict::Undecided;
  return held ? Verdict::True : Verdict::False;
}

}  // namespace

RelevancePlan plan_relevance(const nodes::BoolExpr& root) {
  Planner planner;
  planner.visit(root);
  if (planner.plan.opaque) planner.plan.quantifiers.clear();
  return std::move(planner.plan);
}

std::optional<std::vector<std::size_t>> relevant_evidence(const Program& program,
                                                          const EvalContext& context) {
  const RelevancePlan& plan = program.plan;
  if (plan.opaque) return std::nullopt;
  const std::size_t n = context.evidence.size();
  std::vector<char> relevant(n, 0), members;
  std::vector<std::size_t> linked_positions;
  bool linked_known = false;
  for (const auto& q : plan.quantifiers) {
    // The positions that can be in the list.
    members.assign(n, q.list.linked ? 0 : 1);
    if (q.list.linked) {
      if (!linked_known) {
        for (const EvidenceItem* item : context.linked) {
          std::size_t k = 0;
          while (k < n && context.evidence[k] != item) ++k;
          if (k == n) return std::nullopt;  // a linked item outside the ledger
          linked_positions.push_back(k);
        }
        linked_known = true;
      }
      for (std::size_t k : linked_positions) members[k] = 1;
    }
    for (const Comprehension* filter : q.list.filters)
      for (std::size_t k = 0; k < n; ++k) {
        if (!members[k]) continue;
        const Verdict v = verdict(*filter, *context.evidence[k], context);
        if (v == Verdict::Undecided) relevant[k] = 1;  // visiting it aborts the evaluation
        if (v != Verdict::True) members[k] = 0;
      }
    for (std::size_t k = 0; k < n; ++k) {
      if (!members[k]) continue;
      if (q.use == RelevancePlan::Use::Everything) {
        relevant[k] = 1;
        continue;
      }
      const Verdict v = verdict(*q.comprehension, *context.evidence[k], context);
      if (v == Verdict::Undecided || (v == Verdict::True) == (q.use == RelevancePlan::Use::Holds)) relevant[k] = 1;
    }
  }
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < n; ++k)
    if (relevant[k]) out.push_back(k);
  return out;
}

}  // namespace scrutineer::rules

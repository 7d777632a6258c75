// Private to rules.cpp: the compiled form of a rule, a tree of typed nodes.
// The type checker builds it with every type, field and fact resolved, so evaluating does no
// type dispatch and no name lookup beyond the fact table, throws nothing and allocates only
// the witness list.
#pragma once
#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scrutineer/rules.hpp"

namespace scrutineer::rules::nodes {

// Most comprehensions one expression may nest (each binds one variable slot).
inline constexpr std::size_t kMaxVariables = 16;

// The mutable state of one evaluation.
struct Frame {
  explicit Frame(const EvalContext& c) : context(c) {}
  const EvalContext& context;
  std::array<const EvidenceItem*, kMaxVariables> variables{};  // by comprehension slot
  std::vector<const EvidenceItem*> witnesses;  // items whose comprehension predicate held
  const std::string* missing_fact = nullptr;   // set with `aborted` when a fact was absent
  // A fact was absent or a number was divided by zero: the rule does not fire. Values
  // computed after this are meaningless; loops stop early and the result is discarded.
  bool aborted = false;
};

struct Node {
  virtual ~Node() = default;
  // The direct sub-expressions, for the static analysis behind rules::relevant_evidence.
  virtual void children(std::vector<const Node*>&) const {}
};

// A node that reads the comprehension variable in `slot` (ItemField).
struct VariableRead {
  std::size_t slot_ = 0;
};

// An expression of value type T: bool, double (number), std::string_view (string), Date,
// std::span<const std::string> (list<string>). String views point into the election, the
// evidence or the program, never at temporaries.
template <class T>
struct Expr : Node {
  virtual T value(Frame& frame) const = 0;
};
using BoolExpr = Expr<bool>;
using NumberExpr = Expr<double>;
using StringExpr = Expr<std::string_view>;
using DateExpr = Expr<Date>;
using StringListExpr = Expr<std::span<const std::string>>;

// A non-owning reference to a callable taking an evidence item (std::function might allocate).
class ItemVisitor {
 public:
  template <class F>
  explicit ItemVisitor(const F& f)
      : object_(&f), call_([](const void* o, const EvidenceItem& item) {
          (*static_cast<const F*>(o))(item);
        }) {}
  void operator()(const EvidenceItem& item) const { call_(object_, item); }

 private:
  const void* object_;
  void (*call_)(const void*, const EvidenceItem&);
};

// A list<evidence>: visited item by item, never materialized.
struct ItemListExpr : Node {
  // Calls `visit` on each item in order; stops early once the frame is aborted.
  virtual void each(Frame& frame, ItemVisitor visit) const = 0;
  virtual std::size_t size(Frame& frame) const {
    std::size_t n = 0;
    auto count = [&n](const EvidenceItem&) { ++n; };
    each(frame, ItemVisitor(count));
    return n;
  }
};

template <class T>
using Ptr = std::unique_ptr<const T>;

// ---- literals and names ----

template <class T>
struct Literal final : Expr<T> {
  explicit Literal(T v) : v_(v) {}
  T value(Frame&) const override { return v_; }
  T v_;
};

struct StringLiteral final : StringExpr {
  explicit StringLiteral(std::string v) : v_(std::move(v)) {}
  std::string_view value(Frame&) const override { return v_; }
  std::string v_;
};

struct StringListLiteral final : StringListExpr {
  explicit StringListLiteral(std::vector<std::string> v) : v_(std::move(v)) {}
  std::span<const std::string> value(Frame&) const override { return v_; }
  std::vector<std::string> v_;
};

// `evidence` or `linked`.
struct ContextList final : ItemListExpr {
  using Member = std::span<const EvidenceItem* const> EvalContext::*;
  explicit ContextList(Member m) : member_(m) {}
  void each(Frame& frame, ItemVisitor visit) const override {
    for (const EvidenceItem* item : frame.context.*member_) {
      if (frame.aborted) return;
      visit(*item);
    }
  }
  std::size_t size(Frame& frame) const override { return (frame.context.*member_).size(); }
  Member member_;
};

// `facts.<name>`: reading an absent fact aborts the evaluation.
struct FactRead final : NumberExpr {
  explicit FactRead(std::string name) : name_(std::move(name)) {}
  double value(Frame& frame) const override {
    const auto& values = frame.context.facts.values;
    const auto found = values.find(name_);
    if (found != values.end()) return found->second;
    if (!frame.aborted) frame.missing_fact = &name_;
    frame.aborted = true;
    return 0;
  }
  std::string name_;
};

// `has(facts.<name>)`.
struct HasFact final : BoolExpr {
  explicit HasFact(std::string name) : name_(std::move(name)) {}
  bool value(Frame& frame) const override { return frame.context.facts.values.contains(name_); }
  std::string name_;
};

// `election.<field>`.
template <class T>
struct ElectionField final : Expr<T> {
  using Read = T (*)(const Election&);
  explicit ElectionField(Read read) : read_(read) {}
  T value(Frame& frame) const override { return read_(frame.context.election); }
  Read read_;
};

// `x.<field>` where x is the comprehension variable in `slot`.
template <class T>
struct ItemField final : Expr<T>, VariableRead {
  using Read = T (*)(const EvidenceItem&, const Election&);
  ItemField(std::size_t slot, Read read) : VariableRead{slot}, read_(read) {}
  T value(Frame& frame) const override {
    return read_(*frame.variables[slot_], frame.context.election);
  }
  Read read_;
};

// ---- operators ----

struct Not final : BoolExpr {
  explicit Not(Ptr<BoolExpr> operand) : operand_(std::move(operand)) {}
  bool value(Frame& frame) const override { return !operand_->value(frame); }
  void children(std::vector<const Node*>& out) const override { out.push_back(operand_.get()); }
  Ptr<BoolExpr> operand_;
};

struct Negate final : NumberExpr {
  explicit Negate(Ptr<NumberExpr> operand) : operand_(std::move(operand)) {}
  double value(Frame& frame) const override { return -operand_->value(frame); }
  void children(std::vector<const Node*>& out) const override { out.push_back(operand_.get()); }
  Ptr<NumberExpr> operand_;
};

// && (is_or false) and || (is_or true), short-circuit.
struct Logical final : BoolExpr {
  Logical(bool is_or, Ptr<BoolExpr> left, Ptr<BoolExpr> right)
      : is_or_(is_or), left_(std::move(left)), right_(std::move(right)) {}
  bool value(Frame& frame) const override {
    const bool left = left_->value(frame);
    if (left == is_or_ || frame.aborted) return left;
    return right_->value(frame);
  }
  bool is_or_;
  void children(std::vector<const Node*>& out) const override {
    out.push_back(left_.get());
    out.push_back(right_.get());
  }
  Ptr<BoolExpr> left_, right_;
};

// + - * with Op one of std::plus<>, std::minus<>, std::multiplies<>.
template <class Op>
struct Arithmetic final : NumberExpr {
  Arithmetic(Ptr<NumberExpr> left, Ptr<NumberExpr> right)
      : left_(std::move(left)), right_(std::move(right)) {}
  double value(Frame& frame) const override {
    const double left = left_->value(frame);
    return Op{}(left, right_->value(frame));
  }
  void children(std::vector<const Node*>& out) const override {
    out.push_back(left_.get());
    out.push_back(right_.get());
  }
  Ptr<NumberExpr> left_, right_;
};

// a / b; a zero divisor aborts the evaluation (the rule does not fire).
struct Divide final : NumberExpr {
  Divide(Ptr<NumberExpr> left, Ptr<NumberExpr> right)
      : left_(std::move(left)), right_(std::move(right)) {}
  double value(Frame& frame) const override {
    const double left = left_->value(frame);
    const double right = right_->value(frame);
    if (right == 0) {
      frame.aborted = true;
      return 0;
    }
    return left / right;
  }
  void children(std::vector<const Node*>& out) const override {
    out.push_back(left_.get());
    out.push_back(right_.get());
  }
  Ptr<NumberExpr> left_, right_;
};

// == != < <= > >= on two values of type T, with Op a std:: comparison functor.
template <class T, class Op>
struct Comparison final : BoolExpr {
  Comparison(Ptr<Expr<T>> left, Ptr<Expr<T>> right)
      : left_(std::move(left)), right_(std::move(right)) {}
  bool value(Frame& frame) const override {
    const T left = left_->value(frame);
    return Op{}(left, right_->value(frame));
  }
  void children(std::vector<const Node*>& out) const override {
    out.push_back(left_.get());
    out.push_back(right_.get());
  }
  Ptr<Expr<T>> left_, right_;
};

// `s in list`.
struct Membership final : BoolExpr {
  Membership(Ptr<StringExpr> needle, Ptr<StringListExpr> list)
      : needle_(std::move(needle)), list_(std::move(list)) {}
  bool value(Frame& frame) const override {
    const std::string_view needle = needle_->value(frame);
    for (const std::string& s : list_->value(frame))
      if (s == needle) return true;
    return false;
  }
  void children(std::vector<const Node*>& out) const override {
    out.push_back(needle_.get());
    out.push_back(list_.get());
  }
  Ptr<StringExpr> needle_;
  Ptr<StringListExpr> list_;
};

struct SizeOfItems final : NumberExpr {
  explicit SizeOfItems(Ptr<ItemListExpr> list) : list_(std::move(list)) {}
  double value(Frame& frame) const override { return static_cast<double>(list_->size(frame)); }
  void children(std::vector<const Node*>& out) const override { out.push_back(list_.get()); }
  Ptr<ItemListExpr> list_;
};

struct SizeOfStrings final : NumberExpr {
  explicit SizeOfStrings(Ptr<StringListExpr> list) : list_(std::move(list)) {}
  double value(Frame& frame) const override {
    return static_cast<double>(list_->value(frame).size());
  }
  void children(std::vector<const Node*>& out) const override { out.push_back(list_.get()); }
  Ptr<StringListExpr> list_;
};

// ---- comprehensions ----

// A list, a variable slot and a predicate over it.
struct Comprehension {
  Ptr<ItemListExpr> source;
  std::size_t slot = 0;
  Ptr<BoolExpr> predicate;

  // Binds `item` and evaluates the predicate; an item for which it holds is a witness.
  bool test(Frame& frame, const EvidenceItem& item) const {
    frame.variables[slot] = &item;
    const bool held = predicate->value(frame);
    if (held) frame.witnesses.push_back(&item);
    return held;
  }

  struct Tally {
    std::size_t held = 0, total = 0;
  };
  // Tests every item (no short-circuit: the trace wants every witness).
  Tally tally(Frame& frame) const {
    Tally t;
    auto test_one = [&](const EvidenceItem& item) {
      ++t.total;
      if (test(frame, item)) ++t.held;
    };
    source->each(frame, ItemVisitor(test_one));
    return t;
  }
};

struct Exists final : BoolExpr {
  explicit Exists(Comprehension c) : c_(std::move(c)) {}
  bool value(Frame& frame) const override { return c_.tally(frame).held > 0; }
  void children(std::vector<const Node*>& out) const override {
    out.push_back(c_.source.get());
    out.push_back(c_.predicate.get());
  }
  const Comprehension& comprehension() const { return c_; }
  Comprehension c_;
};

struct All final : BoolExpr {
  explicit All(Comprehension c) : c_(std::move(c)) {}
  bool value(Frame& frame) const override {
    const auto t = c_.tally(frame);
    return t.held == t.total;
  }
  void children(std::vector<const Node*>& out) const override {
    out.push_back(c_.source.get());
    out.push_back(c_.predicate.get());
  }
  const Comprehension& comprehension() const { return c_; }
  Comprehension c_;
};

struct Count final : NumberExpr {
  explicit Count(Comprehension c) : c_(std::move(c)) {}
  double value(Frame& frame) const override { return static_cast<double>(c_.tally(frame).held); }
  void children(std::vector<const Node*>& out) const override {
    out.push_back(c_.source.get());
    out.push_back(c_.predicate.get());
  }
  const Comprehension& comprehension() const { return c_; }
  Comprehension c_;
};

struct Filter final : ItemListExpr {
  explicit Filter(Comprehension c) : c_(std::move(c)) {}
  void each(Frame& frame, ItemVisitor visit) const override {
    auto pass_on = [&](const EvidenceItem& item) {
      if (c_.test(frame, item)) visit(item);
    };
    c_.source->each(frame, ItemVisitor(pass_on));
  }
  void children(std::vector<const Node*>& out) const override {
    out.push_back(c_.source.get());
    out.push_back(c_.predicate.get());
  }
  const Comprehension& comprehension() const { return c_; }
  Comprehension c_;
};

}  // namespace scrutineer::rules::nodes

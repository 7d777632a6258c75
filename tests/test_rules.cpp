// Tests for scrutineer/rules.hpp: parsing, type checking, error messages and evaluation.
#include "scrutineer/rules.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace scrutineer;
using namespace scrutineer::rules;
using Strings = std::vector<std::string>;

namespace {

Document document(std::string id, std::string publisher, SourceKind kind) {
  Document d;
  d.id = std::move(id);
  d.publisher = std::move(publisher);
  d.kind = kind;
  return d;
}

EvidenceItem item(std::string id, std::string document, Strings tags, Strings indicators,
                  Date date, char reliability, int credibility, int severity,
                  Strings corroborated_by = {}) {
  EvidenceItem e;
  e.id = std::move(id);
  e.document = std::move(document);
  e.tags = std::move(tags);
  e.indicators = std::move(indicators);
  e.date = date;
  e.reliability = reliability;
  e.credibility = credibility;
  e.severity = severity;
  e.corroborated_by = std::move(corroborated_by);
  return e;
}

PartyResult party(std::string abbrev, std::int64_t seats, std::int64_t votes) {
  PartyResult p;
  p.name = p.abbrev = std::move(abbrev);
  p.seats = seats;
  p.votes = votes;
  return p;
}

// A small hand-made election: three documents, four evidence items, seats and votes.
Election sample_election() {
  Election e;
  e.id = "test-2023";
  e.country = "KHM";
  e.date = {2023, 7, 23};
  e.type = "general";
  e.phase = Phase::PostElection;
  e.documents = {document("eu-eom", "EU EOM", SourceKind::ObserverMission),
                 document("hrw", "Human Rights Watch", SourceKind::Ngo),
                 document("gov", "Ministry of Information", SourceKind::Government)};
  e.evidence = {
      item("ev-1", "eu-eom", {"opposition-excluded"}, {"opposition-on-ballot"}, {2023, 7, 1},
           'A', 2, 4, {"hrw"}),
      item("ev-2", "hrw", {"intimidation"}, {"violence"}, {2023, 7, 10}, 'B', 3, 3,
           {"eu-eom", "gov"}),
      item("ev-3", "gov", {"opposition-excluded", "media-bias"}, {"opposition-on-ballot", "media"},
           {2023, 7, 20}, 'D', 4, 2),
      item("ev-4", "hrw", {"media-bias"}, {"media"}, {2023, 7, 22}, 'C', 3, 1),
  };
  e.evidence[2].status = EvidenceStatus::Candidate;
  e.evidence[2].polarity = Polarity::Supports;
  e.facts.total_seats = SourcedNumber{125, "nec", {}};
  e.facts.registered_voters = SourcedNumber{1000, "nec", {}};
  e.facts.ballots_cast = SourcedNumber{800, "nec", {}};
  e.facts.parties = {party("A", 120, 600), party("B", 5, 200)};
  return e;
}

// The sample election with its whole ledger in force; `linked` are the items naming
// indicator "opposition-on-ballot" (ev-1, ev-3).
struct Sample {
  Election election = sample_election();
  DerivedFacts facts = derive_facts(election.facts);
  std::vector<const EvidenceItem*> ledger, linked;
  Sample() {
    for (const auto& item : election.evidence) {
      ledger.push_back(&item);
      for (const auto& indicator : item.indicators)
        if (indicator == "opposition-on-ballot") linked.push_back(&item);
    }
  }
  EvalContext context() const { return {election, facts, ledger, linked}; }
};

const SourceRegion kOrigin{"criteria/test.toml", 3, 10};

// Compiles `text`, which must be valid, and evaluates it on the sample election.
Outcome run(const std::string& text, Scope scope = Scope::Indicator) {
  Diagnostics diags;
  const auto program = compile(text, kOrigin, scope, diags);
  INFO(text << "\n" << diags.render());
  REQUIRE(program);
  REQUIRE(diags.empty());
  static const Sample sample;
  return evaluate(*program, sample.context());
}

bool holds(const std::string& text) { return run(text).holds; }
Strings witnesses(const std::string& text) { return run(text).witnesses; }

// Every error message compiling `text` gives; the program must be null when there are any.
Strings errors_of(const std::string& text, Scope scope = Scope::Indicator) {
  Diagnostics diags;
  const auto program = compile(text, kOrigin, scope, diags);
  Strings messages;
  for (const auto& d : diags.errors()) messages.push_back(d.message);
  CHECK((program == nullptr) == !messages.empty());
  return messages;
}

// The only error compiling `text` gives.
std::string error_of(const std::string& text, Scope scope = Scope::Indicator) {
  const Strings messages = errors_of(text, scope);
  INFO(text);
  REQUIRE(messages.size() == 1);
  return messages[0];
}

// The column of the only error compiling `text` gives.
int error_column(const std::string& text) {
  Diagnostics diags;
  compile(text, kOrigin, Scope::Indicator, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags.errors()[0].where.file == kOrigin.file);
  CHECK(diags.errors()[0].where.line == kOrigin.line);
  return diags.errors()[0].where.column;
}

}  // namespace

TEST_CASE("operators bind by precedence and associate to the left", "[rules]") {
  CHECK(holds("1 + 2 * 3 == 7"));
  CHECK(holds("(1 + 2) * 3 == 9"));
  CHECK(holds("10 - 4 - 3 == 3"));
  CHECK(holds("12 / 3 / 2 == 2"));
  CHECK(holds("-2 * 3 == -6"));
  CHECK(holds("- -2 == 2"));
  CHECK(holds("!true || true"));          // (!a) || b, not !(a || b)
  CHECK(holds("true || false && false"));  // && binds tighter than ||
  CHECK(holds("1 < 2 == true"));           // comparisons associate to the left
  CHECK(holds("'a' in ['a'] == true"));    // 'in' binds tighter than ==
  CHECK(holds("'a' in ['b'] || 1 + 1 == 2 && 2 * 2 == 4"));
  CHECK(!holds("!(false || true)"));
}

TEST_CASE("literals and comparisons of each type", "[rules]") {
  CHECK(holds("0.75 * 4 == 3"));
  CHECK(holds("1 != 2 && 1 <= 1 && 2 >= 1 && 1 < 2 && 2 > 1"));
  CHECK(holds("'it\\'s' == \"it's\""));
  CHECK(holds("'a\\\\b' != 'ab'"));
  CHECK(holds("'abc' < 'abd'"));
  CHECK(holds("true == true && false != true"));
  CHECK(holds("date('2023-07-01') < date('2023-07-23')"));
  CHECK(holds("date('2023-07-23') == election.date"));
  CHECK(holds("date('2024-02-29') > election.date"));
}

TEST_CASE("election fields", "[rules]") {
  CHECK(holds("election.phase == 'post-election'"));
  CHECK(holds("election.type == 'general' && election.country == 'KHM'"));
  CHECK(holds("election.date >= date('2023-01-01')"));
}

TEST_CASE("evidence fields", "[rules]") {
  CHECK(holds("evidence.exists(e, e.id == 'ev-1' && e.document == 'eu-eom')"));
  CHECK(holds("evidence.exists(e, e.id == 'ev-2' && e.publisher == 'Human Rights Watch')"));
  CHECK(holds("evidence.count(e, e.kind == 'ngo') == 2"));
  CHECK(holds("evidence.count(e, e.kind == 'observer-mission') == 1"));
  CHECK(holds("evidence.count(e, e.polarity == 'supports') == 1"));
  CHECK(holds("evidence.count(e, e.status == 'candidate') == 1"));
  CHECK(holds("evidence.exists(e, e.id == 'ev-2' && e.corroborations == 2)"));
  CHECK(holds("evidence.exists(e, e.severity == 4 && e.credibility == 2)"));
  CHECK(holds("evidence.count(e, 'media' in e.indicators) == 2"));
  CHECK(holds("evidence.exists(e, size(e.tags) == 2)"));
  CHECK(holds("evidence.count(e, e.date > date('2023-07-15')) == 2"));
}

TEST_CASE("reliability grades order A before F", "[rules]") {
  CHECK(holds("evidence.count(e, e.reliability <= 'B') == 2"));
  CHECK(holds("evidence.count(e, e.reliability > 'C') == 1"));
  CHECK(holds("linked.all(e, e.reliability <= 'D')"));
  CHECK(!holds("linked.all(e, e.reliability <= 'C')"));
}

TEST_CASE("'in' tests membership of a string in a list of strings", "[rules]") {
  CHECK(holds("'opposition-excluded' in ['x', 'opposition-excluded']"));
  CHECK(!holds("'z' in []"));
  CHECK(holds("evidence.count(e, 'media-bias' in e.tags) == 2"));
  CHECK(holds("evidence.count(e, e.kind in ['ngo', 'government']) == 3"));
}

TEST_CASE("size counts lists", "[rules]") {
  CHECK(holds("size(evidence) == 4"));
  CHECK(holds("size(linked) == 2"));
  CHECK(holds("size(['a', 'b', 'c']) == 3"));
  CHECK(holds("size(evidence.filter(e, e.severity >= 2)) == 3"));
}

TEST_CASE("facts", "[rules]") {
  CHECK(holds("facts.total_seats == 125"));
  CHECK(holds("facts.turnout == 0.8"));  // derived: 800 / 1000
  CHECK(holds("facts.winner_seat_share > 0.95"));
  CHECK(holds("has(facts.turnout)"));
  CHECK(!holds("has(facts.parties_contesting)"));
}

TEST_CASE("reading an absent fact makes the rule not fire", "[rules]") {
  const Outcome outcome = run("facts.parties_contesting > 3 || evidence.exists(e, true)");
  CHECK(!outcome.holds);
  CHECK(outcome.missing_fact == "parties_contesting");
  CHECK(outcome.witnesses.empty());
  CHECK(!run("!(facts.parties_contesting > 3)").holds);
  CHECK(run("facts.turnout > 0.5").missing_fact == std::nullopt);
}

TEST_CASE("&& and || short-circuit", "[rules]") {
  CHECK(holds("!(false && 1 / 0 == 1)"));
  CHECK(holds("true || 1 / 0 == 1"));
  CHECK(!run("has(facts.parties_contesting) && facts.parties_contesting > 3").missing_fact);
  CHECK(!run("false && facts.parties_contesting > 3").missing_fact);
}

TEST_CASE("division by zero makes the rule not fire", "[rules]") {
  CHECK(!holds("1 / 0 == 1"));
  CHECK(!holds("!(1 / 0 == 1)"));
  CHECK(!holds("1 / (2 - 2) > 0 || true"));
  CHECK(run("1 / 0 == 1").missing_fact == std::nullopt);
}

TEST_CASE("comprehensions", "[rules]") {
  CHECK(holds("evidence.exists(e, e.severity == 4)"));
  CHECK(!holds("evidence.exists(e, e.severity > 4)"));
  CHECK(holds("evidence.all(e, e.severity >= 1)"));
  CHECK(!holds("evidence.all(e, e.severity >= 2)"));
  CHECK(holds("evidence.filter(e, false).all(x, false)"));  // true on an empty list
  CHECK(holds("evidence.count(e, e.severity >= 3) == 2"));
  CHECK(holds("evidence.filter(e, e.kind == 'ngo').count(x, x.severity == 3) == 1"));
  CHECK(holds("linked.exists(l, evidence.count(e, e.document == l.document) == 2) == false"));
  CHECK(holds("evidence.exists(e, linked.exists(l, l.id == e.id))"));
  CHECK(holds("evidence.exists(e, true) && evidence.exists(e, true)"));  // e scoped to each
}

TEST_CASE("witnesses are every item whose predicate held, sorted and unique", "[rules]") {
  CHECK(witnesses("evidence.exists(e, e.severity >= 3)") == Strings{"ev-1", "ev-2"});
  CHECK(witnesses("evidence.exists(e, e.id == 'ev-4') || evidence.exists(e, e.severity == 1)") ==
        Strings{"ev-4"});
  CHECK(witnesses("evidence.all(e, e.severity >= 1)") ==
        Strings{"ev-1", "ev-2", "ev-3", "ev-4"});
  CHECK(witnesses("linked.count(e, e.severity == 2) == 1") == Strings{"ev-3"});
  CHECK(witnesses("evidence.filter(e, e.kind == 'ngo').exists(x, x.severity == 3)") ==
        Strings{"ev-2", "ev-4"});
  CHECK(witnesses("evidence.exists(e, e.severity == 4 && linked.exists(l, l.id == e.id))") ==
        Strings{"ev-1"});  // && short-circuits inside the predicate
  CHECK(witnesses("evidence.exists(e, linked.exists(l, l.id == e.id) && e.severity == 4)") ==
        Strings{"ev-1", "ev-3"});  // the inner predicate held for ev-3 too
  CHECK(witnesses("evidence.exists(e, false)").empty());
}

TEST_CASE("witnesses are kept when the rule does not hold", "[rules]") {
  const Outcome outcome = run("evidence.count(e, e.severity == 4) >= 2");
  CHECK(!outcome.holds);
  CHECK(outcome.witnesses == Strings{"ev-1"});
}

TEST_CASE("a document missing from the election has empty publisher and kind", "[rules]") {
  Election election = sample_election();
  election.evidence[0].document = "not-there";
  const DerivedFacts facts;
  const std::vector<const EvidenceItem*> ledger = {&election.evidence[0]};
  Diagnostics diags;
  // '' is not a kind a literal may name, but it sorts before every kind.
  const auto program = compile("evidence.all(e, e.publisher == '' && e.kind < 'court')", kOrigin,
                               Scope::RedLine, diags);
  REQUIRE(program);
  CHECK(evaluate(*program, {election, facts, ledger, {}}).holds);
}

TEST_CASE("syntax errors", "[rules]") {
  CHECK(error_of("(1 + 2 == 3") == "syntax error: expected ')', found end of expression");
  CHECK(error_of("1 +") == "syntax error: expected an expression, found end of expression");
  CHECK(error_of("") == "syntax error: expected an expression, found end of expression");
  CHECK(error_of("1 == )") == "syntax error: expected an expression, found ')'");
  CHECK(error_of("true false") ==
        "syntax error: expected an operator or end of expression, found 'false'");
  CHECK(error_of("true and false") ==
        "syntax error: expected an operator or end of expression, found 'and'; did you mean '&&'?");
  CHECK(error_of("true or false") ==
        "syntax error: expected an operator or end of expression, found 'or'; did you mean '||'?");
  CHECK(error_of("1 = 1") == "syntax error: unexpected character '='; did you mean '=='?");
  CHECK(error_of("true & true") == "syntax error: unexpected character '&'; did you mean '&&'?");
  CHECK(error_of("true | true") == "syntax error: unexpected character '|'; did you mean '||'?");
  CHECK(error_of("1 # 2") == "syntax error: unexpected character '#'");
  CHECK(error_of("'abc == 'abc'") == "syntax error: unterminated string");
  CHECK(error_of("'abc") == "syntax error: unterminated string");
  CHECK(error_of("'a\\q' == 'b'") ==
        "syntax error: unknown escape '\\q' (use \\\\, \\', \\\", \\n or \\t)");
  CHECK(error_of("evidence.") ==
        "syntax error: expected a field or method name after '.', found end of expression");
  CHECK(error_of("size(evidence") ==
        "syntax error: expected ',' or ')' after an argument, found end of expression");
  CHECK(error_of("['a' 'b'] == []") == "syntax error: expected ',' or ']' in a list, found a string");
  CHECK(error_of(std::string(300, '(') + "true" + std::string(300, ')')) ==
        "syntax error: expression nests too deeply");
  std::string long_chain = "true";
  for (int i = 0; i < 300; ++i) long_chain += " && true";
  CHECK(error_of(long_chain) == "syntax error: expression nests too deeply");
}

TEST_CASE("name errors suggest the closest name", "[rules]") {
  CHECK(error_of("evidance.exists(e, true)") ==
        "unknown identifier 'evidance'; did you mean 'evidence'?");
  CHECK(error_of("evidence.exists(e, true) && e.severity > 1") == "unknown identifier 'e'");
  CHECK(error_of("facts.turnot > 0.5") == "unknown fact 'turnot'; did you mean 'turnout'?");
  CHECK(error_of("evidence.exists(e, e.severty >= 3)") ==
        "unknown evidence field 'severty'; did you mean 'severity'?");
  CHECK(error_of("election.phse == 'pre-election'") ==
        "unknown election field 'phse'; did you mean 'phase'?");
  CHECK(error_of("sise(evidence) == 1") == "unknown function 'sise'; did you mean 'size'?");
  CHECK(error_of("evidence.exist(e, true)") == "unknown method 'exist'; did you mean 'exists'?");
  CHECK(error_of("facts > 1") == "'facts' needs a fact name, e.g. facts.turnout");
  CHECK(error_of("election == 1") == "'election' needs a field name, e.g. election.phase");
  CHECK(error_of("linked.exists(e, true)", Scope::RedLine) ==
        "'linked' is only available in indicator rules");
}

TEST_CASE("a string literal compared with an enumerated field must be one of its values",
          "[rules]") {
  CHECK(error_of("evidence.exists(e, e.kind == 'observer_mission')") ==
        "unknown kind 'observer_mission'; did you mean 'observer-mission'?");
  CHECK(error_of("evidence.exists(e, 'undermine' != e.polarity)") ==
        "unknown polarity 'undermine'; did you mean 'undermines'?");
  CHECK(error_of("evidence.exists(e, e.status == 'reviewd')") ==
        "unknown status 'reviewd'; did you mean 'reviewed'?");
  CHECK(error_of("election.phase == 'post'") == "unknown phase 'post'");
  CHECK(error_of("election.type == 'generall'") ==
        "unknown election type 'generall'; did you mean 'general'?");
  CHECK(error_of("evidence.exists(e, e.kind in ['ngo', 'nog'])") ==
        "unknown kind 'nog'; did you mean 'ngo'?");
}

TEST_CASE("type errors", "[rules]") {
  CHECK(error_of("1 && true") == "type error: '&&' needs bool operands, got number and bool");
  CHECK(error_of("true || 'x'") == "type error: '||' needs bool operands, got bool and string");
  CHECK(error_of("!1") == "type error: '!' needs a bool operand, got number");
  CHECK(error_of("-'a' == 1") == "type error: '-' needs a number operand, got string");
  CHECK(error_of("'a' + 1 == 2") == "type error: '+' needs number operands, got string and number");
  CHECK(error_of("1 == '1'") ==
        "type error: '==' needs operands of the same type, got number and string");
  CHECK(error_of("1 < 'a'") ==
        "type error: '<' needs two numbers, strings or dates, got number and string");
  CHECK(error_of("true < false") ==
        "type error: '<' needs two numbers, strings or dates, got bool and bool");
  CHECK(error_of("evidence == linked") == "type error: '==' cannot compare list<evidence> values");
  CHECK(error_of("[] == []") == "type error: '==' cannot compare list<string> values");
  CHECK(error_of("evidence.exists(e, e == e)") ==
        "type error: '==' cannot compare evidence values");
  CHECK(error_of("1 in evidence") ==
        "type error: 'in' needs a string and a list<string>, got number and list<evidence>");
  CHECK(error_of("evidence.severity > 1") == "type error: list<evidence> has no field 'severity'");
  CHECK(error_of("election.date.year > 1") == "type error: date has no field 'year'");
  CHECK(error_of("['a', 1] == []") == "a list literal holds string literals only");
  CHECK(error_of("1 + 2") == "rule must be a bool expression, got number");
  CHECK(error_of("evidence") == "rule must be a bool expression, got list<evidence>");
}

TEST_CASE("function and comprehension errors", "[rules]") {
  CHECK(error_of("date('2023-02-30') < election.date") ==
        "date(...) needs a literal 'YYYY-MM-DD' that is a real day");
  CHECK(error_of("date('23 July 2023') < election.date") ==
        "date(...) needs a literal 'YYYY-MM-DD' that is a real day");
  CHECK(error_of("date(election.country) < election.date") ==
        "date(...) needs a literal 'YYYY-MM-DD' that is a real day");
  CHECK(error_of("size(evidence, linked) == 1") == "'size' takes 1 argument, got 2");
  CHECK(error_of("size(1) == 1") == "type error: 'size' needs a list, got number");
  CHECK(error_of("has(election.date)") == "'has' needs a fact, e.g. has(facts.turnout)");
  CHECK(error_of("has(facts.turnot)") == "unknown fact 'turnot'; did you mean 'turnout'?");
  CHECK(error_of("evidence.exists(e)") ==
        "'exists' takes a variable and a predicate, e.g. L.exists(e, e.severity >= 3)");
  CHECK(error_of("evidence.count(1, true) == 1") ==
        "the first argument of 'count' must be a variable name");
  CHECK(error_of("evidence.exists(e, e.severity)") ==
        "type error: the predicate of 'exists' must be bool, got number");
  CHECK(error_of("election.date.exists(e, true)") ==
        "type error: 'exists' needs a list<evidence>, got date");
  CHECK(error_of("evidence.exists(evidence, true)") ==
        "'evidence' is already a name; choose another variable");
  CHECK(error_of("evidence.exists(e, linked.exists(e, true))") ==
        "'e' is already a name; choose another variable");
}

TEST_CASE("comprehensions nest at most 16 deep", "[rules]") {
  // Each level descends only for ev-1, so evaluating stays cheap.
  auto nested = [](int depth) {
    std::string text = "true";
    for (int i = 0; i < depth; ++i) {
      const std::string v = "v" + std::to_string(i);
      text = "evidence.exists(" + v + ", " + v + ".severity == 4 && " + text + ")";
    }
    return text;
  };
  CHECK(holds(nested(16)));
  CHECK(error_of(nested(17)) == "comprehensions nest too deeply (at most 16)");
}

TEST_CASE("every independent error is reported", "[rules]") {
  CHECK(errors_of("evidance.exists(e, true) || facts.turnot > 1 || 1") ==
        Strings{"unknown identifier 'evidance'; did you mean 'evidence'?",
                "unknown fact 'turnot'; did you mean 'turnout'?"});
  CHECK(errors_of("evidence.exists(e, e.severty > 1 && e.kindd == 'x')").size() == 2);
  CHECK(errors_of("1 && 2 || 'a' < 1").size() == 2);
}

TEST_CASE("errors point at the column inside the TOML string", "[rules]") {
  // kOrigin is the opening quote at column 10, so offset i is column 11 + i.
  CHECK(error_column("evidance.exists(e, true)") == 11);
  CHECK(error_column("1 + 'a' == 2") == 13);                         // the operator
  CHECK(error_column("evidence.exists(e, e.severty > 1)") == 32);   // the field name
  CHECK(error_column("'é' == 1") == 15);  // columns count code points, not bytes
  CHECK(error_column("1 + 2") == 11);     // a non-bool rule: its first character
}

TEST_CASE("rendered errors put the caret under the offending character", "[rules]") {
  Diagnostics diags;
  diags.remember_source("criteria/test.toml", "[[red_lines]]\nid = \"x\"\nwhen = \"facts.turnot > 0.5\"\n");
  compile("facts.turnot > 0.5", {"criteria/test.toml", 3, 8}, Scope::RedLine, diags);
  CHECK(diags.render() ==
        "criteria/test.toml:3:15: error: unknown fact 'turnot'; did you mean 'turnout'?\n"
        "when = \"facts.turnot > 0.5\"\n"
        "              ^\n");
}

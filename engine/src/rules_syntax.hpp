// Private to rules.cpp: the lexer and Pratt parser of the rules language (docs/rules.md).
// They turn expression text into an untyped syntax tree; rules.cpp type-checks it.
#pragma once
#include <charconv>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scrutineer::rules::syntax {

// What was written, before types are known. Offsets are byte offsets into the expression text.
struct Node {
  enum class Kind {
    Number,  // number
    String,  // text (escapes resolved)
    Bool,    // boolean
    Name,    // text: an identifier
    List,    // operands: the elements of [a, b, …]
    Unary,   // text: "!" or "-"; operands: 1
    Binary,  // text: the operator; operands: 2
    Field,   // text: the field name; operands: the receiver
    Call,    // text: the function name; operands: the arguments
    Method,  // text: the method name; operands: the receiver, then the arguments
  };
  Kind kind;
  std::size_t at = 0;     // where errors about this node point: its operator, name or literal
  std::size_t start = 0;  // its first character
  std::string text;
  double number = 0;
  bool boolean = false;
  std::vector<std::unique_ptr<Node>> operands;
};
using NodePtr = std::unique_ptr<Node>;

// The first syntax error of an expression. Thrown inside the parser only (load time, never
// while evaluating) and caught by parse().
struct Error {
  std::size_t at;
  std::string message;  // "syntax error: …"
};

struct Token {
  enum class Kind { Number, String, Name, Operator, End };
  Kind kind;
  std::size_t at;
  std::string_view source;  // the token as written
  std::string text;         // String: the value; Name, Operator: as written
  double number = 0;
};

// Splits `text` into tokens, the last one End. REQUIRES: `text` outlives the tokens.
inline std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto is_name_start = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  auto is_name_char = [&](char c) { return is_name_start(c) || is_digit(c); };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const std::size_t at = i;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (is_digit(c)) {
      while (i < text.size() && is_digit(text[i])) ++i;
      if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
        ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
      }
      Token token{Token::Kind::Number, at, text.substr(at, i - at), {}, 0};
      std::from_chars(text.data() + at, text.data() + i, token.number);
      tokens.push_back(std::move(token));
    } else if (is_name_start(c)) {
      while (i < text.size() && is_name_char(text[i])) ++i;
      const std::string_view name = text.substr(at, i - at);
      tokens.push_back({Token::Kind::Name, at, name, std::string(name), 0});
    } else if (c == '\'' || c == '"') {
      std::string value;
      ++i;
      for (;;) {
        if (i >= text.size()) throw Error{at, "syntax error: unterminated string"};
        if (text[i] == c) break;
        if (text[i] == '\\') {
          if (i + 1 >= text.size()) throw Error{at, "syntax error: unterminated string"};
          const char escaped = text[i + 1];
          switch (escaped) {
            case '\\': case '\'': case '"': value += escaped; break;
            case 'n': value += '\n'; break;
            case 't': value += '\t'; break;
            default:
              throw Error{i, std::string("syntax error: unknown escape '\\") + escaped +
                                 "' (use \\\\, \\', \\\", \\n or \\t)"};
          }
          i += 2;
        } else {
          value += text[i++];
        }
      }
      ++i;  // the closing quote
      tokens.push_back({Token::Kind::String, at, text.substr(at, i - at), std::move(value), 0});
    } else {
      static constexpr std::string_view kTwoChar[] = {"||", "&&", "==", "!=", "<=", ">="};
      static constexpr std::string_view kOneChar = "<>+-*/!.,()[]";
      std::size_t length = 0;
      for (std::string_view op : kTwoChar)
        if (text.substr(i, 2) == op) length = 2;
      if (length == 0 && kOneChar.find(c) != std::string_view::npos) length = 1;
      if (length == 0) {
        std::string message = "syntax error: unexpected character '" + std::string(1, c) + "'";
        if (c == '=') message += "; did you mean '=='?";
        if (c == '&') message += "; did you mean '&&'?";
        if (c == '|') message += "; did you mean '||'?";
        throw Error{at, std::move(message)};
      }
      i += length;
      const std::string_view op = text.substr(at, length);
      tokens.push_back({Token::Kind::Operator, at, op, std::string(op), 0});
    }
  }
  tokens.push_back({Token::Kind::End, text.size(), {}, {}, 0});
  return tokens;
}

// Pratt parser over the tokens of one expression.
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  // The whole expression; throws Error on the first syntax error.
  NodePtr parse_all() {
    NodePtr root = expression(0);
    if (peek().kind != Token::Kind::End) {
      std::string message = "syntax error: expected an operator or end of expression, found " +
                            describe(peek());
      if (peek().text == "and") message += "; did you mean '&&'?";
      if (peek().text == "or") message += "; did you mean '||'?";
      throw Error{peek().at, std::move(message)};
    }
    return root;
  }

 private:
  // Binding powers, lowest first (docs/rules.md). An infix operator binds its right operand
  // with its own power, so operators of one level associate to the left.
  static constexpr int kOr = 1, kAnd = 2, kCompare = 3, kIn = 4, kAdd = 5, kMultiply = 6,
                       kPrefix = 7, kPostfix = 8;
  static constexpr int kMaxDepth = 256;  // guards the stack against absurd nesting

  static int infix_power(const Token& t) {
    if (t.kind == Token::Kind::Name) return t.text == "in" ? kIn : 0;
    if (t.kind != Token::Kind::Operator) return 0;
    const std::string& op = t.text;
    if (op == "||") return kOr;
    if (op == "&&") return kAnd;
    if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=")
      return kCompare;
    if (op == "+" || op == "-") return kAdd;
    if (op == "*" || op == "/") return kMultiply;
    if (op == ".") return kPostfix;
    return 0;
  }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Token::Kind::End: return "end of expression";
      case Token::Kind::String: return "a string";
      default: return "'" + std::string(t.source) + "'";
    }
  }

  const Token& peek() const { return tokens_[next_]; }
  const Token& advance() { return tokens_[next_++]; }
  bool at_operator(std::string_view op) const {
    return peek().kind == Token::Kind::Operator && peek().text == op;
  }
  void expect(std::string_view op) {
    if (!at_operator(op))
      throw Error{peek().at, "syntax error: expected '" + std::string(op) + "', found " +
                                 describe(peek())};
    advance();
  }

  static NodePtr make(Node::Kind kind, std::size_t at, std::size_t start, std::string text = {}) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->at = at;
    node->start = start;
    node->text = std::move(text);
    return node;
  }

  NodePtr expression(int min_power) {
    // depth_ bounds the height of the tree: one per nested expression, one per operator
    // folded into `left`, so checking and evaluating cannot overflow the stack.
    int height = 0;
    deepen(height);
    NodePtr left = prefix();
    for (int power = infix_power(peek()); power > min_power; power = infix_power(peek())) {
      const Token& op = advance();
      deepen(height);
      if (power == kPostfix) {
        left = member(std::move(left));
        continue;
      }
      NodePtr right = expression(power);
      const std::size_t start = left->start;
      NodePtr node = make(Node::Kind::Binary, op.at, start, op.text);
      node->operands.push_back(std::move(left));
      node->operands.push_back(std::move(right));
      left = std::move(node);
    }
    depth_ -= height;
    return left;
  }

  void deepen(int& height) {
    ++height;
    if (++depth_ > kMaxDepth) throw Error{peek().at, "syntax error: expression nests too deeply"};
  }

  NodePtr prefix() {
    const Token& t = advance();
    switch (t.kind) {
      case Token::Kind::Number: {
        NodePtr node = make(Node::Kind::Number, t.at, t.at);
        node->number = t.number;
        return node;
      }
      case Token::Kind::String: return make(Node::Kind::String, t.at, t.at, t.text);
      case Token::Kind::Name: {
        if (t.text == "true" || t.text == "false") {
          NodePtr node = make(Node::Kind::Bool, t.at, t.at);
          node->boolean = t.text == "true";
          return node;
        }
        if (t.text == "in") break;
        if (!at_operator("(")) return make(Node::Kind::Name, t.at, t.at, t.text);
        NodePtr call = make(Node::Kind::Call, t.at, t.at, t.text);
        arguments(*call);
        return call;
      }
      case Token::Kind::Operator: {
        if (t.text == "(") {
          NodePtr inner = expression(0);
          expect(")");
          return inner;
        }
        if (t.text == "[") return list(t.at);
        if (t.text == "!" || t.text == "-") {
          NodePtr node = make(Node::Kind::Unary, t.at, t.at, t.text);
          node->operands.push_back(expression(kPrefix));
          return node;
        }
        break;
      }
      case Token::Kind::End: break;
    }
    throw Error{t.at, "syntax error: expected an expression, found " + describe(t)};
  }

  // After '.': a field `.name` or a method call `.name(args)`.
  NodePtr member(NodePtr receiver) {
    const Token& name = advance();
    if (name.kind != Token::Kind::Name)
      throw Error{name.at, "syntax error: expected a field or method name after '.', found " +
                               describe(name)};
    const std::size_t start = receiver->start;
    const bool is_call = at_operator("(");
    NodePtr node = make(is_call ? Node::Kind::Method : Node::Kind::Field, name.at, start, name.text);
    node->operands.push_back(std::move(receiver));
    if (is_call) arguments(*node);
    return node;
  }

  // '(' [expression {',' expression}] ')', appended to call.operands.
  void arguments(Node& call) {
    expect("(");
    if (at_operator(")")) {
      advance();
      return;
    }
    for (;;) {
      call.operands.push_back(expression(0));
      if (at_operator(")")) break;
      if (!at_operator(","))
        throw Error{peek().at, "syntax error: expected ',' or ')' after an argument, found " +
                                   describe(peek())};
      advance();
    }
    advance();
  }

  // After '[': [expression {',' expression}] ']'.
  NodePtr list(std::size_t at) {
    NodePtr node = make(Node::Kind::List, at, at);
    if (at_operator("]")) {
      advance();
      return node;
    }
    for (;;) {
      node->operands.push_back(expression(0));
      if (at_operator("]")) break;
      if (!at_operator(","))
        throw Error{peek().at, "syntax error: expected ',' or ']' in a list, found " +
                                   describe(peek())};
      advance();
    }
    advance();
    return node;
  }

  std::vector<Token> tokens_;
  std::size_t next_ = 0;
  int depth_ = 0;
};

// Parses one expression; on a syntax error, sets `error` and returns null.
inline NodePtr parse(std::string_view text, Error& error) {
  try {
    return Parser(tokenize(text)).parse_all();
  } catch (Error& e) {
    error = std::move(e);
    return nullptr;
  }
}

}  // namespace scrutineer::rules::syntax

// Diagnostics: errors that point at a file, line and column, collected all at once.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace scrutineer {

// Where a value came from. line and column are 1-based; 0 means "whole file".
struct SourceRegion {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  SourceRegion where;
  std::string message;
};

// Collects every problem found in one pass. Renders each as
//   file:line:col: error: message
//   <the offending line>
//   <caret under the column>
class Diagnostics {
 public:
  void error(SourceRegion where, std::string message);
  // Registers a file's text so rendered errors can show the offending line.
  void remember_source(const std::string& file, std::string text);

  bool empty() const { return errors_.empty(); }
  std::size_t size() const { return errors_.size(); }
  // In the order they were reported.
  const std::vector<Diagnostic>& errors() const { return errors_; }
  // In file order (first reported first), then by line and column within a file.
  std::vector<Diagnostic> sorted() const;

  // All errors, sorted, each with its offending line and a caret.
  std::string render() const;

 private:
  std::vector<Diagnostic> errors_;
  std::map<std::string, std::string> sources_;
};

// "did you mean 'x'?" helper: the closest candidate within a small edit distance, or "".
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace scrutineer

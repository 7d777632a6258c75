#include "scrutineer/ledger_writer.hpp"

#include <fmt/core.h>

#include <sstream>
#include <toml++/toml.h>

namespace scrutineer {

std::string toml_string(std::string_view text) {
  // Fast path: nothing to escape, so the basic string is the text in double quotes.
  bool plain = true;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
      plain = false;
      break;
    }
  }
  if (plain) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    out += text;
    out += '"';
    return out;
  }
  std::ostringstream out;
  out << toml::toml_formatter(toml::value<std::string>(std::string(text)),
                              toml::format_flags::allow_unicode_strings);
  return out.str();
}

std::string toml_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += toml_string(items[i]);
  }
  return out + "]";
}

std::string evidence_item_toml(const EvidenceItem& item, const ExtractionNotes* notes) {
  std::string out = "[[evidence]]\n";
  auto line = [&](std::string_view key, const std::string& value) {
    out += fmt::format("{} = {}\n", key, value);
  };
  line("id", toml_string(item.id));
  if (item.status == EvidenceStatus::Candidate) line("status", toml_string("candidate"));
  line("claim", toml_string(item.claim));
  line("quote", toml_string(item.quote));
  line("document", toml_string(item.document));
  if (item.start && item.end) line("location", fmt::format("{{ start = {}, end = {} }}", *item.start, *item.end));
  line("tags", toml_string_array(item.tags));
  line("indicators", toml_string_array(item.indicators));
  if (item.date.valid()) line("date", item.date.str());
  line("reliability", toml_string(std::string(1, item.reliability)));
  line("credibility", std::to_string(item.credibility));
  line("severity", std::to_string(item.severity));
  line("polarity", toml_string(to_string(item.polarity)));
  if (!item.corroborated_by.empty()) line("corroborated_by", toml_string_array(item.corroborated_by));
  if (notes) {
    line("sha256", toml_string(notes->sha256));
    line("cues", toml_string_array(notes->cues));
    line("negated", notes->negated ? "true" : "false");
    line("dates_mentioned", toml_string_array(notes->dates_mentioned));
  }
  out += "\n";
  return out;
}

}  // namespace scrutineer

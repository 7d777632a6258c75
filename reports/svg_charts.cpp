#include "svg_charts.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace scrutineer::svg {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

namespace {

struct Rgb {
  double r, g, b;
};

// ColorBrewer RdYlBu, 5 classes: colour-blind safe, print friendly.
constexpr std::array<Rgb, 5> kStops = {
    {{215, 48, 39}, {252, 141, 89}, {254, 224, 144}, {145, 191, 219}, {69, 117, 180}}};

Rgb colour_at(double score) {
  const double t = std::clamp(score, 0.0, 100.0) / 25.0;
  const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(t), 3);
  const double f = t - static_cast<double>(i);
  const Rgb& a = kStops[i];
  const Rgb& b = kStops[i + 1];
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

std::string hex(const Rgb& c) {
  auto channel = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 255.0))); };
  return fmt::format("#{:02x}{:02x}{:02x}", channel(c.r), channel(c.g), channel(c.b));
}

double luminance(const Rgb& c) {
  auto lin = [](double v) {
    v /= 255.0;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

std::string num(double x) { return fmt::format("{:.1f}", x); }

std::string score_words(const std::optional<double>& value, const std::optional<Interval>& interval) {
  if (!value) return "not assessed";
  std::string out = fmt::format("{:.1f} of 100", *value);
  if (interval) out += fmt::format(", interval {:.1f} to {:.1f}", interval->low, interval->high);
  return out;
}

// Splits `text` into lines of at most `width` characters (by words); the last line allowed ends
// with "…" when more than `max_lines` would be needed.
std::vector<std::string> wrap(const std::string& text, std::size_t width, std::size_t max_lines) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  auto utf8_length = [](const std::string& s) {
    std::size_t n = 0;
    for (const unsigned char ch : s) n += (ch & 0xC0) != 0x80;
    return n;
  };
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && utf8_length(line) + 1 + utf8_length(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(line);
  if (lines.size() > max_lines) {
    lines.resize(max_lines);
    lines.back() += "…";
  }
  return lines;
}

// <text> with one <tspan> per line, centred vertically on y.
std::string text_block(double x, double y, const std::vector<std::string>& lines, double line_height,
                       const std::string& attributes) {
  std::string out = fmt::format("<text x=\"{}\" y=\"{}\" {}>", num(x),
                                num(y - line_height * (static_cast<double>(lines.size()) - 1) / 2), attributes);
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += fmt::format("<tspan x=\"{}\" dy=\"{}\">{}</tspan>", num(x), i == 0 ? "0.35em" : num(line_height),
                       escape(lines[i]));
  return out + "</text>";
}

std::string open_svg(const Labels& labels, double width, double height) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{0}\" viewBox=\"0 0 {1} {2}\" "
      "width=\"{1}\" height=\"{2}\" role=\"img\" aria-labelledby=\"{0}-title {0}-desc\">"
      "<title id=\"{0}-title\">{3}</title><desc id=\"{0}-desc\">{4}</desc>",
      escape(labels.id), num(width), num(height), escape(labels.title), escape(labels.desc));
}

std::string hatch_pattern(const std::string& id) {
  return fmt::format(
      "<defs><pattern id=\"{}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f2f2f2\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9a9a9a\" stroke-width=\"1.5\"/></pattern></defs>",
      escape(id));
}

// A 0–100 axis along the top of a plot: ticks at 0, 25, 50, 75, 100 with grid lines down to y1.
std::string score_axis(double x0, double plot_w, double y_label, double y0, double y1) {
  std::string out;
  for (int tick = 0; tick <= 100; tick += 25) {
    const double x = x0 + plot_w * tick / 100.0;
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" class=\"grid\"/>", num(x), num(y0), num(y1));
    out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"tick\" text-anchor=\"middle\">{}</text>", num(x), num(y_label),
                       tick);
  }
  return out;
}

std::string whisker(double x_low, double x_high, double y, double cap) {
  return fmt::format("<path d=\"M{0} {2}H{1}M{0} {3}V{4}M{1} {3}V{4}\" class=\"whisker\"/>", num(x_low), num(x_high),
                     num(y), num(y - cap), num(y + cap));
}

const char* const kChartCss =
    ".chart text{font-family:inherit;fill:#1a1a1a}.chart .tick{font-size:11px;fill:#555}"
    ".chart .grid{stroke:#d0d0d0;stroke-width:1;stroke-dasharray:2 3}"
    ".chart .whisker{stroke:#1a1a1a;stroke-width:1.6;fill:none}"
    ".chart .label{font-size:13px}.chart .value{font-size:13px;font-weight:600}"
    ".chart .na{font-size:12px;font-style:italic;fill:#555}.chart .small{font-size:11px}"
    ".chart .axis{stroke:#bdbdbd;stroke-width:1}";

}  // namespace

std::string_view chart_css() { return kChartCss; }

std::string score_fill(double score) { return hex(colour_at(score)); }

std::string text_on(double score) { return luminance(colour_at(score)) > 0.3 ? "#1a1a1a" : "#ffffff"; }

std::string criterion_bars(const Labels& labels, const std::vector<Bar>& bars) {
  const double label_w = 170, x0 = 178, plot_w = 290, row_h = 32, top = 30;
  const double width = 520;
  bool any_interval = false, any_capped = false;
  for (const auto& bar : bars) {
    any_interval = any_interval || bar.interval.has_value();
    any_capped = any_capped || bar.capped_from.has_value();
  }
  const double legend_h = (any_interval || any_capped) ? 26 : 0;
  const double height = top + row_h * static_cast<double>(bars.size()) + 8 + legend_h;
  std::string out = open_svg(labels, width, height) + hatch_pattern(labels.id);
  out += score_axis(x0, plot_w, 16, top - 6, top + row_h * static_cast<double>(bars.size()));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const double y = top + row_h * static_cast<double>(i);
    const double cy = y + row_h / 2;
    out +=
        fmt::format("<g class=\"bar\"><title>{}: {}{}</title>", escape(bar.label), score_words(bar.value, bar.interval),
                    bar.capped_from ? fmt::format(", capped by a red line from {:.1f}", *bar.capped_from) : "");
    out += text_block(label_w, cy, wrap(bar.label, 22, 2), 14, "class=\"label\" text-anchor=\"end\"");
    if (!bar.value) {
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"url(#{}-hatch)\"/>", num(x0),
                         num(cy - 8), num(plot_w), escape(labels.id));
      out +=
          fmt::format("<text x=\"{}\" y=\"{}\" dy=\"0.35em\" class=\"na\">not assessed</text>", num(x0 + 8), num(cy));
      out += "</g>";
      continue;
    }
    const double v = std::clamp(*bar.value, 0.0, 100.0);
    if (bar.capped_from && *bar.capped_from > v)
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"none\" stroke=\"#1a1a1a\" "
          "stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>",
          num(x0 + plot_w * v / 100), num(cy - 8), num(plot_w * (std::min(*bar.capped_from, 100.0) - v) / 100));
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\" stroke=\"#4d4d4d\" stroke-width=\"0.6\"/>",
        num(x0), num(cy - 8), num(std::max(plot_w * v / 100, 1.5)), score_fill(v));
    if (bar.interval)
      out += whisker(x0 + plot_w * std::clamp(bar.interval->low, 0.0, 100.0) / 100,
                     x0 + plot_w * std::clamp(bar.interval->high, 0.0, 100.0) / 100, cy, 6);
    out += fmt::format("<text x=\"{}\" y=\"{}\" dy=\"0.35em\" class=\"value\">{:.1f}</text>", num(x0 + plot_w + 10),
                       num(cy), v);
    out += "</g>";
  }
  if (legend_h > 0) {
    const double y = top + row_h * static_cast<double>(bars.size()) + 20;
    double x = x0;
    if (any_interval) {
      out += whisker(x, x + 24, y - 4, 5);
      out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"small\">interval</text>", num(x + 30), num(y));
      x = x0 + plot_w / 2 + 10;
    }
    if (any_capped) {
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"10\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.2\" "
          "stroke-dasharray=\"4 3\"/>",
          num(x), num(y - 9));
      out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"small\">before a red line cap</text>", num(x + 30), num(y));
    }
  }
  return out + "</svg>";
}

std::string radar(const Labels& labels, const std::vector<Bar>& bars) {
  const double width = 400, height = 340, cx = 200, cy = 172, radius = 108;
  const std::size_t n = bars.size();
  std::string out = open_svg(labels, width, height);
  auto point = [&](std::size_t i, double value) {
    const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
    const double r = radius * std::clamp(value, 0.0, 100.0) / 100;
    return std::pair{cx + r * std::cos(angle), cy + r * std::sin(angle)};
  };
  if (n == 0) return out + "</svg>";
  for (int ring = 25; ring <= 100; ring += 25) {
    std::string d;
    for (std::size_t i = 0; i < n; ++i) {
      const auto [x, y] = point(i, ring);
      d += fmt::format("{}{} {}", i == 0 ? "M" : "L", num(x), num(y));
    }
    out += fmt::format("<path d=\"{}Z\" class=\"grid\" fill=\"none\"/>", d);
    const auto [x, y] = point(0, ring);
    out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"tick\" dx=\"4\" dy=\"-2\">{}</text>", num(x), num(y), ring);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto [x, y] = point(i, 100);
    out +=
        fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"axis\"/>", num(cx), num(cy), num(x), num(y));
  }
  bool all = true;
  for (const auto& bar : bars) all = all && bar.value.has_value();
  if (all && n >= 3) {
    std::string d;
    for (std::size_t i = 0; i < n; ++i) {
      const auto [x, y] = point(i, *bars[i].value);
      d += fmt::format("{}{} {}", i == 0 ? "M" : "L", num(x), num(y));
    }
    out += fmt::format("<path d=\"{}Z\" fill=\"#4575b4\" fill-opacity=\"0.18\" stroke=\"#2b4f7e\" stroke-width=\"2\"/>",
                       d);
  } else {
    // Only join neighbours that are both assessed: a line across a missing axis would invent a value.
    for (std::size_t i = 0; i < n && n >= 2; ++i) {
      const std::size_t j = (i + 1) % n;
      if (j == i || !bars[i].value || !bars[j].value || (n == 2 && i == 1)) continue;
      const auto [x1, y1] = point(i, *bars[i].value);
      const auto [x2, y2] = point(j, *bars[j].value);
      out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#2b4f7e\" stroke-width=\"2\"/>",
                         num(x1), num(y1), num(x2), num(y2));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Bar& bar = bars[i];
    if (bar.value && bar.interval) {
      const auto [x1, y1] = point(i, bar.interval->low);
      const auto [x2, y2] = point(i, bar.interval->high);
      out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"whisker\"/>", num(x1), num(y1), num(x2),
                         num(y2));
    }
    if (bar.value) {
      const auto [x, y] = point(i, *bar.value);
      out += fmt::format(
          "<circle cx=\"{}\" cy=\"{}\" r=\"4.5\" fill=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"1\"><title>{}: "
          "{}</title>"
          "</circle>",
          num(x), num(y), score_fill(*bar.value), escape(bar.label), score_words(bar.value, bar.interval));
    }
    // Label outside the ring, anchored away from the centre.
    const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
    const double lx = cx + (radius + 16) * std::cos(angle);
    const double ly = cy + (radius + 16) * std::sin(angle);
    const double c = std::cos(angle);
    const char* anchor = c > 0.25 ? "start" : (c < -0.25 ? "end" : "middle");
    std::vector<std::string> lines = wrap(bar.label, 13, 2);
    lines.push_back(bar.value ? fmt::format("{:.1f}", *bar.value) : std::string("not assessed"));
    const double shift = std::sin(angle) > 0.5 ? 10 : (std::sin(angle) < -0.5 ? -10 : 0);
    out += text_block(lx, ly + shift, lines, 14,
                      fmt::format("class=\"{}\" text-anchor=\"{}\"", bar.value ? "small" : "small na", anchor));
  }
  return out + "</svg>";
}

std::string heatmap(const Labels& labels, const std::vector<std::string>& columns, const std::vector<HeatRow>& rows) {
  const double label_w = 250, cell_w = 78, cell_h = 36, header_h = 64;
  const double width = label_w + 10 + cell_w * static_cast<double>(columns.size()) + 4;
  const double height = header_h + cell_h * static_cast<double>(rows.size()) + 30;
  std::string out = open_svg(labels, width, height) + hatch_pattern(labels.id);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const double x = label_w + 10 + cell_w * (static_cast<double>(c) + 0.5);
    out += text_block(x, header_h / 2, wrap(columns[c], 12, 3), 13, "class=\"small\" text-anchor=\"middle\"");
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const HeatRow& row = rows[r];
    const double y = header_h + cell_h * static_cast<double>(r);
    out += text_block(label_w, y + cell_h / 2, wrap(row.label, 36, 2), 14, "class=\"label\" text-anchor=\"end\"");
    for (std::size_t c = 0; c < columns.size() && c < row.values.size(); ++c) {
      const double x = label_w + 10 + cell_w * static_cast<double>(c);
      const auto& value = row.values[c];
      out += fmt::format("<g><title>{} — {}: {}</title>", escape(row.label), escape(columns[c]),
                         score_words(value, std::nullopt));
      if (value) {
        out += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
            num(x), num(y), num(cell_w), num(cell_h), score_fill(*value));
        out += fmt::format(
            "<text x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"middle\" class=\"value\" "
            "style=\"fill:{}\">{:.1f}</text>",
            num(x + cell_w / 2), num(y + cell_h / 2), text_on(*value), *value);
      } else {
        out += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{}-hatch)\" stroke=\"#ffffff\" "
            "stroke-width=\"2\"/>",
            num(x), num(y), num(cell_w), num(cell_h), escape(labels.id));
        out += fmt::format("<text x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"middle\" class=\"na\">n/a</text>",
                           num(x + cell_w / 2), num(y + cell_h / 2));
      }
      out += "</g>";
    }
  }
  // Legend: the colour scale with its numbers.
  const double ly = header_h + cell_h * static_cast<double>(rows.size()) + 10;
  const double lx = label_w + 10;
  for (int i = 0; i < 20; ++i)
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"10\" fill=\"{}\"/>", num(lx + 8 * i), num(ly),
                       score_fill(i * 5 + 2.5));
  out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"tick\" text-anchor=\"end\">0</text>", num(lx - 4), num(ly + 9));
  out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"tick\">100  (score; n/a = not assessed)</text>", num(lx + 164),
                     num(ly + 9));
  return out + "</svg>";
}

std::string ranking(const Labels& labels, const std::vector<BandSpan>& bands, const std::vector<RankRow>& rows) {
  const double label_w = 280, x0 = 290, plot_w = 360, row_h = 34, top = 58;
  const double width = x0 + plot_w + 150;
  const double height = top + row_h * static_cast<double>(rows.size()) + 12;
  const double bottom = top + row_h * static_cast<double>(rows.size());
  std::string out = open_svg(labels, width, height);
  for (std::size_t b = 0; b < bands.size(); ++b) {
    const BandSpan& band = bands[b];
    const double xa = x0 + plot_w * std::clamp(band.min, 0.0, 100.0) / 100;
    const double xb = x0 + plot_w * std::clamp(band.max, 0.0, 100.0) / 100;
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.22\"><title>{}: {:.0f} to "
        "{:.0f}</title></rect>",
        num(xa), num(top - 6), num(std::max(xb - xa, 0.0)), num(bottom - top + 6),
        score_fill((band.min + band.max) / 2), escape(band.label), band.min, band.max);
    out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"tick\" text-anchor=\"middle\">{}</text>", num((xa + xb) / 2),
                       b % 2 == 0 ? 14 : 28, escape(band.label));
  }
  out += score_axis(x0, plot_w, 46, top - 6, bottom);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const RankRow& row = rows[i];
    const double cy = top + row_h * (static_cast<double>(i) + 0.5);
    out += fmt::format("<g><title>{}{}: {}</title>", row.rank.empty() ? "" : "rank " + escape(row.rank) + ", ",
                       escape(row.label), score_words(row.value, row.interval));
    const std::string label = row.rank.empty() ? row.label : row.rank + ". " + row.label;
    out += text_block(label_w, cy, wrap(label, 40, 2), 14, "class=\"label\" text-anchor=\"end\"");
    if (row.value) {
      if (row.interval)
        out += whisker(x0 + plot_w * std::clamp(row.interval->low, 0.0, 100.0) / 100,
                       x0 + plot_w * std::clamp(row.interval->high, 0.0, 100.0) / 100, cy, 7);
      out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"1.2\"/>",
                         num(x0 + plot_w * std::clamp(*row.value, 0.0, 100.0) / 100), num(cy), score_fill(*row.value));
      std::string value = fmt::format("{:.1f}", *row.value);
      if (row.interval) value += fmt::format(" ({:.1f}–{:.1f})", row.interval->low, row.interval->high);
      out += fmt::format("<text x=\"{}\" y=\"{}\" dy=\"0.35em\" class=\"value\">{}</text>", num(x0 + plot_w + 12),
                         num(cy), value);
    } else {
      out +=
          fmt::format("<text x=\"{}\" y=\"{}\" dy=\"0.35em\" class=\"na\">not assessed</text>", num(x0 + 8), num(cy));
    }
    out += "</g>";
  }
  return out + "</svg>";
}

std::string band_probabilities(const Labels& labels, const std::vector<BandSpan>& bands,
                               const std::vector<double>& probabilities) {
  const double x0 = 0, plot_w = 680, width = 700, height = 62;
  std::string out = open_svg(labels, width, height);
  double x = x0;
  for (std::size_t b = 0; b < bands.size() && b < probabilities.size(); ++b) {
    const double w = plot_w * std::clamp(probabilities[b], 0.0, 1.0);
    const double mid = (bands[b].min + bands[b].max) / 2;
    out += fmt::format("<g><title>{}: {:.0f}%</title>", escape(bands[b].label), probabilities[b] * 100);
    if (w > 0)
      out += fmt::format(
          "<rect x=\"{}\" y=\"4\" width=\"{}\" height=\"26\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
          num(x), num(w), score_fill(mid));
    if (w >= 44)
      out += fmt::format(
          "<text x=\"{}\" y=\"17\" dy=\"0.35em\" text-anchor=\"middle\" class=\"value\" "
          "style=\"fill:{}\">{:.0f}%</text>",
          num(x + w / 2), text_on(mid), probabilities[b] * 100);
    if (w >= 90)
      out += fmt::format("<text x=\"{}\" y=\"48\" text-anchor=\"middle\" class=\"small\">{}</text>", num(x + w / 2),
                         escape(bands[b].label));
    out += "</g>";
    x += w;
  }
  return out + "</svg>";
}

}  // namespace scrutineer::svg

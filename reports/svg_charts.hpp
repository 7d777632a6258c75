// SVG charts for the HTML report, drawn by hand: criterion scores with intervals, a radar of the
// criteria, a heatmap of elections × criteria, a ranking with intervals, band probabilities.
// Every chart is <svg role="img"> with a <title> and <desc> for screen readers, every mark has a
// <title> with its number, and numbers are printed beside the marks: colour is never the only
// carrier of meaning. Colours are ColorBrewer RdYlBu (colour-blind safe). Output is
// deterministic; all text is escaped.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "briefing.hpp"

namespace scrutineer::svg {

// Escapes & < > " ' for XML/HTML text and attribute values.
std::string escape(std::string_view text);

// The charts' stylesheet, for the page's <style>.
std::string_view chart_css();

// Fill colour for a score 0–100 (red for low, blue for high), and a text colour readable on it.
std::string score_fill(double score);
std::string text_on(double score);

struct Labels {
  std::string id;     // unique in the document: prefixes every id inside the chart
  std::string title;  // <title>: the chart's name
  std::string desc;   // <desc>: what it shows, in a sentence or two
};

struct Bar {
  std::string label;
  std::optional<double> value;
  std::optional<Interval> interval;
  std::optional<double> capped_from;  // the value before a red line capped it
};

// Horizontal bars 0–100, one per criterion, with interval whiskers and the pre-cap value dashed.
std::string criterion_bars(const Labels& labels, const std::vector<Bar>& bars);

// A radar of the same values; not-assessed axes are labelled so and left out of the outline.
std::string radar(const Labels& labels, const std::vector<Bar>& bars);

struct HeatRow {
  std::string label;
  std::vector<std::optional<double>> values;  // parallel to the columns
};

// Rows × columns of scores, each cell coloured and printed; not assessed cells hatched "n/a".
std::string heatmap(const Labels& labels, const std::vector<std::string>& columns, const std::vector<HeatRow>& rows);

struct BandSpan {
  std::string label;
  double min = 0, max = 100;
};

struct RankRow {
  std::string rank;  // "1", "2–4", or "" when not ranked
  std::string label;
  std::optional<double> value;
  std::optional<Interval> interval;
};

// Dots with interval whiskers on a 0–100 axis shaded by band, one row per election, in order.
std::string ranking(const Labels& labels, const std::vector<BandSpan>& bands, const std::vector<RankRow>& rows);

// One bar split by the probability of each band, each share printed when it has room.
std::string band_probabilities(const Labels& labels, const std::vector<BandSpan>& bands,
                               const std::vector<double>& probabilities);

}  // namespace scrutineer::svg

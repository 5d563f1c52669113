#include "core/figure_options.h"

#include <charconv>
#include <cmath>

#include "core/codes.h"
#include "core/format.h"

namespace metareview::core {
namespace {

constexpr auto kThemes = enum_codes<FigureTheme>({{FigureTheme::Grey, "grey"}, {FigureTheme::Colour, "colour"}});
constexpr auto kColumns = enum_codes<FigureColumn>(
    {{FigureColumn::N, "n"}, {FigureColumn::FollowUp, "follow-up"}, {FigureColumn::RiskOfBias, "rob"}});
constexpr auto kFunnelRules =
    enum_codes<FunnelRule>({{FunnelRule::Auto, "auto"}, {FunnelRule::Always, "always"}, {FunnelRule::Never, "never"}});

std::string num(double v) { return format_shortest(v); }

std::string check_range(const char* name, const std::optional<double>& v, double lo, double hi) {
  if (!v || (*v >= lo && *v <= hi)) return "";
  return std::string(name) + ": must be from " + num(lo) + " to " + num(hi) + " pt, got " + num(*v);
}

}  // namespace

std::string_view to_string(FigureTheme t) { return kThemes.code(t); }
std::optional<FigureTheme> parse_figure_theme(std::string_view code) { return kThemes.parse(code); }
std::string valid_figure_themes() { return kThemes.valid(); }
std::string_view to_string(FigureColumn c) { return kColumns.code(c); }
std::optional<FigureColumn> parse_figure_column(std::string_view code) { return kColumns.parse(code); }
std::string valid_figure_columns() { return kColumns.valid(); }
std::string_view to_string(FunnelRule r) { return kFunnelRules.code(r); }
std::optional<FunnelRule> parse_funnel_rule(std::string_view code) { return kFunnelRules.parse(code); }
std::string valid_funnel_rules() { return kFunnelRules.valid(); }

std::string FigureOptions::validate(bool ratio_axis) const {
  if (xlim) {
    const auto [lo, hi] = *xlim;
    if (!std::isfinite(lo) || !std::isfinite(hi)) return "xlim: the limits must be finite numbers";
    if (ratio_axis && lo <= 0) return "xlim: a ratio axis needs limits above 0, got " + num(lo);
    if (!(lo < hi)) return "xlim: the lower limit " + num(lo) + " must be below the upper limit " + num(hi);
  }
  for (std::size_t i = 0; i < at.size(); ++i) {
    if (!std::isfinite(at[i])) return "at: the ticks must be finite numbers";
    if (ratio_axis && at[i] <= 0) return "at: a ratio axis needs ticks above 0, got " + num(at[i]);
    if (i > 0 && !(at[i] > at[i - 1])) return "at: the ticks must increase, got " + num(at[i]) + " after " + num(at[i - 1]);
    if (xlim && (at[i] < xlim->first || at[i] > xlim->second))
      return "at: the tick " + num(at[i]) + " lies outside the axis limits " + num(xlim->first) + " to " +
             num(xlim->second);
  }
  if (at.size() == 1 && !xlim) return "at: give two ticks or more, or xlim as well";
  if (auto e = check_range("width", width, kMinFigureWidth, kMaxFigureWidth); !e.empty()) return e;
  if (auto e = check_range("font-size", font_size, kMinFontSize, kMaxFontSize); !e.empty()) return e;
  if (auto e = check_range("label-width", label_width, kMinLabelWidth, kMaxLabelWidth); !e.empty()) return e;
  for (std::size_t i = 0; i < columns.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (columns[i] == columns[j]) return "columns: " + std::string(to_string(columns[i])) + " is given twice";
  return "";
}

std::optional<std::vector<double>> parse_number_list(std::string_view text, char sep) {
  std::vector<double> out;
  std::size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  skip_spaces();
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size() && text[end] != sep && text[end] != ' ') ++end;
    const std::string_view item = text.substr(i, end - i);
    // Plain decimals only: no "inf", "nan", hex or exponent forms in a figure option.
    if (item.empty() || item.find_first_not_of("0123456789.-") != std::string_view::npos) return std::nullopt;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (ec != std::errc() || ptr != item.data() + item.size()) return std::nullopt;
    out.push_back(v);
    i = end;
    skip_spaces();
    if (i < text.size() && text[i] == sep && sep != ' ') {
      ++i;
      skip_spaces();
      if (i >= text.size()) return std::nullopt;  // "1," : a missing number
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace metareview::core

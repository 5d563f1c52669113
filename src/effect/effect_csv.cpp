#include "effect/effect_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <deque>
#include <optional>

#include "core/level.h"
#include "core/measure_info.h"
#include "core/text.h"
#include "io/fs.h"
#include "io/limits.h"
#include "io/source_text.h"

namespace metareview::effect {
namespace {

// What a column holds, which decides its checks.
enum class Kind {
  Real,      ///< any finite number (yi, means)
  Variance,  ///< finite, >= 0
  Sd,        ///< finite, >= 0
  Count,     ///< whole number >= 0 (events)
  Size,      ///< whole number > 0 (group sizes)
  Ratio,     ///< finite, > 0 (HR and its CI bounds)
};

struct Column {
  std::string_view name;
  Kind kind;
  double StudyInput::*field;
};

using S = StudyInput;

std::vector<Column> columns_of(core::Measure m) {
  switch (core::measure_info(m).family) {
    case core::InputFamily::Generic: return {{"yi", Kind::Real, &S::yi}, {"vi", Kind::Variance, &S::vi}};
    case core::InputFamily::TimeToEvent:
      return {{"hr", Kind::Ratio, &S::hr}, {"ci_lb", Kind::Ratio, &S::hr_ci_lb}, {"ci_ub", Kind::Ratio, &S::hr_ci_ub}};
    case core::InputFamily::TwoByTwo:
      return {{"ai", Kind::Count, &S::ai}, {"n1i", Kind::Size, &S::n1i}, {"ci", Kind::Count, &S::ci},
              {"n2i", Kind::Size, &S::n2i}};
    case core::InputFamily::Proportion: return {{"xi", Kind::Count, &S::xi}, {"ni", Kind::Size, &S::ni}};
    case core::InputFamily::Continuous:
      return {{"m1i", Kind::Real, &S::m1i}, {"sd1i", Kind::Sd, &S::sd1i}, {"n1i", Kind::Size, &S::n1i},
              {"m2i", Kind::Real, &S::m2i}, {"sd2i", Kind::Sd, &S::sd2i}, {"n2i", Kind::Size, &S::n2i}};
  }
  return {};
}

// Events that may not exceed a group size: (events column, size column).
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kEventsWithin{
    {{"ai", "n1i"}, {"ci", "n2i"}, {"xi", "ni"}}};

bool time_to_event(core::Measure m) { return core::measure_info(m).family == core::InputFamily::TimeToEvent; }

std::string expected_text(core::Measure m) {
  std::string out = "study";
  for (const auto& c : columns_of(m)) out += ", " + std::string(c.name);
  return out + (time_to_event(m) ? " (optional: subgroup, year, level)" : " (optional: subgroup, year)");
}

struct Field {
  std::string_view text;  ///< trimmed value (unquoted)
  int col = 0;            ///< 1-based byte column where the field starts
};

// Splits one line into fields. Quoted fields are unescaped into `scratch` (one string per
// field; a deque, because growing it must not move the strings earlier fields view).
// Returns false on an unterminated quote, with its column.
bool split_line(std::string_view line, std::vector<Field>& fields, std::deque<std::string>& scratch, int& bad_col) {
  fields.clear();
  std::size_t pos = 0, quoted = 0;
  for (;;) {
    const std::size_t start = pos;
    std::size_t p = pos;
    while (p < line.size() && line[p] == ' ') ++p;
    if (p < line.size() && line[p] == '"') {
      if (scratch.size() <= quoted) scratch.emplace_back();
      std::string& buf = scratch[quoted++];
      buf.clear();
      std::size_t q = p + 1;
      for (;;) {
        if (q >= line.size()) {
          bad_col = static_cast<int>(p) + 1;
          return false;
        }
        if (line[q] == '"') {
          if (q + 1 < line.size() && line[q + 1] == '"') {
            buf += '"';
            q += 2;
            continue;
          }
          ++q;
          break;
        }
        buf += line[q++];
      }
      while (q < line.size() && line[q] != ',') ++q;  // anything after the closing quote is ignored
      fields.push_back({buf, static_cast<int>(p) + 1});
      pos = q;
    } else {
      std::size_t e = line.find(',', start);
      if (e == std::string_view::npos) e = line.size();
      std::string_view t = line.substr(start, e - start);
      while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
      while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
      fields.push_back({t, static_cast<int>(start) + 1});
      pos = e;
    }
    if (pos >= line.size()) return true;
    ++pos;  // the comma
  }
}

std::optional<double> parse_double(std::string_view t) {
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double x = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), x);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size() || t.empty()) return std::nullopt;
  return x;
}

class Reader {
 public:
  Reader(const std::string& file, core::Measure measure, core::Diagnostics& diags, MissingValues missing,
         ExtraColumns* extra)
      : file_(file), measure_(measure), columns_(columns_of(measure)), diags_(diags), missing_(missing), extra_(extra) {
    if (!extra_) return;
    const std::size_t n = extra_->names.size();
    extra_->header.assign(n, {});
    extra_->values.assign(n, {});
    extra_->where.assign(n, {});
    extra_index_.assign(n, -1);
  }

  std::vector<StudyInput> parse(std::string_view text) {
    std::vector<StudyInput> rows = parse_lines(text);
    if (omitted_ > 0) diags_.error(first_omitted_, io::more_errors(omitted_));
    return rows;
  }

 private:
  std::vector<StudyInput> parse_lines(std::string_view text) {
    std::vector<StudyInput> rows;  // not reserved by lines: blank lines are not rows
    if (text.size() > io::kMaxFileBytes) {
      diags_.error({file_, 0, 0}, io::file_too_large());
      return rows;
    }
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
    // Labels go on into SVG, HTML and JSON, which hold UTF-8 text only.
    if (const auto bad = io::find_invalid_character(text, "CSV")) {
      const std::string_view before = text.substr(0, bad->offset);
      const std::size_t line_start = before.rfind('\n') + 1;  // npos + 1 == 0 on the first line
      error(static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1,
            static_cast<int>(bad->offset - line_start) + 1, bad->what);
      return rows;
    }
    int line_no = 0;
    bool header_seen = false, header_ok = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      pos = end + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.size() > io::kMaxLineBytes) {
        error(line_no, static_cast<int>(io::kMaxLineBytes) + 1, io::line_too_long(static_cast<std::size_t>(line_no)));
        return rows;
      }
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      int bad_col = 0;
      if (!split_line(line, fields_, scratch_, bad_col)) {
        error(line_no, bad_col, "unterminated quoted field");
        if (!header_seen) return rows;
        ++rows_seen_;
        continue;
      }
      if (!header_seen) {
        header_seen = true;
        header_ok = read_header(line_no);
        if (!header_ok) return rows;
        continue;
      }
      read_row(line_no, rows);
    }
    if (!header_seen)
      error(1, 1, "empty file; expected a header row with the columns " + expected_text(measure_));
    else if (header_ok && rows_seen_ == 0)
      error(line_no + 1, 1, "no data rows after the header");
    return rows;
  }

  // Errors past io::kMaxErrorsListed are counted, and summed up at the end by parse().
  void error(int line, int col, std::string message) {
    ++errors_;
    if (errors_ <= io::kMaxErrorsListed) diags_.error({file_, line, col}, std::move(message));
    else if (omitted_++ == 0) first_omitted_ = {file_, line, col};
  }

  bool read_header(int line_no) {
    const std::size_t n = fields_.size();
    study_ = subgroup_ = year_ = level_ = -1;
    std::vector<int> found(columns_.size(), -1);
    // Spreadsheets in many locales save "CSV" with ';' between fields (and ',' as the decimal
    // mark): the whole header is then one field. One hint replaces a list of unknown columns.
    if (n == 1)
      if (const std::size_t semi = fields_[0].text.find(';'); semi != std::string_view::npos) {
        error(line_no, fields_[0].col + static_cast<int>(semi),
              "the file looks semicolon-separated; metareview reads comma-separated CSV (fields separated by ',', "
              "decimals with '.')");
        return false;
      }
    bool ok = true;
    for (std::size_t j = 0; j < n; ++j) {
      const std::string_view name = fields_[j].text;
      if (extra_)
        for (std::size_t c = 0; c < extra_->names.size(); ++c)
          if (extra_->names[c] == name && extra_index_[c] < 0) {
            extra_index_[c] = static_cast<int>(j);
            extra_->header[c] = {file_, line_no, fields_[j].col};
          }
      int* named = name == "study"      ? &study_
                   : name == "subgroup" ? &subgroup_
                   : name == "year"     ? &year_
                   : name == "level" && time_to_event(measure_) ? &level_
                                                                : nullptr;
      const auto it = std::find_if(columns_.begin(), columns_.end(), [&](const Column& c) { return c.name == name; });
      int* target = named ? named : it != columns_.end() ? &found[static_cast<std::size_t>(it - columns_.begin())] : nullptr;
      // A meta-regression's data may hold more candidate moderators than the model uses.
      if (!target && extra_) continue;
      if (!target) {
        error(line_no, fields_[j].col,
              "unknown column '" + std::string(name) + "'; expected the columns " + expected_text(measure_));
        ok = false;
      } else if (*target >= 0) {
        error(line_no, fields_[j].col, "duplicate column '" + std::string(name) + "'");
        ok = false;
      } else {
        *target = static_cast<int>(j);
      }
    }
    if (study_ < 0) {
      error(line_no, 1, "missing column 'study'; expected the columns " + expected_text(measure_));
      ok = false;
    }
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (found[c] >= 0) continue;
      error(line_no, 1,
            "missing column '" + std::string(columns_[c].name) + "'; expected the columns " + expected_text(measure_));
      ok = false;
    }
    if (extra_)
      for (std::size_t c = 0; c < extra_->names.size(); ++c)
        if (extra_index_[c] < 0) {
          error(line_no, 1,
                "missing column '" + extra_->names[c] + "' named by --mods; the header has " + header_text());
          ok = false;
        }
    width_ = n;
    column_index_ = found;
    return ok;
  }

  std::string header_text() const {
    std::vector<std::string> names;
    for (const Field& f : fields_) names.emplace_back(f.text);
    return core::join(names, ", ");
  }

  void read_row(int line_no, std::vector<StudyInput>& rows) {
    ++rows_seen_;
    if (fields_.size() != width_) {
      error(line_no, 1,
            "row has " + std::to_string(fields_.size()) + " fields, the header has " + std::to_string(width_));
      return;
    }
    const std::size_t errors_before = errors_;
    missing_in_row_.clear();
    StudyInput s;
    s.where = {file_, line_no, 1};
    const Field& study = fields_[static_cast<std::size_t>(study_)];
    if (study.text.empty()) error(line_no, study.col, "column 'study': study label missing");
    s.study = std::string(study.text);
    if (subgroup_ >= 0) s.subgroup = std::string(fields_[static_cast<std::size_t>(subgroup_)].text);
    if (year_ >= 0) s.year = read_year(line_no, fields_[static_cast<std::size_t>(year_)]);
    if (level_ >= 0) read_level(line_no, fields_[static_cast<std::size_t>(level_)], s);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const Field& f = fields_[static_cast<std::size_t>(column_index_[c])];
      if (const auto x = value(line_no, f, columns_[c])) s.*(columns_[c].field) = *x;
    }
    read_extra(line_no);
    if (!missing_in_row_.empty()) {
      // Ref: metafor's rma() leaves out studies with NA values, with a warning; so do we.
      if (errors_ == errors_before)
        diags_.warning({file_, line_no, 1},
                       "row of study '" + s.study + "' left out: no value in column" +
                           (missing_in_row_.size() > 1 ? "s " : " ") + core::join(missing_in_row_, ", ") +
                           " (as metafor leaves out studies with missing values; --strict makes this an error)");
      return;
    }
    cross_checks(line_no, s);
    if (errors_ != errors_before) return;
    rows.push_back(std::move(s));
    if (!extra_) return;
    for (std::size_t c = 0; c < extra_->names.size(); ++c) {
      const Field& f = fields_[static_cast<std::size_t>(extra_index_[c])];
      extra_->values[c].emplace_back(f.text);
      extra_->where[c].push_back({file_, line_no, f.col});
    }
  }

  // A missing value in a named extra column is treated as one in a required column.
  void read_extra(int line_no) {
    if (!extra_) return;
    for (std::size_t c = 0; c < extra_->names.size(); ++c) {
      const Field& f = fields_[static_cast<std::size_t>(extra_index_[c])];
      if (!f.text.empty() && f.text != "NA") continue;
      if (missing_ == MissingValues::Error) error(line_no, f.col, "column '" + extra_->names[c] + "': value missing");
      else missing_in_row_.push_back('\'' + extra_->names[c] + '\'');
    }
  }

  /// The optional level column of HR rows: the CI level, 95 when empty.
  void read_level(int line_no, const Field& f, StudyInput& s) {
    if (f.text.empty()) return;
    const auto x = parse_double(f.text);
    const auto percent = x ? core::confidence_level_percent(*x) : std::nullopt;
    if (!percent) {
      error(line_no, f.col, "column 'level': '" + std::string(f.text) + "' is not a confidence level: " + std::string(core::kLevelHint));
      return;
    }
    s.hr_level = *percent;
  }

  /// The optional year column: empty is no year, anything but a whole number an error.
  std::optional<int> read_year(int line_no, const Field& f) {
    if (f.text.empty()) return std::nullopt;
    int y = 0;
    const auto r = std::from_chars(f.text.data(), f.text.data() + f.text.size(), y);
    if (r.ec == std::errc() && r.ptr == f.text.data() + f.text.size()) return y;
    error(line_no, f.col, "column 'year': '" + std::string(f.text) + "' is not a year (a whole number)");
    return std::nullopt;
  }

  std::optional<double> value(int line, const Field& f, const Column& c) {
    // Messages are built only on failure: this runs for every field of every row.
    const auto fail = [&](const std::string& what) {
      error(line, f.col, "column '" + std::string(c.name) + "': " + what);
      return std::nullopt;
    };
    if (f.text.empty() || f.text == "NA") {
      if (missing_ == MissingValues::Error) return fail("value missing");
      missing_in_row_.push_back('\'' + std::string(c.name) + '\'');
      return std::nullopt;
    }
    const auto x = parse_double(f.text);
    // '\'' rather than "'": GCC 12 warns falsely (-Wrestrict) on "literal" + temporary here.
    if (!x) return fail('\'' + std::string(f.text) + "' is not a number");
    if (!std::isfinite(*x)) return fail('\'' + std::string(f.text) + "' is not a finite number");
    const char* problem = nullptr;
    switch (c.kind) {
      case Kind::Real: break;
      case Kind::Variance:
        if (*x < 0) problem = "a variance must be >= 0";
        break;
      case Kind::Sd:
        if (*x < 0) problem = "a standard deviation must be >= 0";
        break;
      case Kind::Count:
        if (*x != std::floor(*x)) problem = "a count must be a whole number";
        else if (*x < 0) problem = "a count must be >= 0";
        break;
      case Kind::Size:
        if (*x != std::floor(*x)) problem = "a group size must be a whole number";
        else if (*x <= 0) problem = "a group size must be > 0";
        break;
      case Kind::Ratio:
        if (*x <= 0) problem = "a ratio must be > 0";
        break;
    }
    if (problem) return fail(problem + (", got " + std::string(f.text)));
    return x;
  }

  const Field* field_named(std::string_view name) const {
    for (std::size_t c = 0; c < columns_.size(); ++c)
      if (columns_[c].name == name) return &fields_[static_cast<std::size_t>(column_index_[c])];
    return nullptr;
  }

  void cross_checks(int line, const StudyInput& s) {
    for (const auto& [events, size] : kEventsWithin) {
      const Field* fe = field_named(events);
      const Field* fn = field_named(size);
      if (!fe || !fn) continue;
      const double e = events == "ai" ? s.ai : events == "ci" ? s.ci : s.xi;
      const double n = size == "n1i" ? s.n1i : size == "n2i" ? s.n2i : s.ni;
      if (e > n)
        error(line, fe->col,
              "column '" + std::string(events) + "': " + std::string(fe->text) + " events exceed " +
                  std::string(size) + " = " + std::string(fn->text));
    }
    if (time_to_event(measure_) && s.hr > 0 && s.hr_ci_lb > 0 && s.hr_ci_ub > 0 &&
        !(s.hr_ci_lb <= s.hr && s.hr <= s.hr_ci_ub && s.hr_ci_lb < s.hr_ci_ub)) {
      const Field* lb = field_named("ci_lb");
      error(line, lb->col,
            "columns 'ci_lb' and 'ci_ub': the interval [" + std::string(lb->text) + ", " +
                std::string(field_named("ci_ub")->text) + "] does not contain hr = " + std::string(field_named("hr")->text));
    }
  }

  std::string file_;
  core::Measure measure_;
  std::vector<Column> columns_;
  core::Diagnostics& diags_;
  std::vector<Field> fields_;
  std::deque<std::string> scratch_;
  std::vector<int> column_index_;
  MissingValues missing_;
  ExtraColumns* extra_ = nullptr;
  std::vector<int> extra_index_;  ///< header position of each extra column (-1: not seen)
  std::vector<std::string> missing_in_row_;  ///< required columns with no value in this row
  int study_ = -1, subgroup_ = -1, year_ = -1, level_ = -1;
  std::size_t width_ = 0;
  std::size_t rows_seen_ = 0;
  std::size_t errors_ = 0, omitted_ = 0;
  core::SourceLocation first_omitted_;
};

}  // namespace

std::vector<std::string_view> effect_csv_columns(core::Measure measure) {
  std::vector<std::string_view> out{"study"};
  for (const auto& c : columns_of(measure)) out.push_back(c.name);
  return out;
}

std::vector<StudyInput> parse_effect_csv(std::string_view text, const std::string& file, core::Measure measure,
                                         core::Diagnostics& diags, MissingValues missing, ExtraColumns* extra) {
  return Reader(file, measure, diags, missing, extra).parse(text);
}

std::vector<StudyInput> read_effect_csv(const std::string& path, core::Measure measure, core::Diagnostics& diags,
                                        MissingValues missing, ExtraColumns* extra) {
  std::string why;
  const auto text = io::read_file(path, &why);
  if (!text) {
    diags.error({path, 0, 0}, io::cannot_read(why));
    return {};
  }
  return parse_effect_csv(*text, path, measure, diags, missing, extra);
}

}  // namespace metareview::effect

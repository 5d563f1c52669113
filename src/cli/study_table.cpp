#include "cli/study_table.h"

#include <algorithm>
#include <array>
#include <ostream>
#include <set>

#include "io/study_reader.h"

namespace metareview::cli {
namespace {

constexpr std::size_t kOutcomeWidth = 60;  // wrap the outcome list beyond this many characters

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

// Display width in characters (UTF-8 code points), so labels such as "β2" align.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string arms_cell(const core::Study& s) {
  std::string cell;
  for (const auto& arm : s.arms) {
    if (!cell.empty()) cell += " / ";
    cell += arm.label;
    const auto& n = arm.randomised ? arm.randomised : arm.analysed;
    if (n) cell += ' ' + n->printed;
  }
  return cell;
}

// The outcome ids, greedily packed into lines of at most kOutcomeWidth characters (an id
// longer than that gets a line of its own).
std::vector<std::string> outcome_lines(const core::Study& s) {
  std::vector<std::string> lines(1);
  for (std::size_t i = 0; i < s.outcomes.size(); ++i) {
    std::string item = s.outcomes[i].id + (i + 1 < s.outcomes.size() ? "," : "");
    std::string& line = lines.back();
    if (!line.empty() && line.size() + 1 + item.size() > kOutcomeWidth) lines.push_back(item);
    else line += (line.empty() ? "" : " ") + item;
  }
  return lines;
}

}  // namespace

std::string describe_paths(const std::vector<std::string>& paths) {
  std::string out;
  for (const auto& p : paths) out += (out.empty() ? "" : " ") + p;
  return out;
}

std::optional<core::StudySet> load_studies(const std::vector<std::string>& paths, Context& ctx) {
  core::Diagnostics diag;
  auto set = io::read_studies(paths, diag);
  ctx.err << diag.to_string();
  if (!set) {
    std::set<std::string> files;
    for (const auto& d : diag.items()) files.insert(d.where.file);
    ctx.err << describe_paths(paths) << ": " << plural(diag.error_count(), "error", "errors") << " in "
            << plural(files.size(), "file", "files") << '\n';
    ctx.exit_code = kExitInvalidInput;
  }
  return set;
}

void print_study_table(const core::StudySet& set, std::ostream& out) {
  using Row = std::array<std::string, 3>;
  std::vector<Row> rows = {{"id", "design", "arms"}};
  std::vector<std::vector<std::string>> outcomes = {{"outcomes"}};
  for (const auto& s : set.studies) {
    rows.push_back({s.id, s.design, arms_cell(s)});
    outcomes.push_back(outcome_lines(s));
  }
  std::array<std::size_t, 3> widths{};
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
  std::size_t indent = 0;
  for (const auto w : widths) indent += w + 2;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < rows[r].size(); ++c) line += rows[r][c] + std::string(widths[c] + 2 - width(rows[r][c]), ' ');
    for (std::size_t k = 0; k < outcomes[r].size(); ++k) {
      std::string text = (k == 0 ? line : std::string(indent, ' ')) + outcomes[r][k];
      while (!text.empty() && text.back() == ' ') text.pop_back();
      out << text << '\n';
    }
  }
}

}  // namespace metareview::cli

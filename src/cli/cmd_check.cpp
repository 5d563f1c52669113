// `metareview check [PATH...] [--json] [--strict]`: recompute what each study's printed data
// allow and list every check (check/checks.h), as a table grouped by study or as JSON. In a
// library written by `metareview import`, RevMan's stored results are checked too (check/revman.h).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "check/checks.h"
#include "cli/commands.h"
#include "cli/study_table.h"
#include "import/rm5_check.h"
#include "import/rm5_library.h"
#include "model/fit_json.h"

namespace metareview::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> paths;
  bool json = false;
  bool strict = false;
};

// Display width of UTF-8 text: one column per code point (the messages use "²", "–", "√").
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

std::string outcome_column(const check::Finding& f) {
  if (f.outcome.empty()) return f.item.empty() ? "(study)" : "(study)/" + f.item;
  return f.item.empty() ? f.outcome : f.outcome + "/" + f.item;
}

std::string count_summary(const std::vector<const check::Finding*>& fs) {
  std::array<std::size_t, 4> n{};
  for (const auto* f : fs) ++n[static_cast<std::size_t>(f->severity)];
  const std::array<const char*, 4> names{"ok", "note", "inconsistent", "implausible"};
  std::string s;
  for (int i = 3; i >= 0; --i) {
    if (!n[i]) continue;
    if (!s.empty()) s += ", ";
    s += std::to_string(n[i]) + ' ' + names[i] + (i == 1 && n[i] != 1 ? "s" : "");
  }
  return s.empty() ? "no checks" : s;
}

void print_table(const core::StudySet& set, const std::vector<check::Finding>& findings, std::ostream& out) {
  const std::array<std::string, 5> head{"severity", "outcome", "check", "reported", "recomputed"};
  std::array<std::size_t, 5> w{};
  for (std::size_t i = 0; i < head.size(); ++i) w[i] = width(head[i]);
  const auto columns = [](const check::Finding& f) {
    return std::array<std::string, 5>{std::string(check::to_string(f.severity)), outcome_column(f), f.check,
                                      f.reported_text,
                                      f.recomputed_text};
  };
  for (const auto& f : findings) {
    const auto c = columns(f);
    for (std::size_t i = 0; i < c.size(); ++i) w[i] = std::max(w[i], width(c[i]));
  }
  std::vector<const check::Finding*> all;
  for (std::size_t i = 0; i < findings.size();) {
    const std::string& id = findings[i].study;
    std::vector<const check::Finding*> group;
    for (; i < findings.size() && findings[i].study == id; ++i) group.push_back(&findings[i]);
    all.insert(all.end(), group.begin(), group.end());
    const core::Study* s = set.find(id);
    out << id;
    if (s) out << " (" << s->trial << ", " << s->file << ")";
    out << ": " << count_summary(group) << '\n';
    out << "  ";
    for (std::size_t c = 0; c < head.size(); ++c) out << pad(head[c], w[c]) << "  ";
    out << "message\n";
    for (const auto* f : group) {
      const auto c = columns(*f);
      out << "  ";
      for (std::size_t k = 0; k < c.size(); ++k) out << pad(c[k], w[k]) << "  ";
      out << f->message << '\n';
    }
    out << '\n';
  }
  out << set.studies.size() << (set.studies.size() == 1 ? " study: " : " studies: ") << count_summary(all) << '\n';
}

using Json = nlohmann::ordered_json;

Json number(const std::optional<double>& x) { return x && std::isfinite(*x) ? Json(*x) : Json(nullptr); }

void print_json(const std::vector<check::Finding>& findings, std::ostream& out) {
  Json a = Json::array();
  for (const auto& f : findings) {
    a.push_back({{"study", f.study},
                 {"outcome", f.outcome},
                 {"item", f.item},
                 {"check", f.check},
                 {"severity", std::string(check::to_string(f.severity))},
                 {"reported", number(f.reported)},
                 {"recomputed", number(f.recomputed)},
                 {"reported_text", f.reported_text},
                 {"recomputed_text", f.recomputed_text},
                 {"message", f.message},
                 {"file", f.where.file},
                 {"line", f.where.line}});
  }
  out << model::json_text(a);
}

void run_check(CheckArgs& a, Context& ctx) {
  if (a.paths.empty()) a.paths.push_back("studies/");
  const auto set = load_studies(a.paths, ctx);
  if (!set) return;
  auto findings = check::check_studies(*set);
  // A library written by `metareview import` keeps its .rm5 file: RevMan's stored results
  // are compared with ours (docs/import.md).
  core::Diagnostics diag;
  for (const auto& path : a.paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(std::filesystem::path(path) / import::kRevmanDir, ec)) continue;
    const auto found = import::check_library_against_revman(path, *set, diag);
    findings.insert(findings.end(), found.begin(), found.end());
  }
  ctx.err << diag.to_string();
  if (diag.has_errors()) {
    ctx.exit_code = kExitInvalidInput;
    return;
  }
  if (a.json) print_json(findings, ctx.out);
  else print_table(*set, findings, ctx.out);
  if (a.strict && check::has_problems(findings)) ctx.exit_code = kExitInvalidInput;
}

}  // namespace

void setup_check(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<CheckArgs>();
  app.add_option("paths", a->paths, "study files or directories of them (default: studies/)");
  app.add_flag("--json", a->json, "print the findings as a JSON array");
  app.add_flag("--strict", a->strict, "exit 1 when any finding is inconsistent or implausible");
  app.callback([a, &ctx] { run_check(*a, ctx); });
}

}  // namespace metareview::cli

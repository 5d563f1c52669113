#pragma once
// Shared inputs of the render tests: dat.bcg with metafor's fits (tests/golden/render/
// bcg_fit.R -> bcg_fit.txt), the anti-CD38 PFS hazard ratios, and helpers to read a Scene.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../../support/files.h"
#include "effect/effect_table.h"
#include "model/fit.h"
#include "render/forest_layout.h"
#include "render/scene.h"

namespace render_test {

namespace r = metareview::render;
namespace p = metareview::present;
using metareview::core::Measure;
using metareview::effect::EffectTable;
using metareview::effect::StudyInput;
using metareview::model::Fit;
using metareview::model::Method;

inline std::string golden_path(const std::string& name) {
  return std::string(METAREVIEW_SOURCE_DIR) + "/tests/golden/render/" + name;
}

using metareview::test::slurp;
using metareview::test::temp_dir;

/// Compares a Scene dump with tests/golden/render/<name>; METAREVIEW_UPDATE_GOLDEN=1 rewrites it.
inline void check_golden(const std::string& dump, const std::string& name) {
  const std::string path = golden_path(name);
  if (std::getenv("METAREVIEW_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << dump;
  const std::string golden = slurp(path);
  REQUIRE_FALSE(golden.empty());
  CHECK(dump == golden);
}

/// "key v1 v2 ..." lines of bcg_fit.txt (labels kept as text with '_' for ' ').
struct Golden {
  std::map<std::string, std::vector<double>> num;
  std::vector<std::string> labels;
  const std::vector<double>& operator[](const std::string& k) const { return num.at(k); }
  double one(const std::string& k) const { return num.at(k).at(0); }
};

inline Golden read_golden(const std::string& name) {
  std::ifstream in(golden_path(name));
  Golden g;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string key, word;
    ss >> key;
    while (ss >> word) {
      if (key == "label") {
        for (char& c : word) c = c == '_' ? ' ' : c;
        g.labels.push_back(word);
      } else {
        g.num[key].push_back(std::stod(word));
      }
    }
  }
  return g;
}
inline Golden read_bcg() { return read_golden("bcg_fit.txt"); }

inline EffectTable bcg_table(const Golden& g) {
  EffectTable es;
  es.measure = Measure::RR;
  for (std::size_t i = 0; i < g.labels.size(); ++i) {
    StudyInput s;
    s.study = g.labels[i];
    s.year = static_cast<int>(g["year"][i]);
    s.ai = g["ai"][i], s.n1i = g["n1i"][i], s.ci = g["ci"][i], s.n2i = g["n2i"][i];
    es.input.push_back(s);
    es.yi.push_back(g["yi"][i]);
    es.vi.push_back(g["vi"][i]);
    es.included.push_back(true);
    es.corrected.push_back(false);
    es.note.emplace_back();
  }
  return es;
}

/// A Fit as metafor printed it: keys "<p>.beta", "<p>.weights", ... of a golden file.
inline Fit golden_fit(const Golden& g, const std::string& p, Measure measure) {
  Fit f;
  f.spec.method = p.size() >= 2 && p.compare(p.size() - 2, 2, "fe") == 0 ? Method::FE : Method::REML;
  f.measure = measure;
  f.weights = g[p + ".weights"];
  f.k = static_cast<int>(f.weights.size());
  f.beta = {g.one(p + ".beta")}, f.se = {g.one(p + ".se")}, f.zval = {g.one(p + ".zval")};
  f.pval = {g.one(p + ".pval")}, f.ci_lb = {g.one(p + ".ci_lb")}, f.ci_ub = {g.one(p + ".ci_ub")};
  f.Q = g.one(p + ".QE"), f.Q_df = f.k - 1, f.Q_p = g.one(p + ".QEp"), f.I2 = g.one(p + ".I2");
  if (f.spec.method != Method::FE)
    f.tau2 = g.one(p + ".tau2"), f.pi_lb = g.one(p + ".pi_lb"), f.pi_ub = g.one(p + ".pi_ub");
  return f;
}
inline Fit bcg_fit(const Golden& g, const std::string& p) {
  Fit f = golden_fit(g, p, Measure::RR);
  f.yi = g["yi"], f.vi = g["vi"];
  return f;
}

/// The anti-CD38 forest input as the report would build it: random-effects (REML) fits
/// overall and per partner subgroup, and the between-subgroup test, all from metafor
/// (tests/golden/render/anticd38_fit.R).
inline p::AnalysisView anti_cd38_input(p::ViewOptions options);

/// The texts of a Scene's elements of `role`, in drawing order.
inline std::vector<std::string> texts_of(const r::Scene& s, const std::string& role) {
  std::vector<std::string> out;
  for (const auto* t : s.find<r::Text>(role)) out.push_back(t->text);
  return out;
}

/// Checks that no two text runs of `s` overlap, naming both when they do.
inline void check_no_text_overlaps(const r::Scene& s) {
  const auto all = s.all<r::Text>();
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      INFO("'" << all[i]->text << "' (" << all[i]->role << ") and '" << all[j]->text << "' (" << all[j]->role << ")");
      CHECK_FALSE(r::overlaps(all[i]->box(), all[j]->box()));
    }
}

/// Maps axis values to x from two labelled ticks of a drawn axis (log axes: labels are ratios).
struct AxisMap {
  double x0 = 0, v0 = 0, slope = 1;
  bool log = false;
  double operator()(double analysis_value) const { return x0 + (analysis_value - v0) * slope; }
};
inline AxisMap axis_map(const r::Scene& s, bool log) {
  const auto labels = s.find<r::Text>("tick-label");
  const r::Text* a = labels.front();
  const r::Text* b = labels.back();
  auto value = [&](const r::Text* t) { return log ? std::log(std::stod(t->text)) : std::stod(t->text); };
  AxisMap m;
  m.log = log;
  m.x0 = a->pos.x, m.v0 = value(a);
  m.slope = (b->pos.x - a->pos.x) / (value(b) - value(a));
  return m;
}

/// One trial's PFS hazard ratio as reported (ratio scale) with the CI level.
struct Hr {
  const char* trial;
  const char* subgroup;
  int year;
  double hr, lb, ub, level;
};
/// Anti-CD38 trials, PFS HRs as published (CANDOR final analysis; IKEMA with its 99% CI).
inline const std::vector<Hr>& anti_cd38() {
  static const std::vector<Hr> rows = {
      {"CANDOR", "Proteasome-inhibitor partner", 2020, 0.64, 0.49, 0.83, 95},
      {"IKEMA", "Proteasome-inhibitor partner", 2021, 0.53, 0.32, 0.89, 99},
      {"CASTOR", "Proteasome-inhibitor partner", 2016, 0.39, 0.28, 0.53, 95},
      {"APOLLO", "Immunomodulatory partner", 2021, 0.63, 0.47, 0.85, 95},
      {"ICARIA-MM", "Immunomodulatory partner", 2019, 0.596, 0.44, 0.81, 95},
      {"POLLUX", "Immunomodulatory partner", 2016, 0.37, 0.27, 0.52, 95},
  };
  return rows;
}

/// The anti-CD38 rows as escalc() input (HR with its CI and level).
inline std::vector<StudyInput> anti_cd38_rows() {
  std::vector<StudyInput> rows;
  for (const auto& h : anti_cd38()) {
    StudyInput s;
    s.study = h.trial, s.subgroup = h.subgroup, s.year = h.year;
    s.hr = h.hr, s.hr_ci_lb = h.lb, s.hr_ci_ub = h.ub, s.hr_level = h.level;
    rows.push_back(s);
  }
  return rows;
}

/// log HR and its variance from a reported HR and CI: se = (ln ub - ln lb) / (2 z).
inline EffectTable hr_table(const std::vector<Hr>& rows);

inline EffectTable hr_table(const std::vector<Hr>& rows) {
  EffectTable es;
  es.measure = Measure::HR;
  const std::vector<StudyInput> inputs = anti_cd38_rows();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Hr& h = rows[i];
    const StudyInput& s = inputs[i];
    const double z = h.level == 99 ? 2.5758293035489004 : 1.959963984540054;
    const double se = (std::log(h.ub) - std::log(h.lb)) / (2 * z);
    es.input.push_back(s);
    es.yi.push_back(std::log(h.hr));
    es.vi.push_back(se * se);
    es.included.push_back(true);
    es.corrected.push_back(false);
    es.note.emplace_back();
  }
  return es;
}

/// The rows of `es` whose subgroup is `name`.
inline EffectTable subset(const EffectTable& es, const std::string& name) {
  EffectTable out;
  out.measure = es.measure;
  for (std::size_t i = 0; i < es.k(); ++i) {
    if (es.input[i].subgroup != name) continue;
    out.input.push_back(es.input[i]);
    out.yi.push_back(es.yi[i]);
    out.vi.push_back(es.vi[i]);
    out.included.push_back(true);
    out.corrected.push_back(false);
    out.note.emplace_back();
  }
  return out;
}

inline p::AnalysisView anti_cd38_input(p::ViewOptions options) {
  const Golden g = read_golden("anticd38_fit.txt");
  const EffectTable es = hr_table(anti_cd38());
  const Fit all = golden_fit(g, "all.re", Measure::HR);
  p::AnalysisView in = p::analysis_view(es, nullptr, &all, options);
  const Fit pi = golden_fit(g, "pi.re", Measure::HR), imid = golden_fit(g, "imid.re", Measure::HR);
  p::add_subgroup(in, "Proteasome-inhibitor partner", nullptr, &pi);
  p::add_subgroup(in, "Immunomodulatory partner", nullptr, &imid);
  p::set_subgroup_test(in, {g.one("between.re.Q"), g.one("between.re.df"), g.one("between.re.p")});
  return in;
}

}  // namespace render_test

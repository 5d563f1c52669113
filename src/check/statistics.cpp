// Test statistics and p-values recomputed from the data printed next to them: chi2 (with and
// without Yates' correction), Fisher, z, t (Student and Welch), Mann-Whitney, log-rank p, and
// the Wald z and p an HR's CI implies. Each printed test is compared with every way the paper
// may have computed it; the finding names the one that matches.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "check/families.h"
#include "check/precision.h"
#include "check/text.h"
#include "core/error.h"
#include "core/format.h"
#include "stats/distributions.h"
#include "stats/tests.h"

namespace metareview::check::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One way the paper may have computed a printed test.
struct Candidate {
  std::string name;                  ///< "Student's t", "Pearson's chi² without Yates' correction"
  std::optional<double> statistic;   ///< compared with the printed statistic's magnitude
  std::optional<Range> statistic_range;
  double p = 1;                      ///< two-sided
  std::optional<Range> p_range;
  bool preferred = true;             ///< false: the test kind in the file names another variant
};

// What is being judged and how to word it.
struct Subject {
  const core::Study& study;
  const core::Outcome& outcome;
  const core::ReportedTest& test;
  std::string item;     ///< timepoint or adverse-event id
  std::string check;    ///< finding id
  std::string symbol;   ///< "t", "chi²", "U", "z", "log-rank chi²"
  std::string inputs;   ///< what was rounded: "means and SDs", "statistic"
  std::string df_text;  ///< " on 1 df" for statistics whose p is read from a table
};

std::string join_candidates(const std::vector<Candidate>& cands, const core::PValue* printed_p, int decimals) {
  std::string s;
  for (std::size_t i = 0; i < cands.size(); ++i) {
    if (i > 0) s += i + 1 == cands.size() ? " and " : ", ";
    const Candidate& c = cands[i];
    s += c.name;
    if (c.statistic) s += ' ' + fixed(*c.statistic, decimals);
    if (printed_p) s += " (" + p_clause(c.p, *printed_p) + ')';
  }
  return s;
}

bool exact(Agreement a) { return a == Agreement::Rounded || a == Agreement::Truncated || a == Agreement::Bound; }

// The first candidate whose statistic agrees with the printed one: exactly (as rounded,
// truncated or bounded) before within the rounding of the inputs. nullptr when none does.
const Candidate* match_statistic(const std::vector<Candidate>& cands, double printed, int decimals, Agreement& ag) {
  for (int pass = 0; pass < 2; ++pass) {
    for (const Candidate& c : cands) {
      if (!c.statistic) continue;
      const Agreement a = agree(printed, decimals, *c.statistic, pass == 0 ? std::nullopt : c.statistic_range);
      if (agrees(a)) {
        ag = a;
        return &c;
      }
    }
  }
  return nullptr;
}

// A printed statistic (with or without its p): which candidate it is, and whether its p follows.
void judge_statistic(const Subject& j, const std::vector<Candidate>& cands, const core::PValue* p, Findings& out) {
  const core::ReportedTest& t = j.test;
  const std::string ptext = p ? p_text(*p) : "";
  const core::Number& st = *t.statistic;
  const double printed = std::fabs(st.value);
  const int d = st.decimals;
  Agreement stat_ag = Agreement::None;
  const Candidate* chosen = match_statistic(cands, printed, d, stat_ag);
  const Candidate& shown = chosen ? *chosen : cands.front();
  const Agreement p_ag = p ? agree_p(*p, shown.p, shown.p_range) : Agreement::Rounded;
  const std::string head = j.symbol + ' ' + st.printed + (p ? " (" + ptext + ")" : "");
  std::string msg;
  Severity sev = Severity::Ok;
  if (!chosen) {
    sev = Severity::Inconsistent;
    msg = head + " matches none of " + join_candidates(cands, p, d + 2);
    if (std::any_of(cands.begin(), cands.end(), [](const Candidate& c) { return c.statistic_range.has_value(); }))
      msg += ", not even within the rounding of the printed " + j.inputs;
  } else if (!agrees(p_ag)) {
    sev = Severity::Inconsistent;
    const bool itself = shown.name.empty();  // the printed statistic is its own candidate
    msg = j.symbol + ' ' + st.printed + j.df_text;
    if (!itself) msg += " is " + shown.name + " (" + fixed(*shown.statistic, d + 2) + ") and";
    msg += " gives " + p_clause(shown.p, *p) + ", but " + ptext + " was printed";
  } else {
    if (shown.name.empty()) {
      msg = j.symbol + ' ' + st.printed + j.df_text + " gives " + (p ? p_clause(shown.p, *p) : "") +
            (p ? ", consistent with " + ptext : "");
    } else {
      msg = head + " is " + shown.name + ": " + fixed(*shown.statistic, d + 2) +
            (p ? ", " + p_clause(shown.p, *p) : "");
    }
    // A value that truncates to the printed one may also be reached from rounded inputs:
    // the rounding of the inputs is the likelier explanation, truncation the alternative.
    if (stat_ag == Agreement::Truncated && shown.statistic_range &&
        reachable_from_inputs(printed, d, *shown.statistic_range))
      msg += agreement_clause(Agreement::WithinInputs, shown.statistic_range, d, j.inputs) + ", or printed truncated";
    else
      msg += agreement_clause(stat_ag, shown.statistic_range, d, j.inputs);
    if (p) {
      const std::string p_clause_text = agreement_clause(p_ag, shown.p_range, p->decimals, j.inputs, "P ");
      if (p_ag != stat_ag || p_ag == Agreement::WithinInputs) msg += p_clause_text;
    }
    if (!shown.preferred) {
      sev = Severity::Note;
      msg += "; the file records the test as " + t.kind;
    }
  }
  Finding& f = add(out, j.study, &j.outcome, j.check, sev, msg, st.where.line ? st.where : t.where, j.item);
  f.reported = st.value;
  f.reported_text = st.printed;
  if (shown.statistic) {
    f.recomputed = *shown.statistic;
    f.recomputed_text = fixed(*shown.statistic, d + 2);
  }
}

// A printed p alone: which candidate's p it is, exactly before within the inputs' rounding.
void judge_p(const Subject& j, const std::vector<Candidate>& cands, const core::PValue* p, Findings& out) {
  const core::ReportedTest& t = j.test;
  const std::string ptext = p_text(*p);
  const Candidate* chosen = nullptr;
  Agreement ag = Agreement::None;
  for (int pass = 0; pass < 2 && !chosen; ++pass) {
    for (const Candidate& c : cands) {
      const Agreement a = agree_p(*p, c.p, pass == 0 ? std::nullopt : c.p_range);
      if (agrees(a) && (pass == 1 || exact(a))) {
        chosen = &c, ag = a;
        break;
      }
    }
  }
  const Candidate& shown = chosen ? *chosen : cands.front();
  Severity sev = Severity::Ok;
  std::string msg;
  if (!chosen) {
    sev = Severity::Inconsistent;
    msg = join_candidates(cands, p, 3) + (cands.size() > 1 ? " contradict" : " contradicts") + " the printed " + ptext;
  } else {
    msg = ptext + " agrees with " + shown.name;
    if (shown.statistic) msg += ' ' + fixed(*shown.statistic, 3);
    msg += " (" + p_clause(shown.p, *p) + ')' + agreement_clause(ag, shown.p_range, p->decimals, j.inputs);
    if (!shown.preferred) {
      sev = Severity::Note;
      msg += "; the file records the test as " + t.kind;
    }
  }
  Finding& f = add(out, j.study, &j.outcome, j.check, sev, msg, p->where.line ? p->where : t.where, j.item);
  f.reported = p->value;
  f.reported_text = ptext;
  f.recomputed = shown.p;
  f.recomputed_text = p_number(shown.p, *p);
}

// Judges a printed test against the ways it may have been computed (`cands`, preferred first).
void judge(const Subject& j, std::vector<Candidate> cands, Findings& out) {
  if (cands.empty()) return;
  if (j.test.sided == "one") {
    for (Candidate& c : cands) {
      c.p /= 2;
      if (c.p_range) c.p_range = Range{c.p_range->lo / 2, c.p_range->hi / 2};
    }
  }
  const core::PValue* p = j.test.p ? &*j.test.p : nullptr;
  if (j.test.statistic)
    judge_statistic(j, cands, p, out);
  else if (p)
    judge_p(j, cands, p, out);
}

// ----- 2 x 2 tables --------------------------------------------------------------------

// Pearson's chi2 with and without Yates' correction, or their square roots (kind "z"),
// Fisher's exact test, of [[a, b], [c, d]] (rows = experimental, control).
std::vector<Candidate> two_by_two_candidates(const std::string& kind, const std::array<double, 4>& x) {
  const auto [a, b, c, d] = x;
  std::vector<Candidate> cands;
  try {
    if (kind == "fisher") {
      cands.push_back({"Fisher's exact test", std::nullopt, std::nullopt, stats::fisher_test_2x2(a, b, c, d).p, {}, true});
      return cands;
    }
    const auto pearson = stats::chisq_test_2x2(a, b, c, d, false);
    const auto yates = stats::chisq_test_2x2(a, b, c, d, true);
    const bool z = kind == "z";
    const auto stat = [z](double chi2) { return z ? std::sqrt(chi2) : chi2; };
    Candidate p{z ? "the two-proportion z (square root of Pearson's chi²)" : "Pearson's chi² without Yates' correction",
                stat(pearson.statistic), std::nullopt, pearson.p, std::nullopt, kind != "chi2-yates"};
    Candidate y{z ? "the Yates-corrected two-proportion z" : "Yates-corrected chi²", stat(yates.statistic),
                std::nullopt, yates.p, std::nullopt, kind == "chi2-yates"};
    if (kind == "chi2-yates") {
      cands = {y, p};
    } else {
      y.preferred = true;  // "chi2" and "z" name no correction: either is what was printed
      cands = {p, y};
    }
  } catch (const Error&) {
    // An empty row or column: the test is undefined and nothing can be recomputed.
  }
  return cands;
}

std::optional<std::array<double, 4>> two_by_two(const core::ArmData* e, const core::ArmData* c) {
  if (!e || !c || !e->events || !e->total || !c->events || !c->total) return std::nullopt;
  const double a = e->events->value, n1 = e->total->value, cc = c->events->value, n2 = c->total->value;
  if (a > n1 || cc > n2) return std::nullopt;  // reported by arm-sizes
  return std::array<double, 4>{a, n1 - a, cc, n2 - cc};
}

bool is_two_by_two_kind(const std::string& kind) {
  return kind == "chi2" || kind == "chi2-yates" || kind == "fisher" || kind == "z";
}

bool is_mann_whitney(const std::string& kind) { return kind == "mann-whitney-u" || kind == "mann-whitney-z"; }

std::string symbol_of(const std::string& kind) {
  if (kind == "chi2" || kind == "chi2-yates") return "chi²";
  if (kind == "logrank-chi2") return "log-rank chi²";
  if (kind == "mann-whitney-u") return "U";
  if (kind == "mann-whitney-z") return "z";
  if (kind == "t" || kind == "t-welch") return "t";
  return kind;
}

std::string check_of(const std::string& kind) {
  if (kind == "chi2" || kind == "chi2-yates") return "chi2";
  if (kind == "t" || kind == "t-welch") return "t";
  if (kind == "mann-whitney-u" || kind == "mann-whitney-z") return "mann-whitney";
  if (kind == "logrank-chi2") return "logrank-p";
  return kind;
}

// ----- Mann-Whitney ----------------------------------------------------------------------

// |z| with and without continuity correction and U, from counts per ordered category.
// A test recorded as "mann-whitney-u" prefers U (a |z| match is a note: the paper printed z);
// one recorded as "mann-whitney-z" (the normal approximation, as SPSS prints it) has no U.
void mann_whitney_candidates(const std::vector<double>& c1, const std::vector<double>& c2, const std::string& where,
                             const std::string& kind, std::vector<Candidate>& cands) {
  const bool as_z = kind == "mann-whitney-z";
  try {
    const auto corr = stats::mann_whitney_ordered(c1, c2, true);
    const auto plain = stats::mann_whitney_ordered(c1, c2, false);
    if (!as_z) cands.push_back({"the Mann-Whitney U" + where, corr.u, std::nullopt, corr.p, std::nullopt, true});
    cands.push_back({"the continuity-corrected Mann-Whitney |z|" + where, std::fabs(corr.z), std::nullopt, corr.p,
                     std::nullopt, as_z});
    cands.push_back({"the Mann-Whitney |z| without continuity correction" + where, std::fabs(plain.z), std::nullopt,
                     plain.p, std::nullopt, as_z});
  } catch (const Error&) {
    // Every observation tied (or an empty arm): this variant has no test.
  }
}

// Pearson's chi2 of a 2 x k table, df = k - 1 over the non-empty columns.
// Ref: Pearson (1900); as R's chisq.test() on a 2 x k matrix (no correction when k > 2).
std::optional<Candidate> pearson_2xk(const std::vector<double>& c1, const std::vector<double>& c2) {
  double n1 = 0, n2 = 0;
  for (std::size_t j = 0; j < c1.size(); ++j) n1 += c1[j], n2 += c2[j];
  if (n1 <= 0 || n2 <= 0) return std::nullopt;
  double x2 = 0;
  int columns = 0;
  for (std::size_t j = 0; j < c1.size(); ++j) {
    const double col = c1[j] + c2[j];
    if (col <= 0) continue;
    ++columns;
    const double e1 = n1 * col / (n1 + n2), e2 = n2 * col / (n1 + n2);
    x2 += (c1[j] - e1) * (c1[j] - e1) / e1 + (c2[j] - e2) * (c2[j] - e2) / e2;
  }
  if (columns < 2) return std::nullopt;
  const double df = columns - 1;
  return Candidate{"Pearson's chi² on " + fixed(df, 0) + " df", x2, std::nullopt, stats::p_upper_chi2(x2, df),
                   std::nullopt, true};
}

// ----- outcome kinds -------------------------------------------------------------------------

void binary_tests(const core::Study& s, const core::Outcome& o, Findings& out) {
  const auto [e, c] = two_arms(o);
  const auto table = two_by_two(e, c);
  if (!table) return;
  for (const core::ReportedTest& t : o.tests) {
    if (!is_two_by_two_kind(t.kind)) continue;
    judge({s, o, t, "", check_of(t.kind), symbol_of(t.kind), "counts", ""}, two_by_two_candidates(t.kind, *table), out);
  }
}

void continuous_tests(const core::Study& s, const core::Outcome& o, Findings& out) {
  for (const core::Timepoint& tp : o.timepoints) {
    const auto [e, c] = two_arms(o, tp);
    if (!e || !c || !e->mean || !e->sd || !e->n || !c->mean || !c->sd || !c->n) continue;
    const std::vector<double> centre{e->mean->value, e->sd->value, c->mean->value, c->sd->value};
    const std::vector<double> half{half_unit(e->mean->decimals), half_unit(e->sd->decimals),
                                   half_unit(c->mean->decimals), half_unit(c->sd->decimals)};
    const std::vector<double> floor{-kInf, 0, -kInf, 0};
    const double n1 = e->n->value, n2 = c->n->value;
    for (const core::ReportedTest& t : tp.tests) {
      if (t.kind != "t" && t.kind != "t-welch") continue;
      std::vector<Candidate> cands;
      for (const bool welch : {t.kind == "t-welch", t.kind != "t-welch"}) {
        const auto test = [&](const std::vector<double>& x) {
          return welch ? stats::t_test_welch(x[0], x[1], n1, x[2], x[3], n2)
                       : stats::t_test_student(x[0], x[1], n1, x[2], x[3], n2);
        };
        try {
          const auto r = test(centre);
          const auto signed_range =
              corner_range(centre, half, floor, [&](const std::vector<double>& x) { return test(x).statistic; });
          // "t" names no variant, so either is what was printed; "t-welch" names Welch's.
          Candidate cand{welch ? "Welch's t" : "Student's t", std::fabs(r.statistic), std::nullopt, r.p, std::nullopt,
                         t.kind == "t" || welch};
          if (signed_range) {
            const Range m = magnitude(*signed_range);
            cand.statistic_range = m;
            cand.p_range = Range{stats::p_two_sided_t(m.hi, r.df), stats::p_two_sided_t(m.lo, r.df)};
          }
          cands.push_back(cand);
        } catch (const Error&) {
          // Sizes or SDs that admit no test: nothing to recompute.
        }
      }
      judge({s, o, t, tp.id, "t", "t", "means and SDs", ""}, cands, out);
    }
  }
}

void ordinal_tests(const core::Study& s, const core::Outcome& o, Findings& out) {
  const auto [e, c] = two_arms(o);
  if (!e || !c) return;
  std::vector<double> c1, c2;
  for (const std::string& cat : o.categories) {
    const auto i1 = e->category_counts.find(cat), i2 = c->category_counts.find(cat);
    if (i1 == e->category_counts.end() || i2 == c->category_counts.end()) return;
    c1.push_back(i1->second.value);
    c2.push_back(i2->second.value);
  }
  for (const core::ReportedTest& t : o.tests) {
    std::vector<Candidate> cands;
    if (is_mann_whitney(t.kind)) {
      mann_whitney_candidates(c1, c2, "", t.kind, cands);
    } else if (t.kind == "chi2") {
      if (auto cand = pearson_2xk(c1, c2)) cands.push_back(*cand);
    }
    judge({s, o, t, "", check_of(t.kind), symbol_of(t.kind), "counts", ""}, cands, out);
  }
}

void adverse_event_tests(const core::Study& s, const core::Outcome& o, Findings& out) {
  for (const core::AdverseEvent& ev : o.adverse_events) {
    const core::AdverseEvent::ArmCounts* e = nullptr;
    const core::AdverseEvent::ArmCounts* c = nullptr;
    for (const auto& a : ev.arms) {
      if (a.arm == o.experimental) e = &a;
      if (a.arm == o.control) c = &a;
    }
    if (!e || !c) continue;
    // Disjoint grade bands, mildest first.
    std::vector<std::pair<std::pair<int, int>, std::string>> bands;
    for (const auto* a : {e, c})
      for (const auto& entry : a->by_grade) {
        // A named variable, not a structured binding: lambdas capture bindings only from C++20
        // compilers that implement P1091, and clang 14 does not.
        const std::string& band = entry.first;
        if (const auto r = band_range(band);
            r && std::none_of(bands.begin(), bands.end(), [&](const auto& b) { return b.second == band; }))
          bands.push_back({*r, band});
      }
    std::sort(bands.begin(), bands.end());
    bool disjoint = !bands.empty();
    for (std::size_t i = 1; i < bands.size(); ++i) disjoint = disjoint && bands[i - 1].first.second < bands[i].first.first;
    std::vector<double> g1, g2;
    double sum1 = 0, sum2 = 0;
    std::string band_names;
    for (const auto& [r, band] : bands) {
      const auto i1 = e->by_grade.find(band), i2 = c->by_grade.find(band);
      g1.push_back(i1 == e->by_grade.end() ? 0 : i1->second.value);
      g2.push_back(i2 == c->by_grade.end() ? 0 : i2->second.value);
      sum1 += g1.back(), sum2 += g2.back();
      band_names += (band_names.empty() ? "grade " : " vs ") + band;
    }
    for (const core::ReportedTest& t : ev.tests) {
      std::vector<Candidate> cands;
      if (is_mann_whitney(t.kind) && disjoint) {
        mann_whitney_candidates(g1, g2, " among the patients with the event (" + band_names + ")", t.kind, cands);
        if (e->total && c->total && e->total->value >= sum1 && c->total->value >= sum2) {
          std::vector<double> a1{e->total->value - sum1}, a2{c->total->value - sum2};
          a1.insert(a1.end(), g1.begin(), g1.end());
          a2.insert(a2.end(), g2.begin(), g2.end());
          mann_whitney_candidates(a1, a2, " over all patients (none, " + band_names + ")", t.kind, cands);
        }
      } else if (is_two_by_two_kind(t.kind) && e->total && c->total) {
        // Incidence: patients with the event of any grade.
        const auto any = [&](const core::AdverseEvent::ArmCounts* a, double sum) {
          const auto it = a->by_grade.find("any");
          return it != a->by_grade.end() ? it->second.value : sum;
        };
        const double a1 = any(e, sum1), a2 = any(c, sum2);
        if ((disjoint || e->by_grade.count("any")) && a1 <= e->total->value && a2 <= c->total->value)
          cands = two_by_two_candidates(t.kind, {a1, e->total->value - a1, a2, c->total->value - a2});
      }
      judge({s, o, t, ev.id, check_of(t.kind), symbol_of(t.kind), "counts", ""},
            cands, out);
    }
  }
}

void time_to_event_tests(const core::Study& s, const core::Outcome& o, Findings& out) {
  for (const core::ReportedTest& t : o.tests) {
    if (!t.statistic || !t.p) continue;  // a p alone is judged against the HR (hr-z-p)
    const double x = std::fabs(t.statistic->value);
    const double h = half_unit(t.statistic->decimals);
    Candidate self{"", x, std::nullopt, 1, std::nullopt, true};
    if (t.kind == "logrank-chi2" || t.kind == "chi2") {
      const double df = t.df.value_or(1);
      self.p = stats::p_upper_chi2(x, df);
      self.p_range = Range{stats::p_upper_chi2(x + h, df), stats::p_upper_chi2(std::max(0.0, x - h), df)};
      judge({s, o, t, "", "logrank-p", symbol_of(t.kind), "statistic", " on " + fixed(df, 0) + " df"}, {self}, out);
    } else if (t.kind == "z") {
      self.p = stats::p_two_sided_z(x);
      self.p_range = Range{stats::p_two_sided_z(x + h), stats::p_two_sided_z(std::max(0.0, x - h))};
      judge({s, o, t, "", "z", "z", "statistic", ""}, {self}, out);
    }
  }
}

// Whether a printed p is below alpha: known for an equality, and for a bound on the right
// side of alpha ("P<0.001" is below 0.05; "P<0.1" says nothing about 0.05).
std::optional<bool> printed_below(const core::PValue& p, double alpha) {
  using R = core::PValue::Relation;
  switch (p.relation) {
    case R::Equal: return p.value < alpha;
    case R::Less:
    case R::LessEqual:
      if (p.value <= alpha) return true;
      return std::nullopt;
    case R::Greater:
    case R::GreaterEqual:
      if (p.value >= alpha) return false;
      return std::nullopt;
  }
  return std::nullopt;
}

// The Wald z and p of an HR from its CI (stats::wald_test_ratio_ci) against every p printed
// for the outcome. The printed p often comes from another test (a log-rank or stratified
// test, against a Cox model's CI), so a p that differs but leads to the same conclusion at
// the CI's own level is a note; an opposite conclusion is inconsistent.
void hr_wald_p(const core::Study& s, const core::Outcome& o, Findings& out) {
  if (!o.estimate || o.estimate->measure != "HR" || !o.estimate->ci_lb || !o.estimate->ci_ub) return;
  const core::Estimate& est = *o.estimate;
  const std::vector<double> centre{est.value.value, est.ci_lb->value, est.ci_ub->value};
  const std::vector<double> half{half_unit(est.value.decimals), half_unit(est.ci_lb->decimals),
                                 half_unit(est.ci_ub->decimals)};
  const std::vector<double> floor{1e-12, 1e-12, 1e-12};
  const auto wald = [&](const std::vector<double>& x) { return stats::wald_test_ratio_ci(x[0], x[1], x[2], est.level); };
  stats::TestResult r;
  try {
    r = wald(centre);
  } catch (const Error&) {
    return;  // a CI that is no interval: ci-contains-estimate reports it
  }
  const auto z_range = corner_range(centre, half, floor, [&](const std::vector<double>& x) { return wald(x).statistic; });
  for (const core::ReportedTest& t : o.tests) {
    if (!t.p) continue;
    const core::PValue& p = *t.p;
    const bool one = t.sided == "one";
    const double scale = one ? 0.5 : 1.0;
    const double wald_p = r.p * scale;
    std::optional<Range> p_range;
    if (z_range) {
      const Range m = magnitude(*z_range);
      p_range = Range{stats::p_two_sided_z(m.hi) * scale, stats::p_two_sided_z(m.lo) * scale};
    }
    const Agreement ag = agree_p(p, wald_p, p_range);
    const std::string head = estimate_text(est) + " gives Wald z = " + fixed(r.statistic, 3) + ", " +
                             (one ? "one-sided " : "") + p_clause(wald_p, p);
    std::string msg;
    Severity sev = Severity::Ok;
    if (agrees(ag)) {
      msg = head + ", consistent with " + p_text(p) + agreement_clause(ag, p_range, p.decimals, "HR and CI");
    } else {
      const double alpha = (100 - est.level) / 100 * scale;
      const std::optional<bool> printed_sig = printed_below(p, alpha);
      const std::optional<bool> wald_sig = !p_range                 ? std::optional<bool>(wald_p < alpha)
                                           : p_range->hi < alpha     ? std::optional<bool>(true)
                                           : p_range->lo >= alpha    ? std::optional<bool>(false)
                                                                     : std::nullopt;
      if (printed_sig && wald_sig && *printed_sig != *wald_sig) {
        sev = Severity::Inconsistent;
        msg = head + ": the " + core::format_plain(est.level) + "%" + " CI " + (*wald_sig ? "excludes" : "includes") + " 1, but " +
              p_text(p) + " was printed";
      } else {
        sev = Severity::Note;
        msg = head + ", not " + p_text(p) + "; the printed P presumably comes from another test (log-rank or stratified)";
        if (printed_sig && wald_sig) msg += " and leads to the same conclusion at the CI's level";
      }
    }
    Finding& f = add(out, s, &o, "hr-z-p", sev, msg, p.where.line ? p.where : t.where);
    f.reported = p.value;
    f.reported_text = p_text(p);
    f.recomputed = wald_p;
    f.recomputed_text = p_number(wald_p, p);
  }
}

// A one-sided P read under an assumption the source does not print (status presumed, e.g.
// CANDOR's final OS P = .042 beside a CI that includes 1): a note that says so and gives the
// two-sided value, so a presumption never passes silently as a printed fact.
void presumed_sidedness(const core::Study& s, const core::Outcome& o, Findings& out) {
  for (const core::ReportedTest& t : o.tests) {
    if (t.sided != "one" || !t.p || t.p->prov.status != core::Status::Presumed) continue;
    const core::PValue& p = *t.p;
    const char* relation = p.relation == core::PValue::Relation::Equal       ? " = "
                           : p.relation == core::PValue::Relation::Less      ? " < "
                           : p.relation == core::PValue::Relation::LessEqual ? " ≤ "
                           : p.relation == core::PValue::Relation::Greater   ? " > "
                                                                             : " ≥ ";
    const double two = std::min(1.0, 2 * p.value);
    Finding& f = add(out, s, &o, "sided-presumed", Severity::Note,
                     "one-sided " + p_text(p) + " is presumed: the source does not say the test is one-sided; read "
                     "two-sided, it is P" + relation + fixed(two, p.decimals),
                     p.where.line ? p.where : t.where);
    f.reported = p.value;
    f.reported_text = p_text(p);
    f.recomputed = two;
    f.recomputed_text = fixed(two, p.decimals);
  }
}

}  // namespace

void check_statistics(const core::Study& s, const core::Outcome& o, Findings& out) {
  presumed_sidedness(s, o, out);
  switch (o.kind) {
    case core::OutcomeKind::Binary: binary_tests(s, o, out); break;
    case core::OutcomeKind::Continuous: continuous_tests(s, o, out); break;
    case core::OutcomeKind::Ordinal: ordinal_tests(s, o, out); break;
    case core::OutcomeKind::AdverseEvents: adverse_event_tests(s, o, out); break;
    case core::OutcomeKind::TimeToEvent:
      time_to_event_tests(s, o, out);
      hr_wald_p(s, o, out);
      break;
    case core::OutcomeKind::Proportion: break;  // a single arm has no two-group test
    case core::OutcomeKind::Generic: break;     // an estimate and its SE carry no test
  }
}

}  // namespace metareview::check::detail

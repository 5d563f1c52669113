#include "present/certainty_view.h"

#include <cmath>
#include <cstdlib>

#include "core/format.h"
#include "present/small_study_view.h"

namespace metareview::present {
namespace {

using methods::GradeDomain;
using methods::GradeJudgment;
using methods::GradeUpgrade;

std::string domain_name(GradeDomain d) {
  switch (d) {
    case GradeDomain::RiskOfBias: return "Risk of bias";
    case GradeDomain::Inconsistency: return "Inconsistency";
    case GradeDomain::Indirectness: return "Indirectness";
    case GradeDomain::Imprecision: return "Imprecision";
    case GradeDomain::PublicationBias: return "Publication bias";
  }
  return "";
}

std::string upgrade_name(GradeUpgrade u) {
  switch (u) {
    case GradeUpgrade::LargeEffect: return "Large effect";
    case GradeUpgrade::DoseResponse: return "Dose-response gradient";
    case GradeUpgrade::PlausibleConfounding: return "Plausible confounding";
  }
  return "";
}

std::string judgment_words(GradeJudgment j) {
  switch (j) {
    case GradeJudgment::NotSerious: return "not serious";
    case GradeJudgment::Serious: return "serious";
    case GradeJudgment::VerySerious: return "very serious";
  }
  return "";
}

/// "+1": appended, as "+" + std::string&& trips GCC 12's false -Wrestrict at -O3.
std::string plus(int levels) {
  std::string s = "+";
  s += std::to_string(levels);
  return s;
}

std::string pct(double x) { return core::format_percent(x, 1); }
std::string count(double x) { return core::format_count(x); }

/// The null as the display scale shows it, for "CI crosses 1".
std::string null_text(core::Measure m) { return core::is_log_ratio(m) ? "1" : "0"; }

std::string rob_reason(const methods::RiskOfBiasSuggestion& s, int rows) {
  using R = methods::RiskOfBiasSuggestion::Reason;
  switch (s.reason) {
    case R::NotAssessed:
      return "no risk-of-bias assessment for " + std::to_string(s.rows_not_assessed) + " of " + std::to_string(rows) +
             (rows == 1 ? " study" : " studies") + " (" + pct(s.not_assessed) + " of the weight): judge by hand";
    case R::MostHigh: return pct(s.high) + " of the weight from studies at high risk of bias";
    case R::MostConcerns:
      return pct(s.high + s.some + s.no_information) +
             " of the weight from studies at high risk, with some concerns or with no information";
    case R::MostLow:
      return pct(s.high + s.some + s.no_information) +
             " of the weight from studies at high risk, with some concerns or with no information (not more than half)";
  }
  return "";
}

std::string inconsistency_reason(const methods::InconsistencySuggestion& s) {
  using R = methods::InconsistencySuggestion::Reason;
  if (s.reason == R::SingleStudy) return "not applicable (one study)";
  std::string out = "I\u00b2 = " + (s.I2 ? pct(*s.I2) : std::string("NA"));
  if (s.reason == R::Considerable) out += " (considerable heterogeneity)";
  if (s.reason == R::Substantial) out += " (substantial heterogeneity)";
  if (s.opposite_sides) out += "; study CIs lie wholly on both sides of the null";
  else if (s.non_overlapping) out += "; some study CIs do not overlap";
  if (s.pi_crosses_null) out += *s.pi_crosses_null ? "; the prediction interval crosses the null" : "; the prediction interval excludes the null";
  return out;
}

std::string imprecision_reason(const methods::ImprecisionSuggestion& s, core::Measure m) {
  using O = methods::ImprecisionSuggestion::Ois;
  if (s.reason == methods::ImprecisionSuggestion::Reason::NoNull)
    return "a single-group proportion has no null: judge the width of its CI by hand";
  std::string out = s.crosses_null ? "the CI crosses " + null_text(m) : "the CI excludes " + null_text(m);
  const std::string rrr = "relative risk reduction " + core::format_percent(100 * s.rrr, 0);
  switch (s.ois_kind) {
    case O::Participants:
      out += "; optimal information size " + count(*s.ois) + " participants (" + rrr + ", alpha 0.05, power 0.80)";
      if (s.observed) out += ", the studies have " + count(*s.observed);
      break;
    case O::Events:
      out += "; " + count(*s.ois) + " events needed (Schoenfeld; " + rrr + ", alpha 0.05, power 0.80)";
      if (s.observed) out += ", the studies report " + count(*s.observed);
      break;
    case O::NoEvents: out += "; the optimal information size cannot be checked: not every study reports its events"; break;
    case O::NoControlRisk: out += "; the optimal information size cannot be computed: no control-arm risk"; break;
    case O::NotForMeasure: out += "; no optimal information size for this measure"; break;
  }
  return out;
}

std::string publication_bias_reason(const methods::PublicationBiasSuggestion& s) {
  using R = methods::PublicationBiasSuggestion::Reason;
  switch (s.reason) {
    case R::TooFewStudies:
      return "fewer than 10 studies (k = " + std::to_string(s.k) +
             "): no test for funnel-plot asymmetry (Cochrane Handbook 13.3.5.4); judge by hand";
    case R::Asymmetry: return "Egger's test " + core::format_p_clause(*s.pval) + " (below 0.10)";
    case R::NoAsymmetry: return "Egger's test " + core::format_p_clause(*s.pval) + " (not below 0.10)";
    case R::TestFailed: return "Egger's test could not be fitted";
  }
  return "";
}

std::string domain_reason(const review::CertaintyResult& c, GradeDomain d, core::Measure m, int rows) {
  switch (d) {
    case GradeDomain::RiskOfBias: return rob_reason(c.risk_of_bias, rows);
    case GradeDomain::Inconsistency: return inconsistency_reason(c.inconsistency);
    case GradeDomain::Indirectness: return "not computable from the data: the committee judges it";
    case GradeDomain::Imprecision: return imprecision_reason(c.imprecision, m);
    case GradeDomain::PublicationBias: return publication_bias_reason(c.publication_bias);
  }
  return "";
}

/// "136 fewer", "12 more", "0 fewer" (per 1000, rounded).
std::string more_fewer(double x) {
  const long r = std::lround(x);
  return std::to_string(std::labs(r)) + (r > 0 ? " more" : " fewer");
}

std::string participants_text(const review::CertaintyResult& c) {
  const int rct = c.start.randomised, other = c.start.non_randomised;
  std::string kinds;
  if (rct > 0) kinds = std::to_string(rct) + (rct == 1 ? " RCT" : " RCTs");
  if (other > 0)
    kinds += (kinds.empty() ? "" : ", ") + std::to_string(other) +
             (other == 1 ? " non-randomised study" : " non-randomised studies");
  const std::string n = c.size_unknown.empty() ? count(c.participants)
                        : c.participants > 0   ? "at least " + count(c.participants)
                                               : std::string("Not known");
  return n + " (" + kinds + ")";
}

std::string start_text(const methods::StartingLevel& s) {
  if (s.mixed) return "Randomised and non-randomised studies: rated from the randomised level, high";
  if (s.randomised > 0) return "Randomised trials: start at high";
  if (s.robins_i) return "Non-randomised studies assessed with ROBINS-I: start at high";
  return "Non-randomised studies: start at low";
}

/// Footnote letters a, b, ..., z, aa, ...; a text already given keeps its letter.
class Letters {
 public:
  std::string add(std::vector<SofFootnote>& notes, std::string text) {
    for (const auto& n : notes)
      if (n.text == text) return n.letter;
    std::string letter;
    int n = next_++;
    do {
      letter.insert(letter.begin(), static_cast<char>('a' + n % 26));
      n = n / 26 - 1;
    } while (n >= 0);
    notes.push_back({letter, std::move(text)});
    return letter;
  }

 private:
  int next_ = 0;
};

/// The publication-bias domain beside the analysis' own small-study tests (<small-study>, from
/// 10 studies): what they found, and a finding when the committee's "not serious" sits beside a test with P < 0.10.
/// The committee's judgment stays as declared.
void small_study_evidence(const review::AnalysisResult& a, const review::DomainCertainty& d, SofDomain& sd) {
  const SmallStudyView v = small_study_view(a);
  // Below 10 studies the domain's reason already says that nothing was tested.
  if (!v.asked || !v.not_tested.empty()) return;
  sd.evidence = v.evidence;
  if (!v.asymmetry || !d.judgment || *d.judgment != GradeJudgment::NotSerious) return;
  std::string tests;
  for (const SmallStudyTestView& t : v.tests)
    if (t.asymmetry) tests += (tests.empty() ? "" : "; ") + t.reading.substr(0, t.reading.size() - 1);
  sd.finding = sd.name + ": judged not serious by the committee, but " + tests + ".";
}

void append(std::string& letters, const std::string& letter) { letters += (letters.empty() ? "" : ",") + letter; }

}  // namespace

std::string certainty_symbols(methods::Certainty c) {
  std::string out;
  const int level = static_cast<int>(c);
  for (int i = 0; i < 4; ++i) out += i <= level ? "\u2295" : "\u25ef";
  return out;
}

std::string certainty_label(methods::Certainty c) {
  switch (c) {
    case methods::Certainty::High: return "HIGH";
    case methods::Certainty::Moderate: return "MODERATE";
    case methods::Certainty::Low: return "LOW";
    case methods::Certainty::VeryLow: return "VERY LOW";
  }
  return "";
}

SofView sof_view(const review::ReviewResult& r) {
  SofView v;
  Letters letters;
  bool declared = false, control_arms = false;
  for (const review::AnalysisResult& a : r.analyses) {
    if (!a.certainty) continue;
    const review::CertaintyResult& c = *a.certainty;
    const review::Analysis& an = *a.analysis;
    SofRow row;
    row.id = an.id;
    row.outcome = an.title;
    row.estimable = c.estimable;
    if (!c.estimable) {
      row.follow_up = an.certainty ? an.certainty->follow_up : "";
      row.participants = "No usable study";
      row.relative = "Not estimable";
      row.status = an.certainty ? "committee" : "suggested";
      v.rows.push_back(std::move(row));
      continue;
    }
    row.follow_up = c.follow_up;
    row.participants = participants_text(c);
    if (!c.size_unknown.empty()) {
      std::string who;
      for (const auto& l : c.size_unknown) who += (who.empty() ? "" : ", ") + l;
      row.participants_letters =
          letters.add(v.footnotes, "Participants not known for " + who + ": the study file gives no arm sizes.");
    }
    row.symbols = certainty_symbols(c.certainty);
    row.level = certainty_label(c.certainty);
    row.status = c.judged ? "committee" : "suggested";
    row.start = start_text(c.start);
    const core::Measure m = an.measure;
    if (core::is_proportion(m))
      row.relative = "Not applicable (one group)";
    else
      row.relative = std::string(core::to_string(m)) + " " + core::format_fixed(c.estimate, 2) + " (" +
                     core::format_fixed(c.ci_lb, 2) + " to " + core::format_fixed(c.ci_ub, 2) + ")";

    // Certainty footnotes: what rates down or up, and how the judgments were made.
    const int rows = static_cast<int>(a.rows.size());
    std::vector<std::string> unjudged;
    for (const review::DomainCertainty& d : c.domains) {
      SofDomain sd;
      sd.name = domain_name(d.domain);
      sd.suggested = d.suggested ? judgment_words(*d.suggested) : "no suggestion";
      sd.reason = domain_reason(c, d.domain, m, rows);
      sd.judgment = d.judgment ? judgment_words(*d.judgment) : "";
      sd.footnote = d.footnote;
      sd.departs = d.departs();
      if (d.domain == GradeDomain::PublicationBias) small_study_evidence(a, d, sd);
      if (!d.judgment && !d.suggested) unjudged.push_back(sd.name);
      if (d.used() != GradeJudgment::NotSerious) {
        const std::string text = d.judgment ? sd.name + ", " + sd.judgment + ": " + d.footnote
                                            : sd.name + ", " + sd.suggested + " (suggested): " + sd.reason + ".";
        append(row.letters, letters.add(v.footnotes, text));
      }
      if (sd.departs)
        append(row.letters, letters.add(v.footnotes, sd.name + ": the committee judged " + sd.judgment +
                                                         "; the tool suggested " + sd.suggested + ": " + sd.reason + "."));
      if (!sd.finding.empty()) append(row.letters, letters.add(v.footnotes, sd.finding));
      row.domains.push_back(std::move(sd));
    }
    for (const review::UpgradeCertainty& u : c.upgrades) {
      SofDomain sd;
      sd.name = upgrade_name(u.upgrade);
      sd.suggested = u.suggested ? plus(*u.suggested) : "no suggestion";
      sd.reason = u.upgrade == GradeUpgrade::LargeEffect && c.large_effect.applicable
                      ? std::string(core::to_string(m)) + " " + core::format_fixed(c.estimate, 2) +
                            " (rate up one level beyond 2 or below 0.5, two beyond 5 or below 0.2)"
                      : "a committee judgment";
      sd.judgment = u.levels ? plus(*u.levels) : "";
      sd.footnote = u.footnote;
      sd.departs = u.levels && u.suggested && *u.levels != *u.suggested;
      const int used = u.levels ? *u.levels : u.suggested.value_or(0);
      if (used > 0)
        append(row.letters,
               letters.add(v.footnotes, sd.name + ", " + plus(used) + ": " +
                                            (u.levels ? u.footnote : sd.reason + " (suggested).")));
      if (sd.departs)
        append(row.letters, letters.add(v.footnotes, sd.name + ": the committee rated " + sd.judgment +
                                                         "; the tool suggested " + sd.suggested + "."));
      row.domains.push_back(std::move(sd));
    }
    if (c.start.mixed)
      append(row.letters, letters.add(v.footnotes, "Randomised (" + std::to_string(c.start.randomised) +
                                                       ") and non-randomised (" + std::to_string(c.start.non_randomised) +
                                                       ") studies pooled: certainty rated from the randomised starting "
                                                       "level (high)."));
    if (!c.judged) {
      std::string text = "No committee judgment in the review file: the tool's suggestions";
      if (!unjudged.empty()) {
        text += "; not judged and not rated down: ";
        for (std::size_t i = 0; i < unjudged.size(); ++i) text += (i ? ", " : "") + unjudged[i];
      }
      append(row.letters, letters.add(v.footnotes, text + "."));
    }

    // Absolute effects per 1000.
    if (c.absolute && core::is_proportion(m)) {
      row.comparator = "Not applicable";
      row.difference = count(c.absolute->intervention) + " per 1000 (" + count(c.absolute->intervention_lb) + " to " +
                       count(c.absolute->intervention_ub) + ")";
    } else if (c.absolute) {
      row.comparator = count(c.absolute->comparator) + " per 1000";
      row.difference = more_fewer(c.absolute->difference) + " per 1000 (" + more_fewer(c.absolute->difference_lb) +
                       " to " + more_fewer(c.absolute->difference_ub) + ")";
      if (c.comparator_source == review::ComparatorSource::Declared) {
        declared = true;
        std::string text = "Comparator risk " + core::format_plain(c.comparator_risk) +
                           (c.risk_time.empty() ? "" : " at " + c.risk_time) + ", declared in the review: " +
                           c.comparator_risk_text;
        if (text.back() != '.') text += '.';
        append(row.comparator_letters, letters.add(v.footnotes, text));
      } else {
        control_arms = true;
        append(row.comparator_letters,
               letters.add(v.footnotes, "Comparator risk from the control arms of the studies: " +
                                            core::format_fixed(c.comparator_risk, 3) +
                                            " (their events over their participants)."));
      }
    } else {
      row.comparator = "Not computed";
      row.difference = "Not computed";
      const std::string why =
          m == core::Measure::HR
              ? "No comparator risk at a stated time is declared in the review, and a hazard ratio gives an "
                "absolute effect only at a stated time."
              : "No absolute effect per 1000 for " + std::string(core::to_string(m)) + ".";
      append(row.comparator_letters, letters.add(v.footnotes, why));
    }
    v.rows.push_back(std::move(row));
  }
  if (declared || control_arms)
    v.comparator_note = std::string("Comparator risks are ") +
                        (declared && control_arms ? "declared in the review file or taken from the control arms"
                         : declared                ? "declared in the review file"
                                                   : "taken from the control arms of the studies") +
                        "; the risk with the intervention is computed from the relative effect (RR: p x RR; OR: "
                        "p OR / (1 - p + p OR); HR: 1 - (1 - p)^HR at the stated time).";
  return v;
}

}  // namespace metareview::present

#pragma once
// A review's results as text, in one typed tree: every statistic as present/ words it
// (ratios 2 decimals, p "0.015" or "< 0.001", I² 1 decimal %, tau² 4 significant digits),
// plus the review's settings, studies and findings. The HTML and Markdown templates receive it as a
// mustache context (to_value), the PDF supplement lays it out directly, so all three say
// the same thing. Nothing here reads raw study data except the studies' descriptions.
#include <string>
#include <string_view>
#include <vector>

#include "present/analysis_view.h"
#include "present/certainty_view.h"
#include "report/figures.h"
#include "report/meta_regression_text.h"
#include "report/references.h"
#include "report/template_engine.h"
#include "review/analysis.h"

namespace metareview::report {

/// One input file of a run, as provenance lists it. `path` is relative to the directory
/// it was found in (studies/, templates/), never an absolute path of the machine.
struct InputFile {
  std::string role;  ///< "study", "excluded-study", "review", "template"
  std::string path;
  std::string sha256;
};

/// An analysis' R export, written beside results.json (report::RunOptions::r_export).
struct RScriptText {
  std::string analysis;  ///< the analysis' title
  std::string script;    ///< "pfs.R"
  std::string data;      ///< "pfs.csv"
};

struct FindingText {
  std::string study, study_label, outcome, item, check;
  std::string severity;  ///< "note", "inconsistent", "implausible"
  std::string message;
  std::string reported, recomputed;
  std::string location;  ///< "candor-2020.xml:41:7"
};

struct StudyRowText {
  std::string label, flag, study, outcome, year, subgroup;
  std::vector<std::string> cells;  ///< one per AnalysisText::columns
  std::string effect;              ///< "0.63 [0.46, 0.85]" on the display scale
  std::string weight_common, weight_random;
  std::string note;                ///< why the row is flagged, excluded or not estimable
  bool flagged = false, excluded = false, estimable = true;
  std::vector<FindingText> findings;  ///< evidence-check findings other than ok
  /// Where the pooled numbers were read: "ai 24, n1i 43: derived from 'review' (secondary
  /// source), section 1"; groups joined by "; ". The tag is the status when it is not
  /// verified ("secondary", "derived, secondary source"), else "".
  std::string provenance, provenance_tag;
};

struct PooledText {
  std::string label;     ///< "Random effects model", "Total (95% CI)", "Subtotal (95% CI)"
  std::string model;     ///< "random" or "common"
  std::string estimate;  ///< "0.51 [0.42, 0.63]"
  std::string est, ci_lb, ci_ub;
  std::string statistic; ///< "z = -6.62" or "t = -4.10, df = 5"
  std::string p;         ///< "< 0.001"
  std::string prediction;  ///< "[0.34, 0.77]"; "" when none
  std::string weight;    ///< "100.0%"
  std::string k;
  std::vector<std::string> totals;  ///< arm totals under the count columns ("" elsewhere)
};

struct HeterogeneityText {
  std::string tau2, tau2_ci, tau, I2, I2_ci, H2, Q, df, p;
  std::string line;  ///< "Heterogeneity: Tau² = 0.0331; Chi² = 11.15, df = 5 (P = 0.048); I² = 55.2%"
  bool applicable = false;
};

/// A subgroup, or the untitled group of all studies when there are no subgroups.
struct GroupText {
  std::string title;
  std::vector<StudyRowText> rows;
  std::vector<PooledText> pooled;  ///< subtotals (empty for the untitled group)
  /// "Total events" row: event sums under the Events columns ("" elsewhere); empty when the
  /// measure has no event counts.
  std::vector<std::string> event_totals;
  HeterogeneityText heterogeneity;
  std::vector<std::string> notes;  ///< heterogeneity and test lines as the forest plot prints them
};

struct ColumnText {
  std::string header;  ///< "Events", "Total", "Reported HR [CI]"
  std::string arm;     ///< the arm label it belongs to ("" = none)
};

/// A run of data columns under one arm label (for a two-level table header).
struct ColumnGroupText {
  std::string label, span;
};

struct SettingText {
  std::string name, value;
  std::string origin;  ///< "preset metafor", "review file", "built in"
};

struct FigureText {
  std::string name;  ///< FigureKind::name: "forest", "funnel"
  std::string stem;  ///< "pfs-forest": the files are stem.svg, stem.pdf, stem.png
  std::string svg, pdf, png;
  std::string inline_svg;  ///< the SVG with its ids prefixed by the stem, for HTML
  std::string caption;
};

/// Everything the methods template (methods.txt) needs to describe an analysis' settings.
struct MethodsText {
  std::string measure, measure_name;  ///< "HR", "hazard ratios"
  bool log_scale = false;
  bool model_random = false, model_common = false, model_both = false;
  /// The common-effect pooling is inverse variance; otherwise its name and reference
  /// ("Mantel-Haenszel", " [@mantel1959]").
  bool pooling_iv = true;
  std::string pooling_name, pooling_cite;
  /// RevMan 5's MH random-effects model (review::mh_q_convention): Q and tau2 from the MH estimate.
  bool mh_q = false;
  std::string estimator, estimator_name;  ///< "REML", "restricted maximum likelihood"
  std::string estimator_cite;  ///< " [@viechtbauer2005]": the estimator's reference (references.h); "" for none
  bool tau2_fixed = false;
  std::string tau2_value;
  std::string level;  ///< "95"
  bool test_z = false, test_knha = false, adhoc_floor = false, adhoc_iqwig = false, adhoc_ci = false;
  bool proportion = false;  ///< a single group's proportion: no null value, so no test is reported
  bool prediction = false, pi_z = false, pi_t_k1 = false, pi_t_k2 = false;
  bool i2_tau2 = false, i2_q = false;
  bool counts = false;  ///< a measure of counts, where a continuity correction can apply
  std::string add;      ///< "0.5"
  bool to_only0 = false, to_all = false, to_if0all = false, to_none = false, drop00 = false;
  bool implausible_include = false, implausible_exclude = false, implausible_floor = false;
  std::string subgroup_variable;
  /// Random-effects subgroup estimates share one tau2 / each has its own (false, false without
  /// random-effects subgroups).
  bool subgroup_tau2_common = false, subgroup_tau2_separate = false;
  std::string preset;
  std::string tool, version;
  /// <small-study>: the tests named with their citations ("Egger's regression test
  /// [@egger1997] and Begg and Mazumdar's rank correlation test [@begg1994]"), "" for none;
  /// whether trim-and-fill was asked for.
  std::string small_study_tests;
  bool small_study_trimfill = false;
};

/// One row of an analysis' comparison of its sensitivity analyses (the primary first).
struct ComparisonRowText {
  std::string title;    ///< "Primary analysis", or the sensitivity's <title>
  std::string changes;  ///< what differs from the primary ("τ² estimator DL; without CASTOR"); "" for the primary
  std::string k, estimate, tau2, I2;  ///< estimate: "HR 0.51 [0.42, 0.63]", or "not pooled"
  bool primary = false;
};

struct AnalysisText {
  std::string id, title, endpoint, note;
  std::string measure, measure_name, effect_header;  ///< "HR", "hazard ratio", "Hazard Ratio"
  std::string level;  ///< "95"
  std::string k;      ///< studies in the pooled model
  std::string model;  ///< "Random effects", "Common effect", "Common and random effects"
  std::string label_experimental, label_control, subgroup_variable;
  std::vector<ColumnText> columns;
  std::vector<ColumnGroupText> column_groups;  ///< empty when no column belongs to an arm
  bool show_weight_common = false, show_weight_random = false;
  std::vector<GroupText> groups;
  std::vector<PooledText> pooled;  ///< overall diamonds
  std::vector<std::string> event_totals;  ///< as GroupText::event_totals, over all studies
  HeterogeneityText heterogeneity; ///< of the primary model
  std::vector<std::string> notes;  ///< overall heterogeneity, tests, test for subgroup differences
  std::string subgroup_test;       ///< "Test for subgroup differences: Chi² = ..." or ""
  std::string not_pooled;          ///< why nothing was pooled, or ""
  std::string rob_note;            ///< why there are no risk-of-bias figures although rows were assessed, or ""
  std::string funnel_note;         ///< why there is no funnel plot (report::funnel_note), or ""
  std::string headline;            ///< primary model's "0.51 [0.42, 0.63]", one study's own, or ""
  std::string flags;               ///< the rows' flags ("†", "‡ †"), for the headline tables
  std::string sensitivity_headline;  ///< the floor-se sensitivity analysis' headline, or ""
  std::vector<FindingText> findings;
  std::vector<SettingText> settings;
  MethodsText methods_data;
  std::vector<std::string> methods;  ///< paragraphs rendered from methods.txt
  /// The analysis' figures in figure_kinds() order; templates see each kind as has_<name>
  /// and <name> (has_forest, forest, has_funnel, funnel).
  std::vector<FigureText> figures;
  /// The primary and its sensitivity analyses (floor-se's, then the declared ones); empty
  /// when none.
  std::vector<ComparisonRowText> comparison;
  std::string leave_one_out;  ///< the sentence on leave-one-out (leave-one-out="true"), or ""
  std::string influence_note;  ///< which studies metafor's rule flags (influence="true"), or ""
  /// <small-study>: the sentences of present::SmallStudyView, in order (why nothing was
  /// tested; or each test with its reading, the caution, trim-and-fill); empty when none asked.
  std::vector<std::string> small_study;
  /// <meta-regression>: its sentences and coefficients table; no sentences when none asked.
  MetaRegressionText meta_regression;

  const FigureText* figure(std::string_view name) const;  ///< null when the analysis has none
};

struct ArmText {
  std::string label, role, regimen, n;
};

struct StudyText {
  std::string id, label, trial, title, authors, journal, year, citation, doi, pmid, registration;
  std::string design, population, follow_up, note, file;
  std::vector<ArmText> arms;
  std::vector<std::string> sources;
};

struct ExcludedText {
  std::string label, study, reason;
};

struct ReviewText {
  std::string id, title, note;
  std::string population, intervention, comparator, outcomes;
  std::string tool, version, timestamp;
  std::string n_included, n_excluded, n_analyses;  ///< included and excluded reports (study files)
  std::string n_trials;                          ///< distinct trials among the included reports
  std::vector<AnalysisText> analyses;
  std::vector<StudyText> included;
  std::vector<ExcludedText> excluded;
  std::vector<FindingText> findings;  ///< of every analysis, each finding once
  std::vector<InputFile> inputs;
  std::vector<RScriptText> r_scripts;  ///< in analysis order; empty when run wrote none
  /// The PRISMA 2020 flow diagram (review_figures), its caption and the review's note on
  /// how its counts were obtained.
  bool has_prisma = false;
  FigureText prisma;
  std::string prisma_note;
  /// The numbered reference list: included studies' publications, then excluded studies
  /// (with reasons), then the methods cited (filled by render_methods).
  std::vector<ReferenceText> study_references, excluded_references, method_references;
  present::SofView sof;  ///< summary of findings with GRADE certainty (present/certainty_view.h)
};

/// What the texts need beyond the results.
struct ContextOptions {
  std::string studies_dir;  ///< study and review paths are shown relative to it
  std::string timestamp;    ///< "" (default) or an ISO 8601 time
  /// The study library, to name excluded studies by author and trial (null: by id).
  const core::StudySet* studies = nullptr;
  /// The review's own figures (the PRISMA flow diagram); null: none.
  const ReviewFigures* review_figures = nullptr;
};

/// The review as text. `figures` are the analyses' figures (analysis_figures), in analysis
/// order; `inputs` the run's input files. Methods paragraphs are left empty (render_methods).
ReviewText review_text(const review::ReviewResult& result, const std::vector<AnalysisFigures>& figures,
                       const std::vector<InputFile>& inputs, const ContextOptions& options);

/// What a results table lists, in order: the analysis' groups, then an untitled block of its
/// overall pooled rows, event totals and notes (heterogeneity, tests).
std::vector<GroupText> table_blocks(const AnalysisText& a);

/// Fills every analysis' `methods` (sensitivity analyses included) from the methods template,
/// then numbers the methods they cite (and the PRISMA caption's) after the study references.
/// Throws metareview::Error when the template cites a key references.h does not know.
void render_methods(ReviewText& review, const Template& methods);

/// `path` as outputs show it: relative to the directory `base`, prefixed with that
/// directory's own name ("studies/candor-2020.xml" whether base was given as "studies/",
/// "./studies" or an absolute path); its file name alone when it lies outside `base`.
/// Outputs never carry a machine's absolute paths.
std::string display_path(const std::string& path, const std::string& base);

// Mustache contexts. Each function emits the same names whatever the data (flags, never
// absent members), so the prototypes below give every name a template may use.
Value to_value(const MethodsText& m);
Value to_value(const ReviewText& r);
/// The index page: every review with its headline results. `failed` lists ids of reviews
/// that failed in this run, with their message.
struct IndexEntry {
  const ReviewText* review = nullptr;  ///< null for a review that failed
  std::string id, error;
};
Value index_value(const std::vector<IndexEntry>& entries, const std::string& tool, const std::string& version);

/// Contexts with one item in every list, for schema_of(): what each template may use.
Schema methods_schema();
Schema report_schema();
Schema index_schema();

}  // namespace metareview::report

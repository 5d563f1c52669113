#include "report/supplement.h"

#include <algorithm>

#include "core/format.h"
#include "render/font.h"
#include "report/methods_summary.h"

namespace metareview::report {
namespace {

using Kind = TableRow::Kind;

std::string number(int n) { return core::format_count(n); }

const render::Color kGrey{0.33, 0.33, 0.33};

TextStyle small_style() {
  TextStyle s;
  s.size = 8;
  s.space_after = 4;
  return s;
}

/// Body row cells: label, data cells, weights, effect.
std::vector<std::string> row_cells(const AnalysisText& a, std::string label, const std::vector<std::string>& data,
                                   const std::string& wc, const std::string& wr, const std::string& effect) {
  std::vector<std::string> cells{std::move(label)};
  for (std::size_t j = 0; j < a.columns.size(); ++j) cells.push_back(j < data.size() ? data[j] : "");
  if (a.show_weight_common) cells.push_back(wc);
  if (a.show_weight_random) cells.push_back(wr);
  cells.push_back(effect);
  return cells;
}

void add_pooled(Table& t, const AnalysisText& a, const std::vector<PooledText>& pooled) {
  bool first = true;
  for (const auto& p : pooled) {
    TableRow r;
    r.kind = Kind::Summary;
    r.rule_above = first;
    first = false;
    const bool random = p.model == "random";
    r.cells = row_cells(a, p.label, p.totals, random ? "" : p.weight, random ? p.weight : "", p.estimate);
    t.rows.push_back(std::move(r));
    if (!p.prediction.empty())
      t.rows.push_back({Kind::Note, {}, "Prediction interval " + p.prediction, false});
  }
}

void add_event_totals(Table& t, const AnalysisText& a, const std::vector<std::string>& totals) {
  if (!totals.empty()) t.rows.push_back({Kind::Summary, row_cells(a, "Total events", totals, "", "", ""), "", false});
}

void add_notes(Table& t, const std::vector<std::string>& notes) {
  for (const auto& n : notes) t.rows.push_back({Kind::Note, {}, n, false});
}

std::string finding_line(const FindingText& f) {
  return f.severity + " (" + f.check + (f.item.empty() ? "" : ", " + f.item) + "): " + f.message;
}

class Supplement {
 public:
  Supplement(const ReviewText& r, const std::vector<AnalysisFigures>& figures, const ReviewFigures& own,
             const render::TextMeasurer& m, std::vector<int> contents_pages)
      : r_(r), figures_(figures), own_(own), doc_(m, setup(r)), contents_pages_(std::move(contents_pages)) {}

  std::vector<render::Scene> run() && {
    title_page();
    section("Statistical methods");
    methods();
    section("Results");
    flow();
    for (std::size_t i = 0; i < r_.analyses.size(); ++i) results(r_.analyses[i], figures_.at(i), i);
    section("Evidence checks of the included studies");
    findings();
    section("Characteristics of included studies");
    characteristics();
    section("Excluded studies");
    excluded();
    section("References");
    references();
    section("Provenance");
    provenance();
    std::vector<render::Scene> pages = std::move(doc_).finish();
    for (const std::size_t h : section_headings_) section_pages_.push_back(doc_.heading_page(h));
    return pages;
  }

  const std::vector<int>& section_pages() const { return section_pages_; }

  static const std::vector<std::string>& section_titles() {
    static const std::vector<std::string> titles = {"Statistical methods",
                                                    "Results",
                                                    "Evidence checks of the included studies",
                                                    "Characteristics of included studies",
                                                    "Excluded studies",
                                                    "References",
                                                    "Provenance"};
    return titles;
  }

 private:
  static PageSetup setup(const ReviewText& r) {
    PageSetup s;
    s.margin_left = s.margin_right = 56;
    s.header_left = r.title;
    s.header_right = "Online supplement";
    s.footer_left = r.tool + " " + r.version + " \u00B7 " + r.id;
    return s;
  }

  /// The two long sections start on a new page, unless the page before holds too little to
  /// stand alone (a third of a page); the others follow on.
  void section(const std::string& title) {
    if (section_headings_.size() < 2 && doc_.used() > 1.0 / 3) doc_.new_page();
    else doc_.space(12);
    section_headings_.push_back(doc_.heading(number(static_cast<int>(section_headings_.size() + 1)) + " " + title, 1));
  }

  std::string table_label() { return "Table " + number(++tables_) + "."; }
  std::string figure_label() { return "Figure " + number(++figures_count_) + "."; }
  std::string sub_number(std::size_t i) const {
    return number(static_cast<int>(section_headings_.size())) + "." + number(static_cast<int>(i + 1));
  }

  void title_page() {
    TextStyle kicker;
    kicker.size = 10;
    kicker.color = kGrey;
    kicker.space_after = 10;
    doc_.space(40);
    doc_.paragraph("Online supplementary material", kicker);
    TextStyle title;
    title.size = 19;
    title.weight = render::FontWeight::Bold;
    title.leading = 1.2;
    title.space_after = 16;
    doc_.paragraph(r_.title, title);
    TextStyle body;
    body.size = 9.5;
    doc_.paragraph("Statistical methods, results tables, forest and funnel plots, evidence checks of the extracted "
                   "numbers, study characteristics and the provenance of every input, generated from the study files "
                   "by " + r_.tool + " " + r_.version + ".",
                   body);

    Table q;
    q.label = table_label();
    q.caption = "Review question.";
    q.columns = {{"Element"}, {"Definition"}};
    const std::vector<std::pair<std::string, std::string>> question = {{"Population", r_.population},
                                                                        {"Intervention", r_.intervention},
                                                                        {"Comparator", r_.comparator},
                                                                        {"Outcomes", r_.outcomes}};
    for (const auto& [name, value] : question)
      if (!value.empty()) q.rows.push_back({Kind::Body, {name, value}, "", false});
    q.size = 8;
    doc_.table(q);

    Table h;
    h.label = table_label();
    h.caption = "Headline results (" + r_.n_trials + " trials in " + r_.n_included + " included reports, " + r_.n_excluded +
                " excluded reports).";
    h.columns = {{"Analysis"}, {"Model"}, {"k", true}, {"Pooled estimate [CI]", true}, {"I\u00B2", true}};
    for (const auto& a : r_.analyses) {
      const std::string est = a.headline.empty() ? "not pooled" : a.headline;
      h.rows.push_back({Kind::Body, {a.title, a.model, a.k, est, a.heterogeneity.I2}, "", false});
    }
    h.size = 8;
    doc_.table(h);
    summary_of_findings();

    Table c;
    c.label = table_label();
    c.caption = "Contents.";
    c.columns = {{"Section"}, {"Page", true}};
    const auto& titles = section_titles();
    for (std::size_t i = 0; i < titles.size(); ++i) {
      const int page = i < contents_pages_.size() ? contents_pages_[i] : 0;
      c.rows.push_back({Kind::Body, {number(static_cast<int>(i + 1)) + " " + titles[i], number(page)}, "", false});
    }
    c.size = 8;
    doc_.table(c);
    if (!r_.note.empty()) doc_.paragraph(r_.note, small_style());
    if (!r_.timestamp.empty()) doc_.paragraph("Generated " + r_.timestamp + ".", small_style());
  }

  /// GRADEpro's summary-of-findings table, then the certainty assessment behind it.
  void summary_of_findings() {
    const present::SofView& v = r_.sof;
    if (v.rows.empty()) return;
    Table t;
    t.label = table_label();
    t.caption = "Summary of findings with GRADE certainty of the evidence. Anticipated absolute effects per 1000.";
    t.columns = {{"Outcome"},
                 {"Participants (studies)", true},
                 {"Certainty (GRADE)"},
                 {"Relative effect (95% CI)", true},
                 {"Risk with comparator", true},
                 {"Risk difference with intervention (95% CI)", true}};
    t.groups.push_back({"Anticipated absolute effects", 4, 2});
    const auto sup = [](const std::string& letters) { return letters.empty() ? "" : " (" + letters + ")"; };
    for (const auto& row : v.rows) {
      const std::string outcome = row.outcome + (row.follow_up.empty() ? "" : "\nFollow-up: " + row.follow_up);
      const std::string certainty =
          row.estimable ? row.symbols + " " + row.level + sup(row.letters) + (row.status == "suggested" ? "\nsuggested" : "")
                        : "";
      t.rows.push_back({Kind::Body,
                        {outcome, row.participants + sup(row.participants_letters), certainty, row.relative, row.comparator + sup(row.comparator_letters),
                         row.difference},
                        "",
                        false});
    }
    for (const auto& f : v.footnotes) t.rows.push_back({Kind::Note, {}, "(" + f.letter + ") " + f.text, false});
    if (!v.comparator_note.empty()) t.rows.push_back({Kind::Note, {}, v.comparator_note, false});
    t.size = 7.5;
    doc_.table(t);

    Table d;
    d.label = table_label();
    d.caption = "Certainty assessment: the tool's suggestion and the committee's judgment per domain.";
    d.columns = {{"Domain"}, {"Suggested"}, {"Reason"}, {"Committee"}, {"Footnote"}};
    for (const auto& row : v.rows) {
      if (!row.estimable) continue;
      d.rows.push_back({Kind::Heading, {}, row.outcome + " \u00B7 " + row.start, false});
      for (const auto& dom : row.domains)
        d.rows.push_back({Kind::Body,
                          {dom.name, dom.suggested,
                           dom.reason + (dom.evidence.empty() ? "" : ". Small-study tests: " + dom.evidence) +
                               (dom.finding.empty() ? "" : ". " + dom.finding),
                           dom.judgment + (dom.departs ? " (departs)" : ""), dom.footnote},
                          "",
                          false});
    }
    d.size = 7;
    doc_.table(d);
  }

  /// The methods once for the review, then what each analysis does differently.
  void methods() {
    const MethodsSummary m = methods_summary(r_);
    for (const auto& p : m.common_paragraphs) doc_.paragraph(p);
    const bool one = r_.analyses.size() == 1;
    Table t;
    t.label = table_label();
    t.caption = one ? "Settings of the analysis " + r_.analyses.front().title + ", and where each came from."
                    : "Settings shared by every analysis, and where each came from.";
    t.columns = {{"Setting"}, {"Value"}, {"Source"}};
    for (const auto& s : m.common_settings) t.rows.push_back({Kind::Body, {s.name, s.value, s.origin}, "", false});
    if (!t.rows.empty()) doc_.table(t);

    Table d;
    d.columns = t.columns;
    const auto titles = [](const MethodsDifference& x) {
      std::string s;
      for (const auto& title : x.titles) s += (s.empty() ? "" : "\n") + title;
      return s;
    };
    for (const auto& diff : m.differences) {
      if (diff.settings.empty()) continue;
      d.rows.push_back({Kind::Heading, {}, titles(diff), false});
      for (const auto& s : diff.settings) d.rows.push_back({Kind::Body, {s.name, s.value, s.origin}, "", false});
    }
    const bool any_sentence = std::any_of(m.differences.begin(), m.differences.end(),
                                          [](const MethodsDifference& x) { return !x.sentences.empty(); });
    if (!any_sentence && d.rows.empty()) return;
    doc_.heading("Differences between the analyses", 2);
    for (const auto& diff : m.differences) {
      if (diff.sentences.empty()) continue;
      doc_.heading(titles(diff), 3);
      std::string text;
      for (const auto& s : diff.sentences) text += (text.empty() ? "" : " ") + s;
      doc_.paragraph(text);
    }
    if (d.rows.empty()) return;
    d.label = table_label();
    d.caption = "Settings that differ between the analyses, and where each came from.";
    doc_.table(d);
  }

  void analysis_results(const AnalysisText& a, const AnalysisFigures& f) {
    if (!a.note.empty()) doc_.paragraph(a.note, small_style());
    Table t = results_table(a);
    t.label = table_label();
    doc_.table(t);
    // The sensitivity figures follow the comparison table (sensitivity_comparison).
    for (const FigureKind& kind : figure_kinds())
      if (!is_sensitivity_figure(kind)) put_figure(a, f, kind);
    sensitivity_comparison(a, f);
    small_study(a);
    meta_regression(a);
  }

  /// <meta-regression>: its sentences and the coefficients table.
  void meta_regression(const AnalysisText& a) {
    const MetaRegressionText& m = a.meta_regression;
    if (m.sentences.empty()) return;
    std::string text = "Meta-regression.";
    for (const std::string& s : m.sentences) text += " " + s;
    doc_.paragraph(text, small_style());
    if (m.rows.empty()) return;
    Table t;
    t.label = table_label();
    t.caption = "Meta-regression coefficients of the analysis " + a.title + ".";
    t.columns = {{"Coefficient"}, {"Estimate", true}, {"SE", true}, {m.statistic, true}, {"P", true},
                 {m.ci_header, true}};
    for (const MetaRegressionRowText& r : m.rows)
      t.rows.push_back({Kind::Body, {r.name, r.estimate, r.se, r.statistic, r.pval, r.ci}, "", false});
    doc_.table(t);
  }

  /// The small-study tests and trim-and-fill (<small-study>), or why they were not run.
  void small_study(const AnalysisText& a) {
    if (a.small_study.empty()) return;
    std::string text = "Small-study effects.";
    for (const std::string& s : a.small_study) text += " " + s;
    doc_.paragraph(text, small_style());
  }

  void put_figure(const AnalysisText& a, const AnalysisFigures& f, const FigureKind& kind) {
    const FigureText* text = a.figure(kind.name);
    const Figure* figure = f.find(kind.name);
    if (text && figure) doc_.figure(figure->scene, figure_label(), text->caption, kind.max_scale);
  }

  /// The primary analysis beside its sensitivity analyses, their forest plot, and the
  /// leave-one-out sentence.
  void sensitivity_comparison(const AnalysisText& a, const AnalysisFigures& f) {
    if (a.comparison.empty()) {
      if (!a.leave_one_out.empty()) doc_.paragraph(a.leave_one_out, small_style());
      sensitivity_figures(a, f);
      return;
    }
    Table c;
    c.label = table_label();
    c.caption = "Sensitivity analyses of " + a.title + ", the primary analysis first.";
    c.columns = {{"Analysis"}, {"What changed"}, {"k", true}, {"Estimate [" + a.level + "% CI]", true},
                 {"\u03C4\u00B2", true}, {"I\u00B2", true}};
    for (const ComparisonRowText& row : a.comparison)
      c.rows.push_back({row.primary ? Kind::Summary : Kind::Body,
                        {row.title, row.changes, row.k, row.estimate, row.tau2, row.I2}, "", false});
    if (!a.leave_one_out.empty()) c.rows.push_back({Kind::Note, {}, a.leave_one_out, false});
    c.size = 8;
    doc_.table(c);
    sensitivity_figures(a, f);
  }

  static bool is_sensitivity_figure(const FigureKind& kind) {
    return kind.name == kSensitivityForest || kind.name == "influence" || kind.name == "cumulative" ||
           kind.name == "gosh";
  }

  /// The sensitivity forest, then the influence, cumulative and GOSH outputs the analysis asks for.
  void sensitivity_figures(const AnalysisText& a, const AnalysisFigures& f) {
    for (const FigureKind& kind : figure_kinds())
      if (is_sensitivity_figure(kind)) put_figure(a, f, kind);
    if (!a.influence_note.empty()) doc_.paragraph(a.influence_note, small_style());
  }

  void results(const AnalysisText& a, const AnalysisFigures& f, std::size_t i) {
    doc_.heading(sub_number(i) + " " + a.title, 2);
    analysis_results(a, f);
  }

  /// The PRISMA flow diagram, first of the results (as a review reports its study selection).
  void flow() {
    const Figure* f = own_.find("prisma");
    if (!f || !r_.has_prisma) return;
    doc_.heading("Flow of studies", 2);
    if (!r_.prisma_note.empty()) doc_.paragraph(r_.prisma_note, small_style());
    doc_.figure(f->scene, figure_label(), r_.prisma.caption);
  }

  /// One numbered list per kind, numbers as in report.html and report.md.
  void reference_list(const std::string& title, const std::vector<ReferenceText>& refs) {
    if (refs.empty()) return;
    Table t;
    t.label = table_label();
    t.caption = "References: " + title + ".";
    t.columns = {{"", true}, {"Reference"}};
    t.size = 8;
    for (const auto& r : refs) {
      std::string text = r.text;
      if (!r.doi.empty()) text += " doi:" + r.doi + ".";
      if (!r.pmid.empty()) text += " PMID: " + r.pmid + ".";
      if (!r.reason.empty()) text += " Reason for exclusion: " + r.reason;
      t.rows.push_back({Kind::Body, {"[" + r.number + "]", text}, "", false});
    }
    doc_.table(t);
  }

  void references() {
    reference_list("included studies", r_.study_references);
    reference_list("excluded studies, with the reason for exclusion", r_.excluded_references);
    reference_list("statistical methods", r_.method_references);
  }

  void findings() {
    if (r_.findings.empty()) {
      doc_.paragraph("Every evidence check of the pooled outcomes was consistent with the printed data.");
      return;
    }
    doc_.paragraph("Each pooled outcome's printed numbers were recomputed from the paper's own data (test statistics "
                   "and p-values, confidence intervals, the precision a study of its size can reach, counts and "
                   "percentages). Findings other than consistent are listed; locations are in the study files.");
    Table t;
    t.label = table_label();
    t.caption = "Evidence-check findings of the included studies.";
    t.columns = {{"Study"}, {"Outcome"}, {"Check"}, {"Severity"}, {"Finding"}};
    for (const auto& f : r_.findings)
      t.rows.push_back({Kind::Body,
                        {f.study_label, f.outcome, f.check + (f.item.empty() ? "" : " (" + f.item + ")"), f.severity,
                         f.message + (f.location.empty() ? "" : " [" + f.location + "]")},
                        "",
                        false});
    doc_.table(t);
  }

  void characteristics() {
    Table t;
    t.label = table_label();
    t.caption = "Characteristics of included studies.";
    t.columns = {{"Study"}, {"Design"}, {"Population"}, {"Arms (n)"}, {"Follow-up"}};
    for (const auto& s : r_.included) {
      std::string arms;
      for (const auto& a : s.arms) arms += (arms.empty() ? "" : "\n") + a.label + (a.n.empty() ? "" : " (" + a.n + ")");
      t.rows.push_back({Kind::Body, {s.label + "\n" + s.trial, s.design, s.population, arms, s.follow_up}, "", false});
      std::string sources;
      for (const auto& src : s.sources) sources += (sources.empty() ? "" : "; ") + src;
      t.rows.push_back({Kind::Note, {}, "File " + s.file + ". Sources: " + sources, false});
    }
    doc_.table(t);
  }

  void excluded() {
    if (r_.excluded.empty()) {
      doc_.paragraph("No study was excluded.");
      return;
    }
    Table t;
    t.label = table_label();
    t.caption = "Excluded studies with the reason for exclusion.";
    t.columns = {{"Study"}, {"Reason"}};
    for (const auto& e : r_.excluded) t.rows.push_back({Kind::Body, {e.label, e.reason}, "", false});
    doc_.table(t);
  }

  void provenance() {
    // The explanation is the table's caption, so that heading, text and table stay together.
    Table t;
    t.label = table_label();
    t.caption = "Input files. Generated by " + r_.tool + " " + r_.version +
                ", which reproduces R metafor. The same input files give the same bytes in every output; the "
                "SHA-256 of each input is listed (paths relative to the study and template directories).";
    t.columns = {{"Role"}, {"File"}, {"SHA-256"}};
    t.size = 6.5;
    for (const auto& f : r_.inputs) t.rows.push_back({Kind::Body, {f.role, f.path, f.sha256}, "", false});
    doc_.table(t);
    if (r_.r_scripts.empty()) return;
    Table scripts;
    scripts.label = table_label();
    scripts.caption = "Rerunning the analyses in R. Each analysis is written beside results.json as a CSV of the rows "
                      "it pooled and an R script that rebuilds it with metafor, prints metafor's summaries, and stops "
                      "with an error unless every pooled number agrees with this report to 1e-6 relative (Rscript "
                      "<script>; R with the metafor package).";
    scripts.columns = {{"Analysis"}, {"Script"}, {"Data"}};
    for (const auto& f : r_.r_scripts) scripts.rows.push_back({Kind::Body, {f.analysis, f.script, f.data}, "", false});
    doc_.table(scripts);
  }

  const ReviewText& r_;
  const std::vector<AnalysisFigures>& figures_;
  const ReviewFigures& own_;
  Document doc_;
  std::vector<int> contents_pages_;
  std::vector<std::size_t> section_headings_;
  std::vector<int> section_pages_;
  int tables_ = 0, figures_count_ = 0;
};

}  // namespace

Table results_table(const AnalysisText& a) {
  Table t;
  t.caption = "Results of the analysis " + a.title + ": " +
              a.model + " model, " + a.measure_name + " with " + a.level + "% CI.";
  t.columns.push_back({"Study"});
  for (const auto& c : a.columns) t.columns.push_back({c.header, true});
  if (a.show_weight_common) t.columns.push_back({a.show_weight_random ? "Weight (common)" : "Weight", true});
  if (a.show_weight_random) t.columns.push_back({a.show_weight_common ? "Weight (random)" : "Weight", true});
  t.columns.push_back({a.effect_header + " [" + a.level + "% CI]", true});
  std::size_t first = 1;
  for (const auto& g : a.column_groups) {
    const std::size_t span = static_cast<std::size_t>(std::stoul(g.span));
    if (!g.label.empty()) t.groups.push_back({g.label, first, span});
    first += span;
  }

  for (const auto& g : table_blocks(a)) {
    if (!g.title.empty()) t.rows.push_back({Kind::Heading, {}, g.title, false});
    for (const auto& row : g.rows) {
      t.rows.push_back({Kind::Body,
                        row_cells(a, row.label + (row.flag.empty() ? "" : " " + row.flag), row.cells, row.weight_common,
                                  row.weight_random, row.effect),
                        "",
                        false});
      for (const auto& f : row.findings)
        t.rows.push_back({Kind::Note, {}, (row.flag.empty() ? "" : row.flag + " ") + finding_line(f), false});
      if (!row.note.empty()) t.rows.push_back({Kind::Note, {}, row.note, false});
    }
    add_pooled(t, a, g.pooled);
    add_event_totals(t, a, g.event_totals);
    add_notes(t, g.notes);
  }
  if (!a.not_pooled.empty()) t.rows.push_back({Kind::Note, {}, a.not_pooled, false});
  return t;
}

std::vector<render::Scene> supplement_pages(const ReviewText& review, const std::vector<AnalysisFigures>& figures,
                                            const render::TextMeasurer& measure, const ReviewFigures& own) {
  // The contents on the title page need the sections' pages: lay out until they settle.
  std::vector<int> pages(Supplement::section_titles().size(), 0);
  for (int pass = 0; pass < 4; ++pass) {
    Supplement s(review, figures, own, measure, pages);
    std::vector<render::Scene> out = std::move(s).run();
    if (s.section_pages() == pages) return out;
    pages = s.section_pages();
  }
  Supplement s(review, figures, own, measure, pages);
  return std::move(s).run();
}

std::string supplement_pdf(const ReviewText& review, const std::vector<AnalysisFigures>& figures,
                           const render::WriteOptions& options, const ReviewFigures& own) {
  const render::FontMeasurer measure(options.fonts ? options.fonts : render::FontSet::standard());
  return render::render_pdf_document(supplement_pages(review, figures, measure, own), options,
                                     review.title + " \u2014 online supplement");
}

}  // namespace metareview::report

#include "report/run.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <memory>

#include "core/error.h"
#include "core/format.h"
#include "core/text.h"
#include "core/version.h"
#include "io/fs.h"
#include "io/sha256.h"
#include "model/fit_json.h"
#include "render/font.h"
#include "report/context.h"
#include "report/figures.h"
#include "report/output_dir.h"
#include "report/provenance.h"
#include "report/supplement.h"
#include "report/template_engine.h"
#include "review/results_json.h"
#include "review/review.h"

namespace metareview::report {
namespace {

namespace fs = std::filesystem;

struct Templates {
  std::optional<Template> html, md, methods, index;
};

Templates load_templates(const std::string& dir, core::Diagnostics& diag) {
  const fs::path d(dir);
  Templates t;
  t.html = load_template((d / "report.html").generic_string(), report_schema(), diag);
  t.md = load_template((d / "report.md").generic_string(), report_schema(), diag);
  t.methods = load_template((d / "methods.txt").generic_string(), methods_schema(), diag);
  t.index = load_template((d / "index.html").generic_string(), index_schema(), diag);
  return t;
}

std::vector<fs::path> review_files(const RunOptions& o, core::Diagnostics& diag) {
  const fs::path dir = fs::path(o.studies) / "reviews";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diag.error({dir.generic_string(), 0, 0}, "no such directory: review files live in <studies>/reviews/");
    return {};
  }
  std::string why;
  const auto listed = io::list_files(dir.string(), ".xml", &why);
  if (!listed) {
    diag.error({dir.generic_string(), 0, 0}, "cannot list the directory: " + why);
    return {};
  }
  const std::vector<fs::path> files(listed->begin(), listed->end());
  if (o.review.empty()) return files;
  for (const auto& f : files)
    if (f.stem() == o.review) return {f};
  std::string ids;
  for (const auto& f : files) ids += (ids.empty() ? "" : ", ") + f.stem().string();
  diag.error({dir.generic_string(), 0, 0},
             "no review '" + o.review + "' (no file " + o.review + ".xml); reviews: " + (ids.empty() ? "none" : ids));
  return {};
}

/// Every "file" member of `j` as display_path shows it: the loader keeps paths as given, and
/// an absolute --studies must not put the machine's paths into results.json.
void relative_files(nlohmann::json& j, const std::string& base) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "file" && it->is_string() && !it->get<std::string>().empty())
        *it = display_path(it->get<std::string>(), base);
      else
        relative_files(*it, base);
    }
  } else if (j.is_array()) {
    for (auto& x : j) relative_files(x, base);
  }
}

/// The first of `broken` (study file names) whose id the review file at `path` names as a
/// quoted attribute value (ref="id", study="id"), or "".
std::string broken_study_named(const std::string& path, const std::vector<std::string>& broken) {
  if (broken.empty()) return "";
  const auto bytes = io::read_file(path);
  if (!bytes) return "";
  for (const auto& file : broken)
    if (bytes->find('"' + fs::path(file).stem().string() + '"') != std::string::npos) return file;
  return "";
}

std::string timestamp_of(const RunOptions& o) {
  if (!o.timestamp) return "";
  if (o.now) return core::format_utc_timestamp(*o.now);
  if (o.write.source_date_epoch) return core::format_utc_timestamp(*o.write.source_date_epoch);
  return core::format_utc_timestamp(static_cast<long long>(std::time(nullptr)));
}

/// The reports' list of the R export: per analysis, its script and the data it reads.
std::vector<RScriptText> r_script_texts(const review::ReviewResult& result, const std::vector<AnalysisFile>& files) {
  std::vector<RScriptText> out;
  for (const auto& a : result.analyses) {
    RScriptText t{a.analysis->title, "", ""};
    for (const AnalysisFile& f : files) {
      if (f.analysis != a.analysis->id) continue;
      std::string& slot = fs::path(f.name).extension() == ".R" ? t.script : t.data;
      slot += (slot.empty() ? "" : ", ") + f.name;
    }
    if (!t.script.empty()) out.push_back(std::move(t));
  }
  return out;
}

class ReviewWriter {
 public:
  ReviewWriter(const RunOptions& o, const core::StudySet& studies, const Templates& t, const render::TextMeasurer& m,
               std::string timestamp)
      : o_(o), studies_(studies), t_(t), m_(m), timestamp_(std::move(timestamp)) {}

  /// A review run and its texts, as written and as indexed.
  struct Prepared {
    review::ReviewResult result;
    std::vector<AnalysisFigures> figures;
    ReviewFigures own;
    std::vector<InputFile> inputs;
    ReviewText text;
    std::vector<AnalysisFile> r_export;
  };

  /// Runs `rv` and makes its texts, writing nothing; throws metareview::Error on failure.
  /// On the heap: the texts and figures are made from the result and may point into it.
  std::unique_ptr<Prepared> prepare(const review::Review& rv) const {
    auto p =
        std::make_unique<Prepared>(Prepared{review::run_review(rv, studies_), {}, review_figures(rv, m_), {}, {}, {}});
    std::vector<std::string> ids;
    for (const auto& a : p->result.analyses) {
      p->figures.push_back(analysis_figures(a, p->result, m_, a.analysis->id));
      ids.push_back(a.analysis->id);
    }
    check_figure_names(p->figures, ids);
    p->inputs = review_inputs(p->result, studies_, {&*t_.html, &*t_.md, &*t_.methods}, o_.studies);
    p->text = review_text(p->result, p->figures, p->inputs, {o_.studies, timestamp_, &studies_, &p->own});
    if (o_.r_export) p->r_export = o_.r_export(p->result);
    p->text.r_scripts = r_script_texts(p->result, p->r_export);
    return p;
  }

  /// Runs `rv` and writes its directory; throws metareview::Error on failure (nothing replaced).
  ReviewText write(const review::Review& rv, ReviewOutcome& outcome,
                   const std::function<void(const std::string&, const std::string&)>& analysis_done) {
    const std::unique_ptr<Prepared> prepared = prepare(rv);
    const review::ReviewResult& result = prepared->result;
    const std::vector<AnalysisFigures>& figures = prepared->figures;
    const ReviewFigures& own = prepared->own;
    const std::vector<InputFile>& inputs = prepared->inputs;
    ReviewText& text = prepared->text;
    render_methods(text, *t_.methods);

    StagedDirectory stage(fs::path(o_.out) / rv.id);
    outputs_.clear();
    stage_ = &stage;
    for (const Figure& f : own.figures) put_figure(f);
    for (std::size_t i = 0; i < figures.size(); ++i) {
      put_figures(figures[i]);
      report_analysis(text.analyses[i], analysis_done);
    }
    for (const AnalysisFile& f : prepared->r_export) put(f.name, f.bytes);
    nlohmann::json results = review::results_json(result);
    relative_files(results, o_.studies);
    put("results.json", model::json_text(results));
    put("report.html", render(*t_.html, to_value(text)));
    put("report.md", render(*t_.md, to_value(text)));
    put("supplement.pdf", supplement_pdf(text, figures, o_.write, own));
    std::sort(outputs_.begin(), outputs_.end(), [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
    const std::vector<OutputFile> listed = outputs_;
    put("provenance.json", model::json_text(provenance_json(result, inputs, listed, timestamp_)));
    stage.commit();
    outcome.kept = stage.kept();
    stage_ = nullptr;
    for (const auto& f : outputs_) outcome.files.push_back(f.path);
    std::sort(outcome.files.begin(), outcome.files.end());
    return std::move(text);
  }

 private:
  void put(const std::string& name, const std::string& bytes) {
    write_file_atomic(stage_->dir() / name, bytes);
    outputs_.push_back({name, io::sha256_hex(bytes)});
  }

  void put_figure(const Figure& f) {
    for (const char* ext : kFigureExtensions) {
      const auto format = render::format_from_path(f.stem + ext);
      put(f.stem + ext, *format == render::Format::Svg ? f.svg : render::render_bytes(f.scene, *format, o_.write));
    }
  }

  void put_figures(const AnalysisFigures& f) {
    for (const Figure& fig : f.figures) put_figure(fig);
  }

  static void report_analysis(const AnalysisText& a,
                              const std::function<void(const std::string&, const std::string&)>& done) {
    if (done) done(a.id, a.k);
  }

  const RunOptions& o_;
  const core::StudySet& studies_;
  const Templates& t_;
  const render::TextMeasurer& m_;
  std::string timestamp_;
  StagedDirectory* stage_ = nullptr;
  std::vector<OutputFile> outputs_;
};

}  // namespace

bool RunResult::ok() const {
  return !diagnostics.has_errors() &&
         std::all_of(reviews.begin(), reviews.end(), [](const ReviewOutcome& r) { return r.ok; });
}

RunResult run(const RunOptions& o, const core::StudySet& studies, const std::function<void(const Progress&)>& progress) {
  RunResult res;
  const Templates templates = load_templates(o.templates, res.diagnostics);
  const std::vector<fs::path> files = review_files(o, res.diagnostics);
  if (res.diagnostics.has_errors()) return res;

  const render::FontMeasurer measure(o.write.fonts ? o.write.fonts : render::FontSet::standard());
  ReviewWriter writer(o, studies, templates, measure, timestamp_of(o));
  auto emit = [&](Progress p) {
    if (progress) progress(p);
  };

  std::vector<std::unique_ptr<review::Review>> reviews;  // kept alive for the index texts
  std::vector<std::optional<ReviewText>> texts;
  for (std::size_t i = 0; i < files.size(); ++i) {
    ReviewOutcome out;
    out.file = files[i].generic_string();
    out.id = files[i].stem().string();
    Progress base;
    base.index = i + 1;
    base.count = files.size();
    base.review = out.id;
    std::optional<ReviewText> text;
    auto rv = review::read_review(out.file, studies, out.diagnostics);
    if (!rv) {
      out.error = "the review file has errors";
      if (const std::string broken = broken_study_named(out.file, o.broken_studies); !broken.empty()) {
        out.error = "it uses study file " + broken + ", which has errors";
        out.diagnostics = {};  // the reader's "unknown study" and what follows from it
      }
    } else {
      out.id = base.review = rv->id;
      reviews.push_back(std::make_unique<review::Review>(std::move(*rv)));
      // Whatever fails here fails this review only: the others still run and are indexed.
      try {
        text = writer.write(*reviews.back(), out, [&](const std::string& analysis, const std::string& k) {
          Progress p = base;
          p.analysis = analysis;
          p.k = k;
          emit(p);
        });
        out.ok = true;
      } catch (const Error& e) {
        out.error = e.what();
      } catch (const fs::filesystem_error& e) {
        out.error = e.what();
      } catch (const std::exception& e) {
        // A bug (InternalError, or an exception the library did not translate); the command
        // reports it as one.
        out.error = std::string(kInternalErrorLead) + ": " + e.what();
        out.internal = true;
      }
    }
    Progress p = base;
    p.kind = out.ok ? Progress::Kind::ReviewDone : Progress::Kind::ReviewFailed;
    p.message = out.ok ? (fs::path(o.out) / out.id).generic_string() + "/" : out.error;
    if (out.ok && !out.kept.empty())
      p.message += " (kept " + std::to_string(out.kept.size()) + (out.kept.size() == 1 ? " file" : " files") +
                   " it did not write: " + core::join(out.kept, ", ") + ")";
    emit(p);
    texts.push_back(std::move(text));
    res.reviews.push_back(std::move(out));
  }

  // index.html lists every review. With --review only that one was written; the others are
  // run again (nothing of theirs is written) so that the index shows every review's results.
  std::vector<std::string> ids, errors;
  for (std::size_t i = 0; i < res.reviews.size(); ++i) ids.push_back(res.reviews[i].id), errors.push_back(res.reviews[i].error);
  if (!o.review.empty()) {
    RunOptions every = o;
    every.review.clear();
    core::Diagnostics listing;
    const std::vector<fs::path> all = review_files(every, listing);
    std::vector<std::optional<ReviewText>> all_texts;
    std::vector<std::string> all_ids, all_errors;
    for (const auto& file : all) {
      if (file == files.front()) {
        all_texts.push_back(std::move(texts.front()));
        all_ids.push_back(ids.front());
        all_errors.push_back(errors.front());
        continue;
      }
      core::Diagnostics diag;
      std::optional<ReviewText> text;
      std::string error = "the review file has errors";
      auto rv = review::read_review(file.generic_string(), studies, diag);
      if (rv && !fs::is_regular_file(fs::path(o.out) / rv->id / "report.html")) {
        error = "no report yet (metareview run without --review writes it)";
        reviews.push_back(std::make_unique<review::Review>(std::move(*rv)));
      } else if (rv) {
        reviews.push_back(std::make_unique<review::Review>(std::move(*rv)));
        try {
          text = std::move(writer.prepare(*reviews.back())->text);
          error.clear();
        } catch (const std::exception& e) {
          error = e.what();
        }
      }
      all_ids.push_back(rv ? reviews.back()->id : file.stem().string());
      all_errors.push_back(error);
      all_texts.push_back(std::move(text));
    }
    texts = std::move(all_texts);
    ids = std::move(all_ids);
    errors = std::move(all_errors);
  }
  {
    std::vector<IndexEntry> entries;
    for (std::size_t i = 0; i < ids.size(); ++i) entries.push_back({texts[i] ? &*texts[i] : nullptr, ids[i], errors[i]});
    std::error_code ec;
    fs::create_directories(o.out, ec);
    if (ec) throw Error("cannot create the output directory '" + o.out + "': " + ec.message());
    const std::string index = render(*templates.index, index_value(entries, core::kToolName, core::kVersion));
    // Reviews whose provenance exists now (written in this run or kept from an earlier one).
    std::vector<OutputFile> review_provenance;
    for (const auto& id : ids) {
      const fs::path file = fs::path(o.out) / id / "provenance.json";
      if (!fs::is_regular_file(file)) continue;
      const auto bytes = io::read_file(file.string());
      if (!bytes) throw Error("cannot read '" + file.generic_string() + "'");
      review_provenance.push_back({id + "/provenance.json", io::sha256_hex(*bytes)});
    }
    write_file_atomic(fs::path(o.out) / "index.html", index);
    write_file_atomic(fs::path(o.out) / "provenance.json",
                      model::json_text(index_provenance_json(*templates.index, review_provenance,
                                                             io::sha256_hex(index), timestamp_of(o))));
    res.index_written = true;
  }
  return res;
}

}  // namespace metareview::report

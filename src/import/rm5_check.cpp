#include "import/rm5_check.h"

#include <charconv>
#include <filesystem>

#include "check/revman.h"
#include "import/rm5_library.h"
#include "io/fs.h"
#include "model/mh_q.h"
#include "review/review.h"

namespace metareview::import {
namespace {

namespace fs = std::filesystem;

std::vector<check::StoredValue> stored(const std::vector<Rm5Value>& values) {
  std::vector<check::StoredValue> out;
  for (const auto& v : values) out.push_back({v.name, v.text, v.where});
  return out;
}

bool is_ratio(const Rm5Outcome& o) {
  // A generic inverse-variance outcome stores exp(estimate) exactly when its data were
  // entered on the log scale (LOG_DATA="YES"), whatever its measure is called.
  if (o.kind == Rm5Kind::Iv) {
    const Rm5Value* v = o.find("LOG_DATA");
    return v && v->text == "YES";
  }
  const std::string& m = o.effect_measure;
  return o.kind == Rm5Kind::Ipd || m == "OR" || m == "RR" || m == "PETO_OR" || m == "HR";
}

}  // namespace

model::ModelSpec revman_spec(const Rm5Outcome& o) {
  model::ModelSpec s;
  s.preset = "revman5";
  // Ref: RevMan 5 statistical algorithms (Deeks & Higgins 2010): MH, Peto or inverse-variance
  // fixed effect; DerSimonian-Laird random effects; I2 = (Q - df)/Q.
  // O - E and V rows have no 2x2 table: Peto's pooled log OR sum(O - E)/sum(V) is then the
  // inverse-variance estimate of yi = (O - E)/V with weights V (Yusuf et al. 1985).
  const bool counts = o.kind == Rm5Kind::Dich;
  if (o.random) s.method = model::Method::DL;
  else if (counts && o.method == "MH") s.method = model::Method::MH;
  else if (counts && o.method == "PETO") s.method = model::Method::PETO;
  else s.method = model::Method::FE;
  s.i2_def = model::I2Def::Q;
  double level = 0;
  const auto [end, ec] = std::from_chars(o.ci_total.data(), o.ci_total.data() + o.ci_total.size(), level);
  if (ec == std::errc() && end == o.ci_total.data() + o.ci_total.size() && level > 50 && level < 100) s.level = level;
  return s;
}

std::vector<check::Finding> check_against_revman(const Rm5Review& rm5, const review::ReviewResult& result) {
  std::vector<check::Finding> out;
  const std::string id = review_id(rm5);
  for (const auto& ar : result.analyses) {
    for (const auto& o : rm5.outcomes) {
      if (outcome_id(o) != ar.analysis->id || ar.es.k() < 2) continue;
      check::RevmanStored s;
      s.review = id;
      s.analysis = ar.analysis->id;
      s.ratio = is_ratio(o);
      s.random = o.random;
      s.pooled = stored(o.stored);
      for (const auto& row : o.rows) {
        const Rm5Value* w = row.find("WEIGHT");
        s.weights.push_back(w ? check::StoredValue{w->name, w->text, w->where} : check::StoredValue{"WEIGHT", "", row.where});
        const Rm5Study* st = rm5.study(row.study_id);
        s.labels.push_back(st ? st->name : row.study_id);
      }
      // RevMan 5's random effects after MH pooling take Q and tau2 from the MH estimate.
      const model::ModelSpec spec = revman_spec(o);
      const bool mh_random = o.random && o.kind == Rm5Kind::Dich && o.method == "MH";
      const model::Fit ours = mh_random ? model::fit_random_mh_q(ar.es, spec) : model::fit(ar.es, spec);
      const auto found = check::compare_with_revman(s, ours);
      out.insert(out.end(), found.begin(), found.end());
    }
  }
  return out;
}

std::vector<check::Finding> check_library_against_revman(const std::string& library, const core::StudySet& studies,
                                                         core::Diagnostics& diag) {
  std::vector<check::Finding> out;
  const std::string dir = (fs::path(library) / kRevmanDir).string();
  const auto files = io::list_files(dir, ".rm5");
  if (!files) return out;
  for (const std::string& path : *files) {
    std::string why;
    const auto bytes = io::read_file(path, &why);
    if (!bytes) {
      diag.error({path, 0, 0}, io::cannot_read(why));
      continue;
    }
    const auto rm5 = read_rm5(path, *bytes, diag);
    if (!rm5) continue;
    const std::string review_path = (fs::path(library) / "reviews" / (review_id(*rm5) + ".xml")).string();
    const auto review = review::read_review(review_path, studies, diag);
    if (!review) continue;
    const review::ReviewResult result = review::run_review(*review, studies);
    const auto found = check_against_revman(*rm5, result);
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace metareview::import

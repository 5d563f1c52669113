// `metareview new study|review [-o FILE]`: a commented skeleton of a study file or a review
// file that validates as it is, to be filled in. A study's id is its file name; a review
// starts from the first study of the library with a two-arm binary outcome, so that its one
// row resolves, and names that study so the author replaces it.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include "cli/commands.h"
#include "cli/library.h"
#include "cli/study_table.h"
#include "core/error.h"

namespace metareview::cli {
namespace {

namespace fs = std::filesystem;

struct NewArgs {
  std::string kind;  ///< "study" or "review"
  std::string out;   ///< "" = standard output
  std::string studies;  ///< --studies; "" = the project's (cli/library.h)
};

/// The id a file name gives (studies/smith-2024.xml -> smith-2024), or `fallback`.
std::string id_of(const std::string& out, const std::string& fallback) {
  return out.empty() ? fallback : fs::path(out).stem().string();
}

std::string study_skeleton(const std::string& id) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- A study file (docs/study-format.md): one publication, saved as studies/)" + id + R"(.xml
     (the id is the file name). Replace every REPLACE text with what the publication prints.
     The numbers below are placeholders, not data: each carries status="unverified" until you
     have entered the printed value and checked it (status: verified, secondary, derived,
     presumed, unverified). Then run: metareview validate studies/)" + id + R"(.xml -->
<study id=")" + id + R"(" format="1">
  <!-- The trial's name or acronym: publications of one trial share it. -->
  <trial>REPLACE trial name</trial>
  <title>REPLACE the publication's title</title>
  <authors>
    <author>REPLACE Surname AB</author>
  </authors>
  <journal>REPLACE journal</journal>
  <year>2000</year>
  <!-- randomised-controlled-trial, retrospective-cohort, prospective-cohort, single-arm-trial,
       registry-cohort, pharmacokinetic-study or post-hoc-subgroup-analysis. -->
  <design>randomised-controlled-trial</design>
  <population>REPLACE the population as the publication describes it</population>
  <sources>
    <!-- Where the numbers come from: the publication itself (primary), or another report (secondary). -->
    <source id="paper" type="primary">REPLACE the full citation</source>
  </sources>
  <arms>
    <!-- One arm per treatment group; randomised (or analysed) is the number of patients. -->
    <arm id="experimental" label="Experimental" role="experimental" randomised="1" source="paper" status="unverified">
      <regimen>REPLACE the experimental regimen</regimen>
    </arm>
    <arm id="control" label="Control" role="control" randomised="1" source="paper" status="unverified">
      <regimen>REPLACE the control regimen</regimen>
    </arm>
  </arms>
  <outcomes>
    <!-- One element per reported result: binary (events of total), time-to-event (HR with CI),
         continuous (means and SDs), proportion (one arm), ordinal, adverse-events.
         at= says where in the source the numbers are printed. -->
    <binary id="orr" endpoint="ORR" experimental="experimental" control="control" source="paper" at="REPLACE Table 2" status="unverified">
      <arm ref="experimental" events="0" total="1"/>
      <arm ref="control" events="0" total="1"/>
    </binary>
  </outcomes>
</study>
)";
}

std::string review_skeleton(const std::string& id, const core::Study& study, const core::Outcome& outcome) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- A review file (docs/review-format.md), saved as studies/reviews/)" + id + R"(.xml (the id is
     the file name). It starts from one study of the library, )" + study.id + R"(, so that it
     validates as it is: replace the REPLACE texts, list your included and excluded studies, and
     give each analysis the rows it pools. Then run: metareview validate studies/reviews/)" + id + R"(.xml -->
<review id=")" + id + R"(" format="1">
  <title>REPLACE the review's title</title>
  <question>
    <population>REPLACE population</population>
    <intervention>REPLACE intervention</intervention>
    <comparator>REPLACE comparator</comparator>
    <outcomes>REPLACE outcomes</outcomes>
  </question>
  <!-- Every study the review includes, by study id (the study file's name). -->
  <included>
    <study ref=")" + study.id + R"("/>
  </included>
  <!-- Studies looked at and left out, each with its reason:
  <excluded>
    <study ref="some-study-2020" reason="Wrong population."/>
  </excluded> -->
  <analyses>
    <!-- One analysis per pooled outcome. measure: RR, OR, RD (binary), HR (time-to-event),
         MD, SMD (continuous), PLO, PFT, PR, PAS (one-arm proportions); model: random, common or
         both. Each row names a study and one of its outcomes. -->
    <analysis id="analysis-1" endpoint=")" + outcome.endpoint + R"(" measure="RR" model="random">
      <title>REPLACE the analysis' title</title>
      <row study=")" + study.id + R"(" outcome=")" + outcome.id + R"("/>
    </analysis>
  </analyses>
</review>
)";
}

/// The first study (by id) with a two-arm binary outcome of the whole population, and that outcome.
std::pair<const core::Study*, const core::Outcome*> starting_row(const core::StudySet& set) {
  for (const auto& s : set.studies)
    for (const auto& o : s.outcomes)
      if (o.kind == core::OutcomeKind::Binary && !o.baseline && o.subgroup.empty() && !o.experimental.empty() &&
          !o.control.empty())
        return {&s, &o};
  return {nullptr, nullptr};
}

void write_new(const NewArgs& a, Context& ctx) {
  std::string text;
  if (a.kind == "study") {
    text = study_skeleton(id_of(a.out, "new-study"));
  } else {
    if (a.studies.empty() && !find_project_root()) throw Error(library_hint());
    const std::string library = default_path(a.studies, "studies");
    const auto set = load_studies({library}, ctx);
    if (!set) return;
    const auto [study, outcome] = starting_row(*set);
    if (!study)
      throw Error("no study in " + library + " has a two-arm binary outcome for the review's first row; write one "
                  "with 'metareview new study -o " + library + "NAME.xml', or name the library with --studies");
    text = review_skeleton(id_of(a.out, "new-review"), *study, *outcome);
  }
  if (a.out.empty()) {
    ctx.out << text;
    return;
  }
  std::error_code ec;
  if (fs::exists(a.out, ec)) throw Error("'" + a.out + "' exists; metareview new writes only new files");
  std::ofstream f(a.out, std::ios::binary);
  f << text;
  f.close();
  if (!f) throw Error("cannot write '" + a.out + "'");
  ctx.err << "wrote " << a.out << " (a skeleton: replace every REPLACE and every placeholder number)\n";
}

}  // namespace

void setup_new(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<NewArgs>();
  app.add_option("kind", a->kind, "study or review")->required()->check(CLI::IsMember({"study", "review"}));
  app.add_option("-o,--out", a->out, "file to write (default: standard output); the id is its name without .xml");
  app.add_option("--studies", a->studies, "study library a new review starts from (default: studies/ here, above, or beside the binary)");
  app.callback([a, &ctx] { write_new(*a, ctx); });
}

}  // namespace metareview::cli

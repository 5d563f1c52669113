// The reference list (src/report/references.cpp): a study file as a Vancouver-like
// reference, and the methods' [@key] citations numbered in the order first cited.
#include <catch2/catch.hpp>

#include "core/error.h"
#include "report/references.h"

namespace {
namespace rp = metareview::report;
using metareview::core::Study;
}  // namespace

TEST_CASE("references: a study file as a reference, with what the file has", "[report][references]") {
  Study s;
  s.authors = {"Dimopoulos"};
  s.title = "Carfilzomib and dexamethasone versus bortezomib and dexamethasone (ENDEAVOR)";
  s.journal = "Lancet Oncol";
  s.year = 2016;
  s.citation = "17(1):27-38";
  // One author listed: the extraction sheet's first author, so "et al." follows.
  CHECK(rp::study_reference(s) ==
        "Dimopoulos, et al. Carfilzomib and dexamethasone versus bortezomib and dexamethasone (ENDEAVOR). Lancet "
        "Oncol. 2016;17(1):27-38.");
  s.authors = {"Leung N", "Bridoux F"};
  s.citation = "Blood 104(11):4899";  // not volume and pages: follows as printed
  CHECK(rp::study_reference(s) ==
        "Leung N, Bridoux F. Carfilzomib and dexamethasone versus bortezomib and dexamethasone (ENDEAVOR). Lancet "
        "Oncol. 2016. Blood 104(11):4899.");
  s.authors = {"n/s"};
  s.citation.clear();
  s.title = "Is it?";
  CHECK(rp::study_reference(s) == "Is it? Lancet Oncol. 2016.");
}

TEST_CASE("references: methods cited as [@key] are numbered after the studies, first cited first",
          "[report][references]") {
  std::vector<std::string> a = {"Tau2 by REML [@viechtbauer2005], its CI by Q-profile [@viechtbauer2007].",
                                "I2 [@higgins2002]."};
  std::vector<std::string> b = {"Again REML [@viechtbauer2005] and DL [@dersimonian1986]."};
  std::vector<rp::ReferenceText> cited;
  rp::cite_methods({&a, &b}, 5, cited);
  CHECK(a == std::vector<std::string>{"Tau2 by REML [5], its CI by Q-profile [6].", "I2 [7]."});
  CHECK(b == std::vector<std::string>{"Again REML [5] and DL [8]."});
  REQUIRE(cited.size() == 4);
  CHECK(cited[0].number == "5");
  CHECK(cited[0].text ==
        "Viechtbauer W. Bias and efficiency of meta-analytic variance estimators in the random-effects model. J Educ "
        "Behav Stat. 2005;30(3):261-93.");
  CHECK(cited[0].doi == "10.3102/10769986030003261");
  CHECK(cited[3].number == "8");
  CHECK(cited[3].text == "DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials. 1986;7(3):177-88.");
}

TEST_CASE("references: an unknown key is an error naming it and the known ones", "[report][references]") {
  std::vector<std::string> a = {"By magic [@nobody2099]."};
  std::vector<rp::ReferenceText> cited;
  REQUIRE_THROWS_AS(rp::cite_methods({&a}, 1, cited), metareview::Error);
  try {
    rp::cite_methods({&a}, 1, cited);
  } catch (const metareview::Error& e) {
    const std::string what = e.what();
    CHECK(what.rfind("the methods text cites an unknown reference [@nobody2099]; known: dersimonian1986, "
                     "viechtbauer2005, hardy1996,",
                     0) == 0);
  }
}

TEST_CASE("references: every method key is unique", "[report][references]") {
  const auto& refs = rp::method_references();
  for (std::size_t i = 0; i < refs.size(); ++i)
    for (std::size_t j = i + 1; j < refs.size(); ++j) CHECK(refs[i].key != refs[j].key);
}

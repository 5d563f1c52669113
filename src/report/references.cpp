#include "report/references.h"

#include <algorithm>
#include <map>

#include "core/error.h"
#include "core/text.h"

namespace metareview::report {
namespace {

constexpr std::string_view kOpen = "[@";

/// The [@key] citations of `text`, in order, as {position, length, key}.
struct Cite {
  std::size_t at, length;
  std::string key;
};
std::vector<Cite> cites_in(std::string_view text) {
  std::vector<Cite> out;
  for (std::size_t at = text.find(kOpen); at != std::string_view::npos; at = text.find(kOpen, at + 1)) {
    const std::size_t end = text.find(']', at);
    if (end == std::string_view::npos) break;
    out.push_back({at, end + 1 - at, std::string(text.substr(at + 2, end - at - 2))});
  }
  return out;
}

const MethodReference* find_method(std::string_view key) {
  for (const auto& m : method_references())
    if (m.key == key) return &m;
  return nullptr;
}

std::string known_keys() {
  std::vector<std::string> keys;
  for (const auto& m : method_references()) keys.emplace_back(m.key);
  return core::join(keys, ", ");
}

}  // namespace

// Each entry was checked against the reference lists of R metafor 3.8-1's documentation
// (rma.uni, confint.rma, rma.mh, rma.peto) or, for Higgins 2009 and Hartung 2001, the
// documentation of R packages pimeta and meta; Page 2021 against the published article.
const std::vector<MethodReference>& method_references() {
  static const std::vector<MethodReference> refs = {
      {"dersimonian1986", "DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials. 1986;7(3):177-88.",
       "10.1016/0197-2456(86)90046-2"},
      {"viechtbauer2005",
       "Viechtbauer W. Bias and efficiency of meta-analytic variance estimators in the random-effects model. J Educ "
       "Behav Stat. 2005;30(3):261-93.",
       "10.3102/10769986030003261"},
      {"hardy1996", "Hardy RJ, Thompson SG. A likelihood approach to meta-analysis with random effects. Stat Med. "
                    "1996;15(6):619-29.",
       "10.1002/(SICI)1097-0258(19960330)15:6<619::AID-SIM188>3.0.CO;2-A"},
      {"paule1982", "Paule RC, Mandel J. Consensus values and weighting factors. J Res Natl Bur Stand. 1982;87(5):377-85.",
       "10.6028/jres.087.022"},
      {"hedges1985", "Hedges LV, Olkin I. Statistical methods for meta-analysis. San Diego (CA): Academic Press; 1985.", ""},
      {"hunter1990", "Hunter JE, Schmidt FL. Methods of meta-analysis: correcting error and bias in research findings. "
                     "Thousand Oaks (CA): Sage; 1990.",
       ""},
      {"sidik2005", "Sidik K, Jonkman JN. Simple heterogeneity variance estimation for meta-analysis. J R Stat Soc Ser C "
                    "Appl Stat. 2005;54(2):367-84.",
       "10.1111/j.1467-9876.2005.00489.x"},
      {"morris1983", "Morris CN. Parametric empirical Bayes inference: theory and applications. J Am Stat Assoc. "
                     "1983;78(381):47-55.",
       "10.2307/2287098"},
      {"mantel1959", "Mantel N, Haenszel W. Statistical aspects of the analysis of data from retrospective studies of "
                     "disease. J Natl Cancer Inst. 1959;22(4):719-48.",
       "10.1093/jnci/22.4.719"},
      {"yusuf1985", "Yusuf S, Peto R, Lewis J, Collins R, Sleight P. Beta blockade during and after myocardial "
                    "infarction: an overview of the randomized trials. Prog Cardiovasc Dis. 1985;27(5):335-71.",
       "10.1016/s0033-0620(85)80003-7"},
      {"deeks2010", "Deeks JJ, Higgins JPT. Statistical algorithms in Review Manager 5. The Cochrane Collaboration; "
                    "2010.",
       ""},
      {"viechtbauer2007", "Viechtbauer W. Confidence intervals for the amount of heterogeneity in meta-analysis. Stat Med. "
                          "2007;26(1):37-52.",
       "10.1002/sim.2514"},
      {"hartung2001", "Hartung J, Knapp G. A refined method for the meta-analysis of controlled clinical trials with "
                      "binary outcome. Stat Med. 2001;20:3875-89.",
       ""},
      {"knapp2003", "Knapp G, Hartung J. Improved tests for a random effects meta-regression with a single covariate. "
                    "Stat Med. 2003;22(17):2693-710.",
       "10.1002/sim.1482"},
      {"jackson2017", "Jackson D, Law M, Rücker G, Schwarzer G. The Hartung-Knapp modification for random-effects "
                      "meta-analysis: a useful refinement but are there any residual concerns? Stat Med. "
                      "2017;36(25):3923-34.",
       "10.1002/sim.7411"},
      {"higgins2002", "Higgins JPT, Thompson SG. Quantifying heterogeneity in a meta-analysis. Stat Med. "
                      "2002;21(11):1539-58.",
       "10.1002/sim.1186"},
      {"higgins2009", "Higgins JPT, Thompson SG, Spiegelhalter DJ. A re-evaluation of random-effects meta-analysis. J R "
                      "Stat Soc Ser A Stat Soc. 2009;172(1):137-59.",
       "10.1111/j.1467-985X.2008.00552.x"},
      {"cochran1954", "Cochran WG. The combination of estimates from different experiments. Biometrics. "
                      "1954;10(1):101-29.",
       "10.2307/3001666"},
      {"borenstein2009", "Borenstein M, Hedges LV, Higgins JPT, Rothstein HR. Introduction to Meta-Analysis. "
                         "Chichester: Wiley; 2009. Chapter 19.",
       "10.1002/9780470743386"},
      {"viechtbauer2010", "Viechtbauer W. Conducting meta-analyses in R with the metafor package. J Stat Softw. "
                          "2010;36(3):1-48.",
       "10.18637/jss.v036.i03"},
      // Small-study effects (<small-study>): checked against metafor 3.8-1's regtest, ranktest,
      // trimfill and fsn documentation and R meta 7.0's metabias documentation.
      {"egger1997", "Egger M, Davey Smith G, Schneider M, Minder C. Bias in meta-analysis detected by a simple, "
                    "graphical test. BMJ. 1997;315(7109):629-34.",
       "10.1136/bmj.315.7109.629"},
      {"begg1994", "Begg CB, Mazumdar M. Operating characteristics of a rank correlation test for publication bias. "
                   "Biometrics. 1994;50(4):1088-101.",
       "10.2307/2533446"},
      {"duval2000", "Duval S, Tweedie R. Trim and fill: a simple funnel-plot-based method of testing and adjusting for "
                    "publication bias in meta-analysis. Biometrics. 2000;56(2):455-63.",
       "10.1111/j.0006-341x.2000.00455.x"},
      {"peters2006", "Peters JL, Sutton AJ, Jones DR, Abrams KR, Rushton L. Comparison of two methods to detect "
                     "publication bias in meta-analysis. JAMA. 2006;295(6):676-80.",
       "10.1001/jama.295.6.676"},
      {"harbord2006", "Harbord RM, Egger M, Sterne JAC. A modified test for small-study effects in meta-analyses of "
                      "controlled trials with binary endpoints. Stat Med. 2006;25(20):3443-57.",
       "10.1002/sim.2380"},
      {"rosenthal1979", "Rosenthal R. The file drawer problem and tolerance for null results. Psychol Bull. "
                        "1979;86(3):638-41.",
       "10.1037/0033-2909.86.3.638"},
      {"page2021", "Page MJ, McKenzie JE, Bossuyt PM, Boutron I, Hoffmann TC, Mulrow CD, et al. The PRISMA 2020 "
                   "statement: an updated guideline for reporting systematic reviews. BMJ. 2021;372:n71.",
       "10.1136/bmj.n71"},
  };
  return refs;
}

std::string study_reference(const core::Study& s) {
  std::string out;
  const bool stated = !s.authors.empty() && !(s.authors.size() == 1 && s.authors.front() == "n/s");
  if (stated) out = core::join(s.authors, ", ") + (s.authors.size() == 1 ? ", et al. " : ". ");
  if (!s.title.empty()) out += s.title + (s.title.back() == '.' || s.title.back() == '?' ? " " : ". ");
  out += s.journal + ". " + std::to_string(s.year);
  // <citation> holds volume and pages as printed ("396:186-97"); anything else (a PMC table,
  // a conference abstract number with its journal) follows as printed.
  if (!s.citation.empty())
    out += (s.citation.front() >= '0' && s.citation.front() <= '9' ? ";" : ". ") + s.citation;
  out += ".";
  return out;
}

void cite_methods(std::vector<std::vector<std::string>*> paragraphs, int first, std::vector<ReferenceText>& cited) {
  std::map<std::string, int> numbers;
  for (auto* list : paragraphs) {
    for (auto& p : *list) {
      const auto cites = cites_in(p);
      std::string out;
      std::size_t from = 0;
      for (const auto& c : cites) {
        const MethodReference* m = find_method(c.key);
        if (!m) throw Error("the methods text cites an unknown reference [@" + c.key + "]; known: " + known_keys());
        auto [it, added] = numbers.emplace(c.key, first + static_cast<int>(numbers.size()));
        if (added) cited.push_back({std::to_string(it->second), std::string(m->citation), std::string(m->doi), "", ""});
        out += p.substr(from, c.at - from) + "[" + std::to_string(it->second) + "]";
        from = c.at + c.length;
      }
      if (!cites.empty()) p = out + p.substr(from);
    }
  }
}

}  // namespace metareview::report

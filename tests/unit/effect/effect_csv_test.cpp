#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "effect/effect_csv.h"
#include "io/limits.h"

namespace effect = metareview::effect;
using metareview::core::Measure;

namespace {
struct Parsed {
  std::vector<metareview::effect::StudyInput> rows;
  std::string diagnostics;
};
Parsed parse(const std::string& text, Measure m) {
  metareview::core::Diagnostics d;
  auto rows = effect::parse_effect_csv(text, "in.csv", m, d);
  return {std::move(rows), d.to_string()};
}
}  // namespace

TEST_CASE("columns by measure, in any order, with the optional subgroup and year", "[csv]") {
  CHECK(effect::effect_csv_columns(Measure::GEN) == std::vector<std::string_view>{"study", "yi", "vi"});
  CHECK(effect::effect_csv_columns(Measure::HR) == std::vector<std::string_view>{"study", "hr", "ci_lb", "ci_ub"});
  CHECK(effect::effect_csv_columns(Measure::RD) == std::vector<std::string_view>{"study", "ai", "n1i", "ci", "n2i"});
  CHECK(effect::effect_csv_columns(Measure::PFT) == std::vector<std::string_view>{"study", "xi", "ni"});
  CHECK(effect::effect_csv_columns(Measure::SMD) ==
        std::vector<std::string_view>{"study", "m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"});

  const auto p = parse("n2i,ci,year,study,subgroup,n1i,ai\r\n10,2,2019,\"Smith, J\",renal,12,3\r\n\r\n9,0,,Lee,,9,1\n",
                       Measure::OR);
  CHECK(p.diagnostics.empty());
  REQUIRE(p.rows.size() == 2);
  CHECK(p.rows[0].study == "Smith, J");
  CHECK(p.rows[0].subgroup == "renal");
  CHECK(p.rows[0].year == 2019);
  CHECK(p.rows[0].ai == 3);
  CHECK(p.rows[0].n1i == 12);
  CHECK(p.rows[0].ci == 2);
  CHECK(p.rows[0].n2i == 10);
  CHECK(p.rows[0].where.line == 2);
  CHECK(p.rows[1].where.line == 4);  // the blank line is skipped but counted
  CHECK_FALSE(p.rows[1].year);

  const auto q = parse("\xEF\xBB\xBFstudy,yi,vi\n\"He said \"\"no\"\"\",+0.25,1e-2\n", Measure::GEN);
  CHECK(q.diagnostics.empty());
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].study == "He said \"no\"");
  CHECK(q.rows[0].yi == 0.25);
  CHECK(q.rows[0].vi == 0.01);
}

TEST_CASE("header problems: every missing, unknown and duplicate column", "[csv]") {
  const auto p = parse("study,ai,ai,colour,ci\n1,2,3,4,5\n", Measure::OR);
  CHECK(p.rows.empty());
  CHECK(p.diagnostics ==
        "in.csv:1:10: error: duplicate column 'ai'\n"
        "in.csv:1:13: error: unknown column 'colour'; expected the columns study, ai, n1i, ci, n2i (optional: "
        "subgroup, year)\n"
        "in.csv:1:1: error: missing column 'n1i'; expected the columns study, ai, n1i, ci, n2i (optional: subgroup, "
        "year)\n"
        "in.csv:1:1: error: missing column 'n2i'; expected the columns study, ai, n1i, ci, n2i (optional: subgroup, "
        "year)\n");
  CHECK(parse("yi,vi\n0.1,0.2\n", Measure::GEN).diagnostics ==
        "in.csv:1:1: error: missing column 'study'; expected the columns study, yi, vi (optional: subgroup, year)\n");
}

// Issue 13: a spreadsheet's semicolon-separated export gave "unknown column 'study;yi;vi'".
TEST_CASE("a semicolon-separated file gets one hint at its first semicolon", "[csv]") {
  const auto p = parse("study;yi;vi\nSmith;0,25;0,01\n", Measure::GEN);
  CHECK(p.rows.empty());
  CHECK(p.diagnostics ==
        "in.csv:1:6: error: the file looks semicolon-separated; metareview reads comma-separated CSV (fields "
        "separated by ',', decimals with '.')\n");
}

TEST_CASE("value problems are all reported with row, column and the column's name", "[csv]") {
  const auto p = parse(
      "study,ai,n1i,ci,n2i\n"
      "A,12,10,2,10\n"
      "B,x,10,2,10\n"
      "C,2.5,10,-1,0\n"
      "D,1,10\n"
      "E,nan,10,inf,10\n"
      ",1,10,NA,10\n"
      "G,1,10.5,1,10\n",
      Measure::OR);
  CHECK(p.rows.empty());
  CHECK(p.diagnostics ==
        "in.csv:2:3: error: column 'ai': 12 events exceed n1i = 10\n"
        "in.csv:3:3: error: column 'ai': 'x' is not a number\n"
        "in.csv:4:3: error: column 'ai': a count must be a whole number, got 2.5\n"
        "in.csv:4:10: error: column 'ci': a count must be >= 0, got -1\n"
        "in.csv:4:13: error: column 'n2i': a group size must be > 0, got 0\n"
        "in.csv:5:1: error: row has 3 fields, the header has 5\n"
        "in.csv:6:3: error: column 'ai': 'nan' is not a finite number\n"
        "in.csv:6:10: error: column 'ci': 'inf' is not a finite number\n"
        "in.csv:7:1: error: column 'study': study label missing\n"
        "in.csv:7:7: error: column 'ci': value missing\n"
        "in.csv:8:5: error: column 'n1i': a group size must be a whole number, got 10.5\n");
}

TEST_CASE("measure-specific checks: variances, SDs, proportions and HR intervals", "[csv]") {
  CHECK(parse("study,yi,vi\nA,0.1,-0.2\n", Measure::GEN).diagnostics ==
        "in.csv:2:7: error: column 'vi': a variance must be >= 0, got -0.2\n");
  CHECK(parse("study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,5,-1,10,4,1,10\n", Measure::MD).diagnostics ==
        "in.csv:2:5: error: column 'sd1i': a standard deviation must be >= 0, got -1\n");
  CHECK(parse("study,xi,ni\nA,11,10\n", Measure::PLO).diagnostics ==
        "in.csv:2:3: error: column 'xi': 11 events exceed ni = 10\n");
  CHECK(parse("study,hr,ci_lb,ci_ub\nA,1.5,0.8,1.2\nB,0.7,0,0.9\nC,0.8,0.9,0.7\n", Measure::HR).diagnostics ==
        "in.csv:2:7: error: columns 'ci_lb' and 'ci_ub': the interval [0.8, 1.2] does not contain hr = 1.5\n"
        "in.csv:3:7: error: column 'ci_lb': a ratio must be > 0, got 0\n"
        "in.csv:4:7: error: columns 'ci_lb' and 'ci_ub': the interval [0.9, 0.7] does not contain hr = 0.8\n");
  CHECK(parse("study,yi,vi,year\nA,0.1,0.2,2020a\n", Measure::GEN).diagnostics ==
        "in.csv:2:11: error: column 'year': '2020a' is not a year (a whole number)\n");
  CHECK(parse("study,yi,vi\n\"A,0.1,0.2\n", Measure::GEN).diagnostics ==
        "in.csv:2:1: error: unterminated quoted field\n");
}

TEST_CASE("empty, header-only and unreadable files", "[csv]") {
  CHECK(parse("", Measure::GEN).diagnostics ==
        "in.csv:1:1: error: empty file; expected a header row with the columns study, yi, vi (optional: subgroup, "
        "year)\n");
  CHECK(parse("study,yi,vi\n", Measure::GEN).diagnostics == "in.csv:2:1: error: no data rows after the header\n");
  metareview::core::Diagnostics d;
  CHECK(effect::read_effect_csv("/nonexistent/metareview/x.csv", Measure::GEN, d).empty());
  CHECK(d.to_string() == "/nonexistent/metareview/x.csv: error: cannot read the file (No such file or directory)\n");
}

TEST_CASE("every field quoted, as R's write.csv writes it, keeps each value", "[csv]") {
  // Regression: the unquoted copies lived in a vector<string> that reallocated while earlier
  // fields still viewed its strings, so a row of quoted fields read freed memory (issue 10:
  // yi = 0.9 pooled where the file said 0.10).
  const auto p = parse("\"study\",\"yi\",\"vi\",\"subgroup\"\n"
                       "\"Alpha\",\"0.10\",\"0.04\",\"renal\"\n"
                       "\"Beta\",\"0.90\",\"0.05\",\"other\"\n",
                       Measure::GEN);
  CHECK(p.diagnostics.empty());
  REQUIRE(p.rows.size() == 2);
  CHECK(p.rows[0].study == "Alpha");
  CHECK(p.rows[0].yi == 0.10);
  CHECK(p.rows[0].vi == 0.04);
  CHECK(p.rows[0].subgroup == "renal");
  CHECK(p.rows[1].study == "Beta");
  CHECK(p.rows[1].yi == 0.90);
  CHECK(p.rows[1].vi == 0.05);
  CHECK(p.rows[1].subgroup == "other");
}

// ---- Limits and encodings (issue 10; docs/limits.md) -----------------------------------------

TEST_CASE("blank lines are not rows: no memory is set aside for them", "[csv][limits]") {
  // 200 MB of blank lines around two rows ran out of memory: rows were reserved one per
  // line. 12 MiB of them (within the file size limit) now read as the two rows.
  const std::string blank(3u << 20, '\n');
  const auto p = parse(blank + "study,yi,vi\n" + blank + "A,0.1,0.02\n" + blank + "B,0.2,0.03\n" + blank,
                       Measure::GEN);
  CHECK(p.diagnostics.empty());
  CHECK(p.rows.size() == 2);
  // The 200 MB file itself is past the limit, and says so.
  const std::string huge(metareview::io::kMaxFileBytes + 1, '\n');
  CHECK(parse(huge, Measure::GEN).diagnostics ==
        "in.csv: error: the file is larger than 16 MiB, the limit for an input file (docs/limits.md)\n");
}

TEST_CASE("bytes that are not UTF-8 are refused with their line and byte column", "[csv][limits]") {
  // A Latin-1 label ("M\xfcller") went on to `pool --json`, which failed with exit 3.
  CHECK(parse("study,yi,vi\nA,0.1,0.02\nM\xfcller,0.2,0.03\n", Measure::GEN).diagnostics ==
        "in.csv:3:2: error: invalid UTF-8 byte 0xfc\n");
  CHECK(parse("study,yi,vi\nA\x01,0.1,0.02\n", Measure::GEN).diagnostics ==
        "in.csv:2:2: error: character U+0001 is not allowed in CSV\n");
  // A byte order mark is not a column; UTF-8 labels are read as they are.
  const auto p = parse("\xEF\xBB\xBFstudy,yi,vi\nM\xC3\xBCller,0.2,0.03\n", Measure::GEN);
  CHECK(p.diagnostics.empty());
  REQUIRE(p.rows.size() == 1);
  CHECK(p.rows[0].study == "M\xC3\xBCller");
}

TEST_CASE("pool --json on a label that is not UTF-8 exits 1 naming the place", "[csv][limits]") {
  const auto dir = metareview::test::temp_dir("metareview-csv-utf8");
  const std::string file = (dir / "latin1.csv").string();
  std::ofstream(file, std::ios::binary) << "study,yi,vi\nM\xfcller,0.2,0.03\nB,0.1,0.01\n";
  const auto r = metareview::test::run_cli({"pool", "--data", file, "--measure", "GEN", "--json"});
  CHECK(r.status == 1);
  CHECK(r.err == file + ":2:2: error: invalid UTF-8 byte 0xfc\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("pool reads its CSV from a pipe (--data /dev/stdin)", "[csv][limits]") {
  const std::string cmd = std::string("printf 'study,yi,vi\\nA,0.1,0.02\\nB,0.3,0.04\\n' | '") + METAREVIEW_BINARY +
                          "' pool --data /dev/stdin --measure GEN --method FE --json 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  CHECK(::pclose(pipe) == 0);
  // Common effect by hand: w = 50, 25; (0.1 * 50 + 0.3 * 25) / 75 = 0.1666...
  CHECK(out.find("\"estimate\": 0.16666666666666") != std::string::npos);
}

TEST_CASE("a CSV line longer than the limit is one error", "[csv][limits]") {
  const std::string row = "A," + std::string(metareview::io::kMaxLineBytes, '1') + ",0.1\n";
  CHECK(parse("study,yi,vi\n" + row, Measure::GEN).diagnostics ==
        "in.csv:2:1048577: error: line 2 is longer than 1 MiB, the limit for a line (docs/limits.md)\n");
}

TEST_CASE("CSV errors past the limit are summed up in one line", "[csv][limits]") {
  std::string text = "study,yi,vi\n";
  for (int i = 0; i < 150; ++i) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about "S" + std::string&&.
    text += 'S';
    text += std::to_string(i);
    text += ",x,0.1\n";
  }
  const auto d = parse(text, Measure::GEN).diagnostics;
  CHECK(std::count(d.begin(), d.end(), '\n') == 101);
  CHECK(d.find("in.csv:101:5: error: column 'yi': 'x' is not a number\n") != std::string::npos);
  CHECK(d.ends_with("in.csv:102:6: error: \u2026 and 50 more errors (at most 100 are listed for a file)\n"));
}

// docs/csv-format.md shows one example per input family; each must read as documented.
TEST_CASE("every example of docs/csv-format.md reads without a problem", "[csv]") {
  const std::string doc = metareview::test::slurp(std::string(METAREVIEW_SOURCE_DIR) + "/docs/csv-format.md");
  const Measure measures[] = {Measure::GEN, Measure::HR, Measure::OR, Measure::PLO, Measure::SMD};
  std::size_t pos = 0, n = 0;
  for (const Measure m : measures) {
    pos = doc.find("```csv\n", pos);
    REQUIRE(pos != std::string::npos);
    pos += 7;
    const std::string block = doc.substr(pos, doc.find("```", pos) - pos);
    const auto p = parse(block, m);
    CHECK(p.diagnostics.empty());
    CHECK(p.rows.size() >= 2);
    ++n;
  }
  CHECK(doc.find("```csv\n", pos) == std::string::npos);  // no example left untested
  CHECK(n == 5);
}

// Regression (issue 16): one NA row rejected the whole file; metafor leaves such studies out
// with a warning. Under MissingValues::Drop the row is left out and named; Error keeps the old rule.
TEST_CASE("a row with a missing value is left out with a warning, or is an error when strict", "[csv]") {
  const std::string text = "study,ai,n1i,ci,n2i\nA,4,123,11,139\nB,NA,306,,303\nC,3,231,11,220\n";
  metareview::core::Diagnostics d;
  const auto rows = effect::parse_effect_csv(text, "in.csv", Measure::RR, d, effect::MissingValues::Drop);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].study == "A");
  CHECK(rows[1].study == "C");
  CHECK_FALSE(d.has_errors());
  CHECK(d.to_string() ==
        "in.csv:3:1: warning: row of study 'B' left out: no value in columns 'ai', 'ci' (as metafor leaves out "
        "studies with missing values; --strict makes this an error)\n");
  CHECK(parse(text, Measure::RR).diagnostics ==
        "in.csv:3:3: error: column 'ai': value missing\nin.csv:3:10: error: column 'ci': value missing\n");
}

// Regression (issue 16): an HR CSV could not say its CIs were 90% or 99%, so they were read as 95%.
TEST_CASE("an HR CSV may give each row's CI level", "[csv]") {
  const auto p = parse("study,hr,ci_lb,ci_ub,level\nA,0.5,0.3,0.8,99\nB,0.7,0.5,0.9,0.90\nC,0.6,0.4,0.9,\n", Measure::HR);
  CHECK(p.diagnostics.empty());
  REQUIRE(p.rows.size() == 3);
  CHECK(p.rows[0].hr_level == 99);
  CHECK(p.rows[1].hr_level == 90);
  CHECK(p.rows[2].hr_level == 95);
  CHECK(parse("study,hr,ci_lb,ci_ub,level\nA,0.5,0.3,0.8,5\n", Measure::HR).diagnostics ==
        "in.csv:2:15: error: column 'level': '5' is not a confidence level: a percentage from 50 to below 100 (as "
        "95) or a proportion between 0.5 and 1 (as 0.95)\n");
  // Only HR rows have a printed CI to take a level from.
  CHECK(parse("study,yi,vi,level\nA,0.1,0.2,95\n", Measure::GEN).diagnostics ==
        "in.csv:1:13: error: unknown column 'level'; expected the columns study, yi, vi (optional: subgroup, year)\n");
}

#pragma once
// Reader for the golden CSV files under tests/golden/ written by the R scripts there:
// comma-separated, no quoting, a header row, "NA" for a missing number, numbers with 17
// significant digits. Parsing is locale-independent (std::from_chars).
#include <catch2/catch.hpp>

#include <charconv>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace metareview::test {

class GoldenCsv {
 public:
  /// Reads METAREVIEW_SOURCE_DIR/<relative>; a missing file fails the test with its path.
  explicit GoldenCsv(const std::string& relative) : path_(std::string(METAREVIEW_SOURCE_DIR) + "/" + relative) {
    std::ifstream in(path_);
    if (!in) FAIL("cannot read golden file " << path_ << " (rerun the make_golden.R next to it)");
    std::string line;
    std::getline(in, line);
    header_ = split(line, ',');
    for (std::size_t i = 0; i < header_.size(); ++i) column_[header_[i]] = i;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      rows_.push_back(split(line, ','));
      if (rows_.back().size() != header_.size())
        FAIL(path_ << ": row " << rows_.size() + 1 << " has " << rows_.back().size() << " fields, header has "
                   << header_.size());
    }
  }

  std::size_t size() const { return rows_.size(); }

  bool has(const std::string& col) const { return column_.count(col) > 0; }

  const std::string& str(std::size_t row, const std::string& col) const { return rows_.at(row).at(index(col)); }

  /// The number in a cell; NaN for "NA".
  double num(std::size_t row, const std::string& col) const { return parse_number(str(row, col)); }

  bool flag(std::size_t row, const std::string& col) const { return str(row, col) == "TRUE"; }

  /// A ';'-separated list of numbers ("39;3;0").
  std::vector<double> list(std::size_t row, const std::string& col) const {
    std::vector<double> out;
    for (const std::string& s : split(str(row, col), ';')) out.push_back(parse_number(s));
    return out;
  }

  static double parse_number(const std::string& s) {
    if (s == "NA") return std::numeric_limits<double>::quiet_NaN();
    double x = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), x);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size()) FAIL("not a number in golden file: '" << s << "'");
    return x;
  }

 private:
  std::size_t index(const std::string& col) const {
    const auto it = column_.find(col);
    if (it == column_.end()) FAIL(path_ << ": no column '" << col << "'");
    return it->second;
  }

  static std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream ss(line);
    while (std::getline(ss, field, sep)) out.push_back(field);
    if (!line.empty() && line.back() == sep) out.emplace_back();
    return out;
  }

  std::string path_;
  std::vector<std::string> header_;
  std::map<std::string, std::size_t> column_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace metareview::test

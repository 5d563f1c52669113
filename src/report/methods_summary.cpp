#include "report/methods_summary.h"

#include <algorithm>

namespace metareview::report {
namespace {

bool same(const SettingText& a, const SettingText& b) {
  return a.name == b.name && a.value == b.value && a.origin == b.origin;
}

bool in(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::vector<std::string> all_sentences(const AnalysisText& a) {
  std::vector<std::string> out;
  for (const auto& p : a.methods)
    for (auto& s : sentences(p)) out.push_back(std::move(s));
  return out;
}

}  // namespace

std::vector<std::string> sentences(const std::string& paragraph) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = paragraph.find(". "); i != std::string::npos; i = paragraph.find(". ", i + 1)) {
    const std::size_t next = i + 2;
    if (next >= paragraph.size()) break;
    const auto c = static_cast<unsigned char>(paragraph[next]);
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80)) continue;
    out.push_back(paragraph.substr(start, i + 1 - start));
    start = next;
  }
  if (start < paragraph.size()) out.push_back(paragraph.substr(start));
  return out;
}

MethodsSummary methods_summary(const ReviewText& review) {
  MethodsSummary m;
  if (review.analyses.empty()) return m;
  std::vector<std::vector<std::string>> each;
  for (const auto& a : review.analyses) each.push_back(all_sentences(a));
  const auto everywhere = [&](const std::string& s) {
    return std::all_of(each.begin(), each.end(), [&](const auto& list) { return in(list, s); });
  };
  for (const auto& p : review.analyses.front().methods) {
    std::string kept;
    for (const auto& s : sentences(p))
      if (everywhere(s)) kept += (kept.empty() ? "" : " ") + s;
    if (!kept.empty()) m.common_paragraphs.push_back(std::move(kept));
  }
  const auto setting_everywhere = [&](const SettingText& s) {
    return std::all_of(review.analyses.begin(), review.analyses.end(), [&](const AnalysisText& a) {
      return std::any_of(a.settings.begin(), a.settings.end(), [&](const SettingText& t) { return same(s, t); });
    });
  };
  for (const auto& s : review.analyses.front().settings)
    if (setting_everywhere(s)) m.common_settings.push_back(s);
  for (std::size_t i = 0; i < review.analyses.size(); ++i) {
    const AnalysisText& a = review.analyses[i];
    MethodsDifference d{{a.title}, {}, {}};
    for (const auto& s : each[i])
      if (!everywhere(s)) d.sentences.push_back(s);
    for (const auto& s : a.settings)
      if (!setting_everywhere(s)) d.settings.push_back(s);
    const auto alike = std::find_if(m.differences.begin(), m.differences.end(), [&](const MethodsDifference& x) {
      return x.sentences == d.sentences &&
             std::equal(x.settings.begin(), x.settings.end(), d.settings.begin(), d.settings.end(), same);
    });
    if (alike != m.differences.end()) alike->titles.push_back(a.title);
    else m.differences.push_back(std::move(d));
  }
  return m;
}

}  // namespace metareview::report

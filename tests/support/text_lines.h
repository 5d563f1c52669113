#pragma once
// Reading written text back in tests: its lines, the cells of a CSV line, a part of it.
#include <sstream>
#include <string>
#include <vector>

namespace metareview::test {

/// The lines of `text`, without their line feeds.
inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// The cells of one CSV line, quotes removed (no quote inside a quoted cell).
inline std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace metareview::test

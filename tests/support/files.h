#pragma once
// Files in tests: whole files read at once, the files of a directory, the diagnostics a bad
// test file expects, and temporary directories per test process.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace metareview::test {

/// The bytes of the file at `path`; "" when it cannot be read (the comparison that follows fails).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// The entries of directory `dir`, in name order.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

/// What a bad test file (tests/data/*/bad/) expects its reader to report: its last comment,
/// "<!-- expect ...", lists one "LINE:COL: error: MESSAGE" a line after its first line; each
/// is returned as "PATH:LINE:COL: error: MESSAGE\n", as Diagnostics::to_string() prints it.
inline std::string expected_diagnostics(const std::filesystem::path& path) {
  const std::string text = slurp(path);
  const auto start = text.rfind("<!-- expect");
  REQUIRE(start != std::string::npos);
  const auto body = text.find('\n', start) + 1;
  std::istringstream block(text.substr(body, text.rfind("-->") - body));
  std::string expected, line;
  while (std::getline(block, line)) expected += path.string() + ':' + line + '\n';
  return expected;
}

/// A fresh, empty directory NAME-PID under the system temp directory, unique to this process.
inline std::filesystem::path temp_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace metareview::test

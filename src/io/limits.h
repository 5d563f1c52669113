#pragma once
// The limits on what the readers accept (docs/limits.md). They keep memory and time bounded
// on any input: past one, a reader reports it once, with the position where it was crossed,
// and stops reading that file. Each is far above what a real study, review, CSV or template
// needs.
#include <cstddef>
#include <string>

namespace metareview::io {

/// Bytes in one input file: 16 MiB (committed study files are 2-5 KB).
inline constexpr std::size_t kMaxFileBytes = std::size_t{16} << 20;
/// Bytes in one line of an input file: 1 MiB.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;
/// Levels of XML elements, the root being level 1 (the committed files reach 6).
inline constexpr int kMaxDepth = 64;
/// Attributes of one XML element (no element of the formats declares more than 24).
inline constexpr std::size_t kMaxAttributes = 256;
/// Errors listed for one file; the rest are counted in one last line, "… and N more errors".
inline constexpr std::size_t kMaxErrorsListed = 100;

/// "the file is larger than 16 MiB, the limit for an input file (docs/limits.md)"
std::string file_too_large();
/// "line N is longer than 1 MiB, the limit for a line (docs/limits.md)"
std::string line_too_long(std::size_t line);
/// "… and N more errors (at most 100 are listed for a file)"
std::string more_errors(std::size_t n);

}  // namespace metareview::io

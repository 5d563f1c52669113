#pragma once
// The file system as the library uses it: whole-file reads, atomic whole-file writes and the
// files of one directory. Failures name the operating system's reason (strerror).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/limits.h"

namespace metareview::io {

/// The bytes of the file at `path`, as they are; nullopt when it cannot be opened or read,
/// with the reason in `*why` when given ("No such file or directory", "Is a directory").
/// Pipes and other files that are not regular are read to their end too (`--data
/// /dev/stdin`). A file of more than `max_bytes` is not read: nullopt, with
/// io::file_too_large() as the reason (io/limits.h).
std::optional<std::string> read_file(const std::string& path, std::string* why = nullptr,
                                     std::size_t max_bytes = kMaxFileBytes);

/// What a reader says when read_file fails with `why`: "cannot read the file (WHY)", or the
/// limit's own message for a file that is too large.
std::string cannot_read(const std::string& why);

/// Writes `bytes` to `path` so that readers see the old file or the new one, never a part:
/// a temporary file is created beside it with mkstemp (O_CREAT | O_EXCL, so no existing
/// file or symlink is followed), written, given the mode a new file would have (0666 less
/// the umask), and renamed over `path`; a symlink at `path` is replaced, not written
/// through. Throws metareview::Error "<fn>: cannot write 'PATH': REASON" when it cannot
/// (the temporary file is then removed); `fn` names the caller's function.
void write_file_atomic(const std::string& path, std::string_view bytes,
                       const std::string& fn = "io::write_file_atomic");

/// The regular files of `dir` (not its sub-directories) whose names end in `extension`
/// (".xml"), leaving out hidden ones (".name"), in name order, as "DIR/NAME". nullopt, with
/// the reason in `*why` when given, when the directory cannot be listed.
std::optional<std::vector<std::string>> list_files(const std::string& dir, std::string_view extension,
                                                   std::string* why = nullptr);

}  // namespace metareview::io

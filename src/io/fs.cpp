#include "io/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/error.h"

namespace metareview::io {
namespace {

namespace fs = std::filesystem;

std::string reason(int err) { return std::strerror(err); }

/// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  /// Closes now; the errno of a failed close, 0 on success.
  int close() {
    const int r = ::close(fd_);
    fd_ = -1;
    return r == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

/// The mode a new file gets from open(O_CREAT, 0666): 0666 less the process umask. umask
/// can only be read by setting it, so it is read once, the first time a file is written.
mode_t new_file_mode() {
  static const mode_t mode = [] {
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

}  // namespace

std::optional<std::string> read_file(const std::string& path, std::string* why, std::size_t max_bytes) {
  const auto fail = [&](int err) -> std::optional<std::string> {
    if (why) *why = err == EFBIG ? file_too_large() : reason(err);
    return std::nullopt;
  };
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return fail(errno);
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);  // EISDIR for a directory
    }
    // Checked as it grows, so /dev/zero or a huge file costs at most the limit in memory.
    if (static_cast<std::size_t>(n) > max_bytes - bytes.size()) return fail(EFBIG);
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

std::string cannot_read(const std::string& why) {
  return why == file_too_large() ? why : "cannot read the file (" + why + ")";
}

void write_file_atomic(const std::string& path, std::string_view bytes, const std::string& fn) {
  const fs::path target(path);
  const auto fail = [&](const std::string& why) {
    throw Error(fn + ": cannot write '" + target.generic_string() + "': " + why);
  };
  // Appended, not "." + temporary: GCC 12 warns falsely (-Wrestrict) on that.
  std::string name(1, '.');
  name += target.filename().string();
  name += ".tmp-XXXXXX";
  std::string tmp = (target.parent_path() / name).string();
  Fd fd(::mkstemp(tmp.data()));
  if (fd.get() < 0) fail(reason(errno));
  int err = 0;
  for (std::size_t done = 0; done < bytes.size() && err == 0;) {
    const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno != EINTR) err = errno;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  if (err == 0 && ::fchmod(fd.get(), new_file_mode()) != 0) err = errno;
  if (const int close_err = fd.close(); err == 0) err = close_err;
  if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    fail(reason(err));
  }
}

std::optional<std::vector<std::string>> list_files(const std::string& dir, std::string_view extension,
                                                   std::string* why) {
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    std::error_code ignored;  // an entry that cannot be examined is not a regular file
    if (name.front() != '.' && entry.path().extension() == extension && entry.is_regular_file(ignored))
      names.push_back(name);
  }
  if (ec) {
    if (why) *why = ec.message();
    return std::nullopt;
  }
  std::sort(names.begin(), names.end());
  std::vector<std::string> files;
  files.reserve(names.size());
  for (const auto& name : names) files.push_back((fs::path(dir) / name).generic_string());
  return files;
}

}  // namespace metareview::io

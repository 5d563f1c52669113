#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/version.h"

namespace {
struct Result {
  int status;
  std::string out, err;
};
Result run(std::vector<const char*> args) {
  args.insert(args.begin(), "metareview");
  std::ostringstream out, err;
  const int status = metareview::cli::run(static_cast<int>(args.size()), args.data(), out, err);
  return {status, out.str(), err.str()};
}
}  // namespace

TEST_CASE("an unknown command is a usage error with a suggestion", "[cli]") {
  const auto r = run({"vaildate"});
  CHECK(r.status == metareview::cli::kExitUsage);
  CHECK(r.err.rfind("metareview: unknown command 'vaildate'; did you mean 'validate'?\n", 0) == 0);
}

TEST_CASE("no command prints usage to stderr and exits 2", "[cli]") {
  const auto r = run({});
  CHECK(r.status == metareview::cli::kExitUsage);
  CHECK(r.err.rfind("usage: metareview <command> [options]\n", 0) == 0);
}

TEST_CASE("the version flag prints the release version", "[cli]") {
  const auto r = run({"--version"});
  CHECK(r.status == 0);
  CHECK(r.out.rfind(std::string("metareview ") + metareview::core::kVersion, 0) == 0);
}

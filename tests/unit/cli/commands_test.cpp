#include <catch2/catch.hpp>

#include <string>

#include "../../support/cli_runner.h"
#include "cli/commands.h"
#include "core/version.h"

using metareview::test::run_cli;

TEST_CASE("an unknown command is a usage error with a suggestion", "[cli]") {
  const auto r = run_cli({"vaildate"});
  CHECK(r.status == metareview::cli::kExitUsage);
  CHECK(r.err.rfind("metareview: unknown command 'vaildate'; did you mean 'validate'?\n", 0) == 0);
}

TEST_CASE("no command prints usage to stderr and exits 2", "[cli]") {
  const auto r = run_cli({});
  CHECK(r.status == metareview::cli::kExitUsage);
  CHECK(r.err.rfind("usage: metareview <command> [options]\n", 0) == 0);
}

TEST_CASE("the version flag prints the release version", "[cli]") {
  const auto r = run_cli({"--version"});
  CHECK(r.status == 0);
  CHECK(r.out.rfind(std::string("metareview ") + metareview::core::kVersion, 0) == 0);
}

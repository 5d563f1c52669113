// libFuzzer harness: a report template as `metareview run --templates DIR` loads it: checked
// against the names a report gives it, then, when it passes, filled with a context. The
// first byte picks the template (methods.txt, report.md, report.html, index.html); the rest
// is its text. Seeds: templates/, each with the byte that picks it ('0' to '3'), written
// into the build directory by CMake; dictionary: tests/fuzz/mustache.dict.
#include <cstddef>
#include <cstdint>
#include <string>

#include "report/context.h"
#include "report/template_engine.h"
#include "fuzz.h"

using namespace metareview;

namespace {

struct Kind {
  const char* path;
  report::Schema schema;
  report::Value context;
};

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k{
      {"methods.txt", report::methods_schema(), report::to_value(report::MethodsText{})},
      {"report.md", report::report_schema(), report::to_value(report::ReviewText{})},
      {"report.html", report::report_schema(), report::to_value(report::ReviewText{})},
      {"index.html", report::index_schema(), report::index_value({}, "metareview", "0.0.0")},
  };
  return k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const Kind& kind = kinds()[data[0] % kinds().size()];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  core::Diagnostics diags;
  fuzz::run_step([&] {
    const auto t = report::make_template(std::move(text), kind.path, kind.schema, diags);
    if (t) (void)report::render(*t, kind.context);
  });
  fuzz::check_located(diags);
  return 0;
}

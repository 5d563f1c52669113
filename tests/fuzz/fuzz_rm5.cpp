// libFuzzer harness: a RevMan 5 file (.rm5) read from bytes and turned into study and review
// files, as `metareview import` does before it writes anything. Seeds: tests/data/rm5/;
// dictionary: tests/fuzz/xml.dict.
#include <cstddef>
#include <cstdint>
#include <string>

#include "import/rm5.h"
#include "import/rm5_library.h"
#include "fuzz.h"

using namespace metareview;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  core::Diagnostics diags;
  fuzz::run_step([&] {
    const auto review = import::read_rm5("fuzz.rm5", bytes, diags);
    if (review && diags.has_errors()) fuzz::finding("a review was returned with errors");
    if (!review && !diags.has_errors()) fuzz::finding("no review and no error");
    if (review) import::library_files(*review, diags);
  });
  fuzz::check_located(diags);
  return 0;
}

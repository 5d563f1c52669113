// libFuzzer harness: a study file (studies/*.xml) read from bytes, as `metareview validate`
// reads each file. Seeds: studies/ and tests/data/studies/; dictionary: tests/fuzz/xml.dict.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/study_reader.h"
#include "fuzz.h"

using namespace metareview;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  core::Diagnostics diags;
  fuzz::run_step([&] {
    const auto study = io::read_study(bytes, "fuzz.xml", diags);
    if (study && diags.has_errors()) fuzz::finding("a study was returned with errors");
    if (!study && !diags.has_errors()) fuzz::finding("no study and no error");
  });
  fuzz::check_located(diags);
  return 0;
}

// libFuzzer harness: a review file (studies/reviews/*.xml) read from bytes against the
// committed study set (studies/), as `metareview run` reads each review. Seeds:
// studies/reviews/ and tests/data/reviews/; dictionary: tests/fuzz/xml.dict.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/study_reader.h"
#include "review/review.h"
#include "fuzz.h"

using namespace metareview;

namespace {

const core::StudySet& studies() {
  static const core::StudySet set = [] {
    core::Diagnostics diags;
    auto read = io::read_studies({METAREVIEW_SOURCE_DIR "/studies"}, diags);
    if (!read) fuzz::finding("cannot read the committed studies/: " + diags.to_string());
    return std::move(*read);
  }();
  return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  core::Diagnostics diags;
  fuzz::run_step([&] {
    const auto review = review::read_review(bytes, "fuzz.xml", studies(), diags);
    if (review && diags.has_errors()) fuzz::finding("a review was returned with errors");
    if (!review && !diags.has_errors()) fuzz::finding("no review and no error");
  });
  fuzz::check_located(diags);
  return 0;
}

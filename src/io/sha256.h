#pragma once
#include <string>
#include <string_view>

namespace metareview::io {

/// SHA-256 of `bytes` as 64 lower-case hex digits (OpenSSL EVP). Reports carry it for every
/// input file, so a changed study file is visible in the provenance of a report.
std::string sha256_hex(std::string_view bytes);

}  // namespace metareview::io

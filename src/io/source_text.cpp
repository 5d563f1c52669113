#include "io/source_text.h"

#include <algorithm>
#include <cstdio>

namespace metareview::io {
namespace {

std::string hex_byte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", b);
  return buf;
}

std::string code_point(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

}  // namespace

SourceText::SourceText(std::string file, std::string bytes) : file_(std::move(file)), bytes_(std::move(bytes)) {
  if (bytes_.rfind("\xEF\xBB\xBF", 0) == 0) bom_ = 3;
  line_starts_.push_back(bom_);
  for (std::size_t i = bom_; i < bytes_.size(); ++i) {
    if (bytes_[i] == '\r' && i + 1 < bytes_.size() && bytes_[i + 1] == '\n') ++i;
    if (bytes_[i] == '\n' || bytes_[i] == '\r') line_starts_.push_back(i + 1);
  }
}

core::SourceLocation SourceText::location(std::size_t offset) const {
  offset = std::clamp(offset, bom_, bytes_.size());
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
  if (line != last_line_ || offset < last_offset_) last_line_ = line, last_offset_ = line_starts_[line], last_col_ = 1;
  // UTF-8 continuation bytes (10xxxxxx) do not start a character.
  last_col_ += static_cast<std::size_t>(
      std::count_if(bytes_.begin() + static_cast<std::ptrdiff_t>(last_offset_),
                    bytes_.begin() + static_cast<std::ptrdiff_t>(offset),
                    [](char b) { return (static_cast<unsigned char>(b) & 0xC0) != 0x80; }));
  last_offset_ = offset;
  return {file_, static_cast<int>(line + 1), static_cast<int>(last_col_)};
}

std::optional<std::pair<std::size_t, std::size_t>> SourceText::first_long_line() const {
  for (std::size_t k = 0; k < line_starts_.size(); ++k) {
    std::size_t end = k + 1 < line_starts_.size() ? line_starts_[k + 1] : bytes_.size();
    while (end > line_starts_[k] && (bytes_[end - 1] == '\n' || bytes_[end - 1] == '\r')) --end;
    if (end - line_starts_[k] > kMaxLineBytes) return std::pair(k + 1, line_starts_[k] + kMaxLineBytes);
  }
  return std::nullopt;
}

bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

std::optional<InvalidCharacter> find_invalid_character(std::string_view bytes, std::string_view format) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t length = 0;
    char32_t c = 0;
    char32_t min = 0;  // smallest code point of this length: longer forms are overlong
    if (lead < 0x80) length = 1, c = lead;
    else if ((lead & 0xE0) == 0xC0) length = 2, c = lead & 0x1F, min = 0x80;
    else if ((lead & 0xF0) == 0xE0) length = 3, c = lead & 0x0F, min = 0x800;
    else if ((lead & 0xF8) == 0xF0) length = 4, c = lead & 0x07, min = 0x10000;
    else return InvalidCharacter{i, "invalid UTF-8 byte " + hex_byte(lead)};
    if (i + length > bytes.size()) return InvalidCharacter{i, "truncated UTF-8 sequence at byte " + hex_byte(lead)};
    for (std::size_t k = 1; k < length; ++k) {
      const auto b = static_cast<unsigned char>(bytes[i + k]);
      if ((b & 0xC0) != 0x80) return InvalidCharacter{i + k, "invalid UTF-8 byte " + hex_byte(b)};
      c = (c << 6) | (b & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
      return InvalidCharacter{i, "invalid UTF-8 sequence for " + code_point(c)};
    if (!is_xml_char(c)) return InvalidCharacter{i, "character " + code_point(c) + " is not allowed in " + std::string(format)};
    i += length;
  }
  return std::nullopt;
}

}  // namespace metareview::io

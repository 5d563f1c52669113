#include "io/xml_document.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

#include "io/limits.h"

namespace metareview::io {
namespace {

// pugixml is told to leave every value as written (no escapes, no end-of-line or whitespace
// conversion), so a value's pointer is its offset in the file and reference checks see the
// raw text; decode() below does what XML 1.0 prescribes instead.
constexpr unsigned kParseOptions = pugi::parse_cdata | pugi::parse_comments | pugi::parse_declaration |
                                   pugi::parse_doctype | pugi::parse_ws_pcdata | pugi::parse_fragment;

enum class Mode { Attribute, Text, CData };

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (c & 0x80);
}
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// A character reference's code point ("#38", "#x26"); nullopt when it has no digits or
// names no XML character.
std::optional<char32_t> char_ref(std::string_view body) {
  const bool hex = body.size() > 1 && body[1] == 'x';
  const std::string_view digits = body.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return std::nullopt;
  char32_t c = 0;
  for (char d : digits) {
    int v = -1;
    if (d >= '0' && d <= '9') v = d - '0';
    else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
    else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
    if (v < 0) return std::nullopt;
    c = c * (hex ? 16 : 10) + static_cast<char32_t>(v);
  }
  if (!is_xml_char(c)) return std::nullopt;
  return c;
}

// Decodes a raw attribute value or text as XML 1.0 reads it (sections 2.11, 3.3.3, 4.6).
// Each problem is passed to `fail(offset in raw, what)`, `what` a function returning the
// message (built only when it is listed); the text is decoded anyway, keeping what it
// cannot read.
template <class Fail>
std::string decode(std::string_view raw, Mode mode, Fail&& fail) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\r' || c == '\n' || c == '\t') {
      if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      out += mode == Mode::Attribute ? ' ' : (c == '\t' ? '\t' : '\n');
      continue;
    }
    if (mode == Mode::CData) {
      out += c;
      continue;
    }
    if (c == '<' && mode == Mode::Attribute)
      fail(i, [] { return std::string("malformed XML: '<' is not allowed in an attribute value (write &lt;)"); });
    if (c == ']' && mode == Mode::Text && raw.substr(i, 3) == "]]>")
      fail(i, [] { return std::string("malformed XML: ']]>' is not allowed in text"); });
    if (c != '&') {
      out += c;
      continue;
    }
    // A reference is '&', a name or '#' and digits, ';'. Only those characters are scanned
    // (not the text up to the next ';'), so a run of bare '&' is read in linear time.
    std::size_t end = i + 1;
    if (end < raw.size() && raw[end] == '#') ++end;
    while (end < raw.size() && is_name_char(raw[end])) ++end;
    const bool has_semi = end < raw.size() && raw[end] == ';';
    const std::string_view body = has_semi ? raw.substr(i + 1, end - i - 1) : std::string_view();
    const std::string_view whole = raw.substr(i, end - i + 1);  // "&...;"
    if (!body.empty() && body[0] == '#') {
      if (const auto code = char_ref(body)) {
        append_utf8(out, *code);
      } else {
        fail(i, [&] { return "malformed XML: character reference '" + std::string(whole) + "' names no XML character"; });
        out += whole;
      }
      i = end;
      continue;
    }
    if (body.empty() || !is_name_start(body[0])) {
      fail(i, [] { return std::string("malformed XML: '&' does not start a reference (write &amp; for '&')"); });
      out += c;
      continue;
    }
    static constexpr std::pair<std::string_view, char> kPredefined[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    const auto* known = std::find_if(std::begin(kPredefined), std::end(kPredefined),
                                     [&](const auto& e) { return e.first == body; });
    if (known != std::end(kPredefined)) {
      out += known->second;
    } else {
      fail(i, [&] {
        return "entity reference '" + std::string(whole) +
               "' is not allowed (only &amp; &lt; &gt; &quot; &apos; and character references)";
      });
      out += whole;
    }
    i = end;
  }
  return out;
}

// The errors of one file, listed up to io::kMaxErrorsListed and only counted past that, so
// that a file of nothing but bad references costs neither a message nor a position each.
class ErrorList {
 public:
  ErrorList(const SourceText& text, core::Diagnostics& diag) : text_(text), diag_(diag) {}

  template <class What>
  void add(std::size_t offset, What&& what) {
    if (listed_ < kMaxErrorsListed) {
      diag_.error(text_.location(offset), what());
      ++listed_;
    } else if (omitted_++ == 0) {
      first_omitted_ = offset;
    }
  }
  /// Adds "… and N more errors" when some were left out; false then.
  bool close() {
    if (omitted_ > 0) diag_.error(text_.location(first_omitted_), more_errors(omitted_));
    return omitted_ == 0;
  }

 private:
  const SourceText& text_;
  core::Diagnostics& diag_;
  std::size_t listed_ = 0, omitted_ = 0, first_omitted_ = 0;
};

bool blank(std::string_view s) { return std::all_of(s.begin(), s.end(), is_blank); }

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

}  // namespace

XmlDocument::XmlDocument(const SourceText& text) : text_(text), buffer_(text.bytes()) {}

std::unique_ptr<XmlDocument> XmlDocument::parse(const SourceText& text, core::Diagnostics& diag) {
  if (text.bytes().size() > kMaxFileBytes) {
    diag.error({text.file(), 0, 0}, file_too_large());
    return nullptr;
  }
  if (const auto bad = find_invalid_character(text.bytes())) {
    diag.error(text.location(bad->offset), "malformed XML: " + bad->what);
    return nullptr;
  }
  if (const auto long_line = text.first_long_line()) {
    diag.error(text.location(long_line->second), line_too_long(long_line->first));
    return nullptr;
  }
  std::unique_ptr<XmlDocument> doc(new XmlDocument(text));
  const std::size_t bom = text.bom();
  const pugi::xml_parse_result result = doc->doc_.load_buffer_inplace(
      doc->buffer_.data() + bom, doc->buffer_.size() - bom, kParseOptions, pugi::encoding_utf8);
  if (!result) {
    diag.error(text.location(bom + static_cast<std::size_t>(result.offset)),
               "malformed XML: " + lower_first(result.description()));
    return nullptr;
  }
  if (!doc->check_limits(diag) || !doc->check_tree(diag)) return nullptr;
  return doc;
}

std::size_t XmlDocument::offset(const char* p) const {
  const char* begin = buffer_.data();
  if (p < begin || p > begin + buffer_.size()) return text_.bom();  // a pugixml static string
  return static_cast<std::size_t>(p - begin);
}

pugi::xml_node XmlDocument::root() const { return doc_.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; }); }

core::SourceLocation XmlDocument::location(pugi::xml_node node) const { return text_.location(offset(node)); }

std::size_t XmlDocument::offset(pugi::xml_node node) const {
  switch (node.type()) {
    case pugi::node_element: return offset(node.name()) - 1;
    case pugi::node_pcdata:
    case pugi::node_cdata: {
      const std::string_view v = node.value();
      const auto first = std::find_if_not(v.begin(), v.end(), is_blank);
      return offset(node.value()) + static_cast<std::size_t>(first - v.begin());
    }
    case pugi::node_doctype: {
      const std::size_t at = text_.bytes().rfind("<!DOCTYPE", offset(node.value()));
      return at == std::string::npos ? text_.bom() : at;
    }
    default: return text_.bom();
  }
}

core::SourceLocation XmlDocument::location(pugi::xml_attribute attr) const {
  return text_.location(offset(attr.name()));
}

std::string XmlDocument::value(pugi::xml_attribute attr) const {
  return decode(attr.value(), Mode::Attribute, [](std::size_t, const auto&) {});
}

std::string XmlDocument::text_of(pugi::xml_node node) const {
  std::string out;
  for (const pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata) out += decode(child.value(), Mode::Text, [](std::size_t, const auto&) {});
    if (child.type() == pugi::node_cdata) out += decode(child.value(), Mode::CData, [](std::size_t, const auto&) {});
  }
  return out;
}

bool XmlDocument::check_limits(core::Diagnostics& diag) const {
  // pugixml walks the tree without recursion; the checks after this one recurse, so they
  // run only on trees within the depth limit.
  struct Walker : pugi::xml_tree_walker {
    const XmlDocument& doc;
    core::Diagnostics& diag;
    Walker(const XmlDocument& d, core::Diagnostics& g) : doc(d), diag(g) {}
    bool for_each(pugi::xml_node& node) override {
      if (node.type() != pugi::node_element) return true;
      const std::string name = std::string("<") + node.name() + '>';
      if (depth() >= kMaxDepth) {  // depth() is 0 for the root
        diag.error(doc.location(node), name + " is nested " + std::to_string(depth() + 1) +
                                           " levels deep; the limit is " + std::to_string(kMaxDepth) +
                                           " (docs/limits.md)");
        return false;
      }
      std::size_t n = 0;
      for (auto a = node.first_attribute(); a; a = a.next_attribute()) {
        if (++n <= kMaxAttributes) continue;
        diag.error(doc.location(a), name + " has more than " + std::to_string(kMaxAttributes) +
                                        " attributes, the limit (docs/limits.md)");
        return false;
      }
      return true;
    }
  } walker(*this, diag);
  pugi::xml_node document = doc_;  // a handle: traverse() is not const
  return document.traverse(walker);
}

bool XmlDocument::check_tree(core::Diagnostics& diag) const {
  ErrorList errors(text_, diag);
  const auto error = [&](std::size_t at, std::string what) { errors.add(at, [&] { return std::move(what); }); };
  // Decodes a raw value only to find its problems, each reported in `where`.
  const auto check = [&](const char* raw, Mode mode, const std::string& where) {
    decode(raw, mode, [&](std::size_t at, const auto& what) {
      errors.add(offset(raw) + at, [&] { return what() + " in " + where; });
    });
  };
  const auto visit = [&](const auto& self, pugi::xml_node parent) -> void {
    for (const pugi::xml_node node : parent.children()) {
      switch (node.type()) {
        case pugi::node_doctype:
          error(offset(node), "DOCTYPE declarations are not allowed (entities are never expanded or fetched)");
          break;
        case pugi::node_declaration:
          if (const auto encoding = node.attribute("encoding")) {
            const std::string e = value(encoding);
            if (e != "UTF-8" && e != "utf-8")
              error(offset(encoding.name()),
                    "encoding '" + e + "' is not supported in the XML declaration (study files are UTF-8)");
          }
          break;
        case pugi::node_comment:
          if (std::strstr(node.value(), "--") || std::string_view(node.value()).ends_with('-'))
            error(offset(node.value()), "malformed XML: '--' is not allowed inside a comment");
          break;
        case pugi::node_pcdata:
        case pugi::node_cdata:
          if (parent == doc_) {
            if (!blank(node.value())) error(offset(node), "malformed XML: text outside the root element");
          } else if (node.type() == pugi::node_pcdata) {
            check(node.value(), Mode::Text, std::string("the text of <") + parent.name() + '>');
          }
          break;
        case pugi::node_element: {
          const std::string name = std::string("<") + node.name() + '>';
          if (parent == doc_ && node != root())
            error(offset(node),
                  "malformed XML: more than one root element (" + name + " after <" + root().name() + ">)");
          for (auto a = node.first_attribute(); a; a = a.next_attribute()) {
            for (auto b = node.first_attribute(); b != a; b = b.next_attribute()) {
              if (std::strcmp(a.name(), b.name()) == 0) {
                error(offset(a.name()), std::string("malformed XML: duplicate attribute '") + a.name() + "' in " + name);
                break;
              }
            }
            check(a.value(), Mode::Attribute, std::string("attribute '") + a.name() + "' of " + name);
          }
          self(self, node);
          break;
        }
        default: break;
      }
    }
  };
  visit(visit, doc_);
  if (!root()) error(text_.bom(), "malformed XML: no root element");
  return errors.close();
}

}  // namespace metareview::io

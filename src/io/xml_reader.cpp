#include "io/xml_reader.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "core/error.h"
#include "io/fs.h"
#include "io/limits.h"

namespace metareview::io {

using pugi::xml_attribute;
using pugi::xml_node;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (is_blank(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool is_slug(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-' || s.find("--") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool contains(const Names& names, std::string_view s) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

std::string in_quotes(std::string_view s) {
  std::string out = "'";  // appended, not "'" + temporary: GCC 12 warns falsely (-Wrestrict) on that
  out += s;
  return out += '\'';
}

std::optional<std::vector<std::string>> xml_files_in(const std::string& dir, core::Diagnostics& diag) {
  std::string why;
  auto files = list_files(dir, ".xml", &why);
  if (!files) diag.error({dir, 0, 0}, "cannot list the directory: " + why);
  return files;
}

void append_in_file_order(const core::Diagnostics& found, core::Diagnostics& diag) {
  std::vector<core::Diagnostic> items = found.items();
  std::stable_sort(items.begin(), items.end(), [](const core::Diagnostic& a, const core::Diagnostic& b) {
    return std::pair(a.where.line, a.where.col) < std::pair(b.where.line, b.where.col);
  });
  // One line more than the limit is listed rather than summed up in a line of its own (as
  // XmlDocument::parse's own summary is).
  const std::size_t listed = items.size() > kMaxErrorsListed + 1 ? kMaxErrorsListed : items.size();
  for (std::size_t i = 0; i < listed; ++i) {
    auto& d = items[i];
    if (d.severity == core::Severity::Error) diag.error(d.where, std::move(d.message));
    else diag.warning(d.where, std::move(d.message));
  }
  if (listed < items.size()) diag.error(items[listed].where, more_errors(items.size() - listed));
}

// ---- XmlReader ------------------------------------------------------------------------------

XmlReader::XmlReader(const XmlDocument& doc, core::Diagnostics& diag)
    : doc_(doc), diag_(diag), budget_(kMaxErrorsListed - std::min(kMaxErrorsListed, diag.error_count())) {}

XmlReader::~XmlReader() {
  if (omitted_ > 0) diag_.error(first_omitted_, more_errors(omitted_));
}

void XmlReader::add(const core::SourceLocation& at, std::string message) const {
  if (budget_ > 0) {
    --budget_;
    diag_.error(at, std::move(message));
  } else if (omitted_++ == 0) {
    first_omitted_ = at;
  }
}

void XmlReader::say(const core::SourceLocation& at, const std::string& what, const std::string& where,
                    const std::string& hint) const {
  if (budget_ == 0 && omitted_ > 0) {  // only counted: no message to build
    ++omitted_;
    return;
  }
  add(at, what + " in " + where + (hint.empty() ? "" : " (" + hint + ")"));
}

xml_node XmlReader::root(std::string_view name) const {
  const xml_node root = doc_.root();
  if (root && std::string_view(root.name()) != name) {
    add(doc_.location(root), "expected <" + std::string(name) + "> as the root element, found <" + root.name() + '>');
    return {};
  }
  return root;
}

void XmlReader::check_file_name(const XmlElement& root, std::string_view kind, const std::string& id) const {
  const std::string name = std::filesystem::path(doc_.source().file()).filename().string();
  if (name != id + ".xml")
    root.error(root.location("id"), std::string(kind) + " id " + in_quotes(id) + " does not match the file name " +
                                        in_quotes(name), "expected " + id + ".xml");
}

void XmlReader::check_format(const XmlElement& root) const {
  if (const auto format = root.raw("format", Need::Required); format && *format != "1")
    root.error(root.location("format"), "unsupported format " + in_quotes(*format), "this version reads format 1");
}

std::string XmlReader::tagged(xml_node node, const char* key) const {
  const xml_attribute a = node.attribute(key);
  if (!a) return std::string("<") + node.name() + '>';
  return std::string("<") + node.name() + ' ' + key + "=\"" + doc_.value(a) + "\">";
}

std::optional<std::string> XmlReader::text_element(xml_node node, const std::string& where) const {
  return XmlElement(*this, node, where, {}).content();
}

bool XmlReader::unique(std::map<std::string, int>& seen, const std::string& key, const core::SourceLocation& at,
                       const std::string& what, const std::string& where) const {
  const auto [it, fresh] = seen.emplace(key, at.line);
  if (!fresh) say(at, "duplicate " + what, where, "first at line " + std::to_string(it->second));
  return fresh;
}

// ---- XmlElement -----------------------------------------------------------------------------

XmlElement::XmlElement(const XmlReader& reader, xml_node node, std::string where, Names attributes)
    : reader_(reader), node_(node), where_(std::move(where)), attributes_(std::move(attributes)) {
  for (const xml_attribute a : node_.attributes()) {
    if (contains(attributes_, a.name())) continue;
    error(reader_.doc().location(a), "unknown attribute " + in_quotes(a.name()),
          attributes_.empty() ? "it takes no attributes" : "expected " + join(attributes_));
  }
}

core::SourceLocation XmlElement::location() const { return reader_.doc().location(node_); }

core::SourceLocation XmlElement::location(std::string_view attribute) const {
  const auto a = find(attribute);
  return a ? reader_.doc().location(a) : location();
}

void XmlElement::error(const core::SourceLocation& at, const std::string& what, const std::string& hint) const {
  reader_.say(at, what, where_, hint);
}

xml_attribute XmlElement::find(std::string_view name) const {
  if (!contains(attributes_, name))
    throw Error("io::XmlElement: attribute '" + std::string(name) + "' is not declared for " + where_);
  return node_.attribute(std::string(name).c_str());
}

std::optional<std::string> XmlElement::raw(std::string_view name, Need need) const {
  const auto a = find(name);
  if (!a) {
    if (need == Need::Required) error(location(), "missing attribute " + in_quotes(name));
    return std::nullopt;
  }
  return reader_.doc().value(a);
}

std::optional<std::string> XmlElement::text(std::string_view name, Need need) const {
  const auto value = raw(name, need);
  if (!value) return std::nullopt;
  std::string s = collapse(*value);
  if (s.empty()) {
    error(location(name), "attribute " + in_quotes(name) + " is empty");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> XmlElement::choice(std::string_view name, const Names& valid, Need need) const {
  const auto value = raw(name, need);
  if (!value) return std::nullopt;
  if (!contains(valid, *value)) {
    error(location(name), "invalid " + std::string(name) + " " + in_quotes(*value), "valid: " + join(valid));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> XmlElement::flag(std::string_view name) const {
  static const Names kBooleans = {"true", "false"};
  const auto value = choice(name, kBooleans, Need::Optional);
  if (!value) return std::nullopt;
  return *value == "true";
}

std::optional<std::string> XmlElement::slug(std::string_view name, std::string_view example) const {
  const auto value = raw(name, Need::Required);
  if (!value) return std::nullopt;
  if (!is_slug(*value)) {
    error(location(name), "invalid " + std::string(name) + " " + in_quotes(*value),
          "use lower-case letters and digits in words joined by '-', as in " + std::string(example));
    return std::nullopt;
  }
  return value;
}

std::vector<xml_node> XmlElement::children(const std::vector<Particle>& content, Order order) const {
  const XmlDocument& doc = reader_.doc();
  std::vector<xml_node> out;
  std::vector<int> counts(content.size(), 0);
  Names names;
  for (const auto& p : content) names.push_back(p.name);
  std::size_t furthest = 0;
  for (const xml_node child : node_.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      const std::string text = collapse(child.value());
      // An element without children has no content at all (XSD: empty content type), so
      // even white space or an empty CDATA section is an error there, as the schema says.
      if (content.empty()) {
        error(doc.location(child),
              text.empty() ? "unexpected white space" : "unexpected text " + in_quotes(text.substr(0, 24)),
              "it has no content");
      } else if (!text.empty()) {
        error(doc.location(child), "unexpected text " + in_quotes(text.substr(0, 24)));
      }
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    const std::string tag = std::string("<") + child.name() + '>';
    const auto it = std::find(names.begin(), names.end(), child.name());
    if (it == names.end()) {
      error(doc.location(child), "unknown element " + tag,
            names.empty() ? "it has no child elements" : "expected " + join(names));
      continue;
    }
    const auto k = static_cast<std::size_t>(it - names.begin());
    if (order == Order::Fixed && k < furthest)
      error(doc.location(child), tag + " is out of order", "order: " + join(names));
    furthest = std::max(furthest, k);
    if (++counts[k] > content[k].max) error(doc.location(child), "more than one " + tag);
    out.push_back(child);
  }
  for (std::size_t k = 0; k < content.size(); ++k) {
    if (counts[k] < content[k].min) error(location(), "missing <" + std::string(content[k].name) + '>');
  }
  return out;
}

std::optional<std::string> XmlElement::raw_text() const {
  bool ok = true;
  for (const xml_node child : node_.children()) {
    if (child.type() != pugi::node_element) continue;
    error(reader_.doc().location(child), std::string("unknown element <") + child.name() + '>', "it holds text only");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return reader_.doc().text_of(node_);
}

std::optional<std::string> XmlElement::content() const {
  const auto raw = raw_text();
  if (!raw) return std::nullopt;
  std::string s = collapse(*raw);
  if (s.empty()) {
    error(location(), "empty text");
    return std::nullopt;
  }
  return s;
}

}  // namespace metareview::io

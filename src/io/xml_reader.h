#pragma once
// What the study reader (io/study_parser.cpp) and the review reader (review/review.cpp)
// share: the text and id rules of both formats, and reading one element against the
// attributes it declares and its content model (an XSD sequence). Problems are reported as
// "WHAT in WHERE (HINT)", WHERE naming the element from the inside out:
// `<arm ref="krd"> of outcome 'orr'`.
#include <pugixml.hpp>

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/text.h"
#include "io/xml_document.h"

namespace metareview::io {

using Names = std::vector<std::string_view>;

enum class Need { Optional, Required };

/// A child element in a content model: an XSD sequence particle.
struct Particle {
  std::string_view name;
  int min = 0;
  int max = 1;
};
/// Particle::max of an element that may repeat (maxOccurs="unbounded").
inline constexpr int kMany = std::numeric_limits<int>::max();

/// Whether child elements must follow the content model's order.
enum class Order { Fixed, Any };

/// XML white space: space, tab, line feed, carriage return.
bool is_blank(char c);
/// Free text as stored: runs of white space become one space, none at either end.
std::string collapse(std::string_view s);
/// The form of study, outcome, review and analysis ids: [a-z0-9]+(-[a-z0-9]+)*, "candor-2020".
bool is_slug(std::string_view s);
bool contains(const Names& names, std::string_view s);
/// 'text'
std::string in_quotes(std::string_view s);

/// The items joined by ", " (core::join, named here for the readers of both formats).
using core::join;

/// The regular, non-hidden *.xml files directly inside directory `dir` (not in its
/// sub-directories), in name order, as "DIR/NAME"; nullopt, with "DIR: error: cannot list
/// the directory: ..." in `diag`, when it cannot be listed.
std::optional<std::vector<std::string>> xml_files_in(const std::string& dir, core::Diagnostics& diag);

/// Appends the diagnostics of one file to `diag` in file order (by line, then column; the
/// order found within a position). Checks run element by element, some only after an
/// element's children, so the order found is not the order of the file. At most
/// io::kMaxErrorsListed are appended, then one "… and N more errors".
void append_in_file_order(const core::Diagnostics& found, core::Diagnostics& diag);

class XmlElement;

/// One document being read and where its problems go.
class XmlReader {
 public:
  /// At most io::kMaxErrorsListed errors, those already in `diag` included, are added to
  /// `diag`; the rest are counted and summed up in one "… and N more errors" when the reader
  /// is destroyed, so a file of a million bad elements costs no memory per element.
  XmlReader(const XmlDocument& doc, core::Diagnostics& diag);
  ~XmlReader();
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  const XmlDocument& doc() const { return doc_; }
  /// The root element when it is <name>; a null node when it is another (reported) or there
  /// is none (XmlDocument reported it).
  pugi::xml_node root(std::string_view name) const;
  /// Reports a root `id` other than the file's name without ".xml", naming the file's `kind`.
  void check_file_name(const XmlElement& root, std::string_view kind, const std::string& id) const;
  /// Reports a root whose format attribute is other than "1" (a missing one, as missing).
  void check_format(const XmlElement& root) const;
  /// Reports "WHAT in WHERE (HINT)"; without a hint, "WHAT in WHERE".
  void say(const core::SourceLocation& at, const std::string& what, const std::string& where,
           const std::string& hint = "") const;
  /// An element named by one attribute, `<arm ref="krd">`; `<arm>` when it has none.
  std::string tagged(pugi::xml_node node, const char* key) const;
  /// The collapsed, non-empty text of a text-only element without attributes.
  std::optional<std::string> text_element(pugi::xml_node node, const std::string& where) const;
  /// Reports a second use of `key` in one scope (`seen`: key -> line of its first use),
  /// naming the line of the first; true if new.
  bool unique(std::map<std::string, int>& seen, const std::string& key, const core::SourceLocation& at,
              const std::string& what, const std::string& where) const;

 protected:
  const XmlDocument& doc_;
  core::Diagnostics& diag_;

 private:
  void add(const core::SourceLocation& at, std::string message) const;

  mutable std::size_t budget_;  // errors that may still be added to diag_
  mutable std::size_t omitted_ = 0;
  mutable core::SourceLocation first_omitted_;
};

/// One element being read. It declares the attributes the element takes, reports the others
/// as unknown at once, and reads each declared one with its type checked; reading one it
/// did not declare is a programming error (metareview::Error).
class XmlElement {
 public:
  XmlElement(const XmlReader& reader, pugi::xml_node node, std::string where, Names attributes);

  pugi::xml_node node() const { return node_; }
  /// WHERE of this element's messages.
  const std::string& where() const { return where_; }
  core::SourceLocation location() const;
  /// The attribute's name when present, else the element.
  core::SourceLocation location(std::string_view attribute) const;
  bool has(std::string_view attribute) const { return static_cast<bool>(find(attribute)); }
  /// Reports "WHAT in WHERE (HINT)".
  void error(const core::SourceLocation& at, const std::string& what, const std::string& hint = "") const;

  /// The decoded value; a missing Required attribute is reported.
  std::optional<std::string> raw(std::string_view name, Need need) const;
  /// The collapsed value, reported when empty.
  std::optional<std::string> text(std::string_view name, Need need) const;
  /// One of `valid`, exactly.
  std::optional<std::string> choice(std::string_view name, const Names& valid, Need need) const;
  /// An optional "true" or "false".
  std::optional<bool> flag(std::string_view name) const;
  /// A required id of the form is_slug() accepts; `example` is one, for the hint.
  std::optional<std::string> slug(std::string_view name, std::string_view example) const;

  /// The child elements that fit `content`, in document order. Reported: text between them,
  /// unknown, repeated, missing and (Order::Fixed) out-of-order elements; any content at all
  /// when `content` is empty (XSD's empty content type).
  std::vector<pugi::xml_node> children(const std::vector<Particle>& content, Order order = Order::Fixed) const;
  void no_children() const { children({}); }
  /// The text of a text-only element, as written (nullopt, reported, if it has child elements).
  std::optional<std::string> raw_text() const;
  /// The collapsed, non-empty text of a text-only element.
  std::optional<std::string> content() const;

 private:
  pugi::xml_attribute find(std::string_view name) const;

  const XmlReader& reader_;
  pugi::xml_node node_;
  std::string where_;
  Names attributes_;
};

}  // namespace metareview::io

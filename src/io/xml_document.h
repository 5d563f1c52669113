#pragma once
#include <pugixml.hpp>

#include <memory>
#include <string>

#include "core/diagnostics.h"
#include "io/source_text.h"

namespace metareview::io {

/// A study file parsed by pugixml, plus what pugixml leaves out: positions of elements and
/// attributes as FILE:LINE:COL, values decoded as XML 1.0 specifies, and the well-formedness
/// rules pugixml does not enforce (duplicate attributes, '<' in attribute values, undefined
/// entities, text outside the root). Only the five predefined entities and character
/// references are expanded and a DOCTYPE is refused, so reading a file never fetches anything.
class XmlDocument {
 public:
  /// Parses `text`, which must outlive the document, reporting every problem to `diag`.
  /// Returns nullptr when there is no tree to read: not UTF-8, malformed beyond repair, past
  /// a limit of io/limits.h, or with more errors than are listed.
  static std::unique_ptr<XmlDocument> parse(const SourceText& text, core::Diagnostics& diag);

  const SourceText& source() const { return text_; }
  /// The root element; null when the document has none.
  pugi::xml_node root() const;
  /// An element's '<', or a text node's first non-blank character.
  core::SourceLocation location(pugi::xml_node node) const;
  /// The attribute's name.
  core::SourceLocation location(pugi::xml_attribute attr) const;
  /// The value after attribute-value normalisation (tabs and line ends become spaces) and
  /// expansion of references.
  std::string value(pugi::xml_attribute attr) const;
  /// The text children (PCDATA and CDATA) of `node`, references expanded, line ends "\n".
  std::string text_of(pugi::xml_node node) const;

 private:
  explicit XmlDocument(const SourceText& text);
  std::size_t offset(const char* p) const;
  std::size_t offset(pugi::xml_node node) const;
  /// Reports the first element past io::kMaxDepth or io::kMaxAttributes; false then.
  bool check_limits(core::Diagnostics& diag) const;
  /// Reports what pugixml accepts but XML 1.0 does not; false when there were more errors
  /// than io::kMaxErrorsListed.
  bool check_tree(core::Diagnostics& diag) const;

  const SourceText& text_;
  std::string buffer_;  // pugixml parses it in place, so names and values point into it
  pugi::xml_document doc_;
};

}  // namespace metareview::io

#pragma once
// Logic-less templates (mustache, through Debian's kainjow/mustache) that a user can edit
// without recompiling. A template is checked when it is loaded: every name it uses must be
// one the report gives it (the Schema), so a misspelt section is an error naming the file,
// line and column, not a silently empty report.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/diagnostics.h"

namespace metareview::report {

/// A node of a template context: text (already formatted), a flag, a list or a map. Maps
/// keep insertion order, so dumps of a context are deterministic.
class Value {
 public:
  using List = std::vector<Value>;
  using Object = std::vector<std::pair<std::string, Value>>;

  Value(std::string text) : v_(std::move(text)) {}
  Value(const char* text) : v_(std::string(text)) {}
  Value(bool flag) : v_(flag) {}
  Value(List list) : v_(std::move(list)) {}
  Value(Object object) : v_(std::move(object)) {}

  const std::string* text() const { return std::get_if<std::string>(&v_); }
  const bool* flag() const { return std::get_if<bool>(&v_); }
  const List* list() const { return std::get_if<List>(&v_); }
  const Object* object() const { return std::get_if<Object>(&v_); }
  /// The member `name` of a map; nullptr when absent or not a map.
  const Value* get(std::string_view name) const;

 private:
  std::variant<std::string, bool, List, Object> v_;
};

/// The names a context offers: for a map its members, for a list the members of its items
/// (the union over items). Text and flags have no members.
struct Schema {
  enum class Kind { Text, Flag, List, Object };
  Kind kind = Kind::Object;
  std::map<std::string, Schema> members;
};

/// The schema of `v`. Build it from a context whose every list has at least one item (a
/// prototype), so that it lists every name the real contexts can have.
Schema schema_of(const Value& v);

/// What a template writes, told by its file name: HTML (.html, .htm), Markdown (.md,
/// .markdown) or plain text (anything else, as methods.txt, whose output is itself a value
/// that other templates escape).
enum class TextFormat { Html, Markdown, Plain };

/// The format of a template file named `path`.
TextFormat text_format_of(const std::string& path);

/// `text` as it must appear in a document of `format` to read as itself: the one escaping
/// function of each format, which render() applies to every {{name}}.
/// - Html: & < > " ' become entities.
/// - Markdown: \ ` * _ [ ] < > | ~ # & are escaped with a backslash (no emphasis, link, raw
///   HTML or table cell can start inside a value) and line breaks become spaces (a value
///   stays on its line, so it cannot end a table row).
/// - Plain: unchanged.
std::string escape(TextFormat format, const std::string& text);

/// Sections nested deeper than this are an error (the engine renders them by recursion).
inline constexpr std::size_t kMaxTemplateDepth = 100;

/// A loaded, checked template.
struct Template {
  std::string path;    ///< as given, for messages
  std::string name;    ///< file name, for provenance ("report.html")
  std::string text;
  std::string sha256;  ///< of the file's bytes
  TextFormat format = TextFormat::Plain;  ///< from the file name; chooses how {{name}} escapes
};

/// Checks `text` against `schema`: balanced sections nested at most kMaxTemplateDepth deep,
/// no partials or delimiter changes, and every name (dotted names too) resolvable where it
/// is used, as mustache resolves names: the innermost section first, then outwards. Each
/// problem becomes
/// `PATH:LINE:COL: error: ...`. Returns true when there was none.
bool check_template(const std::string& text, const std::string& path, const Schema& schema, core::Diagnostics& diag);

/// Reads and checks a template file; nullopt (and diagnostics) when it cannot be read or is
/// not valid for `schema`.
std::optional<Template> load_template(const std::string& path, const Schema& schema, core::Diagnostics& diag);

/// Same, from bytes (tests).
std::optional<Template> make_template(std::string text, const std::string& path, const Schema& schema,
                                      core::Diagnostics& diag);

/// The template filled with `context`, every {{name}} passed through escape(t.format, ...)
/// ({{{name}}} is inserted as is). Throws metareview::Error naming the template when the
/// mustache engine reports a problem.
std::string render(const Template& t, const Value& context);

}  // namespace metareview::report

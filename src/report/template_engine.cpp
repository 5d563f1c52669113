#include "report/template_engine.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>

#include "core/error.h"
#include "io/fs.h"
#include "io/sha256.h"

namespace metareview::report {
namespace {

namespace mustache = kainjow::mustache;

// Mustache treats only false and empty lists as false; an empty text counts as false here
// too (as in JavaScript mustache), so {{#note}}...{{/note}} shows only a note that exists.
mustache::data to_mustache(const Value& v) {
  if (const std::string* s = v.text()) return s->empty() ? mustache::data(false) : mustache::data(*s);
  if (const bool* b = v.flag()) return mustache::data(*b);
  if (const Value::List* l = v.list()) {
    mustache::data out(mustache::data::type::list);
    for (const Value& item : *l) out.push_back(to_mustache(item));
    return out;
  }
  mustache::data out(mustache::data::type::object);
  for (const auto& [name, member] : *v.object()) out.set(name, to_mustache(member));
  return out;
}

void merge(Schema& into, const Schema& from) {
  for (const auto& [name, s] : from.members) {
    auto [it, added] = into.members.emplace(name, s);
    if (!added) merge(it->second, s);
  }
}

std::string_view kind_name(Schema::Kind k) {
  switch (k) {
    case Schema::Kind::Text: return "a text";
    case Schema::Kind::Flag: return "a flag";
    case Schema::Kind::List: return "a list";
    case Schema::Kind::Object: return "a map";
  }
  return "a value";
}

std::vector<std::string> split_dots(const std::string& name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = name.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(name.substr(start, dot - start));
  parts.push_back(name.substr(start));
  return parts;
}

/// Walks the tags of a template as mustache (default delimiters) reads them.
class Checker {
 public:
  Checker(const std::string& text, const std::string& path, const Schema& root, core::Diagnostics& diag)
      : text_(text), path_(path), diag_(diag) {
    frames_.push_back({&root, "", 0});
  }

  void run() {
    std::size_t pos = 0;
    while ((pos = text_.find("{{", pos)) != std::string::npos) {
      const std::size_t start = pos;
      const bool triple = text_.compare(pos, 3, "{{{") == 0;
      const std::string close = triple ? "}}}" : "}}";
      const std::size_t body = pos + (triple ? 3 : 2);
      const std::size_t end = text_.find(close, body);
      if (end == std::string::npos) {
        error(start, "unclosed tag: no '" + close + "' after '" + text_.substr(start, std::min<std::size_t>(20, text_.size() - start)) + "'");
        return;
      }
      pos = end + close.size();
      std::string tag = trim(text_.substr(body, end - body));
      if (triple) {
        variable(start, tag, "{{{" + tag + "}}}");
        continue;
      }
      const char sigil = tag.empty() ? '\0' : tag[0];
      const std::string name = sigil && std::strchr("#^/&!>=", sigil) ? trim(tag.substr(1)) : tag;
      const std::string shown = "{{" + tag + "}}";
      switch (sigil) {
        case '!': break;
        case '=': error(start, "delimiter changes (" + shown + ") are not supported"); return;
        case '>': error(start, "partials (" + shown + ") are not supported"); break;
        case '#':
        case '^':
          if (!open(start, name, shown, sigil == '^')) return;  // the engine would recurse as deep
          break;
        case '/': close_section(start, name, shown); break;
        case '&': variable(start, name, shown); break;
        default: variable(start, name, shown); break;
      }
    }
    for (std::size_t i = frames_.size(); i-- > 1;)
      error(frames_[i].offset, "section '" + frames_[i].name + "' is not closed: no {{/" + frames_[i].name + "}}");
  }

 private:
  struct Frame {
    const Schema* schema;  ///< nullptr: a section over a text or flag (no names of its own)
    std::string name;
    std::size_t offset;
  };

  static std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
  }

  void error(std::size_t offset, const std::string& message) {
    // Counted on from the previous error (errors come in text order, but for the unclosed
    // sections at the end), so many errors on one long line cost linear time, not quadratic.
    if (offset < at_.offset) at_ = {};
    for (; at_.offset < offset && at_.offset < text_.size(); ++at_.offset) {
      if (text_[at_.offset] == '\n') at_.line++, at_.col = 1;
      else if ((static_cast<unsigned char>(text_[at_.offset]) & 0xC0) != 0x80) at_.col++;  // count UTF-8 characters
    }
    diag_.error({path_, at_.line, at_.col}, message);
  }

  /// The schema `name` resolves to (innermost frame first, as mustache looks names up).
  const Schema* resolve(const std::string& name) const {
    const std::vector<std::string> parts = split_dots(name);
    for (auto f = frames_.rbegin(); f != frames_.rend(); ++f) {
      if (!f->schema) continue;
      const Schema* s = f->schema;
      for (const auto& part : parts) {
        const auto it = s->members.find(part);
        s = it == s->members.end() ? nullptr : &it->second;
        if (!s) break;
      }
      if (s) return s;
    }
    return nullptr;
  }

  std::string known_names() const {
    std::vector<std::string> names;
    for (auto f = frames_.rbegin(); f != frames_.rend(); ++f)
      if (f->schema)
        for (const auto& [n, s] : f->schema->members)
          if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  const Schema* lookup(std::size_t offset, const std::string& name, const std::string& shown) {
    if (name.empty()) {
      error(offset, "empty tag " + shown);
      return nullptr;
    }
    const Schema* s = resolve(name);
    if (!s) error(offset, "unknown name '" + name + "' in " + shown + "; names available here: " + known_names());
    return s;
  }

  void variable(std::size_t offset, const std::string& name, const std::string& shown) {
    if (name == ".") {
      if (frames_.size() == 1) error(offset, shown + " outside a section");
      return;
    }
    const Schema* s = lookup(offset, name, shown);
    if (s && s->kind != Schema::Kind::Text)
      error(offset, "'" + name + "' is " + std::string(kind_name(s->kind)) + ", not a text: use {{#" + name +
                        "}}...{{/" + name + "}} instead of " + shown);
  }

  /// False when the section would be nested deeper than kMaxTemplateDepth (an error).
  bool open(std::size_t offset, const std::string& name, const std::string& shown, bool inverted) {
    if (frames_.size() > kMaxTemplateDepth) {
      error(offset, shown + " opens a section nested deeper than " + std::to_string(kMaxTemplateDepth) +
                        " levels, the most a template may nest");
      return false;
    }
    const Schema* s = lookup(offset, name, shown);
    const bool has_names = s && !inverted && (s->kind == Schema::Kind::List || s->kind == Schema::Kind::Object);
    frames_.push_back({has_names ? s : nullptr, name, offset});
    return true;
  }

  void close_section(std::size_t offset, const std::string& name, const std::string& shown) {
    if (frames_.size() == 1) {
      error(offset, shown + " closes a section that is not open");
      return;
    }
    if (frames_.back().name != name) {
      error(offset, shown + " closes section '" + name + "' but the open section is '" + frames_.back().name + "'");
      return;
    }
    frames_.pop_back();
  }

  struct Cursor {
    std::size_t offset = 0;
    int line = 1, col = 1;
  };

  const std::string& text_;
  const std::string& path_;
  core::Diagnostics& diag_;
  std::vector<Frame> frames_;
  Cursor at_;
};

/// Marks where a standalone tag was; removed from the output. Study files cannot contain it
/// (XML 1.0 forbids the character).
constexpr char kMark = '\x01';

/// The template with standalone lines removed as the mustache spec removes them: a line
/// holding nothing but one section, inverted-section, closing or comment tag (and spaces)
/// disappears, newline included, so that a false section leaves no blank line. (kainjow 4.1
/// leaves one behind for a skipped section, which would end a Markdown table or split a
/// paragraph of methods.txt.) Each such tag is followed by kMark, so that kainjow's own
/// rule for such lines, which drops the line of a *rendered* section when it is blank,
/// never fires on the text that follows.
std::string without_standalone_lines(const std::string& text) {
  std::string out;
  std::size_t copied = 0, pos = 0;
  // The line around each tag, found by scanning forward only: searching from every tag to
  // its line's ends took quadratic time on one long line of tags.
  std::size_t line_start = 0, line_end = text.find('\n');
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    const bool triple = text.compare(pos, 3, "{{{") == 0;
    const std::size_t end = text.find(triple ? "}}}" : "}}", pos + 2);
    if (end == std::string::npos) break;
    const std::size_t after = end + (triple ? 3 : 2);
    const std::size_t body = text.find_first_not_of(" \t", pos + 2);
    const bool block = !triple && body < end && std::strchr("#^/!", text[body]);
    while (line_end != std::string::npos && line_end < pos) line_start = line_end + 1, line_end = text.find('\n', line_start);
    // A tag may span lines: its line then ends after it.
    const std::size_t tag_line_end = line_end != std::string::npos && line_end < after ? text.find('\n', after) : line_end;
    auto blank = [&](std::size_t a, std::size_t b) {
      return text.find_first_not_of(" \t\r", a) >= b;
    };
    if (block && line_start >= copied && blank(line_start, pos) && tag_line_end != std::string::npos &&
        blank(after, tag_line_end)) {
      out.append(text, copied, line_start - copied);
      out.append(text, pos, after - pos);
      out += kMark;
      copied = tag_line_end + 1;
    }
    pos = after;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace

TextFormat text_format_of(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".html" || ext == ".htm") return TextFormat::Html;
  if (ext == ".md" || ext == ".markdown") return TextFormat::Markdown;
  return TextFormat::Plain;
}

std::string escape(TextFormat format, const std::string& text) {
  if (format == TextFormat::Plain) return text;
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    if (format == TextFormat::Html) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
      }
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      // Ref: CommonMark 0.30, 2.4 (any ASCII punctuation may be backslash-escaped) and GFM
      // 0.29, 4.10 (a \| inside a table cell, code spans included, is a literal |).
      if (std::strchr("\\`*_[]<>|~#&", c) && c != '\0') out += '\\';
      out += c;
    }
  }
  return out;
}

const Value* Value::get(std::string_view name) const {
  const Object* o = object();
  if (!o) return nullptr;
  for (const auto& [n, v] : *o)
    if (n == name) return &v;
  return nullptr;
}

Schema schema_of(const Value& v) {
  Schema s;
  if (v.text()) {
    s.kind = Schema::Kind::Text;
  } else if (v.flag()) {
    s.kind = Schema::Kind::Flag;
  } else if (const Value::List* l = v.list()) {
    s.kind = Schema::Kind::List;
    for (const Value& item : *l) merge(s, schema_of(item));
  } else {
    s.kind = Schema::Kind::Object;
    for (const auto& [name, member] : *v.object()) merge(s, Schema{Schema::Kind::Object, {{name, schema_of(member)}}});
  }
  return s;
}

bool check_template(const std::string& text, const std::string& path, const Schema& schema, core::Diagnostics& diag) {
  const std::size_t before = diag.error_count();
  Checker(text, path, schema, diag).run();
  if (diag.error_count() == before) {
    // The engine's own parser must agree (it reports character offsets).
    const mustache::mustache parsed(text);
    if (!parsed.is_valid()) diag.error({path, 0, 0}, "the mustache engine rejects the template: " + parsed.error_message());
  }
  return diag.error_count() == before;
}

std::optional<Template> make_template(std::string text, const std::string& path, const Schema& schema,
                                      core::Diagnostics& diag) {
  if (!check_template(text, path, schema, diag)) return std::nullopt;
  Template t;
  t.path = path;
  t.name = std::filesystem::path(path).filename().string();
  t.sha256 = io::sha256_hex(text);
  t.format = text_format_of(path);
  t.text = std::move(text);
  return t;
}

std::optional<Template> load_template(const std::string& path, const Schema& schema, core::Diagnostics& diag) {
  std::string why;
  auto bytes = io::read_file(path, &why);
  if (!bytes) {
    diag.error({path, 0, 0}, "cannot read template: " + why);
    return std::nullopt;
  }
  return make_template(std::move(*bytes), path, schema, diag);
}

std::string render(const Template& t, const Value& context) {
  mustache::mustache engine(without_standalone_lines(t.text));
  const TextFormat format = t.format;
  engine.set_custom_escape([format](const std::string& s) { return escape(format, s); });
  std::string out = engine.render(to_mustache(context));
  if (!engine.is_valid()) throw Error("report::render: template '" + t.path + "': " + engine.error_message());
  out.erase(std::remove(out.begin(), out.end(), kMark), out.end());
  return out;
}

}  // namespace metareview::report

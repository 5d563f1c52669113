#include <catch2/catch.hpp>

#include "core/error.h"
#include "report_fixture.h"

using namespace report_test;
using rp::Value;

namespace {

// A context like the report's in miniature: a title, a flag, a note that may be empty, a list.
Value sample(bool flag, const std::string& note) {
  return Value::Object{{"title", "A & B <1>"},
                       {"flag", flag},
                       {"note", note},
                       {"rows", Value::List{Value(Value::Object{{"label", "CANDOR"}, {"effect", "0.63"}}),
                                            Value(Value::Object{{"label", "IKEMA"}, {"effect", "0.53"}})}}};
}

const rp::Schema& sample_schema() {
  static const rp::Schema s = rp::schema_of(sample(true, "n"));
  return s;
}

rp::Template make(const std::string& text, const std::string& path = "t.html") {
  Diagnostics diag;
  auto t = rp::make_template(text, path, sample_schema(), diag);
  INFO(diag.to_string());
  REQUIRE(t);
  return *t;
}

std::string errors(const std::string& text, const std::string& path = "templates/report.html") {
  Diagnostics diag;
  CHECK_FALSE(rp::make_template(text, path, sample_schema(), diag));
  return diag.to_string();
}

}  // namespace

TEST_CASE("templates fill names, lists and flags, each escaping for the format its file name says", "[report]") {
  const std::string text = "<h1>{{title}}</h1>{{#rows}}[{{label}} {{effect}}]{{/rows}}{{#flag}} flagged{{/flag}}";
  CHECK(rp::render(make(text, "r.html"), sample(true, "")) ==
        "<h1>A &amp; B &lt;1&gt;</h1>[CANDOR 0.63][IKEMA 0.53] flagged");
  CHECK(rp::render(make(text, "r.md"), sample(false, "")) == "<h1>A \\& B \\<1\\></h1>[CANDOR 0.63][IKEMA 0.53]");
  CHECK(rp::render(make(text, "m.txt"), sample(false, "")) == "<h1>A & B <1></h1>[CANDOR 0.63][IKEMA 0.53]");
  CHECK(rp::render(make("{{{title}}}|{{&title}}", "r.html"), sample(true, "")) == "A & B <1>|A & B <1>");
  CHECK(rp::text_format_of("x/report.HTM") == rp::TextFormat::Html);
  CHECK(rp::text_format_of("report.md") == rp::TextFormat::Markdown);
  CHECK(rp::text_format_of("methods.txt") == rp::TextFormat::Plain);
}

// Regression (issue 10): report.md passed study text through as is, so a <script> ran in
// any viewer that renders Markdown's raw HTML, a [link](javascript:...) was live, and a '|'
// in a label split its table row, moving the numbers into the wrong columns.
TEST_CASE("hostile text is inert in HTML and Markdown and keeps a table row whole", "[report]") {
  const std::string hostile = "<script>alert(1)</script> [x](javascript:alert(1)) <javascript:alert(1)> a|b *c* _d_ `e` "
                              "~~f~~ # g \\| h & i\nj";
  const Value ctx = Value::Object{{"title", hostile}, {"flag", true}, {"note", "n"}, {"rows", Value::List{}}};
  const auto row = [&](const std::string& path) { return rp::render(make("| {{title}} | 0.63 |\n", path), ctx); };
  CHECK(row("r.html") ==
        "| &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) &lt;javascript:alert(1)&gt; a|b *c* _d_ "
        "`e` ~~f~~ # g \\| h &amp; i\nj | 0.63 |\n");
  // Markdown: every character that could start markup is backslash-escaped, the line break
  // is a space, and the row still has exactly its two cells (one unescaped '|' per border).
  const std::string md = row("r.md");
  CHECK(md ==
        "| \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) \\<javascript:alert(1)\\> a\\|b \\*c\\* "
        "\\_d\\_ \\`e\\` \\~\\~f\\~\\~ \\# g \\\\\\| h \\& i j | 0.63 |\n");
  std::size_t borders = 0;
  for (std::size_t i = 0; i < md.size(); ++i)
    if (md[i] == '|' && (i == 0 || md[i - 1] != '\\')) ++borders;
  CHECK(borders == 3);
  CHECK(rp::escape(rp::TextFormat::Plain, hostile) == hostile);
}

TEST_CASE("an empty text is false in a section, as in JavaScript mustache", "[report]") {
  const auto t = make("{{#note}}Note: {{note}}{{/note}}{{^note}}no note{{/note}}", "m.txt");
  CHECK(rp::render(t, sample(true, "")) == "no note");
  CHECK(rp::render(t, sample(true, "read me")) == "Note: read me");
}

TEST_CASE("standalone section lines leave no blank line, whether the section is shown or not", "[report]") {
  // The mustache spec's standalone rule: the tag's whole line goes, newline included.
  const auto t = make("a\n{{#flag}}\nB\n{{/flag}}\n{{^flag}}\nC\n{{/flag}}\n  {{! comment }}\nd\n", "m.txt");
  CHECK(rp::render(t, sample(true, "")) == "a\nB\nd\n");
  CHECK(rp::render(t, sample(false, "")) == "a\nC\nd\n");
  // A blank line after a section stays (methods.txt separates paragraphs with it).
  CHECK(rp::render(make("{{#flag}}\nB\n{{/flag}}\n\nE\n", "m.txt"), sample(false, "")) == "\nE\n");
}

TEST_CASE("template errors name the file, line and column, and what is wrong", "[report]") {
  CHECK(errors("<p>\n  {{#rowz}}{{/rowz}}") ==
        "templates/report.html:2:3: error: unknown name 'rowz' in {{#rowz}}; names available here: flag, note, "
        "rows, title\n");
  CHECK(errors("{{#rows}}{{lable}}{{/rows}}") ==
        "templates/report.html:1:10: error: unknown name 'lable' in {{lable}}; names available here: effect, flag, "
        "label, note, rows, title\n");
  CHECK(errors("{{#rows}}\n{{label}}") ==
        "templates/report.html:1:1: error: section 'rows' is not closed: no {{/rows}}\n");
  CHECK(errors("{{#rows}}{{/flag}}{{/rows}}") ==
        "templates/report.html:1:10: error: {{/flag}} closes section 'flag' but the open section is 'rows'\n");
  CHECK(errors("{{/rows}}") == "templates/report.html:1:1: error: {{/rows}} closes a section that is not open\n");
  CHECK(errors("{{rows}}") ==
        "templates/report.html:1:1: error: 'rows' is a list, not a text: use {{#rows}}...{{/rows}} instead of "
        "{{rows}}\n");
  CHECK(errors("{{flag}}") ==
        "templates/report.html:1:1: error: 'flag' is a flag, not a text: use {{#flag}}...{{/flag}} instead of "
        "{{flag}}\n");
  CHECK(errors("x {{> header}}") == "templates/report.html:1:3: error: partials ({{> header}}) are not supported\n");
  CHECK(errors("{{=<% %>=}}") ==
        "templates/report.html:1:1: error: delimiter changes ({{=<% %>=}}) are not supported\n");
  CHECK(errors("τ² {{title") == "templates/report.html:1:4: error: unclosed tag: no '}}' after '{{title'\n");
}

// Regression (issue 10): sections nested ~17,000 deep overflowed the stack (the engine
// parses and renders them by recursion), and the memory used grew with the square of the depth.
TEST_CASE("sections nested deeper than the limit are one error naming the line and column", "[report]") {
  std::string deep;
  for (std::size_t i = 0; i <= rp::kMaxTemplateDepth; ++i) deep += "{{#flag}}";
  CHECK(errors(deep) == "templates/report.html:1:901: error: {{#flag}} opens a section nested deeper than 100 "
                        "levels, the most a template may nest\n");
  std::string ok;
  for (std::size_t i = 0; i < rp::kMaxTemplateDepth; ++i) ok += "{{#flag}}";
  ok += "x";
  for (std::size_t i = 0; i < rp::kMaxTemplateDepth; ++i) ok += "{{/flag}}";
  CHECK(rp::render(make(ok, "m.txt"), sample(true, "")) == "x");
  std::string very_deep;  // as the audit's: one error, found without recursion
  for (int i = 0; i < 20000; ++i) very_deep += "{{#rows}}\n";
  CHECK(errors(very_deep) == "templates/report.html:101:1: error: {{#rows}} opens a section nested deeper than 100 "
                             "levels, the most a template may nest\n");
}

TEST_CASE("an unreadable template is an error naming the file", "[report]") {
  Diagnostics diag;
  CHECK_FALSE(rp::load_template("no/such/report.html", sample_schema(), diag));
  CHECK(diag.to_string() == "no/such/report.html: error: cannot read template: No such file or directory\n");
}

TEST_CASE("a template's digest and name are recorded for provenance", "[report]") {
  const auto t = make("x", "templates/index.html");
  CHECK(t.name == "index.html");
  CHECK(t.format == rp::TextFormat::Html);
  // SHA-256("x"), as `printf x | sha256sum` prints it.
  CHECK(t.sha256 == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
}

TEST_CASE("the shipped templates use only names their contexts give them", "[report]") {
  for (const char* name : {"report.html", "report.md"}) shipped_template(name, rp::report_schema());
  shipped_template("methods.txt", rp::methods_schema());
  shipped_template("index.html", rp::index_schema());
}

TEST_CASE("a schema lists the names of every item of a list", "[report]") {
  const rp::Schema s = rp::schema_of(Value::Object{
      {"rows", Value::List{Value(Value::Object{{"a", "1"}}), Value(Value::Object{{"b", true}})}}});
  const auto& rows = s.members.at("rows");
  CHECK(rows.kind == rp::Schema::Kind::List);
  CHECK(rows.members.at("a").kind == rp::Schema::Kind::Text);
  CHECK(rows.members.at("b").kind == rp::Schema::Kind::Flag);
}

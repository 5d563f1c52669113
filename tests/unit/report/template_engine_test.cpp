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

TEST_CASE("templates fill names, lists and flags, and only HTML templates escape", "[report]") {
  const std::string text = "<h1>{{title}}</h1>{{#rows}}[{{label}} {{effect}}]{{/rows}}{{#flag}} flagged{{/flag}}";
  CHECK(rp::render(make(text, "r.html"), sample(true, "")) ==
        "<h1>A &amp; B &lt;1&gt;</h1>[CANDOR 0.63][IKEMA 0.53] flagged");
  CHECK(rp::render(make(text, "r.md"), sample(false, "")) == "<h1>A & B <1></h1>[CANDOR 0.63][IKEMA 0.53]");
  CHECK(rp::render(make("{{{title}}}|{{&title}}", "r.html"), sample(true, "")) == "A & B <1>|A & B <1>");
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

TEST_CASE("an unreadable template is an error naming the file", "[report]") {
  Diagnostics diag;
  CHECK_FALSE(rp::load_template("no/such/report.html", sample_schema(), diag));
  CHECK(diag.to_string() == "no/such/report.html: error: cannot read template: No such file or directory\n");
}

TEST_CASE("a template's digest and name are recorded for provenance", "[report]") {
  const auto t = make("x", "templates/index.html");
  CHECK(t.name == "index.html");
  CHECK(t.html);
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

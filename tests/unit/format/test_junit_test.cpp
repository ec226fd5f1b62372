// `frist test --junit`: the XML is well-formed and has the JUnit structure CI
// systems read (testsuites > testsuite > testcase [> failure]), with counts
// that match its elements, for real test runs and for names with characters
// XML must escape. Parsed with expat.
#include <catch2/catch.hpp>

#include <expat.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/testing/junit.hpp"
#include "cli/testing/test_runner.hpp"

namespace {

using namespace frist;

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<std::unique_ptr<Element>> children;
  std::string text;
};

struct Parsed {
  bool ok = false;
  std::string error;
  std::unique_ptr<Element> root;
};

// A small DOM built from expat's callbacks.
Parsed parse_xml(const std::string& xml) {
  struct State {
    std::unique_ptr<Element> root;
    std::vector<Element*> stack;
  } state;
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &state);
  XML_SetElementHandler(
      p,
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        auto* s = static_cast<State*>(data);
        auto e = std::make_unique<Element>();
        e->name = name;
        for (int i = 0; attrs[i] != nullptr; i += 2) e->attributes[attrs[i]] = attrs[i + 1];
        Element* raw = e.get();
        if (s->stack.empty()) s->root = std::move(e);
        else s->stack.back()->children.push_back(std::move(e));
        s->stack.push_back(raw);
      },
      [](void* data, const XML_Char*) { static_cast<State*>(data)->stack.pop_back(); });
  XML_SetCharacterDataHandler(p, [](void* data, const XML_Char* s, int len) {
    auto* st = static_cast<State*>(data);
    if (!st->stack.empty()) st->stack.back()->text.append(s, static_cast<std::size_t>(len));
  });
  Parsed out;
  out.ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  if (!out.ok) out.error = XML_ErrorString(XML_GetErrorCode(p));
  XML_ParserFree(p);
  out.root = std::move(state.root);
  return out;
}

std::size_t count(const Element& e, const std::string& name) {
  std::size_t n = 0;
  for (const auto& c : e.children) n += c->name == name ? 1 : 0;
  return n;
}

// The JUnit structure: counts agree with the elements at every level.
void check_junit(const std::string& xml, std::size_t want_tests, std::size_t want_failures) {
  INFO(xml);
  const Parsed doc = parse_xml(xml);
  INFO(doc.error);
  REQUIRE(doc.ok);
  REQUIRE(doc.root);
  const Element& root = *doc.root;
  CHECK(root.name == "testsuites");
  CHECK(root.attributes.at("tests") == std::to_string(want_tests));
  CHECK(root.attributes.at("failures") == std::to_string(want_failures));
  std::size_t tests = 0, failures = 0;
  for (const auto& suite : root.children) {
    CHECK(suite->name == "testsuite");
    CHECK_FALSE(suite->attributes.at("name").empty());
    std::size_t suite_failures = 0;
    for (const auto& tc : suite->children) {
      CHECK(tc->name == "testcase");
      CHECK(tc->attributes.count("classname") == 1);
      CHECK(tc->attributes.count("name") == 1);
      CHECK(count(*tc, "failure") <= 1);
      for (const auto& f : tc->children) {
        CHECK(f->name == "failure");
        CHECK(f->attributes.count("message") == 1);
      }
      suite_failures += count(*tc, "failure");
    }
    CHECK(suite->attributes.at("tests") == std::to_string(suite->children.size()));
    CHECK(suite->attributes.at("failures") == std::to_string(suite_failures));
    tests += suite->children.size();
    failures += suite_failures;
  }
  CHECK(tests == want_tests);
  CHECK(failures == want_failures);
}

compiler::CompileOptions options() {
  compiler::CompileOptions o;
  o.home = FRIST_SOURCE_ROOT;
  return o;
}

}  // namespace

TEST_CASE("JUnit XML of a real run with a failing test is well-formed JUnit", "[test][junit]") {
  std::vector<cli::FileTestReport> reports;
  reports.push_back(cli::run_file_tests(FRIST_SOURCE_ROOT "/tests/golden/test/failing.frist", options()));
  reports.push_back(cli::run_file_tests(FRIST_SOURCE_ROOT "/stdlib/dk/helligdage.frist", options()));
  std::size_t tests = 0, failures = 0;
  for (const auto& r : reports) {
    tests += r.results.size();
    for (const auto& t : r.results) failures += t.passed ? 0 : 1;
  }
  REQUIRE(failures == 1);
  check_junit(cli::junit_xml(reports), tests, failures);
  const Parsed doc = parse_xml(cli::junit_xml(reports));
  // The failure carries the explanation shown on the console.
  bool found = false;
  for (const auto& suite : doc.root->children)
    for (const auto& tc : suite->children)
      for (const auto& f : tc->children) {
        found = true;
        CHECK(f->text.find("forventet: overholdt") != std::string::npos);
        CHECK(f->attributes.at("message") == "expected overholdt, got ikke overholdt");
      }
  CHECK(found);
}

TEST_CASE("JUnit XML escapes names and drops characters XML cannot hold", "[test][junit]") {
  cli::FileTestReport rep;
  rep.file = "regler/<&\"'>.frist";
  cli::TestResult ok;
  ok.file = rep.file;
  ok.name = "æøå \"citat\" <tag> & 'x'";
  ok.passed = true;
  cli::TestResult bad = ok;
  bad.passed = false;
  bad.name = "styretegn \x01\x1f her";
  bad.expected = "overholdt";
  bad.actual = "ikke overholdt";
  bad.actual_reason = "a < b & c > d";
  rep.results = {ok, bad};
  cli::FileTestReport broken;
  broken.file = "ugyldig.frist";
  broken.compiled = false;
  check_junit(cli::junit_xml({rep, broken}), 3, 2);
  const Parsed doc = parse_xml(cli::junit_xml({rep}));
  REQUIRE(doc.ok);
  CHECK(doc.root->children.at(0)->attributes.at("name") == rep.file);
  CHECK(doc.root->children.at(0)->children.at(0)->attributes.at("name") == ok.name);
  CHECK(doc.root->children.at(0)->children.at(1)->attributes.at("name") == "styretegn  her");
}

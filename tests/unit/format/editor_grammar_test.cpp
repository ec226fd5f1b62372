// editors/vscode: the TextMate grammar is generated from grammar/keywords.def
// (editors/generate-grammar.sh); this test fails when it misses a keyword of
// either language, so the editor cannot drift from the language. It also
// checks that the extension's three JSON files parse and point at each other.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <set>
#include <string>
#include <vector>

#include "format_fixture.hpp"
#include "grammar/keywords.hpp"

namespace {

using namespace frist;

const std::string kDir = FRIST_SOURCE_ROOT "/editors/vscode/";

// Every "match" regex of the grammar.
void collect_matches(simdjson::dom::element e, std::vector<std::string>& out) {
  if (e.is_object()) {
    for (auto [key, value] : e.get_object()) {
      if (key == "match" && value.is_string()) out.emplace_back(std::string_view(value.get_string()));
      else collect_matches(value, out);
    }
  } else if (e.is_array()) {
    for (auto v : e.get_array()) collect_matches(v, out);
  }
}

// The phrase as the generator writes it: words joined by \s+, dots escaped.
std::string as_regex(std::string_view phrase) {
  std::string out;
  for (char c : phrase) {
    if (c == ' ') out += "\\s+";
    else if (c == '.') out += "\\.";
    else out += c;
  }
  return out;
}

// True when `alternative` is one whole alternative of a group in `regex`.
bool has_alternative(const std::string& regex, const std::string& alternative) {
  for (std::size_t at = regex.find(alternative); at != std::string::npos; at = regex.find(alternative, at + 1)) {
    const char before = at == 0 ? '\0' : regex[at - 1];
    const char after = at + alternative.size() < regex.size() ? regex[at + alternative.size()] : '\0';
    const bool starts = before == '|' || before == '(' || (before == ':' && at >= 2 && regex.compare(at - 2, 2, "?:") == 0);
    if (starts && (after == '|' || after == ')')) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the editor grammar highlights every keyword of both languages", "[editors]") {
  simdjson::dom::parser parser;
  const std::string text = format_test::slurp(kDir + "syntaxes/frist.tmLanguage.json");
  simdjson::dom::element doc;
  REQUIRE(parser.parse(text).get(doc) == simdjson::SUCCESS);
  CHECK(std::string_view(doc["scopeName"].get_string()) == "source.frist");
  std::vector<std::string> matches;
  collect_matches(doc, matches);
  REQUIRE(matches.size() > 10);
  for (std::size_t i = 0; i < grammar::kKeywordCount; ++i) {
    const auto kw = static_cast<grammar::Kw>(i);
    for (grammar::Lang lang : {grammar::Lang::Da, grammar::Lang::En}) {
      const std::string phrase = as_regex(grammar::spelling(kw, lang));
      INFO(grammar::keyword_name(kw) << " (" << grammar::lang_code(lang) << "): " << phrase
                                     << " — run editors/generate-grammar.sh");
      bool found = false;
      for (const std::string& m : matches) found = found || has_alternative(m, phrase);
      CHECK(found);
    }
  }
}

TEST_CASE("the VS Code extension's files parse and refer to each other", "[editors]") {
  simdjson::dom::parser parser;
  const std::string package = format_test::slurp(kDir + "package.json");
  simdjson::dom::element pkg;
  REQUIRE(parser.parse(package).get(pkg) == simdjson::SUCCESS);
  simdjson::dom::element language = pkg["contributes"]["languages"].at(0);
  CHECK(std::string_view(language["id"].get_string()) == "frist");
  CHECK(std::string_view(language["extensions"].at(0).get_string()) == ".frist");
  const std::string configuration(std::string_view(language["configuration"].get_string()));
  simdjson::dom::element grammar_entry = pkg["contributes"]["grammars"].at(0);
  CHECK(std::string_view(grammar_entry["scopeName"].get_string()) == "source.frist");
  const std::string grammar_path(std::string_view(grammar_entry["path"].get_string()));
  CHECK(format_test::fs::exists(kDir + grammar_path));

  simdjson::dom::parser parser2;
  const std::string config_text = format_test::slurp(kDir + configuration);
  simdjson::dom::element config;
  REQUIRE(parser2.parse(config_text).get(config) == simdjson::SUCCESS);
  CHECK(std::string_view(config["comments"]["lineComment"].get_string()) == "#");
  CHECK(std::string_view(config["brackets"].at(0).at(0).get_string()) == "(");
}

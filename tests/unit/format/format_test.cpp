// The formatter's layout rules on small sources: spacing, one clause per
// line, breaks at og/eller and fordi, the fixed clause order, comments and
// blank lines, keyword translation (findes, hændelse, units by number),
// names that are reserved in the other language, and files that do not parse.
#include <catch2/catch.hpp>

#include "compiler/format/format.hpp"

using namespace frist;
using compiler::format::FormatOptions;
using compiler::format::format_source;
using grammar::Lang;

namespace {

std::string fmt_ok(const std::string& src, std::optional<Lang> to = std::nullopt, std::size_t width = 100) {
  FormatOptions o;
  o.to = to;
  o.width = width;
  const auto r = format_source(src, o);
  INFO(src);
  REQUIRE(r.parsed);
  for (const auto& p : r.problems) INFO(p.message);
  REQUIRE(r.problems.empty());
  // Idempotent, whatever the input.
  FormatOptions again = o;
  again.to = std::nullopt;
  CHECK(format_source(r.text, again).text == r.text);
  return r.text;
}

}  // namespace

TEST_CASE("spacing: one blank between tokens, none inside parentheses or around dots", "[format]") {
  CHECK(fmt_ok("sprog da\nregel  r\n  kræv   dato( sag.født )<=dato (første  x)+ 4   måneder og f ( a ,b )\n") ==
        "sprog da\nregel r\n  kræv dato(sag.født) <= dato(første x) + 4 måneder og f(a, b)\n");
  CHECK(fmt_ok("function f ( a : int , b : condition = ( x ) => true ) : int = - a + - ( 3 )\n") ==
        "function f(a: int, b: condition = (x) => true): int = -a + -(3)\n");
}

TEST_CASE("one clause per line, clauses indented, test events one level deeper", "[format]") {
  const std::string src =
      "sprog da\nregel r \"titel\" hjemmel \"§ 1\" gælder når findes a lad s = første a kræv s findes\n"
      "test \"t\" for r pr. 2024-01-01 sag kommune: \"X\" a 2023-01-01 b: sand a 2023-02-01 forvent overholdt\n";
  CHECK(fmt_ok(src) ==
        "sprog da\n"
        "regel r \"titel\"\n"
        "  hjemmel \"§ 1\"\n"
        "  gælder når findes a\n"
        "  lad s = første a\n"
        "  kræv s findes\n"
        "test \"t\" for r\n"
        "  pr. 2024-01-01\n"
        "  sag kommune: \"X\"\n"
        "    a 2023-01-01 b: sand\n"
        "    a 2023-02-01\n"
        "  forvent overholdt\n");
}

TEST_CASE("long conditions break before og/eller with a fixed continuation indent", "[format]") {
  const std::string src =
      "sprog da\nregel r\n  kræv findes vurdering v hvor v.underretning = u.id og v inden for 24 timer efter u "
      "og (v.ok eller v.grund findes)\n";
  CHECK(fmt_ok(src, std::nullopt, 60) ==
        "sprog da\nregel r\n"
        "  kræv findes vurdering v hvor v.underretning = u.id\n"
        "      og v inden for 24 timer efter u\n"
        "      og (v.ok eller v.grund findes)\n");
  // A nested condition that breaks too is indented once more.
  CHECK(fmt_ok("rule r\n  require a and exists x y where p(y) and q(y) and r(y) and s(y) and t(y)\n", std::nullopt, 40) ==
        "rule r\n"
        "  require a\n"
        "      and exists x y where p(y) and q(y)\n"
        "          and r(y) and s(y) and t(y)\n");
  // Short ones stay on one line.
  CHECK(fmt_ok("rule r\n  require a\n      and b\n") == "rule r\n  require a and b\n");
}

TEST_CASE("exemptions break before fordi; else-if chains line up", "[format]") {
  CHECK(fmt_ok("sprog da\nregel r\n  undtaget når a findes og b findes fordi \"en lang begrundelse, der ikke kan stå på linjen\"\n",
               std::nullopt, 60) ==
        "sprog da\nregel r\n"
        "  undtaget når a findes og b findes\n"
        "      fordi \"en lang begrundelse, der ikke kan stå på linjen\"\n");
  CHECK(fmt_ok("rule r\n  require if a then b else if c then d else e\n", std::nullopt, 25) ==
        "rule r\n"
        "  require if a then b\n"
        "      else if c then d\n"
        "      else e\n");
}

TEST_CASE("header and rule metadata clauses get a fixed order; comments move with them", "[format]") {
  const std::string src =
      "sprog da\n"
      "regelsæt x \"X\" kalender k\n"
      "  version \"2\"  # versionen\n"
      "  ændrer y\n"
      "regel r\n"
      "  lad a = 1\n"
      "  # om noten\n"
      "  note \"n\"\n"
      "  status verificeret  # tjekket\n"
      "  hjemmel \"§ 2\"\n"
      "  kræv a = 1\n";
  CHECK(fmt_ok(src) ==
        "sprog da\n"
        "regelsæt x \"X\" ændrer y\n"
        "  version \"2\"  # versionen\n"
        "  kalender k\n"
        "regel r\n"
        "  hjemmel \"§ 2\"\n"
        "  status verificeret  # tjekket\n"
        "  # om noten\n"
        "  note \"n\"\n"
        "  lad a = 1\n"
        "  kræv a = 1\n");
}

TEST_CASE("comments and blank lines are kept where they belong", "[format]") {
  const std::string src =
      "# øverst\n"
      "sprog da   # sprog\n"
      "\n\n\n"
      "# om reglen\n"
      "\n"
      "regel r # efter id\n"
      "  kræv a  # a\n"
      "       og # midt i\n"
      "       b\n"
      "test \"t\" forvent 1 = 1\n"
      "\n"
      "# sidst\n";
  CHECK(fmt_ok(src) ==
        "# øverst\n"
        "sprog da  # sprog\n"
        "\n"
        "# om reglen\n"
        "\n"
        "regel r  # efter id\n"
        "  kræv a  # a\n"
        "      og  # midt i\n"
        "      b\n"
        "test \"t\" forvent 1 = 1\n"
        "\n"
        "# sidst\n");
}

TEST_CASE("to English and back: findes, hændelse and units by position and number", "[format]") {
  const std::string da =
      "sprog da\n"
      "hændelse a \"En hændelse\"\n"
      "regel r\n"
      "  gælder når findes a og første hændelse findes\n"
      "  kræv dato(første a) + 1 år + 2 år + 1 måned + 3 måneder + (2 + 1) år > dato(2020, 1, 1)\n";
  const std::string en = fmt_ok(da, Lang::En);
  CHECK(en ==
        "language en\n"
        "event a \"En hændelse\"\n"
        "rule r\n"
        "  applies when exists a and first event present\n"
        "  require date(first a) + 1 year + 2 years + 1 month + 3 months + (2 + 1) years > date(2020, 1, 1)\n");
  CHECK(fmt_ok(en, Lang::Da) == fmt_ok(da));
  // A file without a language line is English; --to writes the line.
  CHECK(fmt_ok("rule r\n  require true\n", Lang::En) == "language en\n\nrule r\n  require true\n");
  CHECK(fmt_ok("rule r\n  require true\n") == "rule r\n  require true\n");
}

TEST_CASE("a name that is a keyword of the other language cannot be translated", "[format]") {
  FormatOptions o;
  o.to = Lang::En;
  const auto r = format_source("sprog da\nregel r\n  lad first = 1\n  kræv first = 1\n", o);
  REQUIRE(r.parsed);
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].message.find("'first' er et reserveret ord på engelsk") != std::string::npos);
  CHECK(r.text.empty());
}

TEST_CASE("a file that does not parse is not formatted", "[format]") {
  CHECK_FALSE(format_source("sprog da\nregel r\n  kræv (a\n").parsed);
  CHECK_FALSE(format_source("rule r\n  require \xff\n").parsed);
  CHECK(format_source("").text.empty());
  CHECK(format_source("# kun en kommentar\n").text == "# kun en kommentar\n");
}

TEST_CASE("same_program sees a changed token but not a changed layout", "[format]") {
  auto same = [](const std::string& a, const std::string& b) {
    const auto pa = grammar::parse_source(a);
    const auto pb = grammar::parse_source(b);
    return compiler::format::same_program(a, pa, b, pb);
  };
  CHECK(same("rule r\n  require a and b  # c\n", "rule r require a\n and b # c"));
  CHECK(same("sprog da\nregel r\n  kræv 1 år > 2 dage\n", "language en\nrule r\n  require 1 year > 2 days\n"));
  CHECK_FALSE(same("rule r\n  require a and b\n", "rule r\n  require a or b\n"));
  CHECK_FALSE(same("rule r\n  require a and b\n", "rule r\n  require a and c\n"));
  CHECK_FALSE(same("rule r\n  require a  # x\n", "rule r\n  require a  # y\n"));
  CHECK_FALSE(same("rule r\n  require 1 day = 1 day\n", "rule r\n  require 1 day = 1 week\n"));
}

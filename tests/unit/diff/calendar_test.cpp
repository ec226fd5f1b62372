// What a calendar change affects: the rules that count workdays on the
// calendar — directly, through an inlined function or a template, or with a
// duration from data whose attribute defaults to workdays — and the
// case-date rule when it does; not a rule that counts calendar months, nor
// one that only names workdays in a value it never uses.
#include "compiler/diff/render.hpp"
#include "diff_support.hpp"

using namespace frist;
using namespace frist::diff_test;
using compiler::diff::Format;

namespace {

const std::string kWorkdays = R"(sprog da
regelsæt r "R"
  version "1"
  sagsdato dato(første opmærksom) + 2 arbejdsdage ellers første hændelse
  kalender fridage

hændelse opmærksom
hændelse underretning
hændelse kvitteret

kalender fridage(år_nr) "Fridage"
  helligdag "Juledag" = dato(år_nr, 12, 25)
  helligdag "2. juledag" = dato(år_nr, 12, 26)

funktion sidste_frist(start: dato): dato "Seks arbejdsdage efter start"
  lad længde = 6 arbejdsdage
  resultat start + længde

skabelon kvittering_skabelon() "Kvittering inden for 2 arbejdsdage"
  for hver underretning u
  kræv findes kvitteret k hvor k inden for 2 arbejdsdage efter u

regel direkte "Direkte"
  kræv første kvitteret senest dato(første underretning) + 3 arbejdsdage

regel gennem_funktion "Gennem en funktion"
  kræv første kvitteret senest sidste_frist(dato(første underretning))

regel gennem_skabelon "Gennem en skabelon"
  anvend kvittering_skabelon()

regel kalendermåneder "Kalendermåneder"
  lad ubrugt = dato(første opmærksom) + 5 arbejdsdage
  kræv første kvitteret senest dato(første opmærksom) + 4 måneder
)";

std::string without_second_christmas_day(std::string s) {
  const std::string line = "  helligdag \"2. juledag\" = dato(år_nr, 12, 26)\n";
  const auto at = s.find(line);
  REQUIRE(at != std::string::npos);
  return s.erase(at, line.size());
}

// A duration from data: `u.frist` is in workdays only by its default.
std::string from_data(const std::string& default_clause, const std::string& christmas) {
  return R"(sprog da
regelsæt r "R"
  version "1"
  kalender fridage

hændelse underretning
  frist: varighed)" + default_clause + R"(
hændelse kvitteret

kalender fridage(år_nr) "Fridage"
  helligdag "Juledag" = dato(år_nr, 12, )" + christmas + R"()

regel fra_data "Fristen fra data"
  for hver underretning u
  kræv første kvitteret senest dato(u) + u.frist

regel uden_kalender "Uden kalender"
  kræv findes kvitteret
)";
}

}  // namespace

TEST_CASE("diff: a calendar change names the rules that count workdays, also through functions and templates",
          "[diff][calendar]") {
  TextDiff t(kWorkdays, without_second_christmas_day(kWorkdays));
  REQUIRE(t.diff.calendar.size() == 1);
  const auto& c = t.diff.calendar[0];
  CHECK(c.kind == "holiday");
  CHECK(c.action == "removed");
  CHECK(c.names_affects);
  CHECK(c.affects == std::vector<std::string>{"direkte", "gennem_funktion", "gennem_skabelon"});
  CHECK(c.affects_case_date);
  CHECK(t.diff.vocabulary.empty());

  const std::string text = compiler::diff::render_report(t.diff, nullptr, Format::Text);
  CHECK(text.find("  helligdag \"2. juledag\" fjernet: dato(år_nr, 12, 26)\n"
                  "      påvirker: direkte, gennem_funktion, gennem_skabelon, sagsdato\n") != std::string::npos);
  const std::string md = compiler::diff::render_report(t.diff, nullptr, Format::Markdown);
  CHECK(md.find(" — påvirker: direkte, gennem\\_funktion, gennem\\_skabelon, sagsdato\n") != std::string::npos);
  const std::string json = compiler::diff::render_report(t.diff, nullptr, Format::Json);
  CHECK(json.find(R"("affects":["direkte","gennem_funktion","gennem_skabelon"],"affects_case_date":true,)") !=
        std::string::npos);
  // Other changes keep their shape: no affects outside the calendar.
  CHECK(json.find(R"("ruleset":[])") != std::string::npos);
}

TEST_CASE("diff: a duration from data counts workdays only when an attribute defaults to workdays", "[diff][calendar]") {
  SECTION("default in workdays") {
    TextDiff t(from_data(" = 3 arbejdsdage", "25"), from_data(" = 3 arbejdsdage", "24"));
    REQUIRE(t.diff.calendar.size() == 1);
    CHECK(t.diff.calendar[0].affects == std::vector<std::string>{"fra_data"});
    CHECK_FALSE(t.diff.calendar[0].affects_case_date);
  }
  SECTION("no default") {
    TextDiff t(from_data("", "25"), from_data("", "24"));
    REQUIRE(t.diff.calendar.size() == 1);
    CHECK(t.diff.calendar[0].names_affects);
    CHECK(t.diff.calendar[0].affects.empty());
    const std::string text = compiler::diff::render_report(t.diff, nullptr, Format::Text);
    CHECK(text.find("      påvirker: ingen regler\n") != std::string::npos);
  }
}

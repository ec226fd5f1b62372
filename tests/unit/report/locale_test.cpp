// Danish and English numbers, dates and report sentences.
#include <catch2/catch.hpp>

#include "cli/report/locale.hpp"
#include "cli/report/phrases.hpp"

using frist::cli::Locale;

TEST_CASE("locale: Danish and English numbers", "[report][locale]") {
  const Locale da{true}, en{false};
  CHECK(da.percent(1.0 / 6.0) == "16,7 %");
  CHECK(en.percent(1.0 / 6.0) == "16.7%");
  CHECK(da.percent(0.0) == "0,0 %");
  CHECK(da.percent(1.0) == "100,0 %");
  CHECK(da.percent(0.8125) == "81,3 %");  // half away from zero
  CHECK(da.count(1234) == "1.234");
  CHECK(en.count(1234567) == "1,234,567");
  CHECK(da.count(999) == "999");
  CHECK(da.interval(0.030053, 0.563503) == "3,0–56,4 %");
  CHECK(en.interval(0.030053, 0.563503) == "3.0–56.4%");
  CHECK(da.long_date(*frist::time::parse_date("2021-03-01")) == "1. marts 2021");
  CHECK(en.long_date(*frist::time::parse_date("2021-07-01")) == "1 July 2021");
  CHECK(std::string(da.verdict(frist::vm::Verdict::Pending)) == "afventer");
  CHECK(std::string(da.verdict(frist::vm::Verdict::NotApplicable)) == "ikke relevant");
  CHECK(std::string(da.verdict(frist::vm::Verdict::Undetermined)) == "kan ikke vurderes");
  CHECK(frist::cli::display_width("Ærø") == 3);
  CHECK(frist::cli::pad_left("Ærø", 5) == "  Ærø");
  // Case data never reaches a terminal as control characters.
  CHECK(frist::cli::printable("Ærø\x1b[2J\n") == "Ærø?[2J?");
}

TEST_CASE("phrases: the barometer's sentences", "[report][locale]") {
  frist::report::Report r;
  r.as_of = "2024-12-31";
  r.rulesets.push_back({"serviceloven", "2019.1", "cd5690358809", "Serviceloven", "da"});
  r.rules.push_back({0, "fire_måneders_frist", "Børnefaglig undersøgelse afsluttet inden for 4 måneder", "SEL § 50, stk. 7", true, false});
  frist::report::RuleCounts c;
  c.verdicts = {1, 5, 2, 3, 4};
  c.undetermined_reasons["start ikke registreret"] = 4;
  const frist::cli::ReportPhrases da{r, Locale{true}};
  CHECK(da.measured(c) == "Overholdt i 1 ud af 6 sager (16,7 %)");
  CHECK(da.interval(c) == "95 %-konfidensinterval: 3,0–56,4 %");
  CHECK(da.outside(c) ==
        "Af 15 vurderede sager står 9 uden for N: 2 afventer, 3 ikke relevant og 4 kan ikke vurderes "
        "(start ikke registreret: 4).");
  CHECK(da.flag(c) == "For få sager til at generalisere");
  CHECK(da.basis(0) == "Hjemmel: SEL § 50, stk. 7 (ikke verificeret)");
  CHECK(da.title() == "Frist — overholdelse af reglerne pr. 31. december 2024");
  const frist::cli::ReportPhrases en{r, Locale{false}};
  CHECK(en.measured(c) == "Compliant in 1 of 6 cases (16.7%)");
  CHECK(en.interval(c) == "95% confidence interval: 3.0–56.4%");
  frist::report::RuleCounts none;
  CHECK(da.measured(none) == "Ingen sager kunne vurderes (N = 0)");
  CHECK(da.interval(none).empty());
  CHECK(da.rate_cell(none) == "–");
  frist::report::Group unknown;
  CHECK(da.group_name(unknown) == "(ukendt)");
}

// Unit tests for the text forms of values (CSV cells, XES values): whole
// numbers, decimals, booleans and ISO 8601 durations of one kind.
#include <catch2/catch.hpp>

#include "runtime/io/value_text.hpp"

using namespace frist;
using namespace frist::io;
using Kind = model::Duration::Kind;

TEST_CASE("value text: numbers and booleans", "[io][values]") {
  CHECK(parse_int_text("42") == 42);
  CHECK(parse_int_text("-7") == -7);
  CHECK(parse_int_text("3.0") == 3);
  CHECK(!parse_int_text("3.5"));
  CHECK(!parse_int_text("1e30"));
  CHECK(!parse_int_text(""));
  CHECK(!parse_int_text("12a"));
  CHECK(parse_decimal_text("0.25") == 0.25);
  CHECK(parse_decimal_text("-1e3") == -1000.0);
  CHECK(parse_decimal_text(".5") == 0.5);
  CHECK(!parse_decimal_text("inf"));
  CHECK(!parse_decimal_text("nan"));
  CHECK(!parse_decimal_text("1,5"));
  CHECK(parse_bool_text("true") == true);
  CHECK(parse_bool_text("FALSE") == false);
  CHECK(!parse_bool_text("ja"));
  CHECK(!parse_bool_text("1"));
  CHECK(trim_blanks(" \tx y\t ") == "x y");
}

TEST_CASE("value text: ISO 8601 durations of one kind", "[io][values]") {
  const auto p4m = parse_duration_text("P4M");
  REQUIRE(p4m);
  CHECK(p4m->kind == Kind::Calendar);
  CHECK(p4m->months == 4);
  const auto p1y2m = parse_duration_text("P1Y2M");
  REQUIRE(p1y2m);
  CHECK(p1y2m->months == 14);
  const auto p3w = parse_duration_text("P3W");
  REQUIRE(p3w);
  CHECK(p3w->days == 21);
  const auto p1w2d = parse_duration_text("P1W2D");
  REQUIRE(p1w2d);
  CHECK(p1w2d->days == 9);
  const auto pt24h = parse_duration_text("PT24H");
  REQUIRE(pt24h);
  CHECK(pt24h->kind == Kind::Clock);
  CHECK(pt24h->micros == 24LL * 3600 * 1'000'000);
  const auto pt1m = parse_duration_text("PT1M");
  REQUIRE(pt1m);
  CHECK(pt1m->micros == 60'000'000);  // M after T is minutes
  const auto frac = parse_duration_text("PT1H30M1.5S");
  REQUIRE(frac);
  CHECK(frac->micros == (5400 + 1) * 1'000'000LL + 500'000);

  for (const char* bad : {"P", "PT", "P1DT2H", "P1M1Y", "PT1S1M", "P1.5D", "-P1D", "P1", "4M", "p4m", "P1DT", "PT1H1H",
                          "P99999999999D", ""}) {
    INFO(bad);
    CHECK(!parse_duration_text(bad));
  }
}

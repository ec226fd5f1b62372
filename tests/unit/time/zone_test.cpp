// Unit tests for runtime/time/zone: Europe/Copenhagen from the system tz
// database, offsets around both DST changes, local dates and midnights, and
// the gap/fold rule of from_local.
#include <catch2/catch.hpp>

#include "runtime/time/zone.hpp"
#include "time_fixtures.hpp"

using namespace frist::time;
using frist::time::testing::copenhagen;
using frist::time::testing::day;
using frist::time::testing::utc;

TEST_CASE("zone: Copenhagen loads; an unknown zone is a clear error", "[time][zone]") {
  REQUIRE(Zone::load("Europe/Copenhagen").ok());
  const auto missing = Zone::load("Nowhere/Atlantis");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("Nowhere/Atlantis"));
  CHECK_FALSE(Zone::load("").ok());
}

TEST_CASE("zone: offsets in winter, summer and exactly at the changes", "[time][zone]") {
  const Zone& z = copenhagen();
  CHECK(z.offset_seconds_at(utc(2023, 1, 15, 12)) == 3600);
  CHECK(z.offset_seconds_at(utc(2023, 7, 15, 12)) == 7200);
  // 2023-03-26 01:00 UTC: 02:00 CET becomes 03:00 CEST.
  CHECK(z.offset_seconds_at(utc(2023, 3, 26, 1) - 1) == 3600);
  CHECK(z.offset_seconds_at(utc(2023, 3, 26, 1)) == 7200);
  // 2023-10-29 01:00 UTC: 03:00 CEST becomes 02:00 CET.
  CHECK(z.offset_seconds_at(utc(2023, 10, 29, 1) - 1) == 7200);
  CHECK(z.offset_seconds_at(utc(2023, 10, 29, 1)) == 3600);
  CHECK(z.offset_seconds_at(utc(2024, 3, 31, 1)) == 7200);
  CHECK(z.offset_seconds_at(utc(2024, 3, 31, 1) - 1) == 3600);
}

TEST_CASE("zone: summer time continues after 2037 (the tz rule beyond explicit transitions)", "[time][zone]") {
  const Zone& z = copenhagen();
  CHECK(z.offset_seconds_at(utc(2040, 7, 1, 12)) == 7200);
  CHECK(z.offset_seconds_at(utc(2040, 1, 1, 12)) == 3600);
  // Last Sunday of March 2050 is the 27th.
  CHECK(z.offset_seconds_at(utc(2050, 3, 27, 1) - 1) == 3600);
  CHECK(z.offset_seconds_at(utc(2050, 3, 27, 1)) == 7200);
  CHECK(z.offset_seconds_at(utc(2299, 7, 1)) == 7200);
  CHECK(z.offset_seconds_at(utc(2299, 12, 1)) == 3600);
}

TEST_CASE("zone: outside the table the nearest entry's offset holds", "[time][zone]") {
  const Zone& z = copenhagen();
  CHECK(z.offset_seconds_at(utc(1, 1, 1)) == z.offset_seconds_at(utc(1850, 1, 1)));
  CHECK(z.offset_seconds_at(utc(9999, 12, 31)) == z.offset_seconds_at(utc(2299, 12, 31)));
  CHECK(z.local_date(utc(9999, 12, 31, 12)) == day(9999, 12, 31));
  CHECK(z.local_date(utc(1, 1, 1, 12)) == day(1, 1, 1));
}

TEST_CASE("zone: local dates of instants", "[time][zone]") {
  const Zone& z = copenhagen();
  CHECK(z.local_date(utc(2023, 12, 31, 23, 30)) == day(2024, 1, 1));
  CHECK(z.local_date(utc(2023, 12, 31, 22, 59, 59, 999999)) == day(2023, 12, 31));
  CHECK(z.local_date(utc(2023, 12, 31, 23)) == day(2024, 1, 1));
  CHECK(z.local_date(utc(2023, 6, 30, 22)) == day(2023, 7, 1));
  CHECK(z.local_date(utc(2023, 6, 30, 21, 59, 59, 999999)) == day(2023, 6, 30));
  CHECK(z.local_date(utc(1969, 12, 31, 23)) == day(1970, 1, 1));
  CHECK(z.local_date(utc(1969, 12, 31, 22, 59)) == day(1969, 12, 31));
}

TEST_CASE("zone: local midnights and day lengths across the changes", "[time][zone]") {
  const Zone& z = copenhagen();
  CHECK(z.local_midnight(day(2023, 5, 2)) == utc(2023, 5, 1, 22));
  CHECK(z.local_midnight(day(2023, 1, 2)) == utc(2023, 1, 1, 23));
  CHECK(z.local_midnight(day(2023, 3, 26)) == utc(2023, 3, 25, 23));
  CHECK(z.local_midnight(day(2023, 3, 27)) == utc(2023, 3, 26, 22));
  CHECK(z.local_midnight(day(2023, 3, 27)) - z.local_midnight(day(2023, 3, 26)) == 23 * kMicrosPerHour);
  CHECK(z.local_midnight(day(2023, 10, 30)) - z.local_midnight(day(2023, 10, 29)) == 25 * kMicrosPerHour);
  CHECK(z.local_midnight(day(2023, 5, 3)) - z.local_midnight(day(2023, 5, 2)) == 24 * kMicrosPerHour);
  // local_date and local_midnight agree on every day of a few years.
  for (Days d = day(2019, 1, 1); d <= day(2026, 12, 31); ++d) {
    const Micros m = z.local_midnight(d);
    REQUIRE(z.local_date(m) == d);
    REQUIRE(z.local_date(m - 1) == d - 1);
  }
}

TEST_CASE("zone: spring gap takes the offset before the change", "[time][zone]") {
  const Zone& z = copenhagen();
  const Days d = day(2023, 3, 26);
  const LocalInstant gap = z.from_local(d, 2 * kMicrosPerHour + 30 * kMicrosPerMinute);
  CHECK(gap.mapping == LocalMapping::Nonexistent);
  CHECK(gap.utc == utc(2023, 3, 26, 1, 30));  // 02:30 at +01:00 (shown as 03:30 CEST)
  const LocalInstant gap_start = z.from_local(d, 2 * kMicrosPerHour);
  CHECK(gap_start.mapping == LocalMapping::Nonexistent);
  CHECK(gap_start.utc == utc(2023, 3, 26, 1));
  const LocalInstant just_before = z.from_local(d, 2 * kMicrosPerHour - 1);
  CHECK(just_before.mapping == LocalMapping::Unique);
  CHECK(just_before.utc == utc(2023, 3, 26, 1) - 1);
  const LocalInstant after = z.from_local(d, 3 * kMicrosPerHour);
  CHECK(after.mapping == LocalMapping::Unique);
  CHECK(after.utc == utc(2023, 3, 26, 1));
  const LocalInstant noon = z.from_local(d, 12 * kMicrosPerHour);
  CHECK(noon.mapping == LocalMapping::Unique);
  CHECK(noon.utc == utc(2023, 3, 26, 10));
}

TEST_CASE("zone: autumn fold takes the offset before the change (first occurrence)", "[time][zone]") {
  const Zone& z = copenhagen();
  const Days d = day(2023, 10, 29);
  const LocalInstant fold = z.from_local(d, 2 * kMicrosPerHour + 30 * kMicrosPerMinute);
  CHECK(fold.mapping == LocalMapping::Ambiguous);
  CHECK(fold.utc == utc(2023, 10, 29, 0, 30));  // 02:30 at +02:00
  const LocalInstant fold_start = z.from_local(d, 2 * kMicrosPerHour);
  CHECK(fold_start.mapping == LocalMapping::Ambiguous);
  CHECK(fold_start.utc == utc(2023, 10, 29, 0));
  const LocalInstant fold_end = z.from_local(d, 3 * kMicrosPerHour - 1);
  CHECK(fold_end.mapping == LocalMapping::Ambiguous);
  CHECK(fold_end.utc == utc(2023, 10, 29, 1) - 1);
  const LocalInstant before = z.from_local(d, 2 * kMicrosPerHour - 1);
  CHECK(before.mapping == LocalMapping::Unique);
  CHECK(before.utc == utc(2023, 10, 29, 0) - 1);
  const LocalInstant after = z.from_local(d, 3 * kMicrosPerHour);
  CHECK(after.mapping == LocalMapping::Unique);
  CHECK(after.utc == utc(2023, 10, 29, 2));
}

TEST_CASE("zone: local wall-clock time round-trips every quarter hour", "[time][zone]") {
  const Zone& z = copenhagen();
  int folds = 0;
  for (Micros u = utc(2023, 1, 1); u < utc(2025, 1, 1); u += 15 * kMicrosPerMinute) {
    const Micros local = u + Micros{z.offset_seconds_at(u)} * kMicrosPerSecond;
    const Days d = z.local_date(u);
    const LocalInstant back = z.from_local(d, local - Micros{d} * kMicrosPerDay);
    if (back.mapping == LocalMapping::Ambiguous && back.utc != u) {
      // The second pass through the fold maps to the first: one hour earlier.
      REQUIRE(back.utc == u - kMicrosPerHour);
      ++folds;
    } else {
      REQUIRE(back.utc == u);
      REQUIRE(back.mapping != LocalMapping::Nonexistent);
    }
  }
  CHECK(folds == 2 * 4);  // 2023 and 2024, four quarter hours each
}

TEST_CASE("zone: other zones from the same database (gap at midnight, UTC)", "[time][zone]") {
  // São Paulo began summer time at local midnight until 2019: on 2018-11-04
  // the clock went from 00:00 to 01:00, so that day starts at 01:00 (-02:00).
  const auto loaded = Zone::load("America/Sao_Paulo");
  REQUIRE(loaded.ok());
  const Zone& sp = *loaded;
  const LocalInstant midnight = sp.from_local(day(2018, 11, 4), 0);
  CHECK(midnight.mapping == LocalMapping::Nonexistent);
  CHECK(midnight.utc == utc(2018, 11, 4, 3));
  CHECK(sp.local_date(sp.local_midnight(day(2018, 11, 4))) == day(2018, 11, 4));
  CHECK(sp.local_midnight(day(2018, 11, 5)) - sp.local_midnight(day(2018, 11, 4)) == 23 * kMicrosPerHour);
  CHECK(sp.offset_seconds_at(utc(2023, 1, 15)) == -3 * 3600);  // no summer time since 2019

  const auto utc_zone = Zone::load("UTC");
  REQUIRE(utc_zone.ok());
  CHECK(utc_zone->offset_seconds_at(utc(2023, 7, 1)) == 0);
  CHECK(utc_zone->local_midnight(day(2023, 7, 1)) == utc(2023, 7, 1));
  CHECK(utc_zone->from_local(day(2023, 3, 26), 2 * kMicrosPerHour + 30 * kMicrosPerMinute).mapping ==
        LocalMapping::Unique);
}

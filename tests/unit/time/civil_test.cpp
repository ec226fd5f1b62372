// Unit tests for runtime/time/civil: day numbers, weekdays, month-end
// clamping, leap years, age at the 29 February boundary, strict dates.
#include <catch2/catch.hpp>

#include <cstdint>

#include "runtime/time/civil.hpp"
#include "time_fixtures.hpp"

using namespace frist::time;
using frist::time::testing::day;

TEST_CASE("civil: day numbers of known dates", "[time][civil]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  CHECK(days_from_civil(1970, 3, 1) == 59);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(days_from_civil(2024, 2, 29) == 19782);
  CHECK(days_from_civil(1, 1, 1) == -719162);
  CHECK(days_from_civil(9999, 12, 31) == 2932896);

  const Civil c = civil_from_days(19782);
  CHECK(c.year == 2024);
  CHECK(c.month == 2);
  CHECK(c.day == 29);
  const Civil before_epoch = civil_from_days(-1);
  CHECK(before_epoch.year == 1969);
  CHECK(before_epoch.month == 12);
  CHECK(before_epoch.day == 31);
}

TEST_CASE("civil: every day of years 1..9999 round-trips and follows its predecessor", "[time][civil]") {
  Civil prev = civil_from_days(days_from_civil(1, 1, 1) - 1);
  CHECK(prev.year == 0);
  CHECK(prev.month == 12);
  CHECK(prev.day == 31);
  int failures = 0;
  for (Days d = days_from_civil(1, 1, 1); d <= days_from_civil(9999, 12, 31); ++d) {
    const Civil c = civil_from_days(d);
    const bool next_day = c.year == prev.year && c.month == prev.month && c.day == prev.day + 1;
    const bool next_month = c.year == prev.year && c.month == prev.month + 1 && c.day == 1 &&
                            prev.day == days_in_month(prev.year, prev.month);
    const bool next_year = c.year == prev.year + 1 && c.month == 1 && c.day == 1 && prev.month == 12 &&
                           prev.day == 31;
    if (!(next_day || next_month || next_year) || !valid_civil(c.year, c.month, c.day) ||
        days_from_civil(c.year, c.month, c.day) != d) {
      if (++failures < 5) FAIL_CHECK("day " << d << " -> " << c.year << "-" << c.month << "-" << c.day);
    }
    prev = c;
  }
  CHECK(failures == 0);
}

TEST_CASE("civil: leap years and month lengths", "[time][civil]") {
  CHECK(is_leap_year(2024));
  CHECK(is_leap_year(2000));
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2023));
  CHECK_FALSE(is_leap_year(2100));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2023, 2) == 28);
  CHECK(days_in_month(2023, 4) == 30);
  CHECK(days_in_month(2023, 12) == 31);
  CHECK(valid_civil(2024, 2, 29));
  CHECK_FALSE(valid_civil(2023, 2, 29));
  CHECK_FALSE(valid_civil(2023, 2, 30));
  CHECK_FALSE(valid_civil(2023, 4, 31));
  CHECK_FALSE(valid_civil(2023, 13, 1));
  CHECK_FALSE(valid_civil(2023, 0, 1));
  CHECK_FALSE(valid_civil(2023, 1, 0));
  CHECK_FALSE(valid_civil(0, 1, 1));
  CHECK_FALSE(valid_civil(10000, 1, 1));
}

TEST_CASE("civil: ISO weekdays", "[time][civil]") {
  CHECK(iso_weekday(day(1970, 1, 1)) == 4);  // Thursday
  CHECK(iso_weekday(day(1969, 12, 29)) == 1);
  CHECK(iso_weekday(day(2022, 4, 11)) == 1);
  CHECK(iso_weekday(day(2023, 5, 5)) == 5);
  CHECK(iso_weekday(day(2024, 6, 9)) == 7);
  CHECK(iso_weekday(day(1, 1, 1)) == 1);
  CHECK(iso_weekday(day(9999, 12, 31)) == 5);
}

TEST_CASE("civil: months with end-of-month clamping", "[time][civil]") {
  CHECK(add_months(day(2022, 10, 31), 4) == day(2023, 2, 28));
  CHECK(add_months(day(2023, 10, 31), 4) == day(2024, 2, 29));
  CHECK(add_months(day(2021, 11, 30), 3) == day(2022, 2, 28));
  CHECK(add_months(day(2023, 11, 30), 3) == day(2024, 2, 29));
  CHECK(add_months(day(2022, 8, 31), 6) == day(2023, 2, 28));
  CHECK(add_months(day(2024, 5, 31), 4) == day(2024, 9, 30));
  CHECK(add_months(day(2024, 3, 31), 3) == day(2024, 6, 30));
  CHECK(add_months(day(2024, 11, 30), 3) == day(2025, 2, 28));
  CHECK(add_months(day(2024, 2, 29), 3) == day(2024, 5, 29));
  CHECK(add_months(day(2021, 12, 15), 4) == day(2022, 4, 15));
  CHECK(add_months(day(2024, 10, 15), 3) == day(2025, 1, 15));
  // Clamping does not stick: two steps of one month differ from one of two.
  CHECK(add_months(*add_months(day(2023, 1, 31), 1), 1) == day(2023, 3, 28));
  CHECK(add_months(day(2023, 1, 31), 2) == day(2023, 3, 31));
  // Backwards.
  CHECK(add_months(day(2024, 3, 31), -1) == day(2024, 2, 29));
  CHECK(add_months(day(2023, 1, 15), -13) == day(2021, 12, 15));
  CHECK(add_months(day(2023, 5, 17), 0) == day(2023, 5, 17));
  // Out of range.
  CHECK_FALSE(add_months(day(9999, 12, 1), 1).has_value());
  CHECK_FALSE(add_months(day(1, 1, 31), -1).has_value());
  CHECK_FALSE(add_months(day(2023, 1, 1), INT64_MAX).has_value());
  CHECK_FALSE(add_months(day(2023, 1, 1), INT64_MIN).has_value());
}

TEST_CASE("civil: years, 29 February + 1 year = 28 February", "[time][civil]") {
  CHECK(add_years(day(2024, 2, 29), 1) == day(2025, 2, 28));
  CHECK(add_years(day(2020, 2, 29), 1) == day(2021, 2, 28));
  CHECK(add_years(day(2020, 2, 29), 2) == day(2022, 2, 28));
  CHECK(add_years(day(2020, 2, 29), 3) == day(2023, 2, 28));
  CHECK(add_years(day(2020, 2, 29), 4) == day(2024, 2, 29));
  CHECK(add_years(day(2024, 2, 29), -1) == day(2023, 2, 28));
  CHECK(add_years(day(2023, 12, 31), 1) == day(2024, 12, 31));
  CHECK_FALSE(add_years(day(9999, 1, 1), 1).has_value());
  CHECK_FALSE(add_years(day(2023, 1, 1), INT64_MAX / 2).has_value());
}

TEST_CASE("civil: days and weeks are plain arithmetic", "[time][civil]") {
  CHECK(add_days(day(2023, 2, 28), 1) == day(2023, 3, 1));
  CHECK(add_days(day(2024, 2, 28), 1) == day(2024, 2, 29));
  CHECK(add_days(day(2023, 12, 31), 1) == day(2024, 1, 1));
  CHECK(add_days(day(2023, 3, 1), -1) == day(2023, 2, 28));
  CHECK(add_days(day(2023, 3, 20), 14) == day(2023, 4, 3));
  CHECK(add_days(day(9999, 12, 31), 0) == day(9999, 12, 31));
  CHECK_FALSE(add_days(day(9999, 12, 31), 1).has_value());
  CHECK_FALSE(add_days(day(1, 1, 1), -1).has_value());
  CHECK_FALSE(add_days(0, INT64_MAX).has_value());
  CHECK_FALSE(add_days(0, INT64_MIN).has_value());
}

TEST_CASE("civil: age in whole years", "[time][civil]") {
  const Days born = day(2008, 2, 29);
  CHECK(age_in_years(born, day(2024, 2, 28)) == 15);
  CHECK(age_in_years(born, day(2024, 2, 29)) == 16);
  CHECK(age_in_years(born, day(2024, 3, 1)) == 16);
  // In a common year born + N years is 28 February (clamped).
  CHECK(age_in_years(born, day(2025, 2, 27)) == 16);
  CHECK(age_in_years(born, day(2025, 2, 28)) == 17);
  CHECK(age_in_years(born, born) == 0);
  CHECK(age_in_years(born, day(2009, 2, 27)) == 0);
  CHECK(age_in_years(day(2009, 4, 17), day(2025, 4, 16)) == 15);
  CHECK(age_in_years(day(2009, 4, 17), day(2025, 4, 17)) == 16);
  CHECK(age_in_years(day(2009, 12, 31), day(2010, 1, 1)) == 0);
  CHECK(age_in_years(day(2010, 5, 5), day(2009, 5, 5)) == -1);
  CHECK(age_in_years(day(2010, 5, 5), day(2009, 5, 4)) == -2);
  // Definition check: the largest N with add_years(born, N) <= at.
  for (Days at = day(2008, 1, 1); at <= day(2030, 12, 31); ++at) {
    const int n = age_in_years(born, at);
    if (at >= born) {
      REQUIRE(*add_years(born, n) <= at);
      REQUIRE(*add_years(born, n + 1) > at);
    }
  }
}

TEST_CASE("civil: strict YYYY-MM-DD dates", "[time][civil]") {
  CHECK(parse_date("2023-05-02") == day(2023, 5, 2));
  CHECK(parse_date("2024-02-29") == day(2024, 2, 29));
  CHECK(parse_date("0001-01-01") == day(1, 1, 1));
  CHECK(parse_date("9999-12-31") == day(9999, 12, 31));
  for (const char* bad : {"", "2023-5-02", "2023-05-2", "02-05-2023", "01-03-2023", "2023/05/02", "20230502",
                          "2023-05-02T10:00", "2023-05-02 ", " 2023-05-02", "2023-02-30", "2023-02-29",
                          "2023-13-01", "2023-00-01", "0000-01-01", "+023-05-02", "2023-05-0a", "2023-05-02Z"}) {
    INFO(bad);
    CHECK_FALSE(parse_date(bad).has_value());
  }
  CHECK(format_date(day(2023, 5, 2)) == "2023-05-02");
  CHECK(format_date(day(1, 1, 1)) == "0001-01-01");
  CHECK(format_date(day(1969, 12, 31)) == "1969-12-31");
  CHECK(format_date(*parse_date("2024-02-29")) == "2024-02-29");
}

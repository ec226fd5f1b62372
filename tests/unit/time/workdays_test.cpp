// Unit tests for runtime/time/workdays: counting Danish working days. The
// real holiday calendar is Frist code in stdlib/; the list below exists only
// to give the counter realistic data (Easter-based holidays, Store bededag
// until 2023, Grundlovsdag and 24/31 December as working days).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "runtime/time/workdays.hpp"
#include "time_fixtures.hpp"

using namespace frist::time;
using frist::time::testing::day;

namespace {

// Danish public holidays 2021–2026 from the Easter Sundays of those years.
WorkdayCalendar danish_calendar_2021_2026() {
  const struct {
    int year, easter_month, easter_day;
  } easters[] = {{2021, 4, 4}, {2022, 4, 17}, {2023, 4, 9}, {2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5}};
  std::vector<Days> holidays;
  for (const auto& e : easters) {
    const Days easter = day(e.year, e.easter_month, e.easter_day);
    holidays.push_back(day(e.year, 1, 1));  // Nytårsdag
    for (const int offset : {-3, -2, 0, 1, 39, 49, 50}) {
      // Skærtorsdag, Langfredag, Påskedag, 2. påskedag, Kristi himmelfart, Pinsedag, 2. pinsedag
      holidays.push_back(easter + offset);
    }
    if (e.year <= 2023) holidays.push_back(easter + 26);  // Store bededag, abolished from 2024
    holidays.push_back(day(e.year, 12, 25));                // Juledag
    holidays.push_back(day(e.year, 12, 26));                // 2. juledag
  }
  holidays.push_back(day(2024, 12, 25));  // a duplicate is harmless
  return WorkdayCalendar(holidays, 2021, 2026);
}

}  // namespace

TEST_CASE("workdays: the 6th working day after a date (Danish examples)", "[time][workdays]") {
  const WorkdayCalendar cal = danish_calendar_2021_2026();
  // Skærtorsdag 14, Langfredag 15, 2. påskedag 18 April 2022.
  CHECK(cal.add_workdays(day(2022, 4, 11), 6) == day(2022, 4, 22));
  // Store bededag 5 May 2023.
  CHECK(cal.add_workdays(day(2023, 5, 1), 6) == day(2023, 5, 10));
  // No Store bededag in 2024 (it would have been 26 April).
  CHECK(cal.add_workdays(day(2024, 4, 22), 6) == day(2024, 4, 30));
  // Kristi himmelfartsdag 9 May 2024.
  CHECK(cal.add_workdays(day(2024, 5, 8), 6) == day(2024, 5, 17));
  // Grundlovsdag 5 June is a working day in this calendar.
  CHECK(cal.add_workdays(day(2024, 5, 31), 6) == day(2024, 6, 10));
  // 24 December is a working day; 25 and 26 are holidays.
  CHECK(cal.add_workdays(day(2024, 12, 17), 6) == day(2024, 12, 27));
  // 31 December is a working day, 1 January a holiday (C-opfølgning_6_mdr-3).
  CHECK(cal.add_workdays(day(2024, 12, 27), 6) == day(2025, 1, 7));
  CHECK(cal.add_workdays(day(2024, 12, 30), 6) == day(2025, 1, 8));
}

TEST_CASE("workdays: counting starts after d; zero and negative counts", "[time][workdays]") {
  const WorkdayCalendar cal = danish_calendar_2021_2026();
  CHECK(cal.add_workdays(day(2024, 6, 7), 1) == day(2024, 6, 10));   // Friday → Monday
  CHECK(cal.add_workdays(day(2024, 6, 8), 1) == day(2024, 6, 10));   // Saturday → Monday
  CHECK(cal.add_workdays(day(2024, 6, 10), 1) == day(2024, 6, 11));  // a workday itself is not counted
  CHECK(cal.add_workdays(day(2024, 6, 8), 0) == day(2024, 6, 8));
  CHECK(cal.add_workdays(day(2024, 6, 10), -1) == day(2024, 6, 7));
  CHECK(cal.add_workdays(day(2022, 4, 22), -6) == day(2022, 4, 11));
  CHECK(cal.add_workdays(day(2023, 5, 10), -6) == day(2023, 5, 1));
  CHECK(cal.add_workdays(day(2025, 1, 2), -1) == day(2024, 12, 31));
  CHECK(cal.add_workdays(day(2024, 6, 10), 5) == day(2024, 6, 17));  // a plain week
}

TEST_CASE("workdays: holidays, weekends and coverage", "[time][workdays]") {
  const WorkdayCalendar cal = danish_calendar_2021_2026();
  CHECK(cal.first_year() == 2021);
  CHECK(cal.last_year() == 2026);
  CHECK(cal.is_holiday(day(2023, 5, 5)));
  CHECK_FALSE(cal.is_holiday(day(2024, 4, 26)));
  CHECK_FALSE(cal.is_holiday(day(2024, 6, 5)));
  CHECK_FALSE(cal.is_holiday(day(2024, 12, 24)));
  CHECK(cal.is_holiday(day(2024, 12, 25)));
  CHECK(cal.is_holiday(day(2024, 3, 31)));  // Påskedag, a Sunday
  CHECK(cal.is_workday(day(2024, 12, 24)));
  CHECK(cal.is_workday(day(2024, 6, 5)));
  CHECK_FALSE(cal.is_workday(day(2024, 12, 25)));
  CHECK_FALSE(cal.is_workday(day(2024, 6, 8)));  // Saturday
  CHECK_FALSE(cal.is_workday(day(2024, 6, 9)));  // Sunday
  CHECK(cal.covers(day(2021, 1, 1)));
  CHECK(cal.covers(day(2026, 12, 31)));
  CHECK_FALSE(cal.covers(day(2020, 12, 31)));
  CHECK_FALSE(cal.covers(day(2027, 1, 1)));
  // The holiday list is kept sorted and without duplicates.
  const std::vector<Days>& h = cal.holidays();
  CHECK(std::is_sorted(h.begin(), h.end()));
  CHECK(std::adjacent_find(h.begin(), h.end()) == h.end());
  CHECK(h.size() == 6 * 11 - 3);  // 11 holidays a year, Store bededag only 2021–2023
}

TEST_CASE("workdays: counting outside the computed years fails", "[time][workdays]") {
  const WorkdayCalendar cal = danish_calendar_2021_2026();
  CHECK(cal.add_workdays(day(2026, 12, 31), 1) == std::nullopt);
  CHECK(cal.add_workdays(day(2026, 12, 24), 6) == std::nullopt);
  CHECK(cal.add_workdays(day(2021, 1, 4), -2) == std::nullopt);
  CHECK(cal.add_workdays(day(2020, 12, 31), 1) == day(2021, 1, 4));  // day before the range
  CHECK(cal.add_workdays(day(2027, 1, 1), -1) == day(2026, 12, 31));  // day after the range
  CHECK(cal.add_workdays(day(2019, 6, 3), 1) == std::nullopt);
  CHECK(cal.add_workdays(day(2024, 6, 3), INT64_MAX) == std::nullopt);
  CHECK(cal.add_workdays(day(2024, 6, 3), INT64_MIN) == std::nullopt);
  CHECK(cal.add_workdays(INT32_MAX, 1) == std::nullopt);

  const WorkdayCalendar empty;
  CHECK_FALSE(empty.covers(0));
  CHECK(empty.add_workdays(day(2024, 6, 3), 1) == std::nullopt);
  CHECK(empty.add_workdays(day(2024, 6, 3), 0) == day(2024, 6, 3));
}

TEST_CASE("workdays: a count is the same as stepping one working day at a time", "[time][workdays]") {
  const WorkdayCalendar cal = danish_calendar_2021_2026();
  for (Days d = day(2022, 1, 1); d <= day(2025, 12, 1); ++d) {
    Days stepped = d;
    for (int k = 0; k < 10; ++k) {
      do ++stepped;
      while (!cal.is_workday(stepped));
    }
    REQUIRE(cal.add_workdays(d, 10) == stepped);
    const std::optional<Days> back = cal.add_workdays(stepped, -10);
    REQUIRE(back.has_value());
    if (cal.is_workday(d)) {
      REQUIRE(*back == d);
    } else {
      REQUIRE(*back < d);
    }
  }
}

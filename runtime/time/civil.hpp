// Civil calendar dates: days since 1970-01-01 in the proleptic Gregorian
// calendar, conversions to and from year/month/day, weekday, and calendar
// arithmetic with end-of-month clamping (spec/semantics.md §2 "Calendar
// durations"). Pure integer arithmetic; no time zone is involved here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace frist::time {

using Days = std::int32_t;  // days since 1970-01-01

struct Civil {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

// Range the engine accepts for calendar values (years 1..9999).
constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

bool is_leap_year(int year) noexcept;
int days_in_month(int year, int month) noexcept;
bool valid_civil(int year, int month, int day) noexcept;
Days days_from_civil(int year, int month, int day) noexcept;  // precondition: valid_civil
Civil civil_from_days(Days d) noexcept;

// 1 = Monday … 7 = Sunday (ISO 8601).
int iso_weekday(Days d) noexcept;

// `d + n months`: same day of month n months later, clamped to the last day
// of that month (31 Oct 2022 + 4 months = 28 Feb 2023). n may be negative.
// Returns nullopt when the result leaves the years kMinYear..kMaxYear.
std::optional<Days> add_months(Days d, std::int64_t n) noexcept;
std::optional<Days> add_years(Days d, std::int64_t n) noexcept;  // 29 Feb + 1 year = 28 Feb
std::optional<Days> add_days(Days d, std::int64_t n) noexcept;

// Whole years of age at `at` for someone born on `born`: the largest N with
// born + N years <= at (so born 29 Feb 2008 is 16 on 29 Feb 2024, not on 28 Feb).
// Negative when at < born.
int age_in_years(Days born, Days at) noexcept;

// Strict `YYYY-MM-DD` (exactly 10 characters, a valid date) or nullopt.
std::optional<Days> parse_date(std::string_view text) noexcept;
std::string format_date(Days d);  // YYYY-MM-DD

}  // namespace frist::time

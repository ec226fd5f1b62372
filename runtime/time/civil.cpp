// Civil calendar arithmetic: the proleptic Gregorian calendar as days since
// 1970-01-01, year/month/day conversions, ISO weekday, month/year/day
// addition with end-of-month clamping, age in whole years, and the strict
// `YYYY-MM-DD` form. Pure integer arithmetic; no time zone is involved.
#include "runtime/time/civil.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace frist::time {
namespace {

// The conversions count days from 0000-03-01: a year that starts in March
// puts the leap day at its very end, so month lengths before it never vary.
// A 400-year Gregorian cycle has exactly 146097 days, and 1970-01-01 is day
// 719468 of that count.
constexpr std::int64_t kDaysPerCycle = 146097;
constexpr std::int64_t kEpochFromMarchZero = 719468;

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Days of the months March..February before a given March-based month
// (0 = March): 31,30,31,30,31 repeat, so (153 * m + 2) / 5 gives them exactly.
constexpr std::int64_t days_before_march_based_month(std::int64_t m) noexcept {
  return (153 * m + 2) / 5;
}

// Unchecked conversion for any year the arithmetic can hold; the public
// function documents the valid_civil precondition.
constexpr std::int64_t days_from_civil_unchecked(std::int64_t year, int month, int day) noexcept {
  const std::int64_t march_year = month <= 2 ? year - 1 : year;
  const std::int64_t cycle = floor_div(march_year, 400);
  const std::int64_t year_of_cycle = march_year - cycle * 400;  // 0..399
  const std::int64_t march_month = month >= 3 ? month - 3 : month + 9;  // 0..11
  const std::int64_t day_of_year = days_before_march_based_month(march_month) + day - 1;
  const std::int64_t day_of_cycle =
      year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;
  return cycle * kDaysPerCycle + day_of_cycle - kEpochFromMarchZero;
}

constexpr Days kFirstDay = static_cast<Days>(days_from_civil_unchecked(kMinYear, 1, 1));
constexpr Days kLastDay = static_cast<Days>(days_from_civil_unchecked(kMaxYear, 12, 31));

// Months are counted as year * 12 + (month - 1) for clamped arithmetic.
constexpr std::int64_t kMaxMonthShift = std::int64_t{kMaxYear - kMinYear + 1} * 12;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace

bool is_leap_year(int year) noexcept {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(int year, int month) noexcept {
  switch (month) {
    case 2:
      return is_leap_year(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

bool valid_civil(int year, int month, int day) noexcept {
  return year >= kMinYear && year <= kMaxYear && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

// Fast paths for the years 1..9999 (Neri and Schneider, "Euclidean affine
// functions and their application to calendar algorithms", 2022): the same
// March-based count in unsigned 32-bit arithmetic, shifted by 82 cycles of
// 400 years so that every day of the range is positive, with the divisions
// replaced by multiplications. The VM and the readers convert dates all the
// time; tests/unit/time/civil_test.cpp checks every day of the range.
namespace {

constexpr std::uint32_t kShiftYears = 82 * 400;
constexpr std::uint32_t kShiftDays = static_cast<std::uint32_t>(kEpochFromMarchZero + 82 * kDaysPerCycle);

constexpr std::uint32_t shifted_day_count(std::uint32_t year, std::uint32_t month, std::uint32_t day) noexcept {
  const std::uint32_t jan_feb = month <= 2 ? 1 : 0;
  const std::uint32_t y = year + kShiftYears - jan_feb;
  const std::uint32_t m = jan_feb != 0 ? month + 12 : month;
  const std::uint32_t century = y / 100;
  return 1461 * y / 4 - century + century / 4 + (979 * m - 2919) / 32 + day;
}

// shifted_day_count of 1970-01-01: day 0.
constexpr std::uint32_t kShiftedEpoch = shifted_day_count(1970, 1, 1);

constexpr Civil civil_fast(Days d) noexcept {
  const std::uint32_t n = static_cast<std::uint32_t>(d) + kShiftDays;  // days since the shifted 0000-03-01
  const std::uint32_t n1 = 4 * n + 3;
  const std::uint32_t century = n1 / 146097;
  const std::uint32_t day_of_century = n1 % 146097 / 4;
  const std::uint64_t p2 = std::uint64_t{2939745} * (4 * day_of_century + 3);
  const std::uint32_t year_of_century = static_cast<std::uint32_t>(p2 >> 32);
  const std::uint32_t day_of_year = static_cast<std::uint32_t>(p2) / 2939745 / 4;  // 0 = 1 March
  const std::uint32_t n3 = 2141 * day_of_year + 197913;
  const std::uint32_t jan_feb = day_of_year >= 306 ? 1 : 0;
  const std::uint32_t month = (n3 >> 16) - 12 * jan_feb;
  const std::uint32_t day = (n3 & 0xFFFF) / 2141 + 1;
  const std::uint32_t year = 100 * century + year_of_century + jan_feb - kShiftYears;
  return Civil{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

static_assert(civil_fast(0).year == 1970 && civil_fast(0).month == 1 && civil_fast(0).day == 1);
static_assert(shifted_day_count(2000, 3, 1) - kShiftedEpoch == 11017);

}  // namespace

Days days_from_civil(int year, int month, int day) noexcept {
  if (year >= kMinYear && year <= kMaxYear && month >= 1 && month <= 12 && day >= 0 && day <= 31) {
    return static_cast<Days>(shifted_day_count(static_cast<std::uint32_t>(year), static_cast<std::uint32_t>(month),
                                               static_cast<std::uint32_t>(day)) -
                             kShiftedEpoch);
  }
  return static_cast<Days>(days_from_civil_unchecked(year, month, day));
}

Civil civil_from_days(Days d) noexcept {
  if (d >= kFirstDay && d <= kLastDay) return civil_fast(d);
  const std::int64_t from_march_zero = std::int64_t{d} + kEpochFromMarchZero;
  const std::int64_t cycle = floor_div(from_march_zero, kDaysPerCycle);
  const std::int64_t day_of_cycle = from_march_zero - cycle * kDaysPerCycle;  // 0..146096
  // Remove the leap days (every 4th year, not every 100th, but the 400th)
  // before dividing by 365; the last day of a cycle needs the final term.
  const std::int64_t year_of_cycle =
      (day_of_cycle - day_of_cycle / 1460 + day_of_cycle / 36524 - day_of_cycle / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_cycle - (year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100);  // 0..365
  const std::int64_t march_month = (5 * day_of_year + 2) / 153;                         // 0..11
  const int day = static_cast<int>(day_of_year - days_before_march_based_month(march_month) + 1);
  const int month = static_cast<int>(march_month < 10 ? march_month + 3 : march_month - 9);
  const int year = static_cast<int>(cycle * 400 + year_of_cycle + (month <= 2 ? 1 : 0));
  return Civil{year, month, day};
}

int iso_weekday(Days d) noexcept {
  // 1970-01-01 was a Thursday (4).
  const std::int64_t from_monday = std::int64_t{d} + 3;
  return static_cast<int>(from_monday - floor_div(from_monday, 7) * 7) + 1;
}

std::optional<Days> add_months(Days d, std::int64_t n) noexcept {
  if (n > kMaxMonthShift || n < -kMaxMonthShift) return std::nullopt;
  const Civil c = civil_from_days(d);
  const std::int64_t month_index = std::int64_t{c.year} * 12 + (c.month - 1) + n;
  const std::int64_t year = floor_div(month_index, 12);
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  const int y = static_cast<int>(year);
  const int m = static_cast<int>(month_index - year * 12) + 1;
  return days_from_civil(y, m, std::min(c.day, days_in_month(y, m)));
}

std::optional<Days> add_years(Days d, std::int64_t n) noexcept {
  if (n > kMaxMonthShift / 12 || n < -kMaxMonthShift / 12) return std::nullopt;
  return add_months(d, n * 12);
}

std::optional<Days> add_days(Days d, std::int64_t n) noexcept {
  if (n > std::int64_t{kLastDay} - kFirstDay || n < std::int64_t{kFirstDay} - kLastDay) {
    return std::nullopt;
  }
  const std::int64_t result = std::int64_t{d} + n;
  if (result < kFirstDay || result > kLastDay) return std::nullopt;
  return static_cast<Days>(result);
}

int age_in_years(Days born, Days at) noexcept {
  // born + N years is the same month and day N years later, clamped to the
  // month's end (29 Feb → 28 Feb in a common year). So the anniversary in
  // at's year decides whether that year's birthday has been reached.
  const Civil b = civil_from_days(born);
  const Civil a = civil_from_days(at);
  const int anniversary_day = std::min(b.day, days_in_month(a.year, b.month));
  const bool reached = a.month > b.month || (a.month == b.month && a.day >= anniversary_day);
  return a.year - b.year - (reached ? 0 : 1);
}

std::optional<Days> parse_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (!is_digit(text[i])) return std::nullopt;
  }
  const auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const int year = num(0, 4);
  const int month = num(5, 2);
  const int day = num(8, 2);
  if (!valid_civil(year, month, day)) return std::nullopt;
  return days_from_civil(year, month, day);
}

std::string format_date(Days d) {
  const Civil c = civil_from_days(d);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

}  // namespace frist::time

// Working days: Monday–Friday that are not holidays of a calendar. The set of
// holidays is data (a ruleset's calendar, written in Frist in the stdlib and
// precomputed per year by the loader); this class only counts.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "runtime/time/civil.hpp"

namespace frist::time {

class WorkdayCalendar {
 public:
  WorkdayCalendar() = default;
  // `holidays`: any order, duplicates allowed. [first_year, last_year] is the
  // range the calendar was computed for; counting outside it fails (nullopt).
  WorkdayCalendar(std::vector<Days> holidays, int first_year, int last_year);

  bool covers(Days d) const noexcept;
  bool is_holiday(Days d) const noexcept;
  bool is_workday(Days d) const noexcept;  // Mon–Fri and not a holiday

  // The n-th working day after `d` (n >= 1: counting starts with the first
  // working day after d; n == 0 returns d; n < 0 counts backwards).
  // nullopt when the count leaves the computed range.
  std::optional<Days> add_workdays(Days d, std::int64_t n) const noexcept;

  int first_year() const noexcept { return first_year_; }
  int last_year() const noexcept { return last_year_; }
  const std::vector<Days>& holidays() const noexcept { return holidays_; }

 private:
  std::vector<Days> holidays_;  // sorted, unique
  std::vector<std::uint8_t> is_holiday_;  // dense bitmap over the covered range, by day
  std::vector<std::uint8_t> is_workday_;  // the same range: Monday–Friday and not a holiday (add_workdays' loop)
  Days range_begin_ = 0;
  Days range_end_ = 0;  // exclusive
  int first_year_ = 0;
  int last_year_ = -1;
};

}  // namespace frist::time

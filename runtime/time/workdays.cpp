// WorkdayCalendar: which days are working days (Monday–Friday, not a holiday
// of the calendar) and counting N working days from a date, over the years a
// ruleset's holiday calendar was computed for (spec/semantics.md §2
// "Workdays"). The holidays themselves are data; nothing here knows Easter.
#include "runtime/time/workdays.hpp"

#include <algorithm>
#include <utility>

namespace frist::time {

WorkdayCalendar::WorkdayCalendar(std::vector<Days> holidays, int first_year, int last_year)
    : holidays_(std::move(holidays)), first_year_(first_year), last_year_(last_year) {
  std::sort(holidays_.begin(), holidays_.end());
  holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());

  first_year_ = std::max(first_year_, kMinYear);
  last_year_ = std::min(last_year_, kMaxYear);
  if (first_year_ > last_year_) {  // an empty range covers no day
    first_year_ = 0;
    last_year_ = -1;
    return;
  }
  range_begin_ = days_from_civil(first_year_, 1, 1);
  range_end_ = days_from_civil(last_year_, 12, 31) + 1;
  is_holiday_.assign(static_cast<std::size_t>(range_end_ - range_begin_), 0);
  for (const Days h : holidays_) {
    if (covers(h)) is_holiday_[static_cast<std::size_t>(h - range_begin_)] = 1;
  }
  is_workday_.resize(is_holiday_.size());
  for (std::size_t i = 0; i < is_workday_.size(); ++i) {
    const Days d = range_begin_ + static_cast<Days>(i);
    is_workday_[i] = iso_weekday(d) <= 5 && is_holiday_[i] == 0 ? 1 : 0;
  }
}

bool WorkdayCalendar::covers(Days d) const noexcept { return d >= range_begin_ && d < range_end_; }

bool WorkdayCalendar::is_holiday(Days d) const noexcept {
  if (covers(d)) return is_holiday_[static_cast<std::size_t>(d - range_begin_)] != 0;
  // Outside the computed range only the listed holidays are known.
  return std::binary_search(holidays_.begin(), holidays_.end(), d);
}

bool WorkdayCalendar::is_workday(Days d) const noexcept {
  return iso_weekday(d) <= 5 && !is_holiday(d);
}

std::optional<Days> WorkdayCalendar::add_workdays(Days d, std::int64_t n) const noexcept {
  if (n == 0) return d;
  // Counting starts next to d, so d itself may lie just outside the range.
  if (d < range_begin_ - 1 || d > range_end_) return std::nullopt;
  // A count larger than the covered range has days cannot stay inside it.
  const std::int64_t span = std::int64_t{range_end_} - range_begin_;
  if (n > span || n < -span) return std::nullopt;
  const int step = n > 0 ? 1 : -1;
  std::int64_t remaining = n > 0 ? n : -n;
  Days day = d;
  while (remaining > 0) {
    day += step;
    if (!covers(day)) return std::nullopt;
    remaining -= is_workday_[static_cast<std::size_t>(day - range_begin_)];
  }
  return day;
}

}  // namespace frist::time

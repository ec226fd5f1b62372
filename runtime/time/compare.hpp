// Order comparisons and clock-duration bounds between timestamps of mixed
// precision (spec/semantics.md §2 "Precision"). When either side is a date,
// local dates are compared; `on or before` is then true on the same date and
// strict `before` unknown. Clock bounds are evaluated over every instant a
// coarse value can stand for: true if true for all, false if false for all,
// otherwise unknown. A date against an Interval (a date plus hours) compares
// the date with every local date the interval touches (see compare.cpp).
#pragma once

#include "runtime/common/truth.hpp"
#include "runtime/time/timestamp.hpp"

namespace frist::time {

Truth before(const Timestamp& a, const Timestamp& b) noexcept;        // a < b
Truth on_or_before(const Timestamp& a, const Timestamp& b) noexcept;  // a <= b
Truth after(const Timestamp& a, const Timestamp& b) noexcept;         // a > b
Truth on_or_after(const Timestamp& a, const Timestamp& b) noexcept;   // a >= b
Truth same_time(const Timestamp& a, const Timestamp& b) noexcept;     // a = b (same date if either is a date)

// x − s <= d over all instants x and s can stand for (d in microseconds, >= 0).
Truth elapsed_at_most(const Timestamp& x, const Timestamp& s, Micros d) noexcept;
// x − s >= d over all instants (for minimum windows).
Truth elapsed_at_least(const Timestamp& x, const Timestamp& s, Micros d) noexcept;

// `x within d after s` with a clock duration: x on or after s, and x − s <= d.
Truth within_clock(const Timestamp& x, const Timestamp& s, Micros d) noexcept;

// `t + d` for a clock duration (hours/minutes/seconds, may be negative): shifts
// the interval; a Date becomes an Interval. Local date recomputed from lo.
Timestamp add_clock(const Timestamp& t, Micros d, const Zone& zone) noexcept;

}  // namespace frist::time

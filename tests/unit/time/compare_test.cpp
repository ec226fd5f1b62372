// Unit tests for runtime/time/compare: order at the coarser precision,
// clock-duration bounds over every instant a coarse value stands for, the
// spec's worked "within 24 hours after" examples, DST, and add_clock.
#include <catch2/catch.hpp>

#include <cstdint>

#include "runtime/time/compare.hpp"
#include "time_fixtures.hpp"

using namespace frist::time;
using frist::Truth;
using frist::time::testing::copenhagen;
using frist::time::testing::day;
using frist::time::testing::hours;
using frist::time::testing::ts;
using frist::time::testing::utc;

namespace {
constexpr Micros k24h = 24 * kMicrosPerHour;
}

TEST_CASE("compare: the spec's examples for 'within 24 hours after' a notification", "[time][compare]") {
  // U and its assessment V both dated 2023-05-02 → true.
  CHECK(within_clock(ts("2023-05-02"), ts("2023-05-02"), k24h) == Truth::True);
  // U dated 2023-05-02, V dated 2023-05-03 → unknown.
  CHECK(within_clock(ts("2023-05-03"), ts("2023-05-02"), k24h) == Truth::Unknown);
  // Two days apart → false.
  CHECK(within_clock(ts("2023-05-04"), ts("2023-05-02"), k24h) == Truth::False);
  // U at 2023-05-02T10:00, V dated 2023-05-02 → true; dated 2023-05-03 → unknown.
  CHECK(within_clock(ts("2023-05-02"), ts("2023-05-02T10:00"), k24h) == Truth::True);
  CHECK(within_clock(ts("2023-05-03"), ts("2023-05-02T10:00"), k24h) == Truth::Unknown);
  CHECK(within_clock(ts("2023-05-04"), ts("2023-05-02T10:00"), k24h) == Truth::False);
  // Two values dated the 25-hour day of the October change → unknown.
  CHECK(within_clock(ts("2023-10-29"), ts("2023-10-29"), k24h) == Truth::Unknown);
  // ... while the 23-hour March day fits.
  CHECK(within_clock(ts("2023-03-26"), ts("2023-03-26"), k24h) == Truth::True);
  // A date-time assessment on the day after a date-only notification.
  CHECK(within_clock(ts("2023-05-03T08:00"), ts("2023-05-02"), k24h) == Truth::Unknown);
  CHECK(within_clock(ts("2023-05-02T08:00"), ts("2023-05-02"), k24h) == Truth::True);
  // Before the notification's date: false whatever the bound says.
  CHECK(within_clock(ts("2023-05-01"), ts("2023-05-02"), k24h) == Truth::False);
  CHECK(within_clock(ts("2023-05-01T23:00"), ts("2023-05-02"), k24h) == Truth::False);
}

TEST_CASE("compare: a date-time is one instant; exactly 24 hours is within", "[time][compare]") {
  CHECK(within_clock(ts("2023-05-03T08:15"), ts("2023-05-02T08:15"), k24h) == Truth::True);
  CHECK(within_clock(ts("2023-05-03T08:16"), ts("2023-05-02T08:15"), k24h) == Truth::False);
  CHECK(within_clock(ts("2023-05-03T08:15:00.000001"), ts("2023-05-02T08:15"), k24h) == Truth::False);
  CHECK(within_clock(ts("2023-05-02T08:15"), ts("2023-05-02T08:15"), k24h) == Truth::True);
  CHECK(within_clock(ts("2023-05-02T08:14"), ts("2023-05-02T08:15"), k24h) == Truth::False);
}

TEST_CASE("compare: 24 hours are real hours across summer-time changes", "[time][compare]") {
  const Zone& z = copenhagen();
  // Received 2023-03-25T12:00 local → deadline 2023-03-26T13:00 local.
  const Timestamp received = ts("2023-03-25T12:00");
  const Timestamp deadline = add_clock(received, k24h, z);
  CHECK(deadline == ts("2023-03-26T13:00"));
  CHECK(format_timestamp(deadline, z) == "2023-03-26T13:00:00+02:00");
  CHECK(within_clock(ts("2023-03-26T13:00"), received, k24h) == Truth::True);
  CHECK(within_clock(ts("2023-03-26T13:01"), received, k24h) == Truth::False);

  // 25 Mar 12:00 → 26 Mar 12:30 local is 23.5 real hours.
  const Timestamp spring = ts("2023-03-26T12:30");
  CHECK(elapsed_at_most(spring, received, hours(23.5)) == Truth::True);
  CHECK(elapsed_at_least(spring, received, hours(23.5)) == Truth::True);
  CHECK(elapsed_at_most(spring, received, hours(23.5) - 1) == Truth::False);
  CHECK(within_clock(spring, received, k24h) == Truth::True);

  // 28 Oct 2023 12:00 → 29 Oct 11:30 local is 24.5 real hours: late.
  const Timestamp autumn_start = ts("2023-10-28T12:00");
  const Timestamp autumn = ts("2023-10-29T11:30");
  CHECK(elapsed_at_most(autumn, autumn_start, hours(24.5)) == Truth::True);
  CHECK(elapsed_at_least(autumn, autumn_start, hours(24.5)) == Truth::True);
  CHECK(elapsed_at_least(autumn, autumn_start, hours(24.5) + 1) == Truth::False);
  CHECK(within_clock(autumn, autumn_start, k24h) == Truth::False);
  CHECK(add_clock(autumn_start, k24h, z) == ts("2023-10-29T11:00"));

  // The 2024 spring change and explicit offsets (23.5 hours).
  CHECK(within_clock(ts("2024-03-31T12:30"), ts("2024-03-30T12:00"), k24h) == Truth::True);
  CHECK(elapsed_at_most(ts("2023-01-11T06:30Z"), ts("2023-01-10T08:00+01:00"), hours(23.5)) == Truth::True);
  CHECK(elapsed_at_least(ts("2023-01-11T06:30Z"), ts("2023-01-10T08:00+01:00"), hours(23.5)) == Truth::True);
}

TEST_CASE("compare: dates are compared as dates", "[time][compare]") {
  const Timestamp d2 = ts("2023-05-02");
  const Timestamp d3 = ts("2023-05-03");
  CHECK(on_or_before(d2, d2) == Truth::True);
  CHECK(on_or_after(d2, d2) == Truth::True);
  CHECK(before(d2, d2) == Truth::Unknown);
  CHECK(after(d2, d2) == Truth::Unknown);
  CHECK(same_time(d2, d2) == Truth::True);

  CHECK(before(d2, d3) == Truth::True);
  CHECK(on_or_before(d2, d3) == Truth::True);
  CHECK(after(d2, d3) == Truth::False);
  CHECK(on_or_after(d2, d3) == Truth::False);
  CHECK(same_time(d2, d3) == Truth::False);
  CHECK(after(d3, d2) == Truth::True);
  CHECK(before(d3, d2) == Truth::False);
  CHECK(on_or_before(d3, d2) == Truth::False);
}

TEST_CASE("compare: a date against a date-time compares local dates", "[time][compare]") {
  const Timestamp date = ts("2023-05-02");
  const Timestamp morning = ts("2023-05-02T10:00");
  CHECK(on_or_before(date, morning) == Truth::True);
  CHECK(on_or_before(morning, date) == Truth::True);
  CHECK(on_or_after(morning, date) == Truth::True);
  CHECK(on_or_after(date, morning) == Truth::True);
  CHECK(before(date, morning) == Truth::Unknown);
  CHECK(before(morning, date) == Truth::Unknown);
  CHECK(after(morning, date) == Truth::Unknown);
  CHECK(same_time(date, morning) == Truth::True);
  CHECK(same_time(morning, date) == Truth::True);

  const Timestamp next_morning = ts("2023-05-03T00:30");
  CHECK(before(date, next_morning) == Truth::True);
  CHECK(on_or_before(next_morning, date) == Truth::False);
  CHECK(same_time(next_morning, date) == Truth::False);
  // The local date counts, not the UTC one: 23:30Z on 31 Dec is 1 Jan.
  CHECK(same_time(ts("2023-12-31T23:30Z"), ts("2024-01-01")) == Truth::True);
  CHECK(after(ts("2023-12-31T23:30Z"), ts("2023-12-31")) == Truth::True);
  CHECK(on_or_before(ts("2023-12-31T23:30Z"), ts("2023-12-31")) == Truth::False);
}

TEST_CASE("compare: instants are exact", "[time][compare]") {
  const Timestamp a = ts("2023-05-02T10:00");
  const Timestamp b = ts("2023-05-02T10:00:00.000001");
  CHECK(before(a, b) == Truth::True);
  CHECK(before(b, a) == Truth::False);
  CHECK(before(a, a) == Truth::False);
  CHECK(on_or_before(a, a) == Truth::True);
  CHECK(on_or_before(b, a) == Truth::False);
  CHECK(after(b, a) == Truth::True);
  CHECK(on_or_after(a, b) == Truth::False);
  CHECK(same_time(a, a) == Truth::True);
  CHECK(same_time(a, ts("2023-05-02T08:00Z")) == Truth::True);
  CHECK(same_time(a, b) == Truth::False);
}

TEST_CASE("compare: intervals from a date plus hours are bounded by all their instants", "[time][compare]") {
  const Zone& z = copenhagen();
  // date(U) + 24 hours for U dated 2023-05-02: [05-03 00:00, 05-03 23:59:59.999999].
  const Timestamp deadline = add_clock(ts("2023-05-02"), k24h, z);
  REQUIRE(deadline.precision == Precision::Interval);
  CHECK(deadline.lo == ts("2023-05-03").lo);
  CHECK(deadline.hi == ts("2023-05-03").hi);
  CHECK(deadline.date == day(2023, 5, 3));

  // Against instants: interval semantics.
  CHECK(on_or_before(ts("2023-05-02T23:59"), deadline) == Truth::True);
  CHECK(on_or_before(ts("2023-05-03T00:00"), deadline) == Truth::True);
  CHECK(on_or_before(ts("2023-05-03T12:00"), deadline) == Truth::Unknown);
  CHECK(before(ts("2023-05-03T00:00"), deadline) == Truth::Unknown);
  CHECK(before(ts("2023-05-02T23:59"), deadline) == Truth::True);
  CHECK(on_or_before(ts("2023-05-04T00:00"), deadline) == Truth::False);
  CHECK(after(ts("2023-05-04T00:00"), deadline) == Truth::True);
  CHECK(same_time(ts("2023-05-03T12:00"), deadline) == Truth::Unknown);
  CHECK(same_time(ts("2023-05-04T12:00"), deadline) == Truth::False);
  // Interval against interval.
  const Timestamp later = add_clock(ts("2023-05-03"), k24h, z);
  CHECK(before(deadline, later) == Truth::True);
  CHECK(on_or_before(deadline, deadline) == Truth::Unknown);
  CHECK(same_time(deadline, later) == Truth::False);

  // Against a date, the interval stands for the local dates it touches:
  // here only 2023-05-03.
  CHECK(on_or_before(ts("2023-05-03"), deadline) == Truth::True);
  CHECK(on_or_before(deadline, ts("2023-05-03")) == Truth::True);
  CHECK(same_time(ts("2023-05-03"), deadline) == Truth::True);
  CHECK(before(ts("2023-05-03"), deadline) == Truth::Unknown);
  CHECK(on_or_before(ts("2023-05-04"), deadline) == Truth::False);
  CHECK(before(ts("2023-05-02"), deadline) == Truth::True);

  // On the 25-hour day, date + 24 hours ends on the next local date:
  // [10-29 23:00, 10-30 23:59:59.999999] touches 29 and 30 October.
  const Timestamp long_day = add_clock(ts("2023-10-29"), k24h, z);
  CHECK(long_day.date == day(2023, 10, 29));
  CHECK(on_or_before(ts("2023-10-29"), long_day) == Truth::True);
  CHECK(on_or_before(ts("2023-10-30"), long_day) == Truth::Unknown);
  CHECK(on_or_before(ts("2023-10-31"), long_day) == Truth::False);
  CHECK(on_or_before(long_day, ts("2023-10-30")) == Truth::True);
  CHECK(on_or_before(long_day, ts("2023-10-29")) == Truth::Unknown);
  CHECK(on_or_before(long_day, ts("2023-10-28")) == Truth::False);
  CHECK(before(long_day, ts("2023-10-31")) == Truth::True);
  CHECK(before(long_day, ts("2023-10-30")) == Truth::Unknown);
  CHECK(same_time(long_day, ts("2023-10-29")) == Truth::Unknown);
  CHECK(same_time(long_day, ts("2023-10-31")) == Truth::False);
  CHECK(same_time(long_day, ts("2023-10-28")) == Truth::False);
}

TEST_CASE("compare: clock bounds over coarse values", "[time][compare]") {
  // elapsed_at_most: true iff x.hi − s.lo ≤ d; false iff x.lo − s.hi > d.
  CHECK(elapsed_at_most(ts("2023-05-02"), ts("2023-05-02"), k24h) == Truth::True);
  CHECK(elapsed_at_most(ts("2023-05-02"), ts("2023-05-02"), k24h - 2) == Truth::Unknown);
  CHECK(elapsed_at_most(ts("2023-05-03"), ts("2023-05-02"), 2 * k24h - 1) == Truth::True);
  // Consecutive dates are 1 µs apart at the closest.
  CHECK(elapsed_at_most(ts("2023-05-03"), ts("2023-05-02"), 0) == Truth::False);
  CHECK(elapsed_at_most(ts("2023-05-03"), ts("2023-05-02"), 1) == Truth::Unknown);
  CHECK(elapsed_at_most(ts("2023-05-04"), ts("2023-05-02"), k24h) == Truth::False);
  CHECK(elapsed_at_most(ts("2023-05-04"), ts("2023-05-02"), k24h + 1) == Truth::Unknown);
  // elapsed_at_least: true iff x.lo − s.hi ≥ d; false iff x.hi − s.lo < d.
  CHECK(elapsed_at_least(ts("2023-05-04"), ts("2023-05-02"), k24h) == Truth::True);
  CHECK(elapsed_at_least(ts("2023-05-04"), ts("2023-05-02"), k24h + 1) == Truth::True);
  CHECK(elapsed_at_least(ts("2023-05-04"), ts("2023-05-02"), k24h + 2) == Truth::Unknown);
  CHECK(elapsed_at_least(ts("2023-05-02"), ts("2023-05-02"), 0) == Truth::Unknown);
  CHECK(elapsed_at_least(ts("2023-05-02"), ts("2023-05-02"), k24h) == Truth::False);
  CHECK(elapsed_at_least(ts("2023-05-02T10:00"), ts("2023-05-02T09:00"), kMicrosPerHour) == Truth::True);
  CHECK(elapsed_at_least(ts("2023-05-02T10:00"), ts("2023-05-02T09:00"), kMicrosPerHour + 1) == Truth::False);
  // Extreme values do not overflow.
  Timestamp far_past = ts("2023-05-02T10:00");
  far_past.lo = far_past.hi = INT64_MIN;
  Timestamp far_future = ts("2023-05-02T10:00");
  far_future.lo = far_future.hi = INT64_MAX;
  CHECK(elapsed_at_most(far_future, far_past, k24h) == Truth::False);
  CHECK(elapsed_at_most(far_past, far_future, k24h) == Truth::True);
  CHECK(elapsed_at_least(far_future, far_past, k24h) == Truth::True);
}

TEST_CASE("compare: add_clock shifts, a date becomes an interval", "[time][compare]") {
  const Zone& z = copenhagen();
  const Timestamp late = add_clock(ts("2023-05-02T23:00"), 2 * kMicrosPerHour, z);
  CHECK(late.precision == Precision::Instant);
  CHECK(late == ts("2023-05-03T01:00"));
  CHECK(late.date == day(2023, 5, 3));
  const Timestamp back = add_clock(ts("2023-05-03T01:00"), -2 * kMicrosPerHour, z);
  CHECK(back == ts("2023-05-02T23:00"));
  CHECK(back.date == day(2023, 5, 2));

  const Timestamp from_date = add_clock(ts("2023-05-02"), 90 * kMicrosPerMinute, z);
  CHECK(from_date.precision == Precision::Interval);
  CHECK(from_date.lo == ts("2023-05-02T01:30").lo);
  CHECK(from_date.hi == ts("2023-05-03T01:30").lo - 1);
  CHECK(from_date.date == day(2023, 5, 2));
  const Timestamp before_date = add_clock(ts("2023-05-02"), -kMicrosPerHour, z);
  CHECK(before_date.date == day(2023, 5, 1));
  // An interval stays an interval.
  CHECK(add_clock(from_date, kMicrosPerHour, z).precision == Precision::Interval);
  CHECK(add_clock(from_date, kMicrosPerHour, z).lo == ts("2023-05-02T02:30").lo);
}

// Three-valued comparisons between timestamps of mixed precision and clock
// arithmetic on them (spec/semantics.md §2 "Precision").
//
// Two modes:
// - Date mode, when either operand is a Date: local dates are compared. Each
//   operand stands for a range of local dates: a Date or an Instant for one;
//   an Interval for the dates of lo .. hi (normally one or two). "a op b" is
//   true if it holds for every pair of dates, false if it fails for every
//   pair, otherwise unknown — except that on one and the same date `on or
//   before`/`on or after`/`same time` are true and strict `before`/`after`
//   unknown, as the spec says. With single dates this is exactly "compare the
//   dates".
// - Instant mode otherwise: each operand is the closed interval [lo, hi] of
//   the instants it can stand for (lo == hi for an Instant); true if true for
//   all instants, false if false for all, otherwise unknown.
// Clock-duration bounds (elapsed_*) always work on instants, also for dates.
#include "runtime/time/compare.hpp"

#include <limits>

namespace frist::time {
namespace {

constexpr int sign(std::int64_t v) noexcept { return (v > 0) - (v < 0); }

// Sign of (local date of t.hi) − day.date, where `day` is a Date. The date of
// an Interval's hi is not stored, but it is found from the day's own bounds:
// hi falls before, inside or after the day [day.lo, day.hi].
int compare_hi_date(const Timestamp& t, const Timestamp& day) noexcept {
  if (t.precision != Precision::Interval) return sign(std::int64_t{t.date} - day.date);
  if (t.hi < day.lo) return -1;
  if (t.hi > day.hi) return 1;
  return 0;
}

// In date mode: the comparisons of the two ranges' ends that every order
// relation needs.
struct DateEnds {
  int a_hi_vs_b_lo;  // sign of last date of a − first date of b
  int a_lo_vs_b_hi;  // sign of first date of a − last date of b
};

DateEnds date_ends(const Timestamp& a, const Timestamp& b) noexcept {
  DateEnds e{};
  // First dates are always `date` (the date of lo). A last date differs from
  // it only for an Interval, whose other operand is then a Date.
  e.a_hi_vs_b_lo = a.precision == Precision::Interval ? compare_hi_date(a, b)
                                                      : sign(std::int64_t{a.date} - b.date);
  e.a_lo_vs_b_hi = b.precision == Precision::Interval ? -compare_hi_date(b, a)
                                                      : sign(std::int64_t{a.date} - b.date);
  return e;
}

bool date_mode(const Timestamp& a, const Timestamp& b) noexcept { return a.is_date() || b.is_date(); }

Truth decide(bool surely_true, bool surely_false) noexcept {
  if (surely_true) return Truth::True;
  if (surely_false) return Truth::False;
  return Truth::Unknown;
}

Micros saturating_add(Micros a, Micros b) noexcept {
  Micros r = 0;
  if (__builtin_add_overflow(a, b, &r)) {
    return b > 0 ? std::numeric_limits<Micros>::max() : std::numeric_limits<Micros>::min();
  }
  return r;
}

// Sign of (x − s) − d, exact for every Micros value (no overflow).
int compare_elapsed(Micros x, Micros s, Micros d) noexcept {
  Micros elapsed = 0;
  if (__builtin_sub_overflow(x, s, &elapsed)) return x < s ? -1 : 1;  // beyond any d
  Micros excess = 0;
  if (__builtin_sub_overflow(elapsed, d, &excess)) return elapsed < d ? -1 : 1;
  return sign(excess);
}

}  // namespace

Truth before(const Timestamp& a, const Timestamp& b) noexcept {
  if (date_mode(a, b)) {
    const DateEnds e = date_ends(a, b);
    return decide(e.a_hi_vs_b_lo < 0, e.a_lo_vs_b_hi > 0);
  }
  return decide(a.hi < b.lo, a.lo >= b.hi);
}

Truth on_or_before(const Timestamp& a, const Timestamp& b) noexcept {
  if (date_mode(a, b)) {
    const DateEnds e = date_ends(a, b);
    return decide(e.a_hi_vs_b_lo <= 0, e.a_lo_vs_b_hi > 0);
  }
  return decide(a.hi <= b.lo, a.lo > b.hi);
}

Truth after(const Timestamp& a, const Timestamp& b) noexcept { return before(b, a); }

Truth on_or_after(const Timestamp& a, const Timestamp& b) noexcept { return on_or_before(b, a); }

Truth same_time(const Timestamp& a, const Timestamp& b) noexcept {
  if (date_mode(a, b)) {
    const DateEnds e = date_ends(a, b);
    // last(a) == first(b) and first(a) == last(b) force all four dates equal.
    return decide(e.a_hi_vs_b_lo == 0 && e.a_lo_vs_b_hi == 0, e.a_hi_vs_b_lo < 0 || e.a_lo_vs_b_hi > 0);
  }
  return decide(a.lo == a.hi && b.lo == b.hi && a.lo == b.lo, a.hi < b.lo || b.hi < a.lo);
}

Truth elapsed_at_most(const Timestamp& x, const Timestamp& s, Micros d) noexcept {
  // Largest possible x − s is x.hi − s.lo; smallest is x.lo − s.hi.
  return decide(compare_elapsed(x.hi, s.lo, d) <= 0, compare_elapsed(x.lo, s.hi, d) > 0);
}

Truth elapsed_at_least(const Timestamp& x, const Timestamp& s, Micros d) noexcept {
  return decide(compare_elapsed(x.lo, s.hi, d) >= 0, compare_elapsed(x.hi, s.lo, d) < 0);
}

Truth within_clock(const Timestamp& x, const Timestamp& s, Micros d) noexcept {
  return on_or_after(x, s) && elapsed_at_most(x, s, d);
}

Timestamp add_clock(const Timestamp& t, Micros d, const Zone& zone) noexcept {
  Timestamp r;
  r.lo = saturating_add(t.lo, d);
  r.hi = saturating_add(t.hi, d);
  r.precision = t.precision == Precision::Instant ? Precision::Instant : Precision::Interval;
  r.date = zone.local_date(r.lo);
  return r;
}

}  // namespace frist::time

// The VM's value: 24 bytes, tagged. Besides the kinds of the language, a
// value may be `none` (no such event: a definite fact) or `unknown` (a
// missing attribute or an undecidable comparison), and an unknown carries the
// reason that becomes the `undetermined` verdict's reason. A missing
// attribute is an unknown that `present`/`missing` can still test.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

#include "runtime/common/truth.hpp"
#include "runtime/time/timestamp.hpp"

namespace frist::vm {

enum class Tag : std::uint8_t {
  None, Unknown, Bool, Int, Decimal, Text, Date, Time, Duration, Event, Period, Iterator, Accumulator,
};

// Why a value is unknown (and so why a verdict is undetermined).
enum class UnknownReason : std::uint8_t {
  MissingAttribute,   // a: event type, b: attribute slot
  MissingCaseAttribute,  // a: case attribute id
  MissingEventId,     // the event has no id
  Coarse,             // a timestamp too coarse to decide a comparison
  InvalidDate,        // date(y, m, d) of an impossible date, or a date out of range
  Arithmetic,         // overflow or division by zero
  OutsideCalendar,    // workdays beyond the years the calendar covers
  StepBudget,         // the per-case evaluation budget ran out
  DurationKind,       // a duration of the wrong kind for the operation (from data)
};

struct Value {
  Tag tag = Tag::None;
  std::uint8_t flags = 0;   // Unknown: kMissingFlag when an attribute is absent (present → false)
  std::uint8_t small = 0;   // Time: Precision; Duration: Kind; Unknown: UnknownReason
  std::uint8_t spare = 0;
  std::int32_t i32 = 0;     // Date: days; Time: local date; Text: length; Duration: days; Event: index
  std::int64_t a = 0;       // Bool/Int; Decimal: bits; Text: pointer; Time: lo; Duration: micros; Period: start
  std::int64_t b = 0;       // Time: hi; Duration: months; Period: end (exclusive)

  static constexpr std::uint8_t kMissingFlag = 1;

  static Value none() noexcept { return Value{}; }
  static Value boolean(bool v) noexcept { Value x; x.tag = Tag::Bool; x.a = v; return x; }
  static Value truth(Truth t) noexcept {
    if (t == Truth::Unknown) return unknown(UnknownReason::Coarse);
    return boolean(t == Truth::True);
  }
  static Value integer(std::int64_t v) noexcept { Value x; x.tag = Tag::Int; x.a = v; return x; }
  static Value decimal(double v) noexcept { Value x; x.tag = Tag::Decimal; x.a = std::bit_cast<std::int64_t>(v); return x; }
  static Value date(time::Days d) noexcept { Value x; x.tag = Tag::Date; x.i32 = d; return x; }
  static Value text(std::string_view s) noexcept {
    Value x;
    x.tag = Tag::Text;
    x.a = reinterpret_cast<std::intptr_t>(s.data());
    x.i32 = static_cast<std::int32_t>(s.size());
    return x;
  }
  static Value time(const time::Timestamp& t) noexcept {
    Value x;
    x.tag = Tag::Time;
    x.a = t.lo;
    x.b = t.hi;
    x.i32 = t.date;
    x.small = static_cast<std::uint8_t>(t.precision);
    return x;
  }
  static Value event(std::uint32_t index) noexcept { Value x; x.tag = Tag::Event; x.i32 = static_cast<std::int32_t>(index); return x; }
  static Value unknown(UnknownReason r, std::int64_t pa = 0, std::int64_t pb = 0) noexcept {
    Value x;
    x.tag = Tag::Unknown;
    x.small = static_cast<std::uint8_t>(r);
    x.a = pa;
    x.b = pb;
    return x;
  }

  bool is_none() const noexcept { return tag == Tag::None; }
  bool is_unknown() const noexcept { return tag == Tag::Unknown; }
  bool is_value() const noexcept { return tag != Tag::None && tag != Tag::Unknown; }
  bool is_missing() const noexcept { return tag == Tag::Unknown && (flags & kMissingFlag) != 0; }
  UnknownReason reason() const noexcept { return static_cast<UnknownReason>(small); }
  double as_decimal() const noexcept { return tag == Tag::Int ? static_cast<double>(a) : std::bit_cast<double>(a); }
  std::string_view as_text() const noexcept {
    return {reinterpret_cast<const char*>(static_cast<std::intptr_t>(a)), static_cast<std::size_t>(i32)};
  }
  time::Timestamp as_time() const noexcept {
    return time::Timestamp{a, b, i32, static_cast<time::Precision>(small)};
  }
  // Truth of a condition: none (no such thing) is false.
  Truth as_truth() const noexcept {
    if (tag == Tag::Bool) return a != 0 ? Truth::True : Truth::False;
    if (tag == Tag::Unknown) return Truth::Unknown;
    return Truth::False;
  }
};
static_assert(sizeof(Value) == 24);

}  // namespace frist::vm

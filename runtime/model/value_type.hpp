// The value types of the vocabulary (spec/language.md item 2) and a typed
// literal used for attribute defaults and in-language test cases.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "runtime/time/civil.hpp"
#include "runtime/time/timestamp.hpp"

namespace frist::model {

enum class ValueType : std::uint8_t { Bool, Int, Decimal, Text, Date, DateTime, Duration };

const char* to_string(ValueType t) noexcept;  // "bool", "int", …

// A duration as data and the language know it. Calendar parts (months, days)
// work on local dates; the clock part on instants; workdays on a calendar.
// A duration has exactly one kind (4 months, 24 hours, 6 workdays); an ISO
// 8601 value from data with both calendar and clock parts is rejected.
struct Duration {
  enum class Kind : std::uint8_t { Calendar, Clock, Workdays };
  Kind kind = Kind::Calendar;
  std::int32_t months = 0;   // Calendar: years*12 + months
  std::int32_t days = 0;     // Calendar: weeks*7 + days; Workdays: count
  std::int64_t micros = 0;   // Clock
  friend bool operator==(const Duration&, const Duration&) = default;
};

// A literal value of a declared type.
struct Literal {
  ValueType type = ValueType::Bool;
  std::variant<bool, std::int64_t, double, std::string, time::Days, time::Timestamp, Duration> value;
};

}  // namespace frist::model

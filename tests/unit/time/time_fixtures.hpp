// Shared helpers for the time unit tests: the Copenhagen zone (loaded once),
// short constructors for dates and instants, and a parser that must succeed.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <string_view>

#include "runtime/common/truth.hpp"
#include "runtime/time/civil.hpp"
#include "runtime/time/timestamp.hpp"
#include "runtime/time/zone.hpp"

namespace frist::time::testing {

inline const Zone& copenhagen() {
  static const Zone zone = [] {
    auto loaded = Zone::load();
    if (!loaded) FAIL("cannot load Europe/Copenhagen: " << loaded.error().message);
    return std::move(loaded).value();
  }();
  return zone;
}

inline Days day(int y, int m, int d) { return days_from_civil(y, m, d); }

// A UTC instant given by its civil UTC fields.
inline Micros utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, Micros us = 0) {
  return Micros{day(y, mo, d)} * kMicrosPerDay + h * kMicrosPerHour + mi * kMicrosPerMinute +
         s * kMicrosPerSecond + us;
}

inline Micros hours(double h) { return static_cast<Micros>(h * static_cast<double>(kMicrosPerHour)); }

// Parses `text`, which the test requires to be valid.
inline Timestamp ts(std::string_view text) {
  const ParsedTimestamp p = parse_timestamp(text, copenhagen());
  INFO("timestamp: " << std::string(text));
  REQUIRE(p.error == TimestampError::None);
  return p.value;
}

}  // namespace frist::time::testing

namespace Catch {
template <>
struct StringMaker<frist::Truth> {
  static std::string convert(frist::Truth t) { return frist::to_string(t); }
};
}  // namespace Catch

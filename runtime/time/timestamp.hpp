// Timestamps as case data gives them (spec/semantics.md §2, case-data.md §1):
// a date `YYYY-MM-DD` (coarse: the whole local day) or a date-time
// `YYYY-MM-DDThh:mm[:ss[.fraction]]` with optional `Z` or `±hh:mm` (one
// instant; local Copenhagen time when no offset is given). Every timestamp is
// held as a closed interval of microseconds [lo, hi] plus its local date; an
// instant has lo == hi, a date covers [local midnight, next midnight − 1 µs].
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/time/civil.hpp"
#include "runtime/time/zone.hpp"

namespace frist::time {

enum class Precision : std::uint8_t {
  Date,      // a calendar date: the whole local day
  Instant,   // one instant (lo == hi)
  Interval,  // computed from a date plus a clock duration: [lo, hi], no single local date
};

struct Timestamp {
  Micros lo = 0;
  Micros hi = 0;
  Days date = 0;  // local date (of lo for Interval)
  Precision precision = Precision::Instant;

  static Timestamp of_date(Days d, const Zone& zone) noexcept;
  static Timestamp of_instant(Micros utc, const Zone& zone) noexcept;
  bool is_date() const noexcept { return precision == Precision::Date; }
  // Sort key: a date sorts at the start of its local day (spec §2 "Order of events").
  Micros sort_key() const noexcept { return lo; }
  // Identical representation (same bounds, date and precision). Not the
  // three-valued `same_time` of compare.hpp: a date and an instant on that
  // date are same_time() but never ==.
  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

enum class TimestampError : std::uint8_t {
  None,
  BadFormat,       // not one of the accepted forms (e.g. space instead of T, DD-MM-YYYY, +0100)
  ImpossibleDate,  // 2023-02-30
  ImpossibleTime,  // 25:00, 10:61
  OutOfRange,      // year outside 1..9999
};

struct ParsedTimestamp {
  Timestamp value;
  TimestampError error = TimestampError::None;
  bool local_adjusted = false;  // a local time in the spring gap or autumn fold (warn)
};

// Parses exactly the forms of case-data.md §1. Fractions of a second beyond
// microseconds are truncated. Never allocates.
ParsedTimestamp parse_timestamp(std::string_view text, const Zone& zone) noexcept;

// parse_timestamp for a reader that sees many timestamps (one per case-data
// reader thread): the same answers, but the common forms `YYYY-MM-DD`,
// `YYYY-MM-DDThh:mm` and `YYYY-MM-DDThh:mm:ss` (local time) take a
// direct-mapped cache of the dates seen before (about 11 years without
// conflicts), keyed by their ten bytes:
// a hit skips the date's checks, the civil arithmetic and the zone lookups
// (its midnights, and whether one offset holds all day). Anything else —
// other forms, errors, days with a change of offset — goes to
// parse_timestamp.
class TimestampParser {
 public:
  explicit TimestampParser(const Zone& zone) noexcept : zone_(&zone) {}
  ParsedTimestamp parse(std::string_view text) noexcept;

 private:
  struct Day {
    std::uint64_t head = 0;  // bytes 0..7 of the text
    std::uint16_t tail = 0;  // bytes 8..9
    bool used = false;
    bool fixed_offset = false;  // Zone::fixed_offset_day
    Days date = 0;
    std::int32_t offset_s = 0;
    Micros midnight = 0;       // of `date`
    Micros next_midnight = 0;  // of the day after
  };
  static constexpr unsigned kDayBits = 12;  // 4096 dates, 160 KiB

  const Zone* zone_;
  std::unique_ptr<Day[]> days_;  // allocated on first use
};

// A short English description of the error for diagnostics (no value quoted).
const char* describe(TimestampError e) noexcept;

// ISO 8601 rendering: a date as `YYYY-MM-DD`; an instant in local Copenhagen
// time with its offset (`2023-03-01T09:30:00+01:00`, fractions only when
// non-zero, trailing zeros dropped); an interval as `lo/hi`, both instants.
std::string format_timestamp(const Timestamp& t, const Zone& zone);

}  // namespace frist::time

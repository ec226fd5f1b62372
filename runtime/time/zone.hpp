// The Europe/Copenhagen time zone, read once from the system tz database via
// Howard Hinnant's date/tz and turned into a sorted table of offset changes,
// so that the hot paths (a local date's midnight, an instant's local date)
// are an indexed lookup without locks or allocation. No DST rule is written by
// hand here (spec/semantics.md §2 "Values").
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/common/result.hpp"
#include "runtime/time/civil.hpp"

namespace frist::time {

using Micros = std::int64_t;  // microseconds since 1970-01-01T00:00:00Z
constexpr Micros kMicrosPerSecond = 1'000'000;
constexpr Micros kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr Micros kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr Micros kMicrosPerDay = 24 * kMicrosPerHour;

// How a local wall-clock time mapped to an instant.
enum class LocalMapping : std::uint8_t {
  Unique,       // the normal case
  Nonexistent,  // in the spring gap: the offset in force before the change was used
  Ambiguous,    // in the autumn fold: the offset in force before the change was used
};

struct LocalInstant {
  Micros utc;
  LocalMapping mapping;
};

class Zone {
 public:
  // Loads Europe/Copenhagen (or another IANA name, for tests) from the
  // system tz database. Fails with a clear message when tzdata is missing.
  static Result<Zone> load(const char* iana_name = "Europe/Copenhagen");

  // UTC instant of local midnight starting `d`.
  Micros local_midnight(Days d) const noexcept;
  // Local calendar date of an instant.
  Days local_date(Micros utc) const noexcept;
  // UTC offset in force at an instant, in seconds (3600 or 7200 for Copenhagen).
  std::int32_t offset_seconds_at(Micros utc) const noexcept;
  // A local wall-clock time (date + microseconds since local midnight) to an
  // instant; gap and fold take the offset in force before the change.
  LocalInstant from_local(Days d, Micros micros_of_day) const noexcept;
  // True when every local time of day `d` maps uniquely with one offset
  // (no gap, fold or change touches the day), then set in `offset_s`: for
  // any time of that day from_local gives local - offset (Unique) and
  // local_date of the result is `d` again.
  bool fixed_offset_day(Days d, std::int32_t& offset_s) const noexcept;

 private:
  struct Change {
    Micros at;               // UTC instant the new offset starts
    std::int32_t offset_s;   // offset from then on
  };
  // Where a search over a sorted array of instants can start: for each
  // bucket of 2^kBucketShift µs (about 51 days) from `base`, how many of the
  // instants lie before the bucket. A lookup reads its bucket's count and
  // steps over the few instants inside the bucket (offset changes are months
  // apart), instead of a binary search over the whole table — the readers
  // ask for every timestamp, the VM for every date it turns into time.
  struct Index {
    static constexpr int kBucketShift = 42;
    Micros base = 0;
    std::vector<std::uint32_t> before;
    void build(const std::vector<Micros>& sorted);
    // The number of instants in `sorted` that are <= t (as std::upper_bound).
    std::size_t count_at_or_before(const std::vector<Micros>& sorted, Micros t) const noexcept;
  };
  void build_indexes();

  std::vector<Change> changes_;  // sorted by `at`; changes_[0].at is the minimum
  std::vector<Micros> change_at_;      // changes_[k].at
  std::vector<Micros> window_start_;   // local time where change k starts to disturb the clock (from_local)
  Index utc_index_;                    // over change_at_
  Index local_index_;                  // over window_start_
};

}  // namespace frist::time

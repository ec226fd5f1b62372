// Unit tests for TimestampParser (the readers' cached front of
// parse_timestamp) and Zone::fixed_offset_day: on every day 1900-2200, at
// times around midnight and the DST changes, and on odd and invalid forms,
// its answers equal parse_timestamp's — also in zones with other rules.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "runtime/time/timestamp.hpp"
#include "time_fixtures.hpp"

using namespace frist::time;
using frist::time::testing::copenhagen;
using frist::time::testing::day;

namespace {

bool same(const ParsedTimestamp& a, const ParsedTimestamp& b) {
  return a.error == b.error && a.local_adjusted == b.local_adjusted && (a.error != TimestampError::None || a.value == b.value);
}

// Parses `text` twice with `parser` (a miss, then a hit) and once with parse_timestamp.
void check_same(TimestampParser& parser, const Zone& zone, const std::string& text) {
  const ParsedTimestamp expected = parse_timestamp(text, zone);
  INFO("timestamp: '" << text << "'");
  REQUIRE(same(parser.parse(text), expected));
  REQUIRE(same(parser.parse(text), expected));
}

std::vector<const Zone*> zones() {
  static const std::vector<Zone> loaded = [] {
    std::vector<Zone> z;
    // New York (changes at 02:00 local), Lord Howe (half-hour DST), Apia
    // (skipped 2011-12-30 entirely), Casablanca (many changes a year), Chatham.
    for (const char* name : {"America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Africa/Casablanca",
                             "Pacific/Chatham", "UTC"}) {
      auto zone = Zone::load(name);
      if (zone.ok()) z.push_back(std::move(zone).value());
    }
    return z;
  }();
  std::vector<const Zone*> all{&copenhagen()};
  for (const auto& z : loaded) all.push_back(&z);
  return all;
}

}  // namespace

TEST_CASE("zone: fixed_offset_day agrees with from_local and local_date", "[time][zone]") {
  for (const Zone* zone : zones()) {
    int changed_days = 0;
    for (Days d = day(1900, 1, 1); d <= day(2200, 12, 31); ++d) {
      std::int32_t offset = 0;
      if (!zone->fixed_offset_day(d, offset)) {
        ++changed_days;
        continue;
      }
      for (const Micros m : {Micros{0}, kMicrosPerHour * 2 + kMicrosPerMinute * 30, kMicrosPerHour * 12,
                             kMicrosPerDay - 1}) {
        const LocalInstant li = zone->from_local(d, m);
        REQUIRE(li.mapping == LocalMapping::Unique);
        REQUIRE(li.utc == Micros{d} * kMicrosPerDay + m - Micros{offset} * kMicrosPerSecond);
        REQUIRE(zone->local_date(li.utc) == d);
      }
    }
    // Copenhagen has two changes a year since 1980; some zone has no change at all.
    if (zone == &copenhagen()) CHECK(changed_days > 2 * (2200 - 1980));
  }
  std::int32_t offset = 0;
  CHECK_FALSE(copenhagen().fixed_offset_day(day(2023, 3, 26), offset));
  CHECK_FALSE(copenhagen().fixed_offset_day(day(2023, 10, 29), offset));
  REQUIRE(copenhagen().fixed_offset_day(day(2023, 3, 25), offset));
  CHECK(offset == 3600);
  REQUIRE(copenhagen().fixed_offset_day(day(2023, 3, 27), offset));
  CHECK(offset == 7200);
}

TEST_CASE("timestamp parser: every day 1900-2200 as a date and local times", "[time][timestamp]") {
  for (const Zone* zone : zones()) {
    TimestampParser parser(*zone);
    for (Days d = day(1900, 1, 1); d <= day(2200, 12, 31); ++d) {
      const std::string date = format_date(d);
      check_same(parser, *zone, date);
      // Around midnight and the usual change hours (gap and fold in Copenhagen: 02:xx).
      for (const char* time : {"T00:00", "T00:00:00", "T01:59:59", "T02:00", "T02:30", "T02:30:00", "T03:00",
                               "T12:34:56", "T23:59", "T23:59:59"}) {
        check_same(parser, *zone, date + time);
      }
    }
  }
}

TEST_CASE("timestamp parser: odd forms and errors as parse_timestamp", "[time][timestamp]") {
  TimestampParser parser(copenhagen());
  const std::vector<std::string> texts = {
      // accepted, other forms
      "2023-03-01T09:30:00Z", "2023-03-01T09:30:00+01:00", "2023-03-01T09:30-05:30", "2023-03-01T09:30:00.5",
      "2023-03-01T09:30:00.123456789", "2023-03-01T09:30:00.000001+02:00", "2023-03-01T09:30Z", "2023-03-01T23:59:59-00:00",
      "0001-01-01", "9999-12-31", "9999-12-31T23:59:59", "0001-01-01T00:00", "2024-02-29", "2024-02-29T12:00",
      // DST gap and fold (local_adjusted)
      "2023-03-26T02:30", "2023-03-26T02:30:00", "2023-10-29T02:30", "2023-10-29T02:30:00", "2023-10-29T02:00",
      "2023-03-26T03:00", "2023-03-26T01:59:59",
      // errors
      "", "2023", "2023-3-1", "2023-03-1", "2023/03/01", "20230301", "2023-03-01 ", " 2023-03-01", "2023-03-01x",
      "2023-03-01T", "2023-03-01t09:30", "2023-03-01 09:30", "2023-03-01T9:30", "2023-03-01T09:3",
      "2023-03-01T09:30:", "2023-03-01T09:30:0", "2023-03-01T09:30:00.", "2023-03-01T09:30:00z",
      "2023-03-01T09:30:00+0100", "2023-03-01T09:30:00+01", "2023-03-01T09:30:60", "2023-03-01T24:00",
      "2023-03-01T23:60", "2023-03-01T24:00:00", "2023-03-01T09:30+24:00", "2023-03-01T09:30+01:60",
      "2023-02-29", "2023-02-29T10:00", "2023-02-30T10:00:00", "2023-13-01", "2023-00-10", "2023-01-00",
      "2023-04-31", "0000-01-01", "0000-01-01T00:00", "10000-01-01", "2023-02-30x", "abcd-ef-gh",
      "2023-03-01T09:30:00\n", "2023-03-01T0a:30", "2023-03-01T09:30:5a", "2023-03-01T09-30",
      "2023-03-01T09:30.00", "2023-03-01T09:30:00+01:00Z",
  };
  for (const auto& text : texts) check_same(parser, copenhagen(), text);
  // A cached date followed by its invalid variants, and the reverse.
  for (const auto& text : {"2024-06-07", "2024-06-07T25:00", "2024-06-07T10:00:99", "2024-06-07X10:00",
                           "2024-06-07T10:00:00", "2024-06-07T10:00 ", "2024-06-07T10-00"}) {
    check_same(parser, copenhagen(), text);
  }
  // Strings with the same ten first bytes as a cached date but other lengths.
  check_same(parser, copenhagen(), "2024-06-07T10");
  check_same(parser, copenhagen(), "2024-06-07T10:00:00.25");
}

TEST_CASE("timestamp parser: many dates share the cache's entries", "[time][timestamp]") {
  // More distinct dates than entries, interleaved with times: evictions must
  // never answer with another date.
  TimestampParser parser(copenhagen());
  for (int round = 0; round < 3; ++round) {
    for (Days d = day(2000, 1, 1); d <= day(2030, 12, 31); d += 7) {
      check_same(parser, copenhagen(), format_date(d));
      check_same(parser, copenhagen(), format_date(d + round) + "T08:15");
    }
  }
}

// Unit tests for runtime/time/timestamp: the accepted forms of case-data.md
// §1 and every rejected one, local time, explicit offsets, fractions, the
// gap/fold warning, ISO rendering and sort keys.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "runtime/time/compare.hpp"
#include "runtime/time/timestamp.hpp"
#include "time_fixtures.hpp"

using namespace frist::time;
using frist::time::testing::copenhagen;
using frist::time::testing::day;
using frist::time::testing::ts;
using frist::time::testing::utc;

TEST_CASE("timestamp: a date is the whole local day", "[time][timestamp]") {
  const Timestamp t = ts("2023-05-02");
  CHECK(t.precision == Precision::Date);
  CHECK(t.is_date());
  CHECK(t.date == day(2023, 5, 2));
  CHECK(t.lo == utc(2023, 5, 1, 22));
  CHECK(t.hi == utc(2023, 5, 2, 22) - 1);
  CHECK(ts("2023-01-10").lo == utc(2023, 1, 9, 23));
  // The 23- and 25-hour days.
  CHECK(ts("2023-03-26").hi - ts("2023-03-26").lo == 23 * kMicrosPerHour - 1);
  CHECK(ts("2023-10-29").hi - ts("2023-10-29").lo == 25 * kMicrosPerHour - 1);
  CHECK(ts("2024-02-29").date == day(2024, 2, 29));
  CHECK(Timestamp::of_date(day(2023, 5, 2), copenhagen()) == t);
}

TEST_CASE("timestamp: a local date-time is one instant in Copenhagen", "[time][timestamp]") {
  const ParsedTimestamp p = parse_timestamp("2023-03-01T09:30", copenhagen());
  REQUIRE(p.error == TimestampError::None);
  CHECK_FALSE(p.local_adjusted);
  CHECK(p.value.precision == Precision::Instant);
  CHECK(p.value.lo == utc(2023, 3, 1, 8, 30));
  CHECK(p.value.hi == p.value.lo);
  CHECK(p.value.date == day(2023, 3, 1));
  CHECK(ts("2023-03-01T09:30:00").lo == utc(2023, 3, 1, 8, 30));
  CHECK(ts("2023-03-01T09:30:07").lo == utc(2023, 3, 1, 8, 30, 7));
  CHECK(ts("2023-07-01T00:15").lo == utc(2023, 6, 30, 22, 15));
  CHECK(ts("2023-07-01T00:15").date == day(2023, 7, 1));
  CHECK(ts("2023-05-02T23:59:59").date == day(2023, 5, 2));
  CHECK(Timestamp::of_instant(utc(2023, 3, 1, 8, 30), copenhagen()) == p.value);
}

TEST_CASE("timestamp: explicit offsets; the date is the Copenhagen date", "[time][timestamp]") {
  CHECK(ts("2023-06-02T09:00:15+02:00").lo == utc(2023, 6, 2, 7, 0, 15));
  CHECK(ts("2023-06-02T09:00:15Z").lo == utc(2023, 6, 2, 9, 0, 15));
  CHECK(ts("2023-06-02T09:00-05:30").lo == utc(2023, 6, 2, 14, 30));
  CHECK(ts("2023-06-02T09:00+23:59").lo == utc(2023, 6, 1, 9, 1));
  CHECK(ts("2023-06-02T09:00-23:59").lo == utc(2023, 6, 3, 8, 59));
  CHECK(ts("2023-06-02T09:00-00:00").lo == utc(2023, 6, 2, 9));
  const Timestamp new_year = ts("2023-12-31T23:30Z");
  CHECK(new_year.lo == utc(2023, 12, 31, 23, 30));
  CHECK(new_year.date == day(2024, 1, 1));
  CHECK(ts("2023-12-31T22:59:59Z").date == day(2023, 12, 31));
  CHECK(ts("2024-01-01T01:00+05:00").date == day(2023, 12, 31));
  // An explicit offset is never adjusted, also inside the local gap.
  const ParsedTimestamp in_gap = parse_timestamp("2023-03-26T02:30+01:00", copenhagen());
  REQUIRE(in_gap.error == TimestampError::None);
  CHECK_FALSE(in_gap.local_adjusted);
  CHECK(in_gap.value.lo == utc(2023, 3, 26, 1, 30));
}

TEST_CASE("timestamp: fractions of a second, truncated beyond microseconds", "[time][timestamp]") {
  const Micros base = utc(2023, 6, 2, 7, 0, 15);
  CHECK(ts("2023-06-02T09:00:15.5+02:00").lo == base + 500000);
  CHECK(ts("2023-06-02T09:00:15.25+02:00").lo == base + 250000);
  CHECK(ts("2023-06-02T09:00:15.123456+02:00").lo == base + 123456);
  CHECK(ts("2023-06-02T09:00:15.1234569+02:00").lo == base + 123456);
  CHECK(ts("2023-06-02T09:00:15.000001+02:00").lo == base + 1);
  CHECK(ts("2023-06-02T09:00:15.0000009+02:00").lo == base);
  CHECK(ts("2023-06-02T09:00:15.999999999999999999999+02:00").lo == base + 999999);
  CHECK(ts("2023-06-02T09:00:15.0").lo == base);
  CHECK(ts("2023-06-02T09:00:15.75").lo == base + 750000);
  CHECK(ts("2023-06-02T09:00:15.75Z").lo == utc(2023, 6, 2, 9, 0, 15, 750000));
}

TEST_CASE("timestamp: local times in the gap or fold are adjusted with a warning", "[time][timestamp]") {
  const ParsedTimestamp gap = parse_timestamp("2023-03-26T02:30", copenhagen());
  REQUIRE(gap.error == TimestampError::None);
  CHECK(gap.local_adjusted);
  CHECK(gap.value.lo == utc(2023, 3, 26, 1, 30));
  CHECK(gap.value.date == day(2023, 3, 26));

  const ParsedTimestamp fold = parse_timestamp("2023-10-29T02:30", copenhagen());
  REQUIRE(fold.error == TimestampError::None);
  CHECK(fold.local_adjusted);
  CHECK(fold.value.lo == utc(2023, 10, 29, 0, 30));

  for (const char* fine : {"2023-03-26T01:59:59", "2023-03-26T03:00", "2023-10-29T01:59", "2023-10-29T03:00",
                           "2023-03-26"}) {
    INFO(fine);
    const ParsedTimestamp p = parse_timestamp(fine, copenhagen());
    REQUIRE(p.error == TimestampError::None);
    CHECK_FALSE(p.local_adjusted);
  }
}

TEST_CASE("timestamp: malformed forms are rejected with the right error", "[time][timestamp]") {
  const std::vector<std::pair<const char*, TimestampError>> cases = {
      // Not one of the accepted forms.
      {"", TimestampError::BadFormat},
      {"2023", TimestampError::BadFormat},
      {"2023-05-02 10:00", TimestampError::BadFormat},  // space instead of T
      {"01-03-2023", TimestampError::BadFormat},
      {"02.05.2023", TimestampError::BadFormat},
      {"2023/05/02", TimestampError::BadFormat},
      {"20230502", TimestampError::BadFormat},
      {"20230502T1000", TimestampError::BadFormat},
      {"2023-5-02", TimestampError::BadFormat},
      {"2023-05-2", TimestampError::BadFormat},
      {"+2023-05-02", TimestampError::BadFormat},
      {"12023-05-02", TimestampError::BadFormat},
      {" 2023-05-02", TimestampError::BadFormat},
      {"2023-05-02 ", TimestampError::BadFormat},
      {"2023-05-02\n", TimestampError::BadFormat},
      {"2023-05-02x", TimestampError::BadFormat},
      {"2023-02-30x", TimestampError::BadFormat},  // syntax before values
      {"2023-05-02T", TimestampError::BadFormat},
      {"2023-05-02T10", TimestampError::BadFormat},
      {"2023-05-02T10:0", TimestampError::BadFormat},
      {"2023-05-02T1000", TimestampError::BadFormat},
      {"2023-05-02T10.00", TimestampError::BadFormat},
      {"2023-05-02T10:00:", TimestampError::BadFormat},
      {"2023-05-02T10:00:5", TimestampError::BadFormat},
      {"2023-05-02T10:00:00.", TimestampError::BadFormat},
      {"2023-05-02T10:00:00,5", TimestampError::BadFormat},
      {"2023-05-02T10:00.5", TimestampError::BadFormat},  // fraction needs seconds
      {"2023-05-02T10:00:00x", TimestampError::BadFormat},
      {"2023-05-02T10:00+0100", TimestampError::BadFormat},
      {"2023-05-02T10:00+01", TimestampError::BadFormat},
      {"2023-05-02T10:00+1:00", TimestampError::BadFormat},
      {"2023-05-02T10:00+01:0", TimestampError::BadFormat},
      {"2023-05-02T10:00+01:00:00", TimestampError::BadFormat},
      {"2023-05-02T10:00 +01:00", TimestampError::BadFormat},
      {"2023-05-02T10:00Zx", TimestampError::BadFormat},
      {"2023-05-02T10:00Z ", TimestampError::BadFormat},
      {"2023-05-02T10:00ZZ", TimestampError::BadFormat},
      {"2023-05-02T10:00Z+01:00", TimestampError::BadFormat},
      {"2023-05-02T10:00:00.5Z+01:00", TimestampError::BadFormat},
      {"2023-05-02T10:00UTC", TimestampError::BadFormat},
      {"2023-05-02t10:00", TimestampError::BadFormat},   // lower case is rejected
      {"2023-05-02T10:00z", TimestampError::BadFormat},  // lower case is rejected
      {"2023-05-02T+1:00", TimestampError::BadFormat},
      {"2023-05-02T-1:00", TimestampError::BadFormat},
      {"2023-05-02T10:-1", TimestampError::BadFormat},
      // Impossible calendar dates.
      {"2023-02-30", TimestampError::ImpossibleDate},
      {"2023-02-29", TimestampError::ImpossibleDate},
      {"2100-02-29", TimestampError::ImpossibleDate},
      {"2023-04-31", TimestampError::ImpossibleDate},
      {"2023-13-01", TimestampError::ImpossibleDate},
      {"2023-00-10", TimestampError::ImpossibleDate},
      {"2023-05-00", TimestampError::ImpossibleDate},
      {"2023-02-30T10:00", TimestampError::ImpossibleDate},
      // Impossible times of day and offsets.
      {"2023-05-02T25:00", TimestampError::ImpossibleTime},
      {"2023-05-02T24:00", TimestampError::ImpossibleTime},
      {"2023-05-02T10:61", TimestampError::ImpossibleTime},
      {"2023-05-02T10:60", TimestampError::ImpossibleTime},
      {"2023-05-02T10:00:60", TimestampError::ImpossibleTime},
      {"2023-05-02T10:00:99", TimestampError::ImpossibleTime},
      {"2023-05-02T10:00+24:00", TimestampError::ImpossibleTime},
      {"2023-05-02T10:00-24:00", TimestampError::ImpossibleTime},
      {"2023-05-02T10:00+01:60", TimestampError::ImpossibleTime},
      {"2023-05-02T10:00+99:99", TimestampError::ImpossibleTime},
      // Outside years 1..9999.
      {"0000-01-01", TimestampError::OutOfRange},
      {"0000-01-01T10:00", TimestampError::OutOfRange},
  };
  for (const auto& [text, expected] : cases) {
    INFO("input: '" << text << "'");
    const ParsedTimestamp p = parse_timestamp(text, copenhagen());
    CHECK(p.error == expected);
    CHECK_FALSE(p.local_adjusted);
  }
}

TEST_CASE("timestamp: range ends and leap days are accepted", "[time][timestamp]") {
  CHECK(ts("0001-01-01").date == day(1, 1, 1));
  CHECK(ts("9999-12-31").date == day(9999, 12, 31));
  CHECK(ts("9999-12-31T23:59:59.999999").date == day(9999, 12, 31));
  CHECK(ts("2024-02-29T12:00").date == day(2024, 2, 29));
  CHECK(ts("2000-02-29").date == day(2000, 2, 29));
  CHECK(ts("2023-05-02T00:00").lo == ts("2023-05-02").lo);
  CHECK(ts("2023-05-02T23:59:59.999999").lo == ts("2023-05-02").hi);
}

TEST_CASE("timestamp: every error has a description", "[time][timestamp]") {
  for (const TimestampError e : {TimestampError::None, TimestampError::BadFormat, TimestampError::ImpossibleDate,
                                 TimestampError::ImpossibleTime, TimestampError::OutOfRange}) {
    REQUIRE(describe(e) != nullptr);
    CHECK(std::string(describe(e)).size() > 5);
  }
  CHECK(std::string(describe(TimestampError::BadFormat)) != describe(TimestampError::ImpossibleDate));
}

TEST_CASE("timestamp: ISO rendering in Copenhagen time with the offset", "[time][timestamp]") {
  const Zone& z = copenhagen();
  CHECK(format_timestamp(ts("2023-05-02"), z) == "2023-05-02");
  CHECK(format_timestamp(ts("2023-03-01T09:30"), z) == "2023-03-01T09:30:00+01:00");
  CHECK(format_timestamp(ts("2023-06-02T09:00:15+02:00"), z) == "2023-06-02T09:00:15+02:00");
  CHECK(format_timestamp(ts("2023-06-02T07:00:15Z"), z) == "2023-06-02T09:00:15+02:00");
  CHECK(format_timestamp(ts("2023-12-31T23:30Z"), z) == "2024-01-01T00:30:00+01:00");
  CHECK(format_timestamp(ts("2023-03-01T09:30:00.5"), z) == "2023-03-01T09:30:00.5+01:00");
  CHECK(format_timestamp(ts("2023-03-01T09:30:00.123456"), z) == "2023-03-01T09:30:00.123456+01:00");
  CHECK(format_timestamp(ts("2023-03-01T09:30:00.000010"), z) == "2023-03-01T09:30:00.00001+01:00");
  CHECK(format_timestamp(ts("2023-03-26T02:30"), z) == "2023-03-26T03:30:00+02:00");  // adjusted
  CHECK(format_timestamp(ts("2023-10-29T02:30"), z) == "2023-10-29T02:30:00+02:00");  // first pass
  CHECK(format_timestamp(ts("2023-10-29T01:30Z"), z) == "2023-10-29T02:30:00+01:00");  // second pass
  CHECK(format_timestamp(ts("1969-12-31T12:00"), z) == "1969-12-31T12:00:00+01:00");
  const Timestamp interval = add_clock(ts("2023-05-02"), 24 * kMicrosPerHour, z);
  CHECK(format_timestamp(interval, z) == "2023-05-03T00:00:00+02:00/2023-05-03T23:59:59.999999+02:00");
}

TEST_CASE("timestamp: rendering parses back to the same instant", "[time][timestamp]") {
  const Zone& z = copenhagen();
  for (Micros u = utc(2023, 1, 1); u < utc(2024, 1, 1); u += 7 * kMicrosPerHour + 123457) {
    const Timestamp t = Timestamp::of_instant(u, z);
    const std::string text = format_timestamp(t, z);
    const ParsedTimestamp back = parse_timestamp(text, z);
    INFO(text);
    REQUIRE(back.error == TimestampError::None);
    REQUIRE(back.value == t);
  }
}

TEST_CASE("timestamp: a date sorts at the start of its local day", "[time][timestamp]") {
  CHECK(ts("2023-05-02").sort_key() == ts("2023-05-02T00:00").sort_key());
  CHECK(ts("2023-05-02").sort_key() == ts("2023-05-01T22:00Z").sort_key());
  CHECK(ts("2023-05-02").sort_key() < ts("2023-05-02T00:00:00.000001").sort_key());
  CHECK(ts("2023-05-02").sort_key() > ts("2023-05-01T23:59:59.999999").sort_key());
  CHECK(ts("2023-01-02").sort_key() == ts("2023-01-01T23:00Z").sort_key());
  // A date-time late on the previous evening in UTC may sort after the date.
  CHECK(ts("2023-12-31T23:30Z").sort_key() > ts("2024-01-01").sort_key());

  // Events in any order end up in time order, ties keeping input order.
  std::vector<std::pair<Timestamp, int>> events = {
      {ts("2023-05-03T08:00"), 0}, {ts("2023-05-02T10:00"), 1}, {ts("2023-05-02"), 2},
      {ts("2023-05-02T00:00"), 3}, {ts("2023-05-01T23:59"), 4},
  };
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.first.sort_key() < b.first.sort_key(); });
  std::vector<int> order;
  for (const auto& e : events) order.push_back(e.second);
  CHECK(order == std::vector<int>{4, 2, 3, 1, 0});
}

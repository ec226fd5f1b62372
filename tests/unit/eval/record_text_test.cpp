// Unit tests for the fast paths of record formatting: dates and timestamps
// written digit by digit (runtime/eval/reasons.hpp) and JSON/CSV escaping
// that copies clean text whole (cli/output/verdict_records.hpp), each
// compared with the general path it replaces over many values.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "cli/output/verdict_records.hpp"
#include "runtime/common/csv_text.hpp"
#include "runtime/common/json_text.hpp"
#include "runtime/eval/reasons.hpp"
#include "runtime/time/civil.hpp"
#include "runtime/time/timestamp.hpp"
#include "runtime/time/zone.hpp"

using namespace frist;

namespace {

const time::Zone& copenhagen() {
  static const time::Zone zone = [] {
    auto loaded = time::Zone::load();
    if (!loaded) FAIL("cannot load Europe/Copenhagen: " << loaded.error().message);
    return std::move(loaded).value();
  }();
  return zone;
}

std::string fast_date(time::Days d) {
  std::string out = "x";  // appends, never replaces
  eval::append_date(out, d);
  return out.substr(1);
}

std::string fast_timestamp(const time::Timestamp& t) {
  std::string out = "x";
  eval::append_timestamp(out, t, copenhagen());
  return out.substr(1);
}

}  // namespace

TEST_CASE("record text: dates as time::format_date", "[eval][reasons]") {
  const time::Days first = time::days_from_civil(1900, 1, 1);
  const time::Days last = time::days_from_civil(2200, 12, 31);
  std::size_t mismatches = 0;
  for (time::Days d = first; d <= last; ++d) {
    if (fast_date(d) != time::format_date(d)) ++mismatches;
  }
  CHECK(mismatches == 0);
  CHECK(fast_date(time::days_from_civil(2023, 2, 28)) == "2023-02-28");
  // The edges of the calendar and beyond it (fmt's general path).
  for (const time::Days d : {time::days_from_civil(1, 1, 1), time::days_from_civil(9999, 12, 31),
                             time::days_from_civil(1, 1, 1) - 1, time::days_from_civil(1, 1, 1) - 400,
                             time::days_from_civil(9999, 12, 31) + 1, time::Days{-800'000}, time::Days{3'000'000}}) {
    INFO("day " << d);
    CHECK(fast_date(d) == time::format_date(d));
  }
}

TEST_CASE("record text: timestamps of every precision as time::format_timestamp", "[eval][reasons]") {
  const time::Zone& zone = copenhagen();
  std::mt19937_64 rng(20251231);
  const time::Micros from = time::Micros{time::days_from_civil(1850, 1, 1)} * time::kMicrosPerDay;
  const time::Micros to = time::Micros{time::days_from_civil(2200, 12, 31)} * time::kMicrosPerDay;
  std::uniform_int_distribution<time::Micros> any_instant(from, to);
  // Fractions with 0..6 significant digits: the text drops trailing zeros.
  const time::Micros scales[] = {1'000'000, 100'000, 10'000, 1'000, 100, 10, 1};
  std::size_t mismatches = 0;
  for (int i = 0; i < 200'000; ++i) {
    const time::Micros scale = scales[i % 7];
    const time::Micros utc = any_instant(rng) / scale * scale;
    const time::Timestamp instant = time::Timestamp::of_instant(utc, zone);
    if (fast_timestamp(instant) != time::format_timestamp(instant, zone)) ++mismatches;
    time::Timestamp interval = instant;
    interval.precision = time::Precision::Interval;
    interval.hi = utc + static_cast<time::Micros>(rng() % (40 * time::kMicrosPerDay));
    if (fast_timestamp(interval) != time::format_timestamp(interval, zone)) ++mismatches;
    const time::Timestamp date = time::Timestamp::of_date(instant.date, zone);
    if (fast_timestamp(date) != time::format_timestamp(date, zone)) ++mismatches;
  }
  CHECK(mismatches == 0);
  // Around the changes to and from summer time, minute by minute.
  for (const int year : {1916, 1980, 1996, 2023, 2100}) {
    for (const int month : {3, 10}) {
      const time::Micros start = time::Micros{time::days_from_civil(year, month, 20)} * time::kMicrosPerDay;
      for (time::Micros t = start; t < start + 12 * time::kMicrosPerDay; t += time::kMicrosPerMinute + 1) {
        const time::Timestamp instant = time::Timestamp::of_instant(t, zone);
        if (fast_timestamp(instant) != time::format_timestamp(instant, zone)) ++mismatches;
      }
    }
  }
  CHECK(mismatches == 0);
  // The edges of the fast path's years, and beyond them (the general path).
  for (const time::Days d : {time::Days{-719528}, time::Days{-719529}, time::Days{-719528 - 400}, time::Days{2932896},
                             time::Days{2932897}, time::Days{2932896 + 400}}) {
    for (const time::Micros of_day : {time::Micros{0}, time::Micros{1}, time::kMicrosPerDay - 1, 3 * time::kMicrosPerHour + 7}) {
      const time::Micros utc = time::Micros{d} * time::kMicrosPerDay + of_day;
      INFO("utc " << utc);
      const time::Timestamp instant = time::Timestamp::of_instant(utc, zone);
      CHECK(fast_timestamp(instant) == time::format_timestamp(instant, zone));
      time::Timestamp interval = instant;
      interval.precision = time::Precision::Interval;
      interval.hi = utc + 3 * time::kMicrosPerDay;
      CHECK(fast_timestamp(interval) == time::format_timestamp(interval, zone));
    }
  }
  // Local mean time before 1894 has an offset with seconds.
  const time::Timestamp lmt = time::Timestamp::of_instant(time::Micros{time::days_from_civil(1880, 6, 1)} * time::kMicrosPerDay + 123, zone);
  CHECK(fast_timestamp(lmt) == time::format_timestamp(lmt, zone));
  const time::Timestamp known = time::parse_timestamp("2023-03-01T09:30:00.250+01:00", zone).value;
  CHECK(fast_timestamp(known) == "2023-03-01T09:30:00.25+01:00");
}

namespace {

// Strings mixing plain ASCII, Danish letters, every control character,
// quotes, backslashes, commas and line breaks.
std::vector<std::string> awkward_strings() {
  std::vector<std::string> out = {"", "a", "kravet er opfyldt", "undersøgelse_afsluttet 2023-03-15, frist 2023-05-02",
                                  "\"", "\\", "a\"b", "tab\there", "line\nbreak", "cr\r", "\x7f", "æøå ÆØÅ “citat”",
                                  "comma,only", "K860-000001"};
  for (int c = 0; c < 0x20; ++c) out.push_back(std::string("x") + static_cast<char>(c) + "y");
  const std::string alphabet[] = {"a", "Z", "0", " ", ",", "\"", "\\", "\n", "\r", "\t", "\x01", "\x1f", "\x7f",
                                  "ø", "Å", "€", "'", "/", "{", "}"};
  std::mt19937 rng(42);
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const int length = static_cast<int>(rng() % 40);
    // Most strings need no escape: draw from the clean letters only.
    const std::size_t letters = i % 3 == 0 ? std::size(alphabet) : 4;
    for (int k = 0; k < length; ++k) s += alphabet[rng() % letters];
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

TEST_CASE("record text: JSON strings as append_json_string", "[cli][records]") {
  std::string scratch;
  for (const std::string& s : awkward_strings()) {
    INFO("text: " << s);
    std::string expected = "prefix";
    append_json_string(expected, s);
    std::string fast = "prefix";
    cli::append_json_text(fast, s);
    CHECK(fast == expected);
    // Escaping in place what was appended after an opening quote.
    std::string in_place = "prefix\"";
    const std::size_t start = in_place.size();
    in_place += s;
    cli::close_json_text(in_place, start, scratch);
    CHECK(in_place == expected);
  }
}

TEST_CASE("record text: CSV fields as append_csv_field", "[cli][records]") {
  std::string scratch;
  for (const std::string& s : awkward_strings()) {
    INFO("text: " << s);
    std::string expected = "a,";
    append_csv_field(expected, s);
    std::string in_place = "a,";
    const std::size_t start = in_place.size();
    in_place += s;
    cli::close_csv_field(in_place, start, scratch);
    CHECK(in_place == expected);
  }
}

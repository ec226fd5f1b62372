// Timestamps of case data: construction from a date or an instant, the strict
// parser for the forms of case-data.md §1 (and its cached front for readers,
// TimestampParser), error descriptions, and ISO 8601 rendering in Copenhagen
// local time.
#include "runtime/time/timestamp.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

namespace frist::time {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Reads `count` digits at `pos`; false if any is not a digit.
bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) noexcept {
  if (pos + count > text.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(text[i])) return false;
    v = v * 10 + (text[i] - '0');
  }
  out = v;
  return true;
}

ParsedTimestamp failure(TimestampError e) noexcept {
  ParsedTimestamp p;
  p.error = e;
  return p;
}

Micros floor_div(Micros a, Micros b) noexcept {
  const Micros q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// `YYYY-MM-DDThh:mm:ss[.ffffff]` of a local wall-clock time.
std::string format_local(Micros local) {
  const Micros day = floor_div(local, kMicrosPerDay);
  const Micros of_day = local - day * kMicrosPerDay;
  const Micros seconds = of_day / kMicrosPerSecond;
  std::string out = fmt::format("{}T{:02}:{:02}:{:02}", format_date(static_cast<Days>(day)),
                                seconds / 3600, seconds / 60 % 60, seconds % 60);
  Micros fraction = of_day % kMicrosPerSecond;
  if (fraction != 0) {
    int digits = 6;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --digits;
    }
    out += fmt::format(".{:0{}}", fraction, digits);
  }
  return out;
}

std::string format_offset(std::int32_t offset_s) {
  const char sign = offset_s < 0 ? '-' : '+';
  const std::int32_t a = std::abs(offset_s);
  // Offsets with seconds only occur in local mean time before 1894.
  if (a % 60 != 0) return fmt::format("{}{:02}:{:02}:{:02}", sign, a / 3600, a / 60 % 60, a % 60);
  return fmt::format("{}{:02}:{:02}", sign, a / 3600, a / 60 % 60);
}

std::string format_instant(Micros utc, const Zone& zone) {
  const std::int32_t offset_s = zone.offset_seconds_at(utc);
  return format_local(utc + Micros{offset_s} * kMicrosPerSecond) + format_offset(offset_s);
}

}  // namespace

Timestamp Timestamp::of_date(Days d, const Zone& zone) noexcept {
  Timestamp t;
  t.lo = zone.local_midnight(d);
  t.hi = zone.local_midnight(d + 1) - 1;
  t.date = d;
  t.precision = Precision::Date;
  return t;
}

Timestamp Timestamp::of_instant(Micros utc, const Zone& zone) noexcept {
  Timestamp t;
  t.lo = utc;
  t.hi = utc;
  t.date = zone.local_date(utc);
  t.precision = Precision::Instant;
  return t;
}

// The accepted forms, exactly (case-data.md §1):
//   YYYY-MM-DD
//   YYYY-MM-DDThh:mm[:ss[.f…]][Z|±hh:mm]
// The `T` and `Z` must be upper case: `t`/`z` are BadFormat. ISO 8601 and
// RFC 3339 allow lower case, but the spec names only the upper-case forms, and
// a strict reader keeps one spelling per value in the data. Syntax is checked
// over the whole text before any value, so `2023-02-30x` is BadFormat, not
// ImpossibleDate. Hours 24 and seconds 60 (leap seconds) are ImpossibleTime,
// as is an offset beyond ±23:59; `-00:00` is taken as UTC.
ParsedTimestamp parse_timestamp(std::string_view text, const Zone& zone) noexcept {
  int year = 0, month = 0, day = 0;
  if (text.size() < 10 || !read_digits(text, 0, 4, year) || text[4] != '-' ||
      !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day)) {
    return failure(TimestampError::BadFormat);
  }

  const bool has_time = text.size() > 10;
  int hour = 0, minute = 0, second = 0;
  Micros fraction = 0;
  bool has_offset = false;
  int offset_sign = 1, offset_hour = 0, offset_minute = 0;
  if (has_time) {
    if (text[10] != 'T' || !read_digits(text, 11, 2, hour) || text.size() < 14 || text[13] != ':' ||
        !read_digits(text, 14, 2, minute)) {
      return failure(TimestampError::BadFormat);
    }
    std::size_t pos = 16;
    if (pos < text.size() && text[pos] == ':') {
      if (!read_digits(text, pos + 1, 2, second)) return failure(TimestampError::BadFormat);
      pos += 3;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t first_digit = pos;
        Micros scale = 100'000;  // the first fraction digit is tenths of a second
        while (pos < text.size() && is_digit(text[pos])) {
          fraction += (text[pos] - '0') * scale;  // digits past microseconds add 0: truncation
          scale /= 10;
          ++pos;
        }
        if (pos == first_digit) return failure(TimestampError::BadFormat);
      }
    }
    if (pos < text.size()) {
      const char c = text[pos];
      if (c == 'Z') {
        has_offset = true;
        ++pos;
      } else if (c == '+' || c == '-') {
        if (!read_digits(text, pos + 1, 2, offset_hour) || pos + 3 >= text.size() ||
            text[pos + 3] != ':' || !read_digits(text, pos + 4, 2, offset_minute)) {
          return failure(TimestampError::BadFormat);
        }
        has_offset = true;
        offset_sign = c == '-' ? -1 : 1;
        pos += 6;
      } else {
        return failure(TimestampError::BadFormat);
      }
    }
    if (pos != text.size()) return failure(TimestampError::BadFormat);
  }

  if (year < kMinYear || year > kMaxYear) return failure(TimestampError::OutOfRange);
  if (!valid_civil(year, month, day)) return failure(TimestampError::ImpossibleDate);
  const Days d = days_from_civil(year, month, day);
  ParsedTimestamp result;
  if (!has_time) {
    result.value = Timestamp::of_date(d, zone);
    return result;
  }
  if (hour > 23 || minute > 59 || second > 59 || offset_hour > 23 || offset_minute > 59) {
    return failure(TimestampError::ImpossibleTime);
  }
  const Micros of_day =
      hour * kMicrosPerHour + minute * kMicrosPerMinute + second * kMicrosPerSecond + fraction;
  Micros utc = 0;
  if (has_offset) {
    const Micros offset = offset_sign * (offset_hour * kMicrosPerHour + offset_minute * kMicrosPerMinute);
    utc = Micros{d} * kMicrosPerDay + of_day - offset;
  } else {
    const LocalInstant li = zone.from_local(d, of_day);
    utc = li.utc;
    result.local_adjusted = li.mapping != LocalMapping::Unique;
  }
  result.value = Timestamp::of_instant(utc, zone);
  return result;
}

ParsedTimestamp TimestampParser::parse(std::string_view text) noexcept {
  const std::size_t n = text.size();
  if (n != 10 && n != 16 && n != 19) return parse_timestamp(text, *zone_);
  std::uint64_t head = 0;
  std::uint16_t tail = 0;
  std::memcpy(&head, text.data(), 8);
  std::memcpy(&tail, text.data() + 8, 2);
  if (!days_) days_ = std::make_unique<Day[]>(std::size_t{1} << kDayBits);
  // The entry is chosen by the date's place in the calendar (372 entries a
  // year, by the year's last two digits), so that about 11 consecutive years
  // share no entry; non-digits give some entry, and the key decides.
  const auto digit = [&text](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(text[i])) - '0'; };
  const unsigned place = (digit(2) * 10 + digit(3)) * 372 + (digit(5) * 10 + digit(6)) * 31 + digit(8) * 10 + digit(9);
  Day& day = days_[place & ((1u << kDayBits) - 1)];
  if (!day.used || day.head != head || day.tail != tail) {
    // Only a date the general parser accepts is cached.
    int year = 0, month = 0, d = 0;
    if (!read_digits(text, 0, 4, year) || text[4] != '-' || !read_digits(text, 5, 2, month) || text[7] != '-' ||
        !read_digits(text, 8, 2, d) || year < kMinYear || year > kMaxYear || !valid_civil(year, month, d)) {
      return parse_timestamp(text, *zone_);
    }
    day.head = head;
    day.tail = tail;
    day.used = true;
    day.date = days_from_civil(year, month, d);
    day.midnight = zone_->local_midnight(day.date);
    day.next_midnight = zone_->local_midnight(day.date + 1);
    day.fixed_offset = zone_->fixed_offset_day(day.date, day.offset_s);
  }
  ParsedTimestamp result;
  if (n == 10) {  // as Timestamp::of_date
    result.value.lo = day.midnight;
    result.value.hi = day.next_midnight - 1;
    result.value.date = day.date;
    result.value.precision = Precision::Date;
    return result;
  }
  int hour = 0, minute = 0, second = 0;
  if (!day.fixed_offset || text[10] != 'T' || !read_digits(text, 11, 2, hour) || text[13] != ':' ||
      !read_digits(text, 14, 2, minute) || hour > 23 || minute > 59 ||
      (n == 19 && (text[16] != ':' || !read_digits(text, 17, 2, second) || second > 59))) {
    return parse_timestamp(text, *zone_);
  }
  // As from_local and Timestamp::of_instant on a day with one offset.
  const Micros utc = Micros{day.date} * kMicrosPerDay + hour * kMicrosPerHour + minute * kMicrosPerMinute +
                     second * kMicrosPerSecond - Micros{day.offset_s} * kMicrosPerSecond;
  result.value.lo = utc;
  result.value.hi = utc;
  result.value.date = day.date;
  result.value.precision = Precision::Instant;
  return result;
}

const char* describe(TimestampError e) noexcept {
  switch (e) {
    case TimestampError::None:
      return "no error";
    case TimestampError::BadFormat:
      return "not a timestamp of the form YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.fraction]] "
             "with optional Z or ±hh:mm";
    case TimestampError::ImpossibleDate:
      return "impossible date (no such day in the calendar)";
    case TimestampError::ImpossibleTime:
      return "impossible time of day or UTC offset (hours 00-23, minutes and seconds 00-59)";
    case TimestampError::OutOfRange:
      return "year outside the supported range 0001-9999";
  }
  return "unknown timestamp error";
}

std::string format_timestamp(const Timestamp& t, const Zone& zone) {
  switch (t.precision) {
    case Precision::Date:
      return format_date(t.date);
    case Precision::Instant:
      return format_instant(t.lo, zone);
    case Precision::Interval:
      return format_instant(t.lo, zone) + "/" + format_instant(t.hi, zone);
  }
  return format_instant(t.lo, zone);
}

}  // namespace frist::time

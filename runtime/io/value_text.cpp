// Parsing of numbers, booleans and ISO 8601 durations from text, without
// allocation (std::from_chars). Written here because no library on the
// dependency list parses ISO 8601 durations (date/tz parses only chrono
// durations in its own format).
#include "runtime/io/value_text.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace frist::io {

std::string_view trim_blanks(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<double> parse_decimal_text(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  // from_chars accepts "inf" and "nan"; a decimal in case data must be a number.
  const char first = text.front() == '-' ? (text.size() > 1 ? text[1] : '\0') : text.front();
  if (!(first >= '0' && first <= '9') && first != '.') return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parse_int_text(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc{} && end == text.data() + text.size()) return value;
  // `3.0`: a number without fraction part.
  const auto d = parse_decimal_text(text);
  if (!d || std::trunc(*d) != *d) return std::nullopt;
  if (*d < -9.2233720368547758e18 || *d >= 9.2233720368547758e18) return std::nullopt;
  return static_cast<std::int64_t>(*d);
}

std::optional<bool> parse_bool_text(std::string_view text) noexcept {
  auto equals = [](std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      char c = a[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != lower[i]) return false;
    }
    return true;
  };
  if (equals(text, "true")) return true;
  if (equals(text, "false")) return false;
  return std::nullopt;
}

std::optional<model::Duration> parse_duration_text(std::string_view text) noexcept {
  if (text.size() < 3 || text.front() != 'P') return std::nullopt;
  constexpr std::int64_t kMaxComponent = 1'000'000'000;  // keeps every product below int64 overflow
  std::int64_t years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, micros = 0;
  bool in_time = false, any = false, calendar = false, clock = false;
  char last_unit = '\0';  // units must come in the order of the grammar
  const char* date_order = "YMWD";
  const char* time_order = "HMS";
  std::size_t i = 1;
  auto order_ok = [&](const char* order, char unit) {
    // `last_unit` must appear before `unit` in `order` (or be absent).
    if (last_unit == '\0') return true;
    const std::string_view o(order);
    const auto a = o.find(last_unit), b = o.find(unit);
    return a != std::string_view::npos && b != std::string_view::npos && a < b;
  };
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      last_unit = '\0';
      ++i;
      if (i == text.size()) return std::nullopt;  // `P1DT` has no time part
      continue;
    }
    std::int64_t whole = 0;
    const auto digits_begin = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      whole = whole * 10 + (text[i] - '0');
      if (whole > kMaxComponent) return std::nullopt;
      ++i;
    }
    if (i == digits_begin) return std::nullopt;
    std::int64_t fraction_micros = 0;
    bool has_fraction = false;
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
      has_fraction = true;
      ++i;
      const auto frac_begin = i;
      std::int64_t scale = 100'000;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        fraction_micros += (text[i] - '0') * scale;
        scale /= 10;
        ++i;
      }
      if (i == frac_begin) return std::nullopt;
    }
    if (i == text.size()) return std::nullopt;
    const char unit = text[i++];
    if (has_fraction && !(in_time && unit == 'S')) return std::nullopt;  // fractions only on seconds
    if (!order_ok(in_time ? time_order : date_order, unit)) return std::nullopt;
    if (!in_time) {
      switch (unit) {
        case 'Y': years = whole; break;
        case 'M': months = whole; break;
        case 'W': weeks = whole; break;
        case 'D': days = whole; break;
        default: return std::nullopt;
      }
      calendar = true;
    } else {
      switch (unit) {
        case 'H': hours = whole; break;
        case 'M': minutes = whole; break;
        case 'S': micros = whole * 1'000'000 + fraction_micros; break;
        default: return std::nullopt;
      }
      clock = true;
    }
    last_unit = unit;
    any = true;
  }
  if (!any || (calendar && clock)) return std::nullopt;
  model::Duration d;
  if (calendar) {
    const std::int64_t m = years * 12 + months;
    const std::int64_t dd = weeks * 7 + days;
    if (m > std::numeric_limits<std::int32_t>::max() || dd > std::numeric_limits<std::int32_t>::max()) return std::nullopt;
    d.kind = model::Duration::Kind::Calendar;
    d.months = static_cast<std::int32_t>(m);
    d.days = static_cast<std::int32_t>(dd);
  } else {
    d.kind = model::Duration::Kind::Clock;
    d.micros = hours * 3'600'000'000 + minutes * 60'000'000 + micros;
  }
  return d;
}

}  // namespace frist::io

// Danish and English number, date and label formatting.
#include "cli/report/locale.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "runtime/common/utf8.hpp"

namespace frist::cli {

std::string Locale::count(std::uint64_t n) const {
  const std::string digits = fmt::format("{}", n);
  const char sep = danish ? '.' : ',';
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(sep);
    out.push_back(digits[i]);
  }
  return out;
}

std::string Locale::percent_number(double rate) const {
  // Round half away from zero on the percentage with one decimal, so
  // 1/6 = 16.666… gives 16,7 and the text does not depend on printf's
  // banker's rounding of binary fractions.
  const double tenths = std::floor(rate * 1000.0 + 0.5);
  std::string s = fmt::format("{:.1f}", tenths / 10.0);
  if (danish) {
    for (char& c : s)
      if (c == '.') c = ',';
  }
  return s;
}

std::string Locale::percent(double rate) const {
  return danish ? percent_number(rate) + " %" : percent_number(rate) + "%";
}

std::string Locale::interval(double low, double high) const {
  return danish ? fmt::format("{}–{} %", percent_number(low), percent_number(high))
                : fmt::format("{}–{}%", percent_number(low), percent_number(high));
}

std::string Locale::long_date(time::Days d) const {
  static constexpr const char* kDa[] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                        "juli",   "august",  "september", "oktober", "november", "december"};
  static constexpr const char* kEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
  const time::Civil c = time::civil_from_days(d);
  const int m = std::clamp(static_cast<int>(c.month), 1, 12) - 1;
  return danish ? fmt::format("{}. {} {}", c.day, kDa[m], c.year) : fmt::format("{} {} {}", c.day, kEn[m], c.year);
}

const char* Locale::verdict(vm::Verdict v) const noexcept {
  if (danish) return vm::verdict_label_da(v);
  switch (v) {
    case vm::Verdict::Compliant: return "compliant";
    case vm::Verdict::Violated: return "violated";
    case vm::Verdict::Pending: return "pending";
    case vm::Verdict::NotApplicable: return "not applicable";
    case vm::Verdict::Undetermined: return "undetermined";
  }
  return "?";
}

const char* Locale::cases_word(std::uint64_t n) const noexcept {
  if (danish) return n == 1 ? "sag" : "sager";
  return n == 1 ? "case" : "cases";
}

std::string printable(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = '?';
  }
  return out;
}

std::size_t display_width(std::string_view s) noexcept { return count_code_points(s); }

std::string pad_right(std::string_view s, std::size_t width) {
  std::string out(s);
  const std::size_t w = display_width(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view s, std::size_t width) {
  const std::size_t w = display_width(s);
  std::string out;
  if (w < width) out.append(width - w, ' ');
  out.append(s);
  return out;
}

}  // namespace frist::cli

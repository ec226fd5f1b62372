// Numbers, dates and verdict labels the way a reader of the rulesets'
// language writes them: Danish `16,7 %`, `1.234`, `1. marts 2021`,
// "afventer"; English `16.7%`, `1,234`, `1 March 2021`, "pending". Shared by
// every report format and by `frist explain`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/time/civil.hpp"
#include "runtime/vm/verdict.hpp"

namespace frist::cli {

struct Locale {
  bool danish = true;

  static Locale from_code(std::string_view code) { return Locale{code != "en"}; }
  const char* code() const noexcept { return danish ? "da" : "en"; }

  // 1234567 → "1.234.567" (da) / "1,234,567" (en).
  std::string count(std::uint64_t n) const;
  // A rate in [0, 1] with one decimal: "16,7 %" / "16.7%".
  std::string percent(double rate) const;
  // Just the number of a percentage: "16,7" / "16.7".
  std::string percent_number(double rate) const;
  // An interval: "3,0–56,4 %" / "3.0–56.4%".
  std::string interval(double low, double high) const;
  // "1. marts 2021" / "1 March 2021".
  std::string long_date(time::Days d) const;
  // "overholdt", "ikke overholdt", "afventer", "ikke relevant", "kan ikke vurderes" / English names.
  const char* verdict(vm::Verdict v) const noexcept;
  // "sag"/"sager", "case"/"cases".
  const char* cases_word(std::uint64_t n) const noexcept;
  const char* unknown_group() const noexcept { return danish ? "(ukendt)" : "(unknown)"; }
  const char* total() const noexcept { return danish ? "I alt" : "Total"; }
};

// Text from case data made safe for a terminal or a table: control
// characters (escape sequences, tabs, line breaks) become '?'.
std::string printable(std::string_view s);

// Code points in a UTF-8 string (for aligning columns), and padding to a width.
std::size_t display_width(std::string_view s) noexcept;
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);

}  // namespace frist::cli

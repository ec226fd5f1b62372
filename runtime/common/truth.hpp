// Truth: three-valued (Kleene) logic — false, true, unknown — used for every
// condition the engine evaluates, so missing or coarse data flows to
// `undetermined` instead of a wrong verdict (spec/semantics.md §1).
#pragma once

#include <cstdint>

namespace frist {

enum class Truth : std::uint8_t { False = 0, True = 1, Unknown = 2 };

constexpr Truth truth_of(bool b) noexcept { return b ? Truth::True : Truth::False; }

constexpr Truth operator!(Truth a) noexcept {
  return a == Truth::Unknown ? Truth::Unknown : (a == Truth::True ? Truth::False : Truth::True);
}
constexpr Truth operator&&(Truth a, Truth b) noexcept {
  if (a == Truth::False || b == Truth::False) return Truth::False;
  if (a == Truth::True && b == Truth::True) return Truth::True;
  return Truth::Unknown;
}
constexpr Truth operator||(Truth a, Truth b) noexcept {
  if (a == Truth::True || b == Truth::True) return Truth::True;
  if (a == Truth::False && b == Truth::False) return Truth::False;
  return Truth::Unknown;
}

constexpr const char* to_string(Truth t) noexcept {
  return t == Truth::True ? "true" : t == Truth::False ? "false" : "unknown";
}

}  // namespace frist

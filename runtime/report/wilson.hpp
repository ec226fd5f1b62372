// The 95 % Wilson score interval of a compliance rate (spec/semantics.md §1):
// rate = compliant / (compliant + violated), null when the denominator is 0,
// and the interval around it with z = 1.959964. The Wilson interval stays
// inside [0, 1] and behaves well for small N and rates of 0 % or 100 %, which
// is exactly where a municipality's 6 cases land.
#pragma once

#include <cstdint>
#include <optional>

namespace frist::report {

constexpr double kZ95 = 1.959964;

struct Interval {
  double low = 0;
  double high = 0;
  double width() const noexcept { return high - low; }
};

// successes / n, or nullopt when n == 0.
std::optional<double> rate(std::uint64_t successes, std::uint64_t n) noexcept;

// The Wilson score interval for `successes` out of `n` (nullopt when n == 0).
// Precondition: successes <= n. The bounds are clamped to [0, 1]; 0 successes
// give exactly 0 as the low bound and n successes exactly 1 as the high bound.
std::optional<Interval> wilson_interval(std::uint64_t successes, std::uint64_t n, double z = kZ95) noexcept;

}  // namespace frist::report

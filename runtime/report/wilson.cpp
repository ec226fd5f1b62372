// Wilson score interval: centre (p + z²/2n) / (1 + z²/n), half-width
// z / (1 + z²/n) · sqrt(p(1−p)/n + z²/4n²).
#include "runtime/report/wilson.hpp"

#include <algorithm>
#include <cmath>

namespace frist::report {

std::optional<double> rate(std::uint64_t successes, std::uint64_t n) noexcept {
  if (n == 0) return std::nullopt;
  return static_cast<double>(successes) / static_cast<double>(n);
}

std::optional<Interval> wilson_interval(std::uint64_t successes, std::uint64_t n, double z) noexcept {
  if (n == 0) return std::nullopt;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denom;
  const double half = z / denom * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
  Interval iv{std::clamp(centre - half, 0.0, 1.0), std::clamp(centre + half, 0.0, 1.0)};
  if (successes == 0) iv.low = 0.0;
  if (successes >= n) iv.high = 1.0;
  return iv;
}

}  // namespace frist::report

// The Wilson score interval against published values (Newcombe 1998,
// "Two-sided confidence intervals for the single proportion", Table II,
// method 3) and its edge cases.
#include <catch2/catch.hpp>

#include "runtime/report/report.hpp"
#include "runtime/report/wilson.hpp"

using frist::report::wilson_interval;

namespace {

void check(std::uint64_t x, std::uint64_t n, double low, double high) {
  INFO(x << "/" << n);
  const auto iv = wilson_interval(x, n);
  REQUIRE(iv);
  CHECK(iv->low == Approx(low).margin(5e-5));
  CHECK(iv->high == Approx(high).margin(5e-5));
}

}  // namespace

TEST_CASE("wilson: Newcombe's published examples", "[report][wilson]") {
  check(81, 263, 0.2553, 0.3662);
  check(15, 148, 0.0624, 0.1605);
  check(0, 20, 0.0, 0.1611);
  check(1, 29, 0.0061, 0.1718);
}

TEST_CASE("wilson: the barometer's small numbers", "[report][wilson]") {
  // Ishøj: 1 of 6 investigations within 4 months.
  check(1, 6, 0.030053, 0.563503);
  check(5, 10, 0.236593, 0.763407);
  check(3, 14, 0.075714, 0.475892);
  // Unrounded values as JSON carries them (z = 1.959964).
  const auto iv = wilson_interval(5, 10);
  REQUIRE(iv);
  CHECK(iv->low == Approx(0.2365930890114794).epsilon(1e-12));
}

TEST_CASE("wilson: edges", "[report][wilson]") {
  CHECK_FALSE(wilson_interval(0, 0));
  CHECK_FALSE(frist::report::rate(0, 0));
  const auto none = wilson_interval(0, 20);
  REQUIRE(none);
  CHECK(none->low == 0.0);  // exactly 0, not -1e-17
  const auto all = wilson_interval(10, 10);
  REQUIRE(all);
  CHECK(all->high == 1.0);
  CHECK(all->low == Approx(0.7225).margin(5e-5));
  // Symmetric around 1/2.
  const auto a = wilson_interval(3, 10), b = wilson_interval(7, 10);
  CHECK(a->low == Approx(1.0 - b->high));
  for (std::uint64_t n : {1u, 2u, 7u, 100u, 100000u}) {
    for (std::uint64_t x = 0; x <= n; x += (n / 5 + 1)) {
      const auto iv = wilson_interval(x, n);
      REQUIRE(iv);
      const double p = static_cast<double>(x) / static_cast<double>(n);
      CHECK(iv->low <= p);
      CHECK(iv->high >= p);
      CHECK(iv->low >= 0.0);
      CHECK(iv->high <= 1.0);
    }
  }
}

TEST_CASE("wilson: the small-N flag", "[report][wilson]") {
  using frist::report::RuleCounts;
  auto counts = [](std::uint64_t compliant, std::uint64_t violated) {
    RuleCounts c;
    c.verdicts[0] = compliant;
    c.verdicts[1] = violated;
    return c;
  };
  CHECK_FALSE(frist::report::stats(counts(0, 0)).small_n);       // no rate, no flag
  CHECK(frist::report::stats(counts(1, 5)).small_n);              // N = 6
  CHECK(frist::report::stats(counts(19, 0)).small_n);             // N < 20
  CHECK_FALSE(frist::report::stats(counts(20, 0)).small_n);       // N = 20, interval 83.9–100 %
  CHECK(frist::report::stats(counts(10, 10)).small_n);            // N = 20 but 29.9–70.1 %: wider than 30 points
  CHECK_FALSE(frist::report::stats(counts(25, 25)).small_n);      // 36.6–63.4 %
}

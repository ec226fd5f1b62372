// Denmark's 98 municipalities for `frist gen`: official code (used in case
// ids), name as the barometer prints it, and a weight (rough population in
// hundreds, 2023) so that big municipalities get many cases and Læsø few.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace frist::gen {

class Random;

struct Municipality {
  std::uint16_t code;      // kommunekode, e.g. 101 for København
  std::string_view name;   // e.g. "København"
  std::uint32_t weight;    // rough population / 100
};

std::span<const Municipality> municipalities() noexcept;

// Draws a municipality with probability proportional to its weight.
const Municipality& pick_municipality(Random& random) noexcept;

}  // namespace frist::gen

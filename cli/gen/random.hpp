// The generator's own pseudo-random numbers: splitmix64 to derive a stream
// from (seed, case index, stream), xoshiro256** to draw from it, and integer
// distributions on top. Written here rather than taken from <random> because
// the std:: distributions are implementation-defined: the same seed must give
// byte-identical data on every machine and standard library. No floating
// point is involved anywhere, so there is no rounding to differ either.
#pragma once

#include <cstdint>
#include <span>

namespace frist::gen {

// Probabilities are written in parts per thousand (‰) throughout the
// generator, fault rates in parts per million.
using PerMille = std::uint32_t;
using PerMillion = std::uint32_t;

constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Independent draws for the parts of one case. Separate streams keep, for
// instance, the case content identical whether or not its line is damaged.
enum class RandomStream : std::uint64_t { Timeline = 1, Malformation = 2 };

class Random {
 public:
  // A stream determined by (seed, case index, stream) alone, so case i can be
  // generated without generating cases 0..i-1.
  static constexpr Random for_case(std::uint64_t seed, std::uint64_t case_index,
                                   RandomStream stream) noexcept {
    std::uint64_t mix = seed;
    std::uint64_t key = splitmix64(mix) ^ (case_index * 0xD1B54A32D192ED03ULL);
    key ^= static_cast<std::uint64_t>(stream) * 0x8CB92BA72F3D8DD7ULL;
    Random r;
    for (auto& word : r.state_) word = splitmix64(key);
    return r;
  }

  // xoshiro256** 1.0 (Blackman and Vigna, public domain).
  constexpr std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n) by multiply-shift on 32 bits (bias below 2^-32 · n).
  constexpr std::uint32_t below(std::uint32_t n) noexcept {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }

  // Uniform in [lo, hi]; hi < lo gives lo.
  constexpr int between(int lo, int hi) noexcept {
    if (hi <= lo) return lo;
    return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo) + 1));
  }

  constexpr bool chance(PerMille p) noexcept { return below(1000) < p; }
  constexpr bool chance_ppm(PerMillion p) noexcept { return below(1'000'000) < p; }

  // Index i with probability weights[i] / sum(weights).
  constexpr std::size_t weighted(std::span<const std::uint32_t> weights) noexcept {
    std::uint32_t total = 0;
    for (auto w : weights) total += w;
    std::uint32_t x = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t state_[4] = {0, 0, 0, 0};
};

}  // namespace frist::gen

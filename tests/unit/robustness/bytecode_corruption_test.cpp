// Corrupted bytecode (docs/robustness.md): every byte of the compiled
// serviceloven ruleset flipped in turn, then thousands of random multi-byte
// corruptions and truncations. Each file must be rejected by the loader with
// a message, or verify and then link, run every rule on a fixed case and
// render the results without a crash (the sanitizer tree runs this test
// under ASan and UBSan, with more random corruptions than the Release tree).
#include <catch2/catch.hpp>

#include <random>

#include "tests/fuzz/targets.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define FRIST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FRIST_UNDER_ASAN 1
#endif
#endif

namespace {

using namespace frist;

#ifdef FRIST_UNDER_ASAN
constexpr int kRandomCorruptions = 4000;
#else
constexpr int kRandomCorruptions = 1000;
#endif

struct Tally {
  std::size_t rejected = 0;
  std::size_t ran = 0;
};

// Loads one corrupted file the way `frist run X.fristc` would.
void load(const std::vector<std::uint8_t>& bytes, Tally& tally) {
  auto read = bytecode::read_file(bytes);
  if (!read) {
    REQUIRE_FALSE(read.error().message.empty());
    ++tally.rejected;
    return;
  }
  ++tally.ran;
  (void)bytecode::disassemble(*read);
  auto bundle = eval::Bundle::create({std::make_shared<const bytecode::CompiledRuleset>(std::move(*read))},
                                     {"corrupt.fristc"}, fuzz::zone());
  if (!bundle) return;  // a link error (a calendar that gives no date) is also a clean refusal
  model::CaseTimeline timeline;
  fuzz::fixed_case((*bundle)->vocabulary(), timeline);
  fuzz::evaluate_case(**bundle, timeline, time::days_from_civil(2024, 12, 31));
}

std::vector<std::uint8_t> compiled_serviceloven() {
  compiler::DiagnosticSink sink;
  const auto c = compiler::compile_file(std::string(FRIST_SOURCE_ROOT) + "/rulesets/serviceloven.frist",
                                        compiler::CompileOptions{}, fuzz::zone(), sink);
  REQUIRE(c.ruleset);
  return bytecode::write_file(*c.ruleset);
}

}  // namespace

TEST_CASE("corrupted bytecode: every byte flipped is rejected or runs safely", "[robustness][bytecode]") {
  const std::vector<std::uint8_t> original = compiled_serviceloven();
  Tally tally;
  std::vector<std::uint8_t> bytes = original;
  for (std::size_t i = 0; i < original.size(); ++i) {
    bytes[i] = static_cast<std::uint8_t>(original[i] ^ 0xFF);
    load(bytes, tally);
    bytes[i] = original[i];
  }
  WARN(original.size() << " flips: " << tally.rejected << " rejected, " << tally.ran << " verified and ran");
  CHECK(tally.rejected + tally.ran == original.size());
  CHECK(tally.rejected > original.size() / 2);  // most of the file is structure the verifier checks
  CHECK(tally.ran > 0);                         // flips in texts stay valid files
}

TEST_CASE("corrupted bytecode: random multi-byte corruptions and truncations", "[robustness][bytecode]") {
  const std::vector<std::uint8_t> original = compiled_serviceloven();
  std::mt19937_64 random(20241231);
  Tally tally;
  for (int n = 0; n < kRandomCorruptions; ++n) {
    std::vector<std::uint8_t> bytes = original;
    const int kind = n % 4;
    if (kind == 3) {
      // Truncated, or cut and padded with junk.
      bytes.resize(std::uniform_int_distribution<std::size_t>(0, original.size() - 1)(random));
      if (n % 8 == 7) bytes.resize(original.size(), static_cast<std::uint8_t>(random()));
    } else {
      // 2–16 bytes set to random values; kind 1 keeps them inside one small
      // region (one field or instruction), kind 2 also bumps a neighbour.
      const int count = std::uniform_int_distribution<int>(2, 16)(random);
      const std::size_t centre = std::uniform_int_distribution<std::size_t>(0, original.size() - 1)(random);
      for (int k = 0; k < count; ++k) {
        std::size_t at = kind == 0 ? std::uniform_int_distribution<std::size_t>(0, original.size() - 1)(random)
                                   : std::min(original.size() - 1, centre + static_cast<std::size_t>(k));
        bytes[at] = static_cast<std::uint8_t>(random());
        if (kind == 2 && at + 1 < bytes.size()) bytes[at + 1] = static_cast<std::uint8_t>(bytes[at + 1] + 1);
      }
    }
    load(bytes, tally);
  }
  WARN(kRandomCorruptions << " corruptions: " << tally.rejected << " rejected, " << tally.ran << " verified and ran");
  CHECK(tally.rejected + tally.ran == static_cast<std::size_t>(kRandomCorruptions));
  CHECK(tally.rejected > 0);
}

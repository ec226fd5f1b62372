// Unit tests for the duplicate-case-id table: exact answers (first claim
// wins, the first line is named), hash tag collisions, long and empty ids,
// the switch to 64-bit offsets, and its size for a million short ids.
#include <catch2/catch.hpp>

#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "runtime/io/case_id_registry.hpp"
#include "runtime/model/case_timeline.hpp"

using namespace frist;
using io::CaseIdRegistry;

namespace {

// Ids like the generated bench data: `K860-000001` (11 bytes).
std::string short_id(std::uint64_t i) { return fmt::format("K{:03}-{:06}", i % 1000, i); }

}  // namespace

TEST_CASE("case id registry: the first claim wins and names its line", "[io][registry]") {
  CaseIdRegistry r;
  CHECK(r.claim("a", 1));
  CHECK(r.claim("b", 2));
  CHECK(!r.claim("a", 3));
  CHECK(r.claim("ab", 4));  // a prefix is another id
  CHECK(r.claim("A", 5));   // case matters
  CHECK(r.size() == 4);
  CHECK(r.line_of("a") == 1);
  CHECK(r.line_of("ab") == 4);
  CHECK(r.line_of("c") == 0);

  model::CaseTimeline t;
  t.id = "b";
  t.line = 9;
  io::Rejection rejection;
  CHECK(!r.claim(t, rejection));
  CHECK(rejection.line == 9);
  CHECK(rejection.has_case_id);
  CHECK(rejection.case_id == "b");
  CHECK(rejection.reason == "duplicate case id: a case with this id was already read (line 2)");
  t.id = "c";
  CHECK(r.claim(t, rejection));
  CHECK(r.line_of("c") == 9);
}

TEST_CASE("case id registry: empty, binary and long ids; large line numbers", "[io][registry]") {
  CaseIdRegistry r;
  CHECK(r.claim("", 1));
  CHECK(!r.claim("", 2));
  CHECK(r.line_of("") == 1);
  const std::string zero("a\0b", 3);
  CHECK(r.claim(zero, 3));
  CHECK(r.claim(std::string_view("a"), 4));
  CHECK(!r.claim(zero, 5));
  // Lengths around the varint steps and the arena chunk size (256 KiB), up to
  // the record limit (64 MiB).
  for (const std::size_t n : {127u, 128u, 16383u, 16384u, (256u << 10) - 4, 256u << 10, (256u << 10) + 1, 64u << 20}) {
    std::string id(n, 'x');
    id.back() = 'y';
    CHECK(r.claim(id, 1000 + n));
    CHECK(!r.claim(id, 1));
    CHECK(r.line_of(id) == 1000 + n);
    id.back() = 'z';
    CHECK(r.claim(id, 1));
  }
  const std::uint64_t big = std::uint64_t{1} << 62;
  CHECK(r.claim("late", big));
  CHECK(r.line_of("late") == big);
  // Everything is still found after the table has grown past those.
  for (std::uint64_t i = 0; i < 20000; ++i) REQUIRE(r.claim(short_id(i), i + 10));
  CHECK(r.line_of("") == 1);
  CHECK(r.line_of(zero) == 3);
  CHECK(r.line_of(std::string(64u << 20, 'x').replace((64u << 20) - 1, 1, "y")) == 1000 + (64u << 20));
  CHECK(r.line_of("late") == big);
}

TEST_CASE("case id registry: every hash alike (one group, one tag)", "[io][registry]") {
  CaseIdRegistry::Tuning tuning;
  tuning.hash_mask = 0;
  CaseIdRegistry r(tuning);
  for (std::uint64_t i = 0; i < 1500; ++i) REQUIRE(r.claim(short_id(i), i + 1));
  for (std::uint64_t i = 0; i < 1500; ++i) {
    REQUIRE(!r.claim(short_id(i), 1));
    REQUIRE(r.line_of(short_id(i)) == i + 1);
  }
  CHECK(r.line_of("K000-999999") == 0);
  CHECK(r.size() == 1500);
}

TEST_CASE("case id registry: few hash bits, and 64-bit offsets past the narrow limit", "[io][registry]") {
  CaseIdRegistry::Tuning tuning;
  tuning.hash_mask = 0x0000'0003'0000'0041ull;  // 4 groups' worth of high bits, 2 tags
  tuning.narrow_arena_limit = 1u << 16;          // switch to 64-bit offsets early
  CaseIdRegistry r(tuning);
  std::unordered_map<std::string, std::uint64_t> first;
  for (std::uint64_t i = 0; i < 30000; ++i) {
    // Some ids repeat: every 7th is an earlier one.
    const std::string id = i % 7 == 6 ? short_id(i / 3) : short_id(i);
    const bool fresh = first.emplace(id, i + 1).second;
    REQUIRE(r.claim(id, i + 1) == fresh);
  }
  CHECK(r.size() == first.size());
  for (const auto& [id, line] : first) REQUIRE(r.line_of(id) == line);
  CHECK(r.bytes_used() > 8 * first.size());  // 64-bit offsets in use
}

TEST_CASE("case id registry: about 24 bytes per 11-byte id for a million ids", "[io][registry]") {
  CaseIdRegistry r;
  constexpr std::uint64_t kIds = 1'000'000;
  for (std::uint64_t i = 0; i < kIds; ++i) REQUIRE(r.claim(short_id(i), i + 1));
  CHECK(r.size() == kIds);
  // Arena 1 + 11 + 3 bytes per id, table 5 bytes per slot at most 7/8 and
  // at least 7/12 full: at most about 24 bytes per id (it was about 50).
  const double per_id = static_cast<double>(r.bytes_used()) / kIds;
  INFO("bytes per id: " << per_id);
  CHECK(per_id <= 24.0);
  CHECK(per_id >= 15.0);  // the ids themselves must be in there
  for (std::uint64_t i = 0; i < kIds; i += 997) REQUIRE(!r.claim(short_id(i), 1));
  CHECK(r.line_of(short_id(123456)) == 123457);
  CHECK(r.line_of("K456-1234567") == 0);
}

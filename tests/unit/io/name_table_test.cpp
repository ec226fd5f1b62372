// Unit tests for the readers' name lookup: the inline byte compare equals
// memcmp on every length 0-80 and every position of a difference, and
// NameTable answers as the vocabulary's find_* functions, also for names
// that differ from a declared one in a single byte.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "runtime/io/name_table.hpp"
#include "test_vocabulary.hpp"

using namespace frist;
using namespace frist::io;

TEST_CASE("name table: same_bytes is memcmp == 0", "[io][names]") {
  std::string a(96, 'x'), b(96, 'x');
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = b[i] = static_cast<char>('A' + i * 7 % 50);
  for (std::size_t offset = 0; offset < 3; ++offset) {
    for (std::size_t n = 0; n <= 80; ++n) {
      const char* pa = a.data() + offset;
      const char* pb = b.data() + 2 - offset;  // differently aligned copies
      std::string copy(pa, n);
      std::memcpy(b.data() + 2 - offset, copy.data(), n);
      REQUIRE(same_bytes(pa, pb, n));
      for (std::size_t i = 0; i < n; ++i) {
        for (const char delta : {1, -128}) {
          b[2 - offset + i] = static_cast<char>(b[2 - offset + i] + delta);
          INFO("n=" << n << " i=" << i);
          REQUIRE(same_bytes(pa, pb, n) == (std::memcmp(pa, pb, n) == 0));
          REQUIRE_FALSE(same_bytes(pa, pb, n));
          b[2 - offset + i] = static_cast<char>(b[2 - offset + i] - delta);
        }
      }
    }
  }
}

TEST_CASE("name table: same answers as the vocabulary", "[io][names]") {
  const auto vocabulary = testing::child_welfare_vocabulary();
  const NameTable table(vocabulary);
  std::vector<std::string> probes;
  auto add_variants = [&probes](const std::string& name) {
    probes.push_back(name);
    for (std::size_t i = 0; i < name.size(); ++i) {
      std::string changed = name;
      changed[i] = static_cast<char>(changed[i] ^ 1);
      probes.push_back(changed);
    }
    probes.push_back(name + "x");
    probes.push_back(name.substr(0, name.size() - 1));
    probes.push_back(name.substr(1));
  };
  for (const auto& type : vocabulary.event_types()) {
    add_variants(type.name);
    for (const auto& a : type.attributes) add_variants(a.name);
  }
  for (const auto& a : vocabulary.case_attributes()) add_variants(a.name);
  probes.push_back("");
  for (const auto& name : probes) {
    INFO("name: " << name);
    REQUIRE(table.find(NameTable::kEventTypes, name) == vocabulary.find_event_type(name));
    REQUIRE(table.find(NameTable::kCaseAttributes, name) == vocabulary.find_case_attribute(name));
    for (std::uint32_t t = 0; t < vocabulary.event_types().size(); ++t) {
      REQUIRE(table.find(t, name) == vocabulary.find_attribute(t, name));
    }
  }
}

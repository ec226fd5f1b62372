// Unit tests for runtime/bytecode writer and reader: the layout of the
// header and section table, write → read → write giving identical bytes,
// every field surviving the round trip, and determinism.
#include <catch2/catch.hpp>

#include "bytecode_fixtures.hpp"
#include "runtime/bytecode/format_version.hpp"
#include "runtime/bytecode/program.hpp"

using namespace frist::bytecode;
using namespace frist::bytecode::testing;
namespace model = frist::model;

namespace {

std::uint32_t u32_at(const std::vector<std::uint8_t>& b, std::size_t at) { return read_u32(b.data() + at); }

}  // namespace

TEST_CASE("bytecode: the sample ruleset verifies", "[bytecode]") {
  const CompiledRuleset rs = sample_ruleset();
  CHECK(verify_message(rs).empty());
}

TEST_CASE("bytecode: header and section table follow docs/bytecode.md", "[bytecode]") {
  const std::vector<std::uint8_t> bytes = write_file(sample_ruleset());
  REQUIRE(bytes.size() > 164);
  const std::vector<std::uint8_t> magic{0x46, 0x52, 0x49, 0x53, 0x54, 0x42, 0x43, 0x00};
  CHECK(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 8) == magic);
  CHECK(u32_at(bytes, 8) == kFormatVersion);
  CHECK(u32_at(bytes, 12) == 0);
  CHECK(bytes[16] == 1);
  CHECK(bytes[17] == 8);
  CHECK(u32_at(bytes, 48) == 9);
  CHECK(u32_at(bytes, 52) == bytes.size());
  std::uint32_t expected_offset = 56 + 9 * 12;
  for (std::uint32_t i = 0; i < 9; ++i) {
    CHECK(u32_at(bytes, 56 + i * 12) == i + 1);
    CHECK(u32_at(bytes, 56 + i * 12 + 4) == expected_offset);
    expected_offset += u32_at(bytes, 56 + i * 12 + 8);
  }
  CHECK(expected_offset == bytes.size());
  // The strings section starts with its count, then string 0 = "".
  const std::uint32_t strings = u32_at(bytes, 56 + 4);
  CHECK(u32_at(bytes, strings + 4) == 0);
  // The metadata section is 31 bytes.
  CHECK(u32_at(bytes, 56 + 4 * 12 + 8) == 31);
}

TEST_CASE("bytecode: write → read → write gives identical bytes", "[bytecode]") {
  const CompiledRuleset original = sample_ruleset();
  const std::vector<std::uint8_t> first = write_file(original);
  const auto read = read_file(first);
  REQUIRE(read.ok());
  const std::vector<std::uint8_t> second = write_file(read.value());
  CHECK(first == second);
  const auto again = read_file(second);
  REQUIRE(again.ok());
  CHECK(write_file(again.value()) == first);
}

TEST_CASE("bytecode: every field survives the round trip", "[bytecode]") {
  const CompiledRuleset a = sample_ruleset();
  const auto read = read_file(write_file(a));
  REQUIRE(read.ok());
  const CompiledRuleset& b = read.value();

  CHECK(b.flags == a.flags);
  CHECK(b.source_sha256 == a.source_sha256);
  // The writer appends the vocabulary's names and docs the pool lacked.
  REQUIRE(b.strings.size() >= a.strings.size());
  CHECK(std::equal(a.strings.begin(), a.strings.end(), b.strings.begin()));
  CHECK(b.constants == a.constants);
  CHECK(b.code == a.code);

  REQUIRE(b.vocabulary.size() == a.vocabulary.size());
  for (std::size_t t = 0; t < a.vocabulary.size(); ++t) {
    const auto& ta = a.vocabulary.event_types()[t];
    const auto& tb = b.vocabulary.event_types()[t];
    CHECK(tb.name == ta.name);
    CHECK(tb.doc == ta.doc);
    REQUIRE(tb.attributes.size() == ta.attributes.size());
    for (std::size_t s = 0; s < ta.attributes.size(); ++s) {
      CHECK(tb.attributes[s].name == ta.attributes[s].name);
      CHECK(tb.attributes[s].type == ta.attributes[s].type);
      CHECK(tb.attributes[s].doc == ta.attributes[s].doc);
      REQUIRE(tb.attributes[s].default_value.has_value() == ta.attributes[s].default_value.has_value());
      if (ta.attributes[s].default_value) {
        CHECK(tb.attributes[s].default_value->type == ta.attributes[s].default_value->type);
        CHECK(tb.attributes[s].default_value->value == ta.attributes[s].default_value->value);
      }
    }
    CHECK(b.vocabulary.find_event_type(ta.name) == t);
  }
  REQUIRE(b.vocabulary.case_attributes().size() == 3);
  CHECK(b.vocabulary.case_attributes()[2].name == "alder");
  CHECK(std::get<std::int64_t>(b.vocabulary.case_attributes()[2].default_value->value) == 0);

  REQUIRE(b.calendar.has_value());
  CHECK(b.calendar->name == a.calendar->name);
  REQUIRE(b.calendar->holidays.size() == 1);
  CHECK(b.calendar->holidays[0].function == a.calendar->holidays[0].function);
  CHECK(b.calendar->holidays[0].from == a.calendar->holidays[0].from);
  CHECK_FALSE(b.calendar->holidays[0].until.has_value());

  CHECK(b.meta.id == a.meta.id);
  CHECK(b.meta.title == a.meta.title);
  CHECK(b.meta.version == a.meta.version);
  CHECK(b.meta.source == a.meta.source);
  CHECK(b.meta.effective_from == a.meta.effective_from);
  CHECK(b.meta.effective_until == a.meta.effective_until);
  CHECK(b.meta.case_date_function == a.meta.case_date_function);
  CHECK(b.meta.language == a.meta.language);

  REQUIRE(b.rules.size() == a.rules.size());
  for (std::size_t i = 0; i < a.rules.size(); ++i) {
    CHECK(b.rules[i].id == a.rules[i].id);
    CHECK(b.rules[i].title == a.rules[i].title);
    CHECK(b.rules[i].basis == a.rules[i].basis);
    CHECK(b.rules[i].note == a.rules[i].note);
    CHECK(b.rules[i].status == a.rules[i].status);
    CHECK(b.rules[i].function == a.rules[i].function);
    CHECK(b.rules[i].for_each == a.rules[i].for_each);
    CHECK(b.rules[i].occurrence_type == a.rules[i].occurrence_type);
    REQUIRE(b.rules[i].evidence.size() == a.rules[i].evidence.size());
    for (std::size_t e = 0; e < a.rules[i].evidence.size(); ++e) {
      CHECK(b.rules[i].evidence[e].slot == a.rules[i].evidence[e].slot);
      CHECK(b.rules[i].evidence[e].name == a.rules[i].evidence[e].name);
    }
  }

  REQUIRE(b.functions.size() == a.functions.size());
  for (std::size_t i = 0; i < a.functions.size(); ++i) {
    CHECK(b.functions[i].code_offset == a.functions[i].code_offset);
    CHECK(b.functions[i].code_size == a.functions[i].code_size);
    CHECK(b.functions[i].param_count == a.functions[i].param_count);
    CHECK(b.functions[i].max_stack == a.functions[i].max_stack);
    CHECK(b.functions[i].slot_kinds == a.functions[i].slot_kinds);
  }

  REQUIRE(b.debug.size() == a.debug.size());
  for (std::size_t i = 0; i < a.debug.size(); ++i) {
    CHECK(b.debug[i].pc == a.debug[i].pc);
    CHECK(b.debug[i].file == a.debug[i].file);
    CHECK(b.debug[i].line == a.debug[i].line);
    CHECK(b.debug[i].column == a.debug[i].column);
  }
}

TEST_CASE("bytecode: the writer is deterministic", "[bytecode]") {
  CHECK(write_file(sample_ruleset()) == write_file(sample_ruleset()));
}

TEST_CASE("bytecode: a minimal ruleset round-trips", "[bytecode]") {
  CompiledRuleset rs;
  rs.strings.emplace_back();
  const std::vector<std::uint8_t> bytes = write_file(rs);
  const auto read = read_file(bytes);
  REQUIRE(read.ok());
  CHECK(read->rules.empty());
  CHECK_FALSE(read->calendar.has_value());
  CHECK(read->meta.case_date_function == kNoFunction);
  CHECK(write_file(read.value()) == bytes);
  // An empty pool gets its string 0.
  CHECK(write_file(CompiledRuleset{}) == bytes);
}

TEST_CASE("bytecode: the smallest items round-trip", "[bytecode]") {
  // A rule without evidence, a function without slots, an empty calendar,
  // an attribute without a default: each item at its minimum size.
  Asm a;
  a.op(Op::V_BEGIN).op(Op::V_RESULT);
  CompiledRuleset rs = with_function(a, {}, 1, true);
  rs.calendar = Calendar{};
  REQUIRE(verify_message(rs) == "");
  const std::vector<std::uint8_t> bytes = write_file(rs);
  const auto read = read_file(bytes);
  REQUIRE(read.ok());
  CHECK(read->rules.size() == 1);
  CHECK(read->rules[0].evidence.empty());
  CHECK(read->calendar.has_value());
  CHECK(write_file(read.value()) == bytes);
}

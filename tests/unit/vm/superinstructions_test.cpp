// Superinstructions (runtime/vm/fused.hpp) change speed, never results: every
// shipped ruleset, linked with and without fusion, gives the same outcome,
// counts, evidence and occurrences on thousands of generated cases at
// several as-of dates; and the pass never fuses across a jump target.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <simdjson.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli/gen/writers.hpp"
#include "cli/load_rulesets.hpp"
#include "runtime/bytecode/op_size.hpp"
#include "runtime/io/jsonl_reader.hpp"
#include "runtime/vm/fused.hpp"
#include "runtime/vm/machine.hpp"

namespace {

using namespace frist;
using bytecode::Op;

std::string describe(const vm::Value& v) {
  return fmt::format("[{} {} {} {} {} {}]", static_cast<int>(v.tag), v.flags, v.small, v.i32, v.a, v.b);
}

std::string describe(const vm::Outcome& o) {
  return fmt::format("{} {} r{}:{}:{} d{}:{}:{}:{}:{}:{} s{} o{} p{}", static_cast<int>(o.verdict), o.exempt,
                     static_cast<int>(o.reason.kind), o.reason.text, describe(o.reason.value),
                     static_cast<int>(o.deadline.kind), o.deadline.date, o.deadline.time.lo, o.deadline.time.hi,
                     static_cast<int>(o.deadline.time.precision), o.deadline.strict, describe(o.subject), o.occurrence,
                     describe(o.period));
}

std::string describe(const vm::RuleResult& r) {
  std::string s = describe(r.outcome);
  for (const std::uint32_t c : r.counts) s += fmt::format(" {}", c);
  for (const auto& e : r.evidence) s += fmt::format(" e{}={}", e.name, describe(e.value));
  for (std::size_t i = 0; i < r.occurrences.size(); ++i) {
    s += " | " + describe(r.occurrences[i]);
    for (const auto& e : r.occurrence_evidence[i]) s += fmt::format(" e{}={}", e.name, describe(e.value));
  }
  return s;
}

// How many fused opcodes the linked code holds.
std::size_t fused_count(const vm::LinkedRuleset& linked) {
  std::size_t n = 0;
  for (const bytecode::Function& f : linked.compiled().functions) {
    for (std::uint32_t pc = f.code_offset; pc < f.code_offset + f.code_size;) {
      const std::uint8_t byte = linked.code()[pc];
      if (byte >= static_cast<std::uint8_t>(Op::Count_)) {
        ++n;
        pc += vm::fused_size(static_cast<vm::Fused>(byte));
      } else {
        pc += bytecode::op_size(static_cast<Op>(byte));
      }
    }
  }
  return n;
}

}  // namespace

TEST_CASE("superinstructions: fused and unfused code give identical results on every shipped ruleset", "[vm][fused]") {
  const std::vector<std::string> lines = gen::jsonl_lines(3000, 7);
  const std::string root = FRIST_SOURCE_ROOT;
  std::size_t compared = 0;
  for (const char* name : {"serviceloven", "serviceloven_ast2023", "barnets_lov"}) {
    INFO(name);
    auto loaded = cli::load_bundle({root + "/rulesets/" + name + ".frist"}, {});
    REQUIRE(loaded);
    const auto compiled = loaded->bundle->members().front().compiled;
    const time::Zone& zone = *loaded->zone;
    auto fused = vm::LinkedRuleset::link_alone(compiled, zone, true);
    auto plain = vm::LinkedRuleset::link_alone(compiled, zone, false);
    REQUIRE(fused);
    REQUIRE(plain);
    CHECK(fused_count(**fused) > 10);
    CHECK(fused_count(**plain) == 0);
    vm::Machine fast(**fused);
    vm::Machine slow(**plain);
    auto decoder = io::make_jsonl_decoder(compiled->vocabulary, zone, io::ReadLimits{});
    io::ReadStats stats;
    vm::EvalOptions options;
    options.evidence = true;
    options.occurrences = true;
    std::vector<std::uint32_t> visible;
    vm::RuleResult a, b;
    std::uint64_t line_number = 0;
    for (const std::string& line : lines) {
      io::RawRecord record;
      record.line = ++line_number;
      record.text.reserve(line.size() + simdjson::SIMDJSON_PADDING);
      record.text = line;
      model::CaseTimeline timeline;
      io::Rejection rejection;
      if (decoder->decode(record, timeline, rejection, stats) != io::DecodeStatus::Case) continue;
      for (const auto& [y, m, d] : {std::tuple{2019, 6, 30}, std::tuple{2023, 12, 31}, std::tuple{2025, 12, 31}}) {
        vm::CaseContext ctx;
        vm::prepare_context(timeline, time::days_from_civil(y, m, d), zone, visible, ctx);
        fast.begin_case();
        slow.begin_case();
        for (std::uint32_t r = 0; r < compiled->rules.size(); ++r) {
          fast.evaluate(r, ctx, a, options);
          slow.evaluate(r, ctx, b, options);
          if (describe(a) != describe(b)) {
            INFO("line " << record.line << ", rule " << compiled->str(compiled->rules[r].id));
            REQUIRE(describe(a) == describe(b));
          }
          ++compared;
        }
      }
    }
  }
  CHECK(compared > 50000);
}

TEST_CASE("superinstructions: a sequence with a jump into it is left alone", "[vm][fused]") {
  // JUMP +0; LOAD 0; TO_DATE; RETURN — fused (the jump lands on the LOAD)
  // JUMP +3; LOAD 0; TO_DATE; RETURN — not fused (the jump lands on TO_DATE)
  auto function = [](std::int8_t jump) {
    return std::vector<std::uint8_t>{static_cast<std::uint8_t>(Op::JUMP), static_cast<std::uint8_t>(jump), 0, 0, 0,
                                     static_cast<std::uint8_t>(Op::LOAD), 0, 0,
                                     static_cast<std::uint8_t>(Op::TO_DATE),
                                     static_cast<std::uint8_t>(Op::RETURN)};
  };
  for (const auto& [jump, expect_fused] : {std::pair{0, true}, std::pair{3, false}}) {
    std::vector<std::uint8_t> code = function(static_cast<std::int8_t>(jump));
    bytecode::Function f;
    f.code_offset = 0;
    f.code_size = static_cast<std::uint32_t>(code.size());
    vm::fuse(code, {f});
    INFO("jump " << jump);
    CHECK((code[5] == static_cast<std::uint8_t>(vm::Fused::LoadDate)) == expect_fused);
    CHECK(code[8] == static_cast<std::uint8_t>(Op::TO_DATE));  // bytes after the first stay as they were
  }
}

TEST_CASE("superinstructions: STORE/LOAD and ITER_NEXT/LOAD fuse only on the same slot", "[vm][fused]") {
  const auto op = [](Op o) { return static_cast<std::uint8_t>(o); };
  std::vector<std::uint8_t> code{op(Op::STORE), 1, 0, op(Op::LOAD), 2, 0, op(Op::STORE), 3, 0, op(Op::LOAD), 3, 0,
                                 op(Op::RETURN)};
  bytecode::Function f;
  f.code_size = static_cast<std::uint32_t>(code.size());
  vm::fuse(code, {f});
  CHECK(code[0] == op(Op::STORE));
  CHECK(code[6] == static_cast<std::uint8_t>(vm::Fused::StoreKeep));
}

// Test support for runtime/bytecode: a tiny assembler that encodes
// instructions with their operands as opcodes.def spells them (jump operands
// given as labels and patched when the code is finished), helpers to add
// functions, strings and debug entries to a CompiledRuleset, and a sample
// ruleset that uses every section and most instructions.
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/bytecode/program.hpp"

namespace frist::bytecode::testing {

struct Label {
  std::size_t id;
};

// An operand: a number, or a label for a `j` operand.
struct Operand {
  template <std::integral T>
  Operand(T v) : value(static_cast<std::int64_t>(v)) {}  // NOLINT: implicit by design
  Operand(std::int64_t v) : value(v) {}  // NOLINT: for the SampleConstant enum
  Operand(Label l) : label(l.id) {}  // NOLINT
  std::int64_t value = 0;
  std::optional<std::size_t> label;
};

struct SourcePos {
  std::uint32_t pc;
  std::string file;
  std::uint32_t line;
  std::uint32_t column;
};

class Asm {
 public:
  Label label() {
    bound_.push_back(std::nullopt);
    return Label{bound_.size() - 1};
  }
  Asm& bind(Label l) {
    bound_[l.id] = code_.size();
    return *this;
  }
  std::uint32_t pc() const { return static_cast<std::uint32_t>(code_.size()); }

  // The next instructions come from this source position.
  Asm& at(const std::string& file, std::uint32_t line, std::uint32_t column) {
    positions_.push_back({pc(), file, line, column});
    return *this;
  }

  Asm& op(Op op, std::initializer_list<Operand> operands = {}) {
    const OpInfo& info = op_info(op);
    const std::size_t start = code_.size();
    code_.push_back(static_cast<std::uint8_t>(op));
    std::size_t i = 0;
    std::vector<std::pair<std::size_t, std::size_t>> jumps;  // (operand position, label)
    for (const char* l = info.operands; *l != '\0'; ++l, ++i) {
      if (i >= operands.size()) throw std::logic_error(std::string("too few operands for ") + info.name);
      const Operand& o = operands.begin()[i];
      if (o.label) {
        if (*l != 'j') throw std::logic_error("a label where no jump operand is");
        jumps.emplace_back(code_.size(), *o.label);
      }
      put(o.value, *l == 'b' ? 1 : *l == 'h' ? 2 : 4);
    }
    if (i != operands.size()) throw std::logic_error(std::string("too many operands for ") + info.name);
    for (const auto& [at, label] : jumps) patches_.push_back({at, start + info.size, label});
    return *this;
  }

  Asm& raw(std::initializer_list<std::uint8_t> bytes) {
    code_.insert(code_.end(), bytes.begin(), bytes.end());
    return *this;
  }

  std::vector<std::uint8_t> finish() {
    for (const Patch& p : patches_) {
      if (!bound_[p.label]) throw std::logic_error("unbound label");
      const auto offset = static_cast<std::int64_t>(*bound_[p.label]) - static_cast<std::int64_t>(p.next);
      for (int b = 0; b < 4; ++b) code_[p.at + b] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(offset) >> (8 * b));
    }
    patches_.clear();
    return code_;
  }

  const std::vector<SourcePos>& positions() const { return positions_; }

 private:
  void put(std::int64_t v, int bytes) {
    for (int b = 0; b < bytes; ++b) code_.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * b)));
  }
  struct Patch {
    std::size_t at;    // where the i32 goes
    std::size_t next;  // start of the next instruction
    std::size_t label;
  };
  std::vector<std::uint8_t> code_;
  std::vector<std::optional<std::size_t>> bound_;
  std::vector<Patch> patches_;
  std::vector<SourcePos> positions_;
};

// The index of `s` in the pool, appending it when new.
inline std::uint32_t intern(CompiledRuleset& rs, const std::string& s) {
  if (rs.strings.empty()) rs.strings.emplace_back();
  for (std::uint32_t i = 0; i < rs.strings.size(); ++i) {
    if (rs.strings[i] == s) return i;
  }
  rs.strings.push_back(s);
  return static_cast<std::uint32_t>(rs.strings.size() - 1);
}

// Appends the assembled code as a new function; returns its index.
inline std::uint32_t add_function(CompiledRuleset& rs, Asm& a, std::vector<Kind> slots, std::uint16_t params,
                                  std::uint16_t max_stack) {
  Function f;
  f.code_offset = static_cast<std::uint32_t>(rs.code.size());
  const std::vector<std::uint8_t> code = a.finish();
  f.code_size = static_cast<std::uint32_t>(code.size());
  f.param_count = params;
  f.max_stack = max_stack;
  f.slot_kinds = std::move(slots);
  for (const SourcePos& p : a.positions()) {
    rs.debug.push_back({f.code_offset + p.pc, intern(rs, p.file), p.line, p.column});
  }
  rs.code.insert(rs.code.end(), code.begin(), code.end());
  rs.functions.push_back(std::move(f));
  return static_cast<std::uint32_t>(rs.functions.size() - 1);
}

// Constant indices of the sample ruleset.
enum SampleConstant : std::int64_t {
  kInt3,
  kInt1,
  kDecimalHalf,
  kTextX,
  kDate2023,
  kTime,
  kFourMonths,
  kOneDay24h,
  kSixWorkdays,
  kConstantCount
};

// Vocabulary of the sample: type 0 afgørelse (akut bool = false, dato date,
// beløb decimal = 1.5), type 1 børnesamtale (dato date, note text = "ingen",
// varighed duration = 30 days, tid datetime); case attributes fødselsdato
// date, sagsnr text, alder int = 0.
model::Vocabulary sample_vocabulary();

// A ruleset with every section filled: constants of each kind, a calendar
// with one holiday function, a case-date function, a plain rule (if/else
// join, named attribute, deadlines), a for-each rule with nested iterator
// loops and an accumulator, and an expression-test function.
CompiledRuleset sample_ruleset();

// A ruleset with the sample's strings, constants and vocabulary and only the
// given code: one rule whose function it is (role Rule), or an unreferenced
// function (role Other).
CompiledRuleset with_function(Asm& a, std::vector<Kind> slots, std::uint16_t max_stack, bool as_rule = false);

// "" when verify() accepts, otherwise its message.
std::string verify_message(const CompiledRuleset& rs);

}  // namespace frist::bytecode::testing

// A compiled ruleset in memory: exactly what a `.fristc` file holds (see
// docs/bytecode.md). The compiler's lowering fills it, the writer
// serialises it, the reader parses it back and the verifier proves it safe
// before the VM runs it. Only this folder of the runtime is shared with the
// compiler.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/common/result.hpp"
#include "runtime/model/vocabulary.hpp"
#include "runtime/time/civil.hpp"

namespace frist::bytecode {

enum class Op : std::uint8_t {
#define OP(name, operands, pops, pushes) name,
#include "runtime/bytecode/opcodes.def"
#undef OP
  Count_
};

// Static kinds of values on the stack and in slots (opcodes.def letters).
enum class Kind : std::uint8_t {
  Any,       // X: none only, or a slot that may hold anything
  Bool,      // B
  Int,       // I
  Decimal,   // D
  Text,      // T
  Date,      // d
  Time,      // t
  Duration,  // u
  Event,     // e
  Period,    // p
  Iterator,  // i (slots only)
  Accumulator,  // a (slots only)
};

constexpr std::uint16_t kAnyEventType = 0xFFFF;
constexpr std::uint32_t kNoFunction = 0xFFFFFFFFu;

enum class ConstKind : std::uint8_t { Int, Decimal, Text, Date, Time, Duration };

// A constant of the pool. Fields by kind:
//   Int: i; Decimal: d; Text: string index s; Date: days;
//   Time: lo, hi (µs), days = local date, precision;
//   Duration: duration_kind, months, days, micros.
struct Constant {
  ConstKind kind = ConstKind::Int;
  std::int64_t i = 0;
  double d = 0;
  std::uint32_t s = 0;
  std::int32_t days = 0;
  std::int64_t lo = 0, hi = 0;
  std::uint8_t precision = 0;
  std::uint8_t duration_kind = 0;
  std::int32_t months = 0;
  std::int64_t micros = 0;
  friend bool operator==(const Constant&, const Constant&) = default;
};

struct Function {
  std::uint32_t code_offset = 0;   // into CompiledRuleset::code
  std::uint32_t code_size = 0;
  std::uint16_t param_count = 0;   // parameters arrive in slots 0..n-1
  std::uint16_t max_stack = 0;     // computed by the lowering, checked by the verifier
  std::vector<Kind> slot_kinds;    // one per local slot
};

enum class RuleStatus : std::uint8_t { Verified = 0, Unverified = 1 };

// A named value of a rule shown as evidence (explain, `evidence`).
struct EvidenceSlot {
  std::uint16_t slot = 0;
  std::uint32_t name = 0;  // string index
};

struct Rule {
  std::uint32_t id = 0;       // string indices
  std::uint32_t title = 0;
  std::uint32_t basis = 0;
  std::uint32_t note = 0;
  RuleStatus status = RuleStatus::Verified;
  std::uint32_t function = 0;
  bool for_each = false;               // verdicts per occurrence, combined
  std::uint16_t occurrence_type = kAnyEventType;  // event type of `for each` (kAnyEventType for periods)
  std::vector<EvidenceSlot> evidence;
};

struct Holiday {
  std::uint32_t name = 0;      // string index
  std::uint32_t function = 0;  // takes the year (int) in slot 0, returns a date
  std::optional<time::Days> from;
  std::optional<time::Days> until;
};

struct Calendar {
  std::uint32_t name = 0;
  std::vector<Holiday> holidays;
};

struct Metadata {
  std::uint32_t id = 0;        // string indices
  std::uint32_t title = 0;
  std::uint32_t version = 0;
  std::uint32_t source = 0;
  std::optional<time::Days> effective_from;
  std::optional<time::Days> effective_until;
  std::uint32_t case_date_function = kNoFunction;  // returns a date, or none
  std::uint8_t language = 0;   // 0 Danish, 1 English (for reasons and reports)
};

// How a rule's requirement reads in its source, kept with the debug table
// (presentation, not meaning: `frist fmt --to en` changes it): the deadline
// as written and what the requirement is about, for `explain` and reasons.
struct RuleSource {
  std::uint32_t rule = 0;
  std::string deadline;  // `dato(start) + 4 måneder`; empty when the rule has no deadline
  std::string subject;   // `slut`; empty when the requirement is about no named value
};

struct DebugEntry {
  std::uint32_t pc = 0;        // offset into code
  std::uint32_t file = 0;      // string index of the source path
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct CompiledRuleset {
  std::uint32_t flags = 0;
  std::array<std::uint8_t, 32> source_sha256{};
  std::vector<std::string> strings;   // index 0 is always ""
  std::vector<Constant> constants;
  model::Vocabulary vocabulary;
  std::optional<Calendar> calendar;
  Metadata meta;
  std::vector<Rule> rules;
  std::vector<Function> functions;
  std::vector<std::uint8_t> code;
  std::vector<DebugEntry> debug;
  std::vector<RuleSource> rule_sources;  // sorted by rule, at most one per rule

  const std::string& str(std::uint32_t i) const { return strings.at(i); }
  // The source texts of rule `rule`, or nullptr.
  const RuleSource* source_of(std::uint32_t rule) const;
};

// Removes what only presents the source — its hash, the debug table, the
// rules' source texts — so two compilations of the same rules written
// differently (layout, comments, keyword language) give the same bytes.
void strip_source_info(CompiledRuleset& ruleset);

// --- instruction encoding (shared by emitter, verifier, VM and disassembler)

struct OpInfo {
  const char* name;
  const char* operands;  // b h w j letters
  const char* pops;      // kind letters
  const char* pushes;
  std::uint8_t size;     // whole instruction, opcode byte included
};

const OpInfo& op_info(Op op) noexcept;
bool valid_op(std::uint8_t byte) noexcept;

// Little-endian operand access.
inline std::uint16_t read_u16(const std::uint8_t* p) noexcept { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
inline std::uint32_t read_u32(const std::uint8_t* p) noexcept {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
inline std::int32_t read_i32(const std::uint8_t* p) noexcept { return static_cast<std::int32_t>(read_u32(p)); }

// --- the file format (docs/bytecode.md)

// The largest `.fristc` file read_file accepts (tests/limits). Every section
// lies inside the file, so this also bounds each section and every count in
// it. The shipped rulesets compile to well under 1 MiB; 10 000 rules (the
// compiler's limit) of ordinary size fit easily.
constexpr std::size_t kMaxFileBytes = 64u << 20;

// Serialises deterministically: the same ruleset gives the same bytes.
std::vector<std::uint8_t> write_file(const CompiledRuleset& ruleset);
// Parses and verifies (verify() below); every malformed input is an Error
// naming the section and what is wrong, never a crash.
Result<CompiledRuleset> read_file(const std::vector<std::uint8_t>& bytes);
// Checks everything the VM relies on: section contents, string/constant/
// slot/function/type/attribute indices, jump targets on instruction
// boundaries inside the function, stack depth and kinds at every
// instruction (consistent at joins), backward jumps only by LOOP to an
// ITER_NEXT/PERIOD_NEXT, every path ending in RETURN or V_RESULT.
Result<void> verify(const CompiledRuleset& ruleset);
// Human-readable listing: header, source hash, vocabulary, constants, each
// rule's code with its source lines.
std::string disassemble(const CompiledRuleset& ruleset);

}  // namespace frist::bytecode

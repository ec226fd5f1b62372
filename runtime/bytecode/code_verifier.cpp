// Decodes one function's instructions and checks their operands (docs/
// bytecode.md "Verification"), then hands the function to the stack pass:
//
//  1. decode: every opcode valid, every instruction (operands included)
//     inside the function; this fixes the instruction boundaries;
//  2. operands: slot, constant, type, attribute and string indices, enum-like
//     `b` operands, each iterator and accumulator slot with one use, jump
//     targets on a boundary inside the function, forward except LOOP, which
//     must go back to an ITER_NEXT/PERIOD_NEXT; V_* only in rule functions,
//     RETURN only in the others;
//  3. stack kinds along every path: stack_verifier.cpp.
//
// Also here: the messages about code (CodeErrors) and the vocabulary table
// the whole file's code shares (CodeContext).
#include "runtime/bytecode/code_verifier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "runtime/bytecode/layout.hpp"

namespace frist::bytecode {

bool CodeErrors::fail_at(std::uint32_t pc, std::string_view what, const std::string& message) {
  if (!message_.empty()) return false;
  // The source position of the last debug entry at or before pc, within this function.
  std::string source;
  const auto it = std::upper_bound(rs_.debug.begin(), rs_.debug.end(), pc,
                                   [](std::uint32_t p, const DebugEntry& d) { return p < d.pc; });
  if (it != rs_.debug.begin()) {
    const DebugEntry& d = *std::prev(it);
    if (d.pc >= start_ && d.file < rs_.strings.size()) {
      source = fmt::format(" (source {}:{}:{})", rs_.strings[d.file], d.line, d.column);
    }
  }
  message_ = fmt::format("bytecode: section 'code': {}, at {:04}{}{}: {}{}", label_, pc, what.empty() ? "" : " ", what,
                         message, source);
  return false;
}

CodeContext::CodeContext(const CompiledRuleset& ruleset) : rs(ruleset) {
  for (const model::EventTypeDecl& type : rs.vocabulary.event_types()) {
    for (const model::AttributeDecl& attr : type.attributes) {
      const Kind kind = layout::kind_of(attr.type);
      const auto [it, inserted] = named_attributes.emplace(attr.name, kind);
      if (!inserted && it->second != kind) it->second = Kind::Any;
    }
  }
}

namespace {

bool is_verdict_op(Op op) noexcept {
  switch (op) {
    case Op::V_BEGIN: case Op::V_APPLIES: case Op::V_FILTER: case Op::V_UNDETERMINED:
    case Op::V_EXEMPT_FIRST: case Op::V_SUBJECT: case Op::V_REQUIRE: case Op::V_REQUIRE_DATE:
    case Op::V_REQUIRE_TIME: case Op::V_EXEMPT_AFTER: case Op::V_OCCURRENCE: case Op::V_RESULT:
      return true;
    default:
      return false;
  }
}

// Instructions after which control does not fall through.
bool ends_block(Op op) noexcept {
  return op == Op::JUMP || op == Op::LOOP || op == Op::RETURN || op == Op::V_RESULT;
}

using Insn = Instruction;

// Decodes an instruction pass 1 has already found valid and inside the function.
Insn decode(const std::vector<std::uint8_t>& code, std::uint32_t pc) {
  return decode_instruction(code, pc, code.size()).value_or(Insn{});
}

class FunctionVerifier {
 public:
  FunctionVerifier(CodeContext& ctx, std::uint32_t index, FunctionRole role, const std::string& label)
      : ctx_(ctx), rs_(ctx.rs), fn_(ctx.rs.functions[index]), role_(role),
        start_(fn_.code_offset), end_(fn_.code_offset + fn_.code_size), marks_(fn_.code_size, 0),
        uses_(fn_.slot_kinds.size(), Use::None), errors_(ctx.rs, label, fn_.code_offset) {}

  Result<void> run() {
    if (decode_boundaries() && check_operands()) {
      FunctionShape shape{fn_, role_, start_, end_, {}};
      for (std::uint32_t pc = start_; pc < end_; ++pc) {
        if ((marks_[pc - start_] & kLeader) != 0) shape.leaders.push_back(pc);
      }
      if (verify_stack_kinds(ctx_, shape, errors_)) return {};
    }
    return make_error(errors_.message());
  }

 private:
  static constexpr std::uint8_t kBoundary = 1;
  static constexpr std::uint8_t kLeader = 2;

  bool fail_at(std::uint32_t pc, std::string_view what, const std::string& message) {
    return errors_.fail_at(pc, what, message);
  }
  bool fail(const Insn& in, const std::string& message) { return errors_.fail(in, message); }

  // --- pass 1: instruction boundaries

  bool decode_boundaries() {
    for (std::uint32_t pc = start_; pc < end_;) {
      const std::uint8_t byte = rs_.code[pc];
      if (!valid_op(byte)) return fail_at(pc, "", fmt::format("unknown opcode {:#04x}", byte));
      const OpInfo& info = op_info(static_cast<Op>(byte));
      if (info.size > end_ - pc) {
        return fail_at(pc, info.name, fmt::format("the instruction needs {} bytes, but the function has only {} "
                                                  "left",
                                                  info.size, end_ - pc));
      }
      marks_[pc - start_] |= kBoundary;
      pc += info.size;
    }
    return true;
  }

  bool boundary(std::int64_t pc) const {
    return pc >= start_ && pc < end_ && (marks_[static_cast<std::size_t>(pc - start_)] & kBoundary) != 0;
  }
  void mark_leader(std::uint32_t pc) { marks_[pc - start_] |= kLeader; }

  // --- pass 2: static operand checks

  bool slot_exists(const Insn& in, std::int64_t s) {
    if (s < static_cast<std::int64_t>(fn_.slot_kinds.size())) return true;
    return fail(in, fmt::format("slot {} does not exist (the function has {} slots)", s, fn_.slot_kinds.size()));
  }

  Kind slot_kind(std::int64_t s) const { return fn_.slot_kinds[static_cast<std::size_t>(s)]; }

  bool slot_is(const Insn& in, std::int64_t s, Kind want, const char* role) {
    if (!slot_exists(in, s)) return false;
    if (slot_kind(s) == want) return true;
    return fail(in, fmt::format("{} slot {} has kind {}, but must be {}", role, s, layout::kind_name(slot_kind(s)),
                                layout::kind_name(want)));
  }

  bool value_slot(const Insn& in, std::int64_t s) {
    if (!slot_exists(in, s)) return false;
    const Kind k = slot_kind(s);
    if (k != Kind::Iterator && k != Kind::Accumulator) return true;
    return fail(in, fmt::format("slot {} holds an {}, which never goes on the stack", s, layout::kind_name(k)));
  }

  bool event_type(const Insn& in, std::int64_t t, bool any_allowed) {
    if (any_allowed && t == kAnyEventType) return true;
    if (t < static_cast<std::int64_t>(rs_.vocabulary.size())) return true;
    return fail(in, fmt::format("event type {} does not exist (the vocabulary has {}{})", t, rs_.vocabulary.size(),
                                any_allowed ? "; 65535 means any type" : ""));
  }

  bool string_index(const Insn& in, std::int64_t w) {
    if (w < static_cast<std::int64_t>(rs_.strings.size())) return true;
    return fail(in, fmt::format("string {} does not exist (there are {})", w, rs_.strings.size()));
  }

  bool at_most(const Insn& in, std::int64_t v, std::int64_t max, const char* what) {
    if (v <= max) return true;
    return fail(in, fmt::format("{} is {}; it must be 0 to {}", what, v, max));
  }

  bool jump_target(const Insn& in, std::int64_t offset) {
    const std::int64_t target = std::int64_t{in.next} + offset;
    if (target < start_ || target >= end_) {
      return fail(in, fmt::format("jumps to {}, outside the function ({:04}..{:04})", target, start_, end_ - 1));
    }
    if (!boundary(target)) return fail(in, fmt::format("jumps to {:04}, into the middle of an instruction", target));
    if (in.op == Op::LOOP) {
      const Op to = static_cast<Op>(rs_.code[static_cast<std::size_t>(target)]);
      if (target > in.pc || (to != Op::ITER_NEXT && to != Op::PERIOD_NEXT)) {
        return fail(in, fmt::format("must jump back to an ITER_NEXT or PERIOD_NEXT, but jumps to {:04} {}", target,
                                    op_info(to).name));
      }
    } else if (target <= in.pc) {
      return fail(in, fmt::format("jumps back to {:04}; only LOOP jumps backwards", target));
    }
    mark_leader(static_cast<std::uint32_t>(target));
    return true;
  }

  // One slot, one use: an iterator slot iterates events or periods, an
  // accumulator slot finds the first match, whether one exists, or a count.
  // The VM keeps each use's state in the same fields, so mixing them in one
  // slot would make it misread one as another.
  enum class Use : std::uint8_t { None, Events, Periods, First, Exists, Count };
  static const char* use_name(Use u) {
    switch (u) {
      case Use::Events: return "iterating events";
      case Use::Periods: return "iterating periods";
      case Use::First: return "finding the first match";
      case Use::Exists: return "deciding whether a match exists";
      case Use::Count: return "counting matches";
      case Use::None: break;
    }
    return "?";
  }

  bool claim(const Insn& in, std::int64_t s, Use use, const char* role) {
    Use& seen = uses_[static_cast<std::size_t>(s)];
    if (seen == Use::None) seen = use;
    if (seen == use) return true;
    return fail(in, fmt::format("{} slot {} is used here for {} but elsewhere for {}; a slot has one use", role, s,
                                use_name(use), use_name(seen)));
  }
  bool iterator(const Insn& in, std::int64_t s, Use use) {
    return slot_is(in, s, Kind::Iterator, "the iterator") && claim(in, s, use, "the iterator");
  }
  bool accumulator(const Insn& in, std::int64_t s, Use use) {
    return slot_is(in, s, Kind::Accumulator, "the accumulator") && claim(in, s, use, "the accumulator");
  }

  bool check_role(const Insn& in) {
    const bool rule = role_ == FunctionRole::Rule;
    if (is_verdict_op(in.op) && !rule) return fail(in, "verdict instructions belong in rule functions only");
    if ((in.op == Op::RETURN || in.op == Op::RETURN_IF_PRESENT) && rule) {
      return fail(in, "a rule function ends in V_RESULT and cannot return a value");
    }
    return true;
  }

  bool check_static(const Insn& in) {
    if (!check_role(in)) return false;
    for (std::size_t i = 0; i < in.count; ++i) {
      if (in.letter[i] == 'j' && !jump_target(in, in.operand[i])) return false;
    }
    const auto& v = in.operand;
    switch (in.op) {
      case Op::CONST:
        if (v[0] < static_cast<std::int64_t>(rs_.constants.size())) return true;
        return fail(in, fmt::format("constant {} does not exist (there are {})", v[0], rs_.constants.size()));
      case Op::LOAD:
      case Op::STORE: return value_slot(in, v[0]);
      case Op::CASE_ATTR: {
        const auto n = rs_.vocabulary.case_attributes().size();
        if (v[0] < static_cast<std::int64_t>(n)) return true;
        return fail(in, fmt::format("case attribute {} does not exist (the vocabulary declares {})", v[0], n));
      }
      case Op::EV_ATTR: {
        if (!event_type(in, v[0], false)) return false;
        const auto& type = rs_.vocabulary.event_types()[static_cast<std::size_t>(v[0])];
        if (v[1] < static_cast<std::int64_t>(type.attributes.size())) return true;
        return fail(in, fmt::format("event type {} ('{}') has no attribute slot {} (it declares {})", v[0], type.name,
                                    v[1], type.attributes.size()));
      }
      case Op::EV_ATTR_NAMED: {
        if (!string_index(in, v[0])) return false;
        const std::string& name = rs_.strings[static_cast<std::size_t>(v[0])];
        const auto it = ctx_.named_attributes.find(name);
        if (it == ctx_.named_attributes.end()) {
          return fail(in, fmt::format("no event type declares an attribute named '{}'", name));
        }
        if (it->second == Kind::Any) {
          return fail(in, fmt::format("the event types declaring '{}' give it different value types", name));
        }
        return true;
      }
      case Op::DATE_ADD:
      case Op::TIME_ADD:
      case Op::DUR_ADD: return at_most(in, v[0], 1, "the direction (0 add, 1 subtract)");
      case Op::MAKE_DUR: return at_most(in, v[0], 7, "the unit");
      case Op::CMP_NUM:
      case Op::CMP_DATE:
      case Op::CMP_TIME:
      case Op::CMP_EVENT:
      case Op::CMP_DUR: return at_most(in, v[0], 5, "the comparison");
      case Op::CMP_TEXT:
      case Op::CMP_BOOL: return at_most(in, v[0], 1, "the comparison (= or ≠ only)");
      case Op::EARLIEST:
      case Op::LATEST:
        if (v[0] == 0) return fail(in, "takes at least one value");
        return at_most(in, v[1], 1, "the kind (0 date, 1 date-time)");
      case Op::DATE_PART: return at_most(in, v[0], 3, "the part");
      case Op::FIRST_OF:
      case Op::LAST_OF:
      case Op::EXISTS_OF:
      case Op::COUNT_OF:
      case Op::IS_TYPE: return event_type(in, v[0], true);
      case Op::ITER_TYPE:
      case Op::ITER_FROM:
        return iterator(in, v[0], Use::Events) && event_type(in, v[1], true) &&
               at_most(in, v[2], 1, "the direction (0 forwards, 1 backwards)");
      case Op::ITER_NEXT: return iterator(in, v[0], Use::Events) && slot_is(in, v[1], Kind::Event, "the event");
      case Op::PERIOD_ITER: return iterator(in, v[0], Use::Periods);
      case Op::PERIOD_NEXT: return iterator(in, v[0], Use::Periods) && slot_is(in, v[1], Kind::Period, "the period");
      case Op::ACC_INIT:
      case Op::ACC_TAINT: return slot_is(in, v[0], Kind::Accumulator, "the accumulator");
      case Op::ACC_FIRST: return accumulator(in, v[0], Use::First) && slot_is(in, v[1], Kind::Event, "the event");
      case Op::ACC_EXISTS: return accumulator(in, v[0], Use::Exists);
      case Op::ACC_COUNT: return accumulator(in, v[0], Use::Count);
      case Op::ACC_RESULT: {
        constexpr std::array<Use, 3> kUses{Use::First, Use::Exists, Use::Count};
        return at_most(in, v[1], 2, "the result kind (0 event, 1 bool, 2 int)") &&
               accumulator(in, v[0], kUses[static_cast<std::size_t>(v[1])]);
      }
      case Op::V_UNDETERMINED:
      case Op::V_EXEMPT_FIRST:
      case Op::V_EXEMPT_AFTER: return string_index(in, v[0]);
      case Op::V_REQUIRE_DATE:
      case Op::V_REQUIRE_TIME: return at_most(in, v[0], 1, "the comparison (0 <=, 1 <)");
      case Op::V_OCCURRENCE: {
        if (!slot_exists(in, v[0])) return false;
        const Kind k = slot_kind(v[0]);
        if (k == Kind::Event || k == Kind::Period) return true;
        return fail(in, fmt::format("the occurrence slot {} has kind {}, but must be event or period", v[0],
                                    layout::kind_name(k)));
      }
      default:
        // Instructions without operands, or with jump operands only (checked
        // above). An instruction added to opcodes.def with other operands
        // needs a rule here before any file can use it.
        for (std::size_t i = 0; i < in.count; ++i) {
          if (in.letter[i] != 'j') return fail(in, "the verifier has no rule for this instruction's operands");
        }
        return true;
    }
  }

  bool check_operands() {
    mark_leader(start_);
    for (std::uint32_t pc = start_; pc < end_;) {
      const Insn in = decode(rs_.code, pc);
      if (!check_static(in)) return false;
      const bool jumps = std::strchr(in.info->operands, 'j') != nullptr;
      if ((jumps || ends_block(in.op)) && in.next < end_) mark_leader(in.next);
      pc = in.next;
    }
    return true;
  }

  CodeContext& ctx_;
  const CompiledRuleset& rs_;
  const Function& fn_;
  FunctionRole role_;
  std::uint32_t start_;
  std::uint32_t end_;
  std::vector<std::uint8_t> marks_;       // per byte of the function: kBoundary | kLeader
  std::vector<Use> uses_;                 // per slot: what its iterator or accumulator is for
  CodeErrors errors_;
};

}  // namespace

Result<void> verify_function_code(CodeContext& ctx, std::uint32_t index, FunctionRole role, const std::string& label) {
  return FunctionVerifier(ctx, index, role, label).run();
}

}  // namespace frist::bytecode

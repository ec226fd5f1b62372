// Verifies one function's instructions (docs/bytecode.md "Verification"):
//
//  1. decode: every opcode valid, every instruction (operands included)
//     inside the function; this fixes the instruction boundaries;
//  2. static operands: slot, constant, type, attribute and string indices,
//     enum-like `b` operands, jump targets on a boundary inside the function,
//     forward except LOOP, which must go back to an ITER_NEXT/PERIOD_NEXT;
//  3. abstract interpretation with a worklist over the jump targets: the
//     state at each instruction is the stack of kinds (table-driven from
//     op_info's pops/pushes letters; the few operand-dependent instructions
//     by name), the same at every join, never deeper than max_stack, and no
//     path falls off the end.
//
// Joins. Besides the Kind values the stack holds a *wild* kind: the none
// that NONE pushes and the unknown that BRANCH pushes on its second ("end")
// target. A wild value has no static kind and fits every kind, so at a join
// wild ⊔ k = k, and k ⊔ k' (k ≠ k') is an error. For `if c then a else b`
// the lowering emits `c BRANCH else,end; a JUMP end; else: b; end:`: the
// end label joins a's kind, b's kind and BRANCH's wild unknown, so the value
// there has the kind of the branches (or stays wild when both are none).
// Kind::Any on the stack is a value loaded from an `any` slot: it may hold
// any kind at run time, so only the X operands (POP, PRESENT, STORE to an
// `any` slot, RETURN …) accept it, and it joins only with itself.
#include "runtime/bytecode/code_verifier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <set>
#include <vector>

#include "runtime/bytecode/layout.hpp"

namespace frist::bytecode {

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

using SKind = std::uint8_t;
constexpr SKind kWild = 12;

constexpr SKind sk(Kind k) noexcept { return static_cast<SKind>(k); }

std::string skind_name(SKind k) {
  if (k == kWild) return "none/unknown";
  if (k == sk(Kind::Any)) return "a value of any kind (from an 'any' slot)";
  return layout::kind_name(static_cast<Kind>(k));
}

std::string stack_text(const std::vector<SKind>& stack) {
  std::string out = "[";
  for (std::size_t i = 0; i < stack.size(); ++i) {
    if (i > 0) out += ", ";
    out += stack[i] == kWild ? "none/unknown" : layout::kind_name(static_cast<Kind>(stack[i]));
  }
  return out + "]";
}

// opcodes.def letters.
bool fits(char letter, SKind k) noexcept {
  if (k == kWild || letter == 'X') return true;
  switch (letter) {
    case 'B': return k == sk(Kind::Bool);
    case 'I': return k == sk(Kind::Int);
    case 'D': return k == sk(Kind::Decimal);
    case 'N': return k == sk(Kind::Int) || k == sk(Kind::Decimal);
    case 'T': return k == sk(Kind::Text);
    case 'd': return k == sk(Kind::Date);
    case 't': return k == sk(Kind::Time);
    case 'u': return k == sk(Kind::Duration);
    case 'e': return k == sk(Kind::Event);
    case 'p': return k == sk(Kind::Period);
    case 'Y': return k == sk(Kind::Date) || k == sk(Kind::Time) || k == sk(Kind::Event);
    default: return false;
  }
}

const char* letter_name(char letter) noexcept {
  switch (letter) {
    case 'B': return "a bool";
    case 'I': return "an int";
    case 'D': return "a decimal";
    case 'N': return "an int or a decimal";
    case 'T': return "a text";
    case 'd': return "a date";
    case 't': return "a date-time";
    case 'u': return "a duration";
    case 'e': return "an event";
    case 'p': return "a period";
    case 'Y': return "a date, a date-time or an event";
    default: return "a value";
  }
}

// The kind a pushes letter stands for (X and * are handled by name).
bool pushed_kind(char letter, SKind& out) noexcept {
  switch (letter) {
    case 'B': out = sk(Kind::Bool); return true;
    case 'I': out = sk(Kind::Int); return true;
    case 'D': out = sk(Kind::Decimal); return true;
    case 'T': out = sk(Kind::Text); return true;
    case 'd': out = sk(Kind::Date); return true;
    case 't': out = sk(Kind::Time); return true;
    case 'u': out = sk(Kind::Duration); return true;
    case 'e': out = sk(Kind::Event); return true;
    case 'p': out = sk(Kind::Period); return true;
    default: return false;
  }
}

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

// One decoded instruction; operand values in table order, jump offsets
// sign-extended.
struct Insn {
  Op op = Op::NOP;
  const OpInfo* info = nullptr;
  std::uint32_t pc = 0;    // offset in the code section
  std::uint32_t next = 0;  // pc of the next instruction
  std::array<std::int64_t, 3> v{};
  std::array<char, 3> letter{};
  std::size_t count = 0;
};

Insn decode(const std::vector<std::uint8_t>& code, std::uint32_t pc) {
  Insn in;
  in.op = static_cast<Op>(code[pc]);
  in.info = &op_info(in.op);
  in.pc = pc;
  in.next = pc + in.info->size;
  const std::uint8_t* p = code.data() + pc + 1;
  for (const char* l = in.info->operands; *l != '\0' && in.count < in.v.size(); ++l) {
    std::int64_t value = 0;
    switch (*l) {
      case 'b': value = *p; p += 1; break;
      case 'h': value = read_u16(p); p += 2; break;
      case 'w': value = read_u32(p); p += 4; break;
      case 'j': value = read_i32(p); p += 4; break;
      default: break;
    }
    in.letter[in.count] = *l;
    in.v[in.count++] = value;
  }
  return in;
}

class FunctionVerifier {
 public:
  FunctionVerifier(CodeContext& ctx, std::uint32_t index, FunctionRole role, const std::string& label)
      : ctx_(ctx), rs_(ctx.rs), fn_(ctx.rs.functions[index]), role_(role), label_(label),
        start_(fn_.code_offset), end_(fn_.code_offset + fn_.code_size), marks_(fn_.code_size, 0) {}

  Result<void> run() {
    if (decode_boundaries() && check_operands() && interpret()) return {};
    return make_error(error_);
  }

 private:
  static constexpr std::uint8_t kBoundary = 1;
  static constexpr std::uint8_t kLeader = 2;

  // --- messages

  std::string source_of(std::uint32_t pc) const {
    const auto it = std::upper_bound(rs_.debug.begin(), rs_.debug.end(), pc,
                                     [](std::uint32_t p, const DebugEntry& d) { return p < d.pc; });
    if (it == rs_.debug.begin()) return {};
    const DebugEntry& d = *std::prev(it);
    if (d.pc < start_ || d.file >= rs_.strings.size()) return {};
    return fmt::format(" (source {}:{}:{})", rs_.strings[d.file], d.line, d.column);
  }

  bool fail_at(std::uint32_t pc, std::string_view what, const std::string& message) {
    if (error_.empty()) {
      error_ = fmt::format("bytecode: section 'code': {}, at {:04}{}{}: {}{}", label_, pc, what.empty() ? "" : " ",
                           what, message, source_of(pc));
    }
    return false;
  }
  bool fail(const Insn& in, const std::string& message) { return fail_at(in.pc, in.info->name, message); }

  bool spend(std::uint64_t steps, std::uint32_t pc) {
    if (ctx_.steps_left < steps) {
      return fail_at(pc, "", fmt::format("verifying this file takes more than {} steps (code too large, or deep "
                                         "stacks at too many joins)",
                                         kVerifyStepBudget));
    }
    ctx_.steps_left -= steps;
    return true;
  }

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
      if (in.letter[i] == 'j' && !jump_target(in, in.v[i])) return false;
    }
    const auto& v = in.v;
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
      case Op::CMP_TIME: return at_most(in, v[0], 5, "the comparison");
      case Op::CMP_TEXT:
      case Op::CMP_BOOL:
      case Op::CMP_DUR: return at_most(in, v[0], 1, "the comparison (= or ≠ only)");
      case Op::EARLIEST:
      case Op::LATEST:
        if (v[0] == 0) return fail(in, "takes at least one value");
        return at_most(in, v[1], 1, "the kind (0 date, 1 date-time)");
      case Op::DATE_PART: return at_most(in, v[0], 3, "the part");
      case Op::FIRST_OF:
      case Op::LAST_OF:
      case Op::EXISTS_OF:
      case Op::COUNT_OF: return event_type(in, v[0], true);
      case Op::ITER_TYPE:
      case Op::ITER_FROM:
        return slot_is(in, v[0], Kind::Iterator, "the iterator") && event_type(in, v[1], true) &&
               at_most(in, v[2], 1, "the direction (0 forwards, 1 backwards)");
      case Op::ITER_NEXT:
        return slot_is(in, v[0], Kind::Iterator, "the iterator") && slot_is(in, v[1], Kind::Event, "the event");
      case Op::PERIOD_ITER: return slot_is(in, v[0], Kind::Iterator, "the iterator");
      case Op::PERIOD_NEXT:
        return slot_is(in, v[0], Kind::Iterator, "the iterator") && slot_is(in, v[1], Kind::Period, "the period");
      case Op::ACC_INIT:
      case Op::ACC_EXISTS:
      case Op::ACC_COUNT: return slot_is(in, v[0], Kind::Accumulator, "the accumulator");
      case Op::ACC_FIRST:
        return slot_is(in, v[0], Kind::Accumulator, "the accumulator") && slot_is(in, v[1], Kind::Event, "the event");
      case Op::ACC_RESULT:
        return slot_is(in, v[0], Kind::Accumulator, "the accumulator") &&
               at_most(in, v[1], 2, "the result kind (0 event, 1 bool, 2 int)");
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
      default: return true;
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

  // --- pass 3: abstract interpretation

  std::size_t leader_index(std::uint32_t pc) const {
    return static_cast<std::size_t>(std::lower_bound(leaders_.begin(), leaders_.end(), pc) - leaders_.begin());
  }

  // Pops n values, checking each against its letter; `letters` has one
  // letter per value, or one letter for all of them.
  bool pop_checked(const Insn& in, std::vector<SKind>& stack, std::string_view letters, std::size_t n) {
    if (stack.size() < n) {
      return fail(in, fmt::format("needs {} value{} on the stack, but it holds {}", n, n == 1 ? "" : "s",
                                  stack.size()));
    }
    const std::size_t base = stack.size() - n;
    for (std::size_t i = 0; i < n; ++i) {
      const char letter = letters.size() == 1 ? letters[0] : letters[i];
      if (!fits(letter, stack[base + i])) {
        return fail(in, fmt::format("operand {} of {} must be {}, but it is {}", i + 1, n, letter_name(letter),
                                    skind_name(stack[base + i])));
      }
    }
    stack.resize(base);
    return true;
  }

  // The kind of the value RETURN / RETURN_IF_PRESENT hands back.
  bool check_return(const Insn& in, SKind k) {
    if (role_ != FunctionRole::Holiday && role_ != FunctionRole::CaseDate) return true;
    if (k == kWild || k == sk(Kind::Date)) return true;
    return fail(in, fmt::format("a {} function returns a date, but this returns {}",
                                role_ == FunctionRole::Holiday ? "holiday" : "case-date", skind_name(k)));
  }

  bool push_by_name(const Insn& in, std::vector<SKind>& stack) {
    const auto& v = in.v;
    switch (in.op) {
      case Op::CONST:
        stack.push_back(sk(layout::kind_of(rs_.constants[static_cast<std::size_t>(v[0])].kind)));
        return true;
      case Op::NONE: stack.push_back(kWild); return true;
      case Op::LOAD: stack.push_back(sk(slot_kind(v[0]))); return true;
      case Op::CASE_ATTR:
        stack.push_back(sk(layout::kind_of(rs_.vocabulary.case_attributes()[static_cast<std::size_t>(v[0])].type)));
        return true;
      case Op::EV_ATTR: {
        const auto& type = rs_.vocabulary.event_types()[static_cast<std::size_t>(v[0])];
        stack.push_back(sk(layout::kind_of(type.attributes[static_cast<std::size_t>(v[1])].type)));
        return true;
      }
      case Op::EV_ATTR_NAMED: {
        const auto it = ctx_.named_attributes.find(rs_.strings[static_cast<std::size_t>(v[0])]);
        stack.push_back(sk(it == ctx_.named_attributes.end() ? Kind::Any : it->second));
        return true;
      }
      case Op::ACC_RESULT: {
        constexpr std::array<Kind, 3> kResult{Kind::Event, Kind::Bool, Kind::Int};
        stack.push_back(sk(kResult[static_cast<std::size_t>(v[1])]));
        return true;
      }
      default: return fail(in, "internal error: no stack rule for this instruction");
    }
  }

  // Applies one instruction's stack effect.
  bool step(const Insn& in, std::vector<SKind>& stack) {
    switch (in.op) {
      case Op::STORE: {
        const SKind k = stack.empty() ? kWild : stack.back();
        if (!pop_checked(in, stack, "X", 1)) return false;
        const Kind want = slot_kind(in.v[0]);
        if (want == Kind::Any || k == kWild || k == sk(want)) return true;
        return fail(in, fmt::format("slot {} has kind {}, but the value stored is {}", in.v[0],
                                    layout::kind_name(want), skind_name(k)));
      }
      case Op::EARLIEST:
      case Op::LATEST: {
        const Kind k = in.v[1] == 0 ? Kind::Date : Kind::Time;
        if (!pop_checked(in, stack, k == Kind::Date ? "d" : "t", static_cast<std::size_t>(in.v[0]))) return false;
        stack.push_back(sk(k));
        return true;
      }
      case Op::RETURN:
      case Op::RETURN_IF_PRESENT: {
        const SKind k = stack.empty() ? kWild : stack.back();
        return pop_checked(in, stack, "X", 1) && check_return(in, k);
      }
      default: break;
    }
    const std::string_view pops = in.info->pops;
    if (!pop_checked(in, stack, pops, pops.size())) return false;
    for (const char* p = in.info->pushes; *p != '\0'; ++p) {
      SKind k = 0;
      if (pushed_kind(*p, k)) {
        stack.push_back(k);
      } else if (!push_by_name(in, stack)) {
        return false;
      }
    }
    return true;
  }

  bool merge(std::uint32_t target, const std::vector<SKind>& incoming, std::uint32_t from) {
    if (!spend(incoming.size() + 1, from)) return false;
    const std::size_t i = leader_index(target);
    std::vector<SKind>& state = states_[i];
    if (!reached_[i]) {
      state = incoming;
      reached_[i] = 1;
      origin_[i] = from;
      queue_.insert(i);
      return true;
    }
    bool changed = false;
    bool clash = state.size() != incoming.size();
    for (std::size_t k = 0; !clash && k < state.size(); ++k) {
      if (state[k] == incoming[k] || incoming[k] == kWild) continue;
      if (state[k] != kWild) {
        clash = true;
      } else {
        state[k] = incoming[k];
        changed = true;
      }
    }
    if (clash) {
      const Insn at = decode(rs_.code, target);
      return fail(at, fmt::format("paths join with different stacks: {} from {:04}, {} from {:04}",
                                  stack_text(state), origin_[i], stack_text(incoming), from));
    }
    if (changed) {
      origin_[i] = from;
      queue_.insert(i);
    }
    return true;
  }

  bool check_depth(const Insn& in, std::size_t depth) {
    if (depth <= fn_.max_stack) return true;
    return fail(in, fmt::format("the stack grows to {} values, but the function's max_stack is {}", depth,
                                fn_.max_stack));
  }

  bool run_block(std::size_t leader) {
    std::uint32_t pc = leaders_[leader];
    if (!spend(states_[leader].size(), pc)) return false;
    std::vector<SKind> stack = states_[leader];
    for (;;) {
      if (!spend(1, pc)) return false;
      const Insn in = decode(rs_.code, pc);
      if (!step(in, stack) || !check_depth(in, stack.size())) return false;
      if (in.op == Op::BRANCH) {
        std::vector<SKind> unknown = stack;
        unknown.push_back(kWild);
        if (!check_depth(in, unknown.size())) return false;
        if (!merge(static_cast<std::uint32_t>(in.next + in.v[0]), stack, pc)) return false;
        if (!merge(static_cast<std::uint32_t>(in.next + in.v[1]), unknown, pc)) return false;
      } else {
        for (std::size_t i = 0; i < in.count; ++i) {
          if (in.letter[i] == 'j' && !merge(static_cast<std::uint32_t>(in.next + in.v[i]), stack, pc)) return false;
        }
      }
      if (in.op == Op::RETURN || in.op == Op::V_RESULT) return true;
      if (in.op == Op::JUMP || in.op == Op::LOOP) return true;
      if (in.next >= end_) {
        return fail(in, fmt::format("the code runs off the end of the function here; every path must end in {}",
                                    role_ == FunctionRole::Rule ? "V_RESULT" : "RETURN"));
      }
      if ((marks_[in.next - start_] & kLeader) != 0) return merge(in.next, stack, pc);
      pc = in.next;
    }
  }

  bool interpret() {
    for (std::uint32_t pc = start_; pc < end_; ++pc) {
      if ((marks_[pc - start_] & kLeader) != 0) leaders_.push_back(pc);
    }
    states_.assign(leaders_.size(), {});
    reached_.assign(leaders_.size(), 0);
    origin_.assign(leaders_.size(), 0);
    reached_[0] = 1;
    origin_[0] = start_;
    queue_.insert(0);
    while (!queue_.empty()) {
      const std::size_t leader = *queue_.begin();
      queue_.erase(queue_.begin());
      if (!run_block(leader)) return false;
    }
    return true;
  }

  CodeContext& ctx_;
  const CompiledRuleset& rs_;
  const Function& fn_;
  FunctionRole role_;
  const std::string& label_;
  std::uint32_t start_;
  std::uint32_t end_;
  std::vector<std::uint8_t> marks_;       // per byte of the function: kBoundary | kLeader
  std::vector<std::uint32_t> leaders_;    // pcs where blocks start, ascending
  std::vector<std::vector<SKind>> states_;  // stack at each leader
  std::vector<std::uint8_t> reached_;
  std::vector<std::uint32_t> origin_;     // the pc whose edge last set the state (for messages)
  std::set<std::size_t> queue_;           // leaders to (re)visit, lowest pc first
  std::string error_;
};

}  // namespace

Result<void> verify_function_code(CodeContext& ctx, std::uint32_t index, FunctionRole role, const std::string& label) {
  return FunctionVerifier(ctx, index, role, label).run();
}

}  // namespace frist::bytecode

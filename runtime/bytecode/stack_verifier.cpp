// The stack pass of code verification (docs/bytecode.md "Verification"):
// abstract interpretation of each function with a worklist over the block
// starts that decoding found. The state at each instruction is the stack of
// kinds, table-driven from op_info's pops/pushes letters (the instructions
// whose kinds depend on their operands by name); it must be the same at
// every join, never deeper than max_stack, and no path may fall off the end.
//
// Joins. Besides the Kind values the stack holds a *wild* kind: the none
// that NONE pushes and the unknown that BRANCH pushes on its second ("end")
// target. A wild value has no static kind and fits every kind, so at a join
// wild ⊔ k = k, and k ⊔ k' (k ≠ k') is an error. For `if c then a else b`
// the lowering emits `c BRANCH else,end; a JUMP end; else: b; end:`: the
// end label joins a's kind, b's kind and BRANCH's wild unknown, so the value
// there has the kind of the branches (or stays wild when both are none).
// A state only ever changes from wild to a kind, so the worklist ends.
// Kind::Any on the stack is a value loaded from an `any` slot: it may hold
// any kind at run time, so only the X operands (POP, PRESENT, STORE to an
// `any` slot, RETURN …) accept it, and it joins only with itself.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <vector>

#include "runtime/bytecode/code_verifier.hpp"
#include "runtime/bytecode/layout.hpp"

namespace frist::bytecode {
namespace {

// A stack kind: a Kind value, or kWild (none/unknown, fits every kind).
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

using Insn = Instruction;

class StackVerifier {
 public:
  StackVerifier(CodeContext& ctx, const FunctionShape& shape, CodeErrors& errors)
      : ctx_(ctx), rs_(ctx.rs), fn_(shape.fn), role_(shape.role), start_(shape.start), end_(shape.end),
        leaders_(shape.leaders), errors_(errors), states_(leaders_.size()), reached_(leaders_.size(), 0),
        origin_(leaders_.size(), 0) {}

  bool run() {
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

 private:
  bool fail(const Insn& in, const std::string& message) { return errors_.fail(in, message); }

  // Decodes an instruction decoding has already found valid and inside the function.
  Insn decode(std::uint32_t pc) const { return decode_instruction(rs_.code, pc, end_).value_or(Insn{}); }

  Kind slot_kind(std::int64_t s) const { return fn_.slot_kinds[static_cast<std::size_t>(s)]; }

  bool is_leader(std::uint32_t pc) const { return std::binary_search(leaders_.begin(), leaders_.end(), pc); }

  bool spend(std::uint64_t steps, std::uint32_t pc) {
    if (ctx_.steps_left < steps) {
      return errors_.fail_at(pc, "", fmt::format("verifying this file takes more than {} steps (code too large, or "
                                                 "deep stacks at too many joins)",
                                                 kVerifyStepBudget));
    }
    ctx_.steps_left -= steps;
    return true;
  }

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
    const auto& v = in.operand;
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
        const Kind want = slot_kind(in.operand[0]);
        if (want == Kind::Any || k == kWild || k == sk(want)) return true;
        return fail(in, fmt::format("slot {} has kind {}, but the value stored is {}", in.operand[0],
                                    layout::kind_name(want), skind_name(k)));
      }
      case Op::EARLIEST:
      case Op::LATEST: {
        const Kind k = in.operand[1] == 0 ? Kind::Date : Kind::Time;
        if (!pop_checked(in, stack, k == Kind::Date ? "d" : "t", static_cast<std::size_t>(in.operand[0]))) return false;
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
      const Insn at = decode(target);
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
      const Insn in = decode(pc);
      if (!step(in, stack) || !check_depth(in, stack.size())) return false;
      if (in.op == Op::BRANCH) {
        std::vector<SKind> unknown = stack;
        unknown.push_back(kWild);
        if (!check_depth(in, unknown.size())) return false;
        if (!merge(static_cast<std::uint32_t>(in.target(0)), stack, pc)) return false;
        if (!merge(static_cast<std::uint32_t>(in.target(1)), unknown, pc)) return false;
      } else {
        for (std::size_t i = 0; i < in.count; ++i) {
          if (in.letter[i] == 'j' && !merge(static_cast<std::uint32_t>(in.target(i)), stack, pc)) return false;
        }
      }
      if (in.op == Op::RETURN || in.op == Op::V_RESULT) return true;
      if (in.op == Op::JUMP || in.op == Op::LOOP) return true;
      if (in.next >= end_) {
        return fail(in, fmt::format("the code runs off the end of the function here; every path must end in {}",
                                    role_ == FunctionRole::Rule ? "V_RESULT" : "RETURN"));
      }
      if (is_leader(in.next)) return merge(in.next, stack, pc);
      pc = in.next;
    }
  }

  CodeContext& ctx_;
  const CompiledRuleset& rs_;
  const Function& fn_;
  FunctionRole role_;
  std::uint32_t start_;
  std::uint32_t end_;
  const std::vector<std::uint32_t>& leaders_;  // pcs where blocks start, ascending
  CodeErrors& errors_;
  std::vector<std::vector<SKind>> states_;     // the stack at each leader
  std::vector<std::uint8_t> reached_;
  std::vector<std::uint32_t> origin_;          // the pc whose edge last set the state (for messages)
  std::set<std::size_t> queue_;                // leaders to (re)visit, lowest pc first
};

}  // namespace

bool verify_stack_kinds(CodeContext& ctx, const FunctionShape& shape, CodeErrors& errors) {
  return StackVerifier(ctx, shape, errors).run();
}

}  // namespace frist::bytecode

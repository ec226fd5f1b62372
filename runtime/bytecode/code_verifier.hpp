// The verification of one function's code (docs/bytecode.md
// "Verification"): instruction decoding, static operand checks and the
// abstract interpretation of stack kinds. verifier.cpp checks the tables
// first and then calls this once per function. Private to runtime/bytecode/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "runtime/bytecode/program.hpp"

namespace frist::bytecode {

// What a function is for, from the tables that refer to it. Rule functions
// end every path in V_RESULT and alone may use the V_* instructions; the
// others end in RETURN, holiday and case-date functions returning a date.
enum class FunctionRole : std::uint8_t { Other, Rule, Holiday, CaseDate };

// The verification of a whole file is bounded: every instruction visited and
// every stack slot copied or merged at a join costs one step, so a hostile
// file (deep stacks at many joins) cannot make the verifier quadratic.
constexpr std::uint64_t kVerifyStepBudget = std::uint64_t{1} << 26;

struct CodeContext {
  const CompiledRuleset& rs;
  // For EV_ATTR_NAMED: an attribute name → the kind all event types
  // declaring it agree on, or Kind::Any when they disagree.
  std::unordered_map<std::string_view, Kind> named_attributes;
  std::uint64_t steps_left = kVerifyStepBudget;

  explicit CodeContext(const CompiledRuleset& ruleset);
};

// Verifies function `index`, whose tables (code range, slots, parameters)
// verifier.cpp has already checked. `label` names it in messages
// ("function 3 (rule 'R1')").
Result<void> verify_function_code(CodeContext& ctx, std::uint32_t index, FunctionRole role, const std::string& label);

}  // namespace frist::bytecode

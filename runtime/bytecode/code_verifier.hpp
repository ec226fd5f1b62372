// The verification of one function's code (docs/bytecode.md
// "Verification"). verifier.cpp checks the tables first and then calls
// verify_function_code once per function; code_verifier.cpp decodes the
// instructions and checks their operands, stack_verifier.cpp then checks the
// stack kinds along every path. Private to runtime/bytecode/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/bytecode/instruction.hpp"
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

// What the verification of all functions of one file shares.
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

// --- shared by the two passes

// The message of the first problem found in a function's code:
// "bytecode: section 'code': function 3 (rule 'R1'), at 0012 EV_ATTR: …
// (source rulesets/x.frist:42:5)".
class CodeErrors {
 public:
  CodeErrors(const CompiledRuleset& rs, const std::string& label, std::uint32_t function_start)
      : rs_(rs), label_(label), start_(function_start) {}

  // Both record the problem (unless one is recorded already) and return false.
  bool fail_at(std::uint32_t pc, std::string_view what, const std::string& message);
  bool fail(const Instruction& in, const std::string& message) { return fail_at(in.pc, in.info->name, message); }

  bool any() const noexcept { return !message_.empty(); }
  const std::string& message() const noexcept { return message_; }

 private:
  const CompiledRuleset& rs_;
  const std::string& label_;
  std::uint32_t start_;
  std::string message_;
};

// What decoding found, for the stack pass: the function and the pcs where
// blocks start (the entry, jump targets, and after jumps and ends), ascending.
struct FunctionShape {
  const Function& fn;
  FunctionRole role;
  std::uint32_t start;
  std::uint32_t end;
  std::vector<std::uint32_t> leaders;
};

// The stack pass (stack_verifier.cpp): abstract interpretation of the stack
// kinds over the decoded, operand-checked code.
bool verify_stack_kinds(CodeContext& ctx, const FunctionShape& shape, CodeErrors& errors);

}  // namespace frist::bytecode

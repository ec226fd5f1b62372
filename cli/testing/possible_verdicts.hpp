// Which verdicts a rule can produce, read from its checked structure (for the
// coverage table of `frist test`):
//   - compliant and violated always;
//   - not applicable only with an applicability condition or a `for each`;
//   - undetermined only with `ubestemt når`, or a value that can be missing
//     (an attribute without default) or too coarse to compare (instants);
//   - pending only with a deadline, and not when an applicability condition
//     requires the as-of date to lie after that very deadline (the rule is
//     then only looked at once its deadline has passed).
#pragma once

#include <cstdint>

#include "compiler/check.hpp"
#include "runtime/model/vocabulary.hpp"

namespace frist::cli {

// One bit per vm::Verdict.
std::uint8_t possible_verdicts(const compiler::CheckedRule& rule, const model::Vocabulary& vocabulary);

}  // namespace frist::cli

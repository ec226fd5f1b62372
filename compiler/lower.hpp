// Lowering: a checked program becomes a CompiledRuleset (runtime/bytecode):
// one function per rule, the case-date rule and each holiday, with pooled
// strings and constants, declared slot kinds, the computed stack depth and a
// debug table. Deterministic: the same checked program gives the same bytes.
#pragma once

#include <memory>

#include "compiler/check.hpp"
#include "compiler/diagnostics.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/time/zone.hpp"

namespace frist::compiler {

// `program` must have no errors in the sink. Literal date-times are resolved
// with `zone` (Europe/Copenhagen).
std::unique_ptr<bytecode::CompiledRuleset> lower_program(const CheckedProgram& program, const time::Zone& zone,
                                                        DiagnosticSink& sink);

// Adds a function computing one expression (an expression test) to `ruleset`;
// returns its index. `slots` are the slots the checker assigned.
std::uint32_t lower_expression(bytecode::CompiledRuleset& ruleset, const CheckedProgram& program, const Expr& expr,
                               const std::vector<SlotInfo>& slots, const time::Zone& zone, DiagnosticSink& sink);

}  // namespace frist::compiler

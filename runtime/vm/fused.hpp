// Superinstructions: opcodes that exist only in linked code, never in a
// .fristc file. After a ruleset is verified and linked, fuse() rewrites
// common instruction sequences in place: the first opcode byte of the
// sequence becomes a fused opcode, every byte after it stays as it was. So
// a fused instruction is exactly as long as the sequence it replaces, its
// operands are read where the original instructions had them, jump offsets
// keep their meaning, and a sequence is fused only when no jump lands inside
// it. The VM runs a fused instruction as the sequence would run, in one
// dispatch (runtime/vm/machine.cpp); tests/unit/vm compares every fused
// ruleset against the unfused one.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/bytecode/program.hpp"

namespace frist::vm {

enum class Fused : std::uint8_t {
  LoadDate = static_cast<std::uint8_t>(bytecode::Op::Count_),  // LOAD s; TO_DATE
  LoadEvAttr,       // LOAD s; EV_ATTR t a
  LoadPresent,      // LOAD s; PRESENT
  LoadMissing,      // LOAD s; MISSING
  CmpSlotDates,     // LOAD s1; TO_DATE; LOAD s2; TO_DATE; CMP_DATE c
  StoreKeep,        // STORE s; LOAD s
  ConstDateAdd,     // CONST k; DATE_ADD b
  IterNextLoad,     // ITER_NEXT it s j; LOAD s
  IterNextLoadDate, // ITER_NEXT it s j; LOAD s; TO_DATE
  IterNextLoadAttr, // ITER_NEXT it s j; LOAD s; EV_ATTR t a
  LoadDateAddConst, // LOAD s; TO_DATE; CONST k; DATE_ADD b
  AccInitIterType,  // ACC_INIT a; ITER_TYPE s t b
  ExistsApplies,    // EXISTS_OF t; V_APPLIES j
  Count_
};

constexpr std::size_t kOpcodeCount = static_cast<std::size_t>(Fused::Count_);

// Bytes of a fused instruction: the sum of the instructions it replaces.
std::uint8_t fused_size(Fused f) noexcept;

// Rewrites the code of `functions` in place (code as verified and linked).
void fuse(std::vector<std::uint8_t>& code, const std::vector<bytecode::Function>& functions);

}  // namespace frist::vm

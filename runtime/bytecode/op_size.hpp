// Instruction sizes as compile-time data from the one opcode table
// (opcodes.def), for code that steps through verified bytecode in a hot loop
// — the VM's dispatch reads the size from this array instead of calling
// op_info() for every instruction. op_info() takes its sizes from here too.
#pragma once

#include <array>
#include <cstdint>

#include "runtime/bytecode/program.hpp"

namespace frist::bytecode {

// Bytes of one instruction with these operand letters (b, h, w, j), the
// opcode byte included.
constexpr std::uint8_t instruction_size(const char* operands) noexcept {
  std::uint8_t n = 1;
  for (const char* p = operands; *p != '\0'; ++p) {
    switch (*p) {
      case 'b': n += 1; break;
      case 'h': n += 2; break;
      case 'w': n += 4; break;
      case 'j': n += 4; break;
      default: break;
    }
  }
  return n;
}

inline constexpr std::array<std::uint8_t, static_cast<std::size_t>(Op::Count_)> kInstructionSize{{
#define OP(name, operands, pops, pushes) instruction_size(operands),
#include "runtime/bytecode/opcodes.def"
#undef OP
}};

// The size of a valid opcode's instruction.
constexpr std::uint8_t op_size(Op op) noexcept { return kInstructionSize[static_cast<std::size_t>(op)]; }

}  // namespace frist::bytecode

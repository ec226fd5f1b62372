// The opcode table as data: names, operand layouts, stack kinds and sizes,
// generated from opcodes.def.
#include <array>
#include <cstring>

#include "runtime/bytecode/program.hpp"

namespace frist::bytecode {
namespace {

constexpr std::uint8_t operand_bytes(const char* operands) {
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

constexpr std::array<OpInfo, static_cast<std::size_t>(Op::Count_)> kOps{{
#define OP(name, operands, pops, pushes) OpInfo{#name, operands, pops, pushes, operand_bytes(operands)},
#include "runtime/bytecode/opcodes.def"
#undef OP
}};

}  // namespace

const OpInfo& op_info(Op op) noexcept { return kOps[static_cast<std::size_t>(op)]; }
bool valid_op(std::uint8_t byte) noexcept { return byte < static_cast<std::uint8_t>(Op::Count_); }

}  // namespace frist::bytecode

// The opcode table as data: names, operand layouts, stack kinds and sizes,
// generated from opcodes.def.
#include <array>
#include <cstring>

#include "runtime/bytecode/op_size.hpp"
#include "runtime/bytecode/program.hpp"

namespace frist::bytecode {
namespace {

constexpr std::array<OpInfo, static_cast<std::size_t>(Op::Count_)> kOps{{
#define OP(name, operands, pops, pushes) OpInfo{#name, operands, pops, pushes, instruction_size(operands)},
#include "runtime/bytecode/opcodes.def"
#undef OP
}};

}  // namespace

const OpInfo& op_info(Op op) noexcept { return kOps[static_cast<std::size_t>(op)]; }
bool valid_op(std::uint8_t byte) noexcept { return byte < static_cast<std::uint8_t>(Op::Count_); }

}  // namespace frist::bytecode

// Decoding one instruction of the code section by its opcodes.def row:
// opcode, operand values in table order (jump offsets sign-extended), and
// the offset of the next instruction. Shared by the verifier and the
// disassembler. Private to runtime/bytecode/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "runtime/bytecode/program.hpp"

namespace frist::bytecode {

struct Instruction {
  Op op = Op::NOP;
  const OpInfo* info = nullptr;
  std::uint32_t pc = 0;    // offset in the code section
  std::uint32_t next = 0;  // offset of the next instruction
  std::array<std::int64_t, 3> operand{};
  std::array<char, 3> letter{};  // b h w j, per operand
  std::size_t count = 0;

  // Where jump operand i goes (relative to the next instruction).
  std::int64_t target(std::size_t i) const noexcept { return std::int64_t{next} + operand[i]; }
};

// The instruction at `pc`, or nullopt when the opcode is unknown or the
// instruction does not fit before `end` (≤ code.size()).
inline std::optional<Instruction> decode_instruction(const std::vector<std::uint8_t>& code, std::size_t pc,
                                                     std::size_t end) noexcept {
  if (pc >= end || end > code.size() || !valid_op(code[pc])) return std::nullopt;
  Instruction in;
  in.op = static_cast<Op>(code[pc]);
  in.info = &op_info(in.op);
  if (in.info->size > end - pc) return std::nullopt;
  in.pc = static_cast<std::uint32_t>(pc);
  in.next = static_cast<std::uint32_t>(pc + in.info->size);
  const std::uint8_t* p = code.data() + pc + 1;
  for (const char* l = in.info->operands; *l != '\0' && in.count < in.operand.size(); ++l) {
    std::int64_t value = 0;
    switch (*l) {
      case 'b': value = *p; p += 1; break;
      case 'h': value = read_u16(p); p += 2; break;
      case 'w': value = read_u32(p); p += 4; break;
      case 'j': value = read_i32(p); p += 4; break;
      default: break;
    }
    in.letter[in.count] = *l;
    in.operand[in.count++] = value;
  }
  return in;
}

}  // namespace frist::bytecode

// The superinstruction pass: finds fusable sequences in verified, linked
// code and marks them by rewriting their first opcode byte (fused.hpp).
#include "runtime/vm/fused.hpp"

#include "runtime/bytecode/op_size.hpp"

namespace frist::vm {
namespace {

using bytecode::Op;

struct Instruction {
  std::uint32_t pc;
  Op op;
};

// Marks in `target` (indexed from `begin`) where the jump operands of the
// instruction at `pc` land; jumps are relative to the next instruction.
void jump_targets(const std::uint8_t* code, std::uint32_t pc, Op op, std::vector<bool>& target, std::uint32_t begin,
                  std::uint32_t end) {
  const bytecode::OpInfo& info = bytecode::op_info(op);
  std::uint32_t offset = 1;
  const std::uint32_t next = pc + info.size;
  for (const char* l = info.operands; *l != '\0'; ++l) {
    switch (*l) {
      case 'b': offset += 1; break;
      case 'h': offset += 2; break;
      case 'w': offset += 4; break;
      case 'j': {
        const std::int64_t t = std::int64_t{next} + bytecode::read_i32(code + pc + offset);
        if (t >= begin && t < end) target[static_cast<std::size_t>(t - begin)] = true;
        offset += 4;
        break;
      }
      default: break;
    }
  }
}

}  // namespace

std::uint8_t fused_size(Fused f) noexcept {
  using bytecode::op_size;
  switch (f) {
    case Fused::LoadDate: return op_size(Op::LOAD) + op_size(Op::TO_DATE);
    case Fused::LoadEvAttr: return op_size(Op::LOAD) + op_size(Op::EV_ATTR);
    case Fused::LoadPresent: return op_size(Op::LOAD) + op_size(Op::PRESENT);
    case Fused::LoadMissing: return op_size(Op::LOAD) + op_size(Op::MISSING);
    case Fused::CmpSlotDates: return 2 * (op_size(Op::LOAD) + op_size(Op::TO_DATE)) + op_size(Op::CMP_DATE);
    case Fused::StoreKeep: return op_size(Op::STORE) + op_size(Op::LOAD);
    case Fused::ConstDateAdd: return op_size(Op::CONST) + op_size(Op::DATE_ADD);
    case Fused::IterNextLoad: return op_size(Op::ITER_NEXT) + op_size(Op::LOAD);
    case Fused::IterNextLoadDate: return op_size(Op::ITER_NEXT) + op_size(Op::LOAD) + op_size(Op::TO_DATE);
    case Fused::IterNextLoadAttr: return op_size(Op::ITER_NEXT) + op_size(Op::LOAD) + op_size(Op::EV_ATTR);
    case Fused::LoadDateAddConst:
      return op_size(Op::LOAD) + op_size(Op::TO_DATE) + op_size(Op::CONST) + op_size(Op::DATE_ADD);
    case Fused::AccInitIterType: return op_size(Op::ACC_INIT) + op_size(Op::ITER_TYPE);
    case Fused::ExistsApplies: return op_size(Op::EXISTS_OF) + op_size(Op::V_APPLIES);
    case Fused::Count_: break;
  }
  return 0;
}

void fuse(std::vector<std::uint8_t>& code, const std::vector<bytecode::Function>& functions) {
  std::vector<Instruction> ins;
  std::vector<bool> target;
  for (const bytecode::Function& f : functions) {
    const std::uint32_t begin = f.code_offset;
    const std::uint32_t end = f.code_offset + f.code_size;
    ins.clear();
    target.assign(f.code_size, false);
    for (std::uint32_t pc = begin; pc < end;) {
      const auto op = static_cast<Op>(code[pc]);
      ins.push_back({pc, op});
      jump_targets(code.data(), pc, op, target, begin, end);
      pc += bytecode::op_size(op);
    }
    const auto is_target = [&](std::size_t i) { return target[ins[i].pc - begin]; };
    const auto slot_of = [&](std::size_t i, std::uint32_t at) { return bytecode::read_u16(code.data() + ins[i].pc + at); };
    // True when instructions i+1 … i+n-1 exist, have the given opcodes and no jump lands on them.
    const auto matches = [&](std::size_t i, std::initializer_list<Op> ops) {
      if (i + ops.size() > ins.size()) return false;
      std::size_t k = 0;
      for (const Op o : ops) {
        if (ins[i + k].op != o || (k > 0 && is_target(i + k))) return false;
        ++k;
      }
      return true;
    };
    for (std::size_t i = 0; i < ins.size();) {
      const auto mark = [&](Fused fused, std::size_t count) {
        code[ins[i].pc] = static_cast<std::uint8_t>(fused);
        i += count;
      };
      const bool iter_load = matches(i, {Op::ITER_NEXT, Op::LOAD}) && slot_of(i, 3) == slot_of(i + 1, 1);
      if (matches(i, {Op::LOAD, Op::TO_DATE, Op::LOAD, Op::TO_DATE, Op::CMP_DATE})) {
        mark(Fused::CmpSlotDates, 5);
      } else if (matches(i, {Op::LOAD, Op::TO_DATE, Op::CONST, Op::DATE_ADD})) {
        mark(Fused::LoadDateAddConst, 4);
      } else if (iter_load && matches(i, {Op::ITER_NEXT, Op::LOAD, Op::TO_DATE})) {
        mark(Fused::IterNextLoadDate, 3);
      } else if (iter_load && matches(i, {Op::ITER_NEXT, Op::LOAD, Op::EV_ATTR})) {
        mark(Fused::IterNextLoadAttr, 3);
      } else if (iter_load) {
        mark(Fused::IterNextLoad, 2);
      } else if (matches(i, {Op::ACC_INIT, Op::ITER_TYPE})) {
        mark(Fused::AccInitIterType, 2);
      } else if (matches(i, {Op::EXISTS_OF, Op::V_APPLIES})) {
        mark(Fused::ExistsApplies, 2);
      } else if (matches(i, {Op::LOAD, Op::TO_DATE})) {
        mark(Fused::LoadDate, 2);
      } else if (matches(i, {Op::LOAD, Op::EV_ATTR})) {
        mark(Fused::LoadEvAttr, 2);
      } else if (matches(i, {Op::LOAD, Op::PRESENT})) {
        mark(Fused::LoadPresent, 2);
      } else if (matches(i, {Op::LOAD, Op::MISSING})) {
        mark(Fused::LoadMissing, 2);
      } else if (matches(i, {Op::STORE, Op::LOAD}) && slot_of(i, 1) == slot_of(i + 1, 1)) {
        mark(Fused::StoreKeep, 2);
      } else if (matches(i, {Op::CONST, Op::DATE_ADD})) {
        mark(Fused::ConstDateAdd, 2);
      } else {
        ++i;
      }
    }
  }
}

}  // namespace frist::vm

// Lowering checked rules, the case-date rule and the calendar to bytecode.
#include "compiler/lower.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>
#include <unordered_map>

#include "compiler/expand.hpp"
#include "runtime/time/timestamp.hpp"

namespace frist::compiler {
namespace {

using bytecode::Kind;
using bytecode::Op;

Kind kind_of(const Type& t) {
  switch (t.kind) {
    case TypeKind::Bool: return Kind::Bool;
    case TypeKind::Int: return Kind::Int;
    case TypeKind::Decimal: return Kind::Decimal;
    case TypeKind::Text: return Kind::Text;
    case TypeKind::Date: return Kind::Date;
    case TypeKind::Time: return Kind::Time;
    case TypeKind::Duration: return Kind::Duration;
    case TypeKind::Event: return Kind::Event;
    case TypeKind::Period: return Kind::Period;
    default: return Kind::Any;
  }
}

std::uint8_t compare_code(compiler::Op op) {
  switch (op) {
    case compiler::Op::Eq: return 0;
    case compiler::Op::Ne: return 1;
    case compiler::Op::Lt: return 2;
    case compiler::Op::Le: return 3;
    case compiler::Op::Gt: return 4;
    default: return 5;
  }
}

// Pools and the code section shared by all functions of one ruleset.
class Pools {
 public:
  explicit Pools(bytecode::CompiledRuleset& out) : out_(out) {
    if (out_.strings.empty()) out_.strings.emplace_back();
    for (std::uint32_t i = 0; i < out_.strings.size(); ++i) strings_.emplace(out_.strings[i], i);
    for (std::size_t i = 0; i < out_.constants.size(); ++i) constants_.emplace(key_of(out_.constants[i]), i);
  }
  std::uint32_t str(const std::string& s) {
    auto [it, inserted] = strings_.emplace(s, static_cast<std::uint32_t>(out_.strings.size()));
    if (inserted) out_.strings.push_back(s);
    return it->second;
  }
  std::uint16_t constant(const bytecode::Constant& c) {
    // Indexed, not searched: a ruleset near the 65 536-constant limit
    // (tests/limits) would otherwise take quadratic time. Equal keys are
    // equal constants (the fields operator== compares).
    auto [it, inserted] = constants_.emplace(key_of(c), out_.constants.size());
    if (inserted) out_.constants.push_back(c);
    return static_cast<std::uint16_t>(it->second);
  }
  bytecode::CompiledRuleset& out() { return out_; }

 private:
  using ConstantKey = std::tuple<bytecode::ConstKind, std::int64_t, double, std::uint32_t, std::int32_t, std::int64_t,
                                 std::int64_t, std::uint8_t, std::uint8_t, std::int32_t, std::int64_t>;
  static ConstantKey key_of(const bytecode::Constant& c) {
    return {c.kind, c.i, c.d, c.s, c.days, c.lo, c.hi, c.precision, c.duration_kind, c.months, c.micros};
  }

  bytecode::CompiledRuleset& out_;
  std::unordered_map<std::string, std::uint32_t> strings_;
  std::map<ConstantKey, std::size_t> constants_;  // constant → its index in out_.constants
};

// Emits one function: code with forward labels, slot kinds, stack depth.
class Emitter {
 public:
  Emitter(Pools& pools, std::vector<SlotInfo> slots, std::uint16_t params, DiagnosticSink& sink, const time::Zone& zone)
      : pools_(pools), sink_(sink), zone_(zone) {
    fn_.param_count = params;
    for (const SlotInfo& s : slots) fn_.slot_kinds.push_back(kind_of(s.type));
  }

  using Label = std::size_t;

  std::uint16_t temp(Kind k) {
    fn_.slot_kinds.push_back(k);
    return static_cast<std::uint16_t>(fn_.slot_kinds.size() - 1);
  }

  Label label() {
    labels_.push_back(-1);
    return labels_.size() - 1;
  }
  void bind(Label l) { labels_[l] = static_cast<std::int64_t>(code_.size()); }
  std::size_t here() const { return code_.size(); }

  void at(const Span& s) {
    if (s.file == nullptr) return;
    const LineCol lc = s.file->line_col(s.begin);
    const std::uint32_t file = pools_.str(s.file->path());
    if (!debug_.empty() && debug_.back().file == file && debug_.back().line == lc.line && debug_.back().column == lc.column) return;
    debug_.push_back(bytecode::DebugEntry{static_cast<std::uint32_t>(code_.size()), file, lc.line, lc.column});
  }

  // Emits an opcode; the stack effect comes from its row in opcodes.def
  // (EARLIEST/LATEST pass theirs explicitly).
  void op(Op o, int pops = -1, int pushes = -1) {
    const bytecode::OpInfo& info = bytecode::op_info(o);
    if (pops < 0) pops = static_cast<int>(std::strlen(info.pops));
    if (pushes < 0) pushes = static_cast<int>(std::strlen(info.pushes));
    depth_ -= pops;
    depth_ += pushes;
    max_depth_ = std::max(max_depth_, depth_);
    code_.push_back(static_cast<std::uint8_t>(o));
  }
  void u8(std::uint8_t v) { code_.push_back(v); }
  void u16(std::uint16_t v) {
    code_.push_back(static_cast<std::uint8_t>(v));
    code_.push_back(static_cast<std::uint8_t>(v >> 8));
  }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) code_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  // A jump operand to `l`, relative to the end of the instruction whose last
  // operand ends at `instruction_end` (patched when the function ends).
  void jump(Label l, std::size_t instruction_end) {
    patches_.push_back(Patch{code_.size(), instruction_end, l});
    u32(0);
  }

  int depth() const { return depth_; }
  void set_depth(int d) { depth_ = d; }

  std::uint32_t finish() {
    for (const Patch& p : patches_) {
      const auto target = labels_[p.label];
      const auto rel = static_cast<std::int32_t>(target - static_cast<std::int64_t>(p.instruction_end));
      for (int i = 0; i < 4; ++i) code_[p.at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(static_cast<std::uint32_t>(rel) >> (8 * i));
    }
    bytecode::CompiledRuleset& out = pools_.out();
    fn_.code_offset = static_cast<std::uint32_t>(out.code.size());
    fn_.code_size = static_cast<std::uint32_t>(code_.size());
    fn_.max_stack = static_cast<std::uint16_t>(std::max(max_depth_, 1));
    for (bytecode::DebugEntry e : debug_) {
      e.pc += fn_.code_offset;
      out.debug.push_back(e);
    }
    out.code.insert(out.code.end(), code_.begin(), code_.end());
    out.functions.push_back(std::move(fn_));
    return static_cast<std::uint32_t>(out.functions.size() - 1);
  }

  Pools& pools() { return pools_; }
  DiagnosticSink& sink() { return sink_; }
  const time::Zone& zone() const { return zone_; }

 private:
  struct Patch {
    std::size_t at;
    std::size_t instruction_end;
    Label label;
  };
  Pools& pools_;
  DiagnosticSink& sink_;
  const time::Zone& zone_;
  bytecode::Function fn_;
  std::vector<std::uint8_t> code_;
  std::vector<std::int64_t> labels_;
  std::vector<Patch> patches_;
  std::vector<bytecode::DebugEntry> debug_;
  int depth_ = 0;
  int max_depth_ = 0;
};

std::uint16_t type_operand(const Type& t) {
  return t.event_type >= 0 ? static_cast<std::uint16_t>(t.event_type) : bytecode::kAnyEventType;
}
std::uint16_t type_operand(const TypeRef& r) {
  return r.resolved >= 0 ? static_cast<std::uint16_t>(r.resolved) : bytecode::kAnyEventType;
}

// Lowers expressions into an emitter.
class ExprLowering {
 public:
  explicit ExprLowering(Emitter& e) : e_(e) {}

  // Emits `x` converted to the kind of `want` where the language converts
  // implicitly (int → decimal; event/date-time → date; event/date → date-time).
  void lower_as(const Expr& x, TypeKind want) {
    lower(x);
    const TypeKind have = x.type.kind;
    if (want == TypeKind::Decimal && have == TypeKind::Int) e_.op(Op::INT_TO_DEC);
    if (want == TypeKind::Date && (have == TypeKind::Event || have == TypeKind::Time)) e_.op(Op::TO_DATE);
    if (want == TypeKind::Time && (have == TypeKind::Event || have == TypeKind::Date)) e_.op(Op::TO_TIME);
  }

  void constant(const bytecode::Constant& c) {
    e_.op(Op::CONST);
    e_.u16(e_.pools().constant(c));
  }

  void lower(const Expr& x) {
    e_.at(x.span);
    switch (x.kind) {
      case ExprKind::BoolLit: e_.op(x.int_value ? Op::TRUE : Op::FALSE); return;
      case ExprKind::IntLit: {
        bytecode::Constant c;
        c.kind = bytecode::ConstKind::Int;
        c.i = x.int_value;
        constant(c);
        return;
      }
      case ExprKind::DecimalLit: {
        bytecode::Constant c;
        c.kind = bytecode::ConstKind::Decimal;
        c.d = x.decimal_value;
        constant(c);
        return;
      }
      case ExprKind::TextLit: {
        bytecode::Constant c;
        c.kind = bytecode::ConstKind::Text;
        c.s = e_.pools().str(x.text);
        constant(c);
        return;
      }
      case ExprKind::DateLit: {
        bytecode::Constant c;
        c.kind = bytecode::ConstKind::Date;
        c.days = x.date;
        constant(c);
        return;
      }
      case ExprKind::TimeLit: {
        const time::ParsedTimestamp p = time::parse_timestamp(x.timestamp_text, e_.zone());
        if (p.error != time::TimestampError::None) {
          e_.sink().report(DiagId::BadTimestamp, x.span, x.timestamp_text, time::describe(p.error));
        }
        bytecode::Constant c;
        c.kind = bytecode::ConstKind::Time;
        c.lo = p.value.lo;
        c.hi = p.value.hi;
        c.days = p.value.date;
        c.precision = static_cast<std::uint8_t>(p.value.precision);
        constant(c);
        return;
      }
      case ExprKind::DurationLit: {
        bytecode::Constant c;
        c.kind = bytecode::ConstKind::Duration;
        c.duration_kind = static_cast<std::uint8_t>(x.duration.kind);
        c.months = x.duration.months;
        c.days = x.duration.days;
        c.micros = x.duration.micros;
        constant(c);
        return;
      }
      case ExprKind::NoneLit: e_.op(Op::NONE); return;
      case ExprKind::AsOf: e_.op(Op::AS_OF); return;
      case ExprKind::NameRef:
        e_.op(Op::LOAD);
        e_.u16(static_cast<std::uint16_t>(x.slot));
        return;
      case ExprKind::CaseAttr:
        e_.op(Op::CASE_ATTR);
        e_.u16(static_cast<std::uint16_t>(x.slot));
        return;
      case ExprKind::Attr:
        lower(*x.args[0]);
        if (x.slot == -1) {
          e_.op(Op::EV_ID);
        } else if (x.slot == -2) {
          e_.op(Op::EV_ATTR_NAMED);
          e_.u32(e_.pools().str(x.name));
        } else {
          e_.op(Op::EV_ATTR);
          e_.u16(type_operand(x.args[0]->type));
          e_.u16(static_cast<std::uint16_t>(x.slot));
        }
        return;
      case ExprKind::Unary:
        if (x.op == compiler::Op::Not) {
          lower(*x.args[0]);
          e_.op(Op::NOT);
          return;
        }
        lower(*x.args[0]);
        e_.op(x.type.is(TypeKind::Int) ? Op::NEG_INT : x.type.is(TypeKind::Decimal) ? Op::NEG_DEC : Op::NEG_DUR);
        return;
      case ExprKind::Binary: lower_binary(x); return;
      case ExprKind::Between: {
        // x between a and b ≡ x >= a and x <= b, with x evaluated once.
        const TypeKind k = comparison_kind(x.args[0]->type, x.args[1]->type, &x.args[2]->type);
        const std::uint16_t tmp = e_.temp(kind_of(Type::of(k)));
        lower_as(*x.args[0], k);
        e_.op(Op::STORE);
        e_.u16(tmp);
        auto side = [&](const Expr& bound, std::uint8_t cmp) {
          e_.op(Op::LOAD);
          e_.u16(tmp);
          lower_as(bound, k);
          e_.op(compare_op(k));
          e_.u8(cmp);
        };
        side(*x.args[1], 5);
        const auto end = e_.label();
        e_.op(Op::JUMP_IF_FALSE_KEEP);
        e_.jump(end, e_.here() + 4);
        side(*x.args[2], 3);
        e_.op(Op::AND);
        e_.bind(end);
        return;
      }
      case ExprKind::Within:
        lower(*x.args[0]);
        lower(*x.args[1]);
        lower(*x.args[2]);
        e_.op(Op::WITHIN);
        return;
      case ExprKind::Present:
      case ExprKind::Missing:
        lower(*x.args[0]);
        e_.op(x.kind == ExprKind::Present ? Op::PRESENT : Op::MISSING);
        return;
      case ExprKind::IsType:
        lower(*x.args[0]);
        e_.op(Op::IS_TYPE);
        e_.u16(type_operand(x.type_ref));
        return;
      case ExprKind::If: {
        const TypeKind want = x.type.kind;
        lower(*x.args[0]);
        const auto otherwise = e_.label();
        const auto end = e_.label();
        e_.op(Op::BRANCH);
        const std::size_t instr_end = e_.here() + 8;
        e_.jump(otherwise, instr_end);
        e_.jump(end, instr_end);
        const int d = e_.depth();
        lower_as(*x.args[1], want);
        e_.op(Op::JUMP);
        e_.jump(end, e_.here() + 4);
        e_.set_depth(d);
        e_.bind(otherwise);
        lower_as(*x.args[2], want);
        e_.bind(end);
        return;
      }
      case ExprKind::Scaled: {
        lower(*x.args[0]);
        e_.op(Op::MAKE_DUR);
        e_.u8(unit_code(x.duration));
        return;
      }
      case ExprKind::Quantifier: lower_quantifier(x); return;
      case ExprKind::Builtin: lower_builtin(x); return;
      case ExprKind::Let:
        lower(*x.args[0]);
        e_.op(Op::STORE);
        e_.u16(static_cast<std::uint16_t>(x.slot));
        lower(*x.args[1]);
        return;
      case ExprKind::Call:
      case ExprKind::Lambda:
      case ExprKind::BadUnit:
        // Only after an error; lowering does not run then.
        e_.op(Op::NONE);
        return;
    }
  }

  static std::uint8_t unit_code(const model::Duration& d) {
    switch (d.kind) {
      case model::Duration::Kind::Calendar:
        if (d.months == 12) return 0;
        if (d.months == 1) return 1;
        if (d.days == 7) return 2;
        return 3;
      case model::Duration::Kind::Workdays: return 4;
      case model::Duration::Kind::Clock:
        if (d.micros == time::kMicrosPerHour) return 5;
        if (d.micros == time::kMicrosPerMinute) return 6;
        return 7;
    }
    return 3;
  }

  // The kind both sides of a comparison are brought to.
  static TypeKind comparison_kind(const Type& a, const Type& b, const Type* c = nullptr) {
    auto pick = [](TypeKind x, TypeKind y) {
      if (x == TypeKind::None || x == TypeKind::Error) return y;
      if (y == TypeKind::None || y == TypeKind::Error) return x;
      if ((x == TypeKind::Int || x == TypeKind::Decimal) && (y == TypeKind::Int || y == TypeKind::Decimal))
        return x == y ? x : TypeKind::Decimal;
      const bool xt = x == TypeKind::Date || x == TypeKind::Time || x == TypeKind::Event;
      const bool yt = y == TypeKind::Date || y == TypeKind::Time || y == TypeKind::Event;
      if (xt && yt) return (x == TypeKind::Date || y == TypeKind::Date) ? TypeKind::Date : TypeKind::Time;
      return x;
    };
    TypeKind k = pick(a.kind, b.kind);
    if (c != nullptr) k = pick(k, c->kind);
    if (k == TypeKind::Event) k = TypeKind::Time;
    return k;
  }

  static Op compare_op(TypeKind k) {
    switch (k) {
      case TypeKind::Int:
      case TypeKind::Decimal: return Op::CMP_NUM;
      case TypeKind::Text: return Op::CMP_TEXT;
      case TypeKind::Bool: return Op::CMP_BOOL;
      case TypeKind::Duration: return Op::CMP_DUR;
      case TypeKind::Date: return Op::CMP_DATE;
      default: return Op::CMP_TIME;
    }
  }

  void lower_binary(const Expr& x) {
    const Expr& a = *x.args[0];
    const Expr& b = *x.args[1];
    switch (x.op) {
      case compiler::Op::And:
      case compiler::Op::Or: {
        lower(a);
        const auto end = e_.label();
        e_.op(x.op == compiler::Op::And ? Op::JUMP_IF_FALSE_KEEP : Op::JUMP_IF_TRUE_KEEP);
        e_.jump(end, e_.here() + 4);
        lower(b);
        e_.op(x.op == compiler::Op::And ? Op::AND : Op::OR);
        e_.bind(end);
        return;
      }
      case compiler::Op::Eq:
      case compiler::Op::Ne:
      case compiler::Op::Lt:
      case compiler::Op::Le:
      case compiler::Op::Gt:
      case compiler::Op::Ge: {
        if (a.type.is(TypeKind::Event) && b.type.is(TypeKind::Event)) {
          // Two events: in the case's order (time, ties by position); = is identity.
          lower(a);
          lower(b);
          e_.op(Op::CMP_EVENT);
          e_.u8(compare_code(x.op));
          return;
        }
        TypeKind k = comparison_kind(a.type, b.type);
        if (k == TypeKind::Int && (a.type.is(TypeKind::Decimal) || b.type.is(TypeKind::Decimal))) k = TypeKind::Decimal;
        lower_as(a, k);
        lower_as(b, k);
        e_.op(compare_op(k));
        e_.u8(compare_code(x.op));
        return;
      }
      case compiler::Op::StartsWith:
        lower(a);
        lower(b);
        e_.op(Op::STARTS_WITH);
        return;
      case compiler::Op::Mul:
        if (x.type.is(TypeKind::Duration)) {
          const bool int_first = a.type.is(TypeKind::Int);
          lower(int_first ? a : b);
          lower(int_first ? b : a);
          e_.op(Op::DUR_SCALE);
          return;
        }
        [[fallthrough]];
      case compiler::Op::Add:
      case compiler::Op::Sub:
      case compiler::Op::Div:
      case compiler::Op::IntDiv:
      case compiler::Op::Mod: {
        const bool sub = x.op == compiler::Op::Sub;
        if (x.type.is(TypeKind::Date)) {
          lower_as(a, TypeKind::Date);
          lower(b);
          e_.op(Op::DATE_ADD);
          e_.u8(sub ? 1 : 0);
          return;
        }
        if (x.type.is(TypeKind::Time)) {
          lower_as(a, TypeKind::Time);
          lower(b);
          e_.op(Op::TIME_ADD);
          e_.u8(sub ? 1 : 0);
          return;
        }
        if (x.type.is(TypeKind::Duration)) {
          lower(a);
          lower(b);
          e_.op(Op::DUR_ADD);
          e_.u8(sub ? 1 : 0);
          return;
        }
        const bool ints = x.type.is(TypeKind::Int);
        lower_as(a, ints ? TypeKind::Int : TypeKind::Decimal);
        lower_as(b, ints ? TypeKind::Int : TypeKind::Decimal);
        switch (x.op) {
          case compiler::Op::Add: e_.op(ints ? Op::ADD_INT : Op::ADD_DEC); break;
          case compiler::Op::Sub: e_.op(ints ? Op::SUB_INT : Op::SUB_DEC); break;
          case compiler::Op::Mul: e_.op(ints ? Op::MUL_INT : Op::MUL_DEC); break;
          case compiler::Op::Div: e_.op(Op::DIV_DEC); break;
          case compiler::Op::IntDiv: e_.op(Op::IDIV_INT); break;
          default: e_.op(Op::MOD_INT); break;
        }
        return;
      }
      default: e_.op(Op::NONE); return;
    }
  }

  void lower_quantifier(const Expr& x) {
    const std::uint16_t type = type_operand(x.type_ref);
    const bool simple = x.where_arg < 0 && x.period_arg < 0 && x.anchor_arg < 0;
    if (simple) {
      switch (x.quant) {
        case QuantKind::First: e_.op(Op::FIRST_OF); e_.u16(type); return;
        case QuantKind::Last: e_.op(Op::LAST_OF); e_.u16(type); return;
        case QuantKind::Exists: e_.op(Op::EXISTS_OF); e_.u16(type); return;
        case QuantKind::Count: e_.op(Op::COUNT_OF); e_.u16(type); return;
        default: break;
      }
    }
    const std::uint16_t it = e_.temp(Kind::Iterator);
    const std::uint16_t acc = e_.temp(Kind::Accumulator);
    const std::uint16_t bind = static_cast<std::uint16_t>(x.slot);
    const bool backward = x.quant == QuantKind::Last || (x.quant == QuantKind::Previous);
    e_.op(Op::ACC_INIT);
    e_.u16(acc);
    if (x.anchor_arg >= 0) {
      const std::uint16_t anchor = e_.temp(Kind::Event);
      lower(*x.args[static_cast<std::size_t>(x.anchor_arg)]);
      e_.op(Op::STORE);
      e_.u16(anchor);
      e_.op(Op::LOAD);
      e_.u16(anchor);
      e_.op(Op::ACC_TAINT);
      e_.u16(acc);
      e_.op(Op::LOAD);
      e_.u16(anchor);
      e_.op(Op::ITER_FROM);
      e_.u16(it);
      e_.u16(type);
      e_.u8(backward ? 1 : 0);
    } else {
      e_.op(Op::ITER_TYPE);
      e_.u16(it);
      e_.u16(type);
      e_.u8(backward ? 1 : 0);
    }
    const auto loop = e_.label();
    const auto done = e_.label();
    e_.bind(loop);
    const std::size_t loop_at = e_.here();
    e_.op(Op::ITER_NEXT);
    e_.u16(it);
    e_.u16(bind);
    e_.jump(done, e_.here() + 4);
    // The candidate's condition: in the period (if any) and the filter (if any).
    bool have = false;
    if (x.period_arg >= 0) {
      e_.op(Op::LOAD);
      e_.u16(bind);
      lower(*x.args[static_cast<std::size_t>(x.period_arg)]);
      e_.op(Op::IN_PERIOD);
      have = true;
    }
    if (x.where_arg >= 0) {
      if (have) {
        const auto skip = e_.label();
        e_.op(Op::JUMP_IF_FALSE_KEEP);
        e_.jump(skip, e_.here() + 4);
        lower(*x.args[static_cast<std::size_t>(x.where_arg)]);
        e_.op(Op::AND);
        e_.bind(skip);
      } else {
        lower(*x.args[static_cast<std::size_t>(x.where_arg)]);
      }
      have = true;
    }
    if (!have) e_.op(Op::TRUE);
    std::uint8_t mode = 0;
    switch (x.quant) {
      case QuantKind::Exists:
        e_.op(Op::ACC_EXISTS);
        e_.u16(acc);
        e_.jump(done, e_.here() + 4);
        mode = 1;
        break;
      case QuantKind::Count:
        e_.op(Op::ACC_COUNT);
        e_.u16(acc);
        mode = 2;
        break;
      default:
        e_.op(Op::ACC_FIRST);
        e_.u16(acc);
        e_.u16(bind);
        e_.jump(done, e_.here() + 4);
        mode = 0;
        break;
    }
    e_.op(Op::LOOP);
    const std::int32_t back = static_cast<std::int32_t>(loop_at) - static_cast<std::int32_t>(e_.here() + 4);
    e_.u32(static_cast<std::uint32_t>(back));
    e_.bind(done);
    e_.op(Op::ACC_RESULT);
    e_.u16(acc);
    e_.u8(mode);
  }

  void lower_builtin(const Expr& x) {
    switch (x.builtin) {
      case Builtin::Date:
        if (x.args.size() == 3) {
          for (const auto& a : x.args) lower(*a);
          e_.op(Op::MAKE_DATE);
        } else {
          lower_as(*x.args[0], TypeKind::Date);
        }
        return;
      case Builtin::Year:
      case Builtin::Month:
      case Builtin::Day:
      case Builtin::Weekday:
        lower_as(*x.args[0], TypeKind::Date);
        e_.op(Op::DATE_PART);
        e_.u8(x.builtin == Builtin::Year ? 0 : x.builtin == Builtin::Month ? 1 : x.builtin == Builtin::Day ? 2 : 3);
        return;
      case Builtin::Age:
        lower_as(*x.args[0], TypeKind::Date);
        lower_as(*x.args[1], TypeKind::Date);
        e_.op(Op::AGE);
        return;
      case Builtin::Earliest:
      case Builtin::Latest: {
        const TypeKind k = x.type.kind == TypeKind::Date ? TypeKind::Date : TypeKind::Time;
        for (const auto& a : x.args) lower_as(*a, k);
        e_.op(x.builtin == Builtin::Earliest ? Op::EARLIEST : Op::LATEST, static_cast<int>(x.args.size()), 1);
        e_.u8(static_cast<std::uint8_t>(x.args.size()));
        e_.u8(k == TypeKind::Date ? 0 : 1);
        return;
      }
    }
  }

 private:
  Emitter& e_;
};

// Lowers one checked rule into a function (see docs/bytecode.md).
class RuleLowering {
 public:
  RuleLowering(Emitter& e, const CheckedRule& rule) : e_(e), x_(e), rule_(rule) {}

  void clause(const Clause& c, Emitter::Label end, bool after_require) {
    e_.at(c.span);
    switch (c.kind) {
      case ClauseKind::AppliesWhen:
        x_.lower(*c.expr);
        e_.op(Op::V_APPLIES);
        e_.jump(end, e_.here() + 4);
        return;
      case ClauseKind::UndeterminedWhen:
        x_.lower(*c.expr);
        e_.op(Op::V_UNDETERMINED);
        e_.u32(e_.pools().str(c.text));
        e_.jump(end, e_.here() + 4);
        return;
      case ClauseKind::ExemptWhen:
        x_.lower(*c.expr);
        if (after_require) {
          e_.op(Op::V_EXEMPT_AFTER);
          e_.u32(e_.pools().str(c.text));
        } else {
          e_.op(Op::V_EXEMPT_FIRST);
          e_.u32(e_.pools().str(c.text));
          e_.jump(end, e_.here() + 4);
        }
        return;
      case ClauseKind::Let:
        x_.lower(*c.expr);
        e_.op(Op::STORE);
        e_.u16(static_cast<std::uint16_t>(c.slot));
        return;
      case ClauseKind::Require: {
        const std::optional<DeadlineInfo>& d = rule_.deadline;
        if (d && d->subject) {
          x_.lower(*d->subject);
          e_.op(Op::V_SUBJECT);
        }
        x_.lower(*c.expr);
        if (!d) {
          e_.op(Op::V_REQUIRE);
          return;
        }
        const bool clock = d->expr->type.is(TypeKind::Time) || d->expr->type.is(TypeKind::Event);
        x_.lower_as(*d->expr, clock ? TypeKind::Time : TypeKind::Date);
        e_.op(clock ? Op::V_REQUIRE_TIME : Op::V_REQUIRE_DATE);
        e_.u8(d->strict ? 1 : 0);
        return;
      }
      default: return;
    }
  }

  std::uint32_t lower() {
    const auto end = e_.label();
    e_.op(Op::V_BEGIN);
    const auto n = static_cast<std::int32_t>(rule_.clauses.size());
    const std::int32_t fe = rule_.foreach_index;
    for (std::int32_t i = 0; i < (fe >= 0 ? fe : n); ++i) clause(rule_.clauses[static_cast<std::size_t>(i)], end, i > rule_.require_index && rule_.require_index >= 0);
    if (fe >= 0) {
      const Clause& f = rule_.clauses[static_cast<std::size_t>(fe)];
      e_.at(f.span);
      const std::uint16_t it = e_.temp(Kind::Iterator);
      const std::uint16_t binder = static_cast<std::uint16_t>(f.slot);
      if (f.kind == ClauseKind::ForEach) {
        e_.op(Op::ITER_TYPE);
        e_.u16(it);
        e_.u16(type_operand(f.type_ref));
        e_.u8(0);
      } else {
        x_.lower(*f.period_length);
        x_.lower_as(*f.period_from, TypeKind::Date);
        x_.lower_as(*f.period_until, TypeKind::Date);
        e_.op(Op::PERIOD_ITER);
        e_.u16(it);
      }
      const auto loop = e_.label();
      const auto done = e_.label();
      const auto occurrence_end = e_.label();
      const auto next = e_.label();
      e_.bind(loop);
      const std::size_t loop_at = e_.here();
      e_.op(f.kind == ClauseKind::ForEach ? Op::ITER_NEXT : Op::PERIOD_NEXT);
      e_.u16(it);
      e_.u16(binder);
      e_.jump(done, e_.here() + 4);
      e_.op(Op::V_BEGIN);
      if (f.kind == ClauseKind::ForEach && f.where) {
        x_.lower(*f.where);
        e_.op(Op::V_FILTER);
        const std::size_t instr_end = e_.here() + 8;
        e_.jump(next, instr_end);
        e_.jump(occurrence_end, instr_end);
      }
      for (std::int32_t i = fe + 1; i < n; ++i) clause(rule_.clauses[static_cast<std::size_t>(i)], occurrence_end, i > rule_.require_index);
      e_.bind(occurrence_end);
      e_.op(Op::V_OCCURRENCE);
      e_.u16(binder);
      e_.bind(next);
      e_.op(Op::LOOP);
      const std::int32_t back = static_cast<std::int32_t>(loop_at) - static_cast<std::int32_t>(e_.here() + 4);
      e_.u32(static_cast<std::uint32_t>(back));
      e_.bind(done);
    }
    e_.bind(end);
    e_.op(Op::V_RESULT);
    return e_.finish();
  }

 private:
  Emitter& e_;
  ExprLowering x_;
  const CheckedRule& rule_;
};

std::vector<bytecode::EvidenceSlot> evidence_slots(const CheckedRule& r, Pools& pools) {
  std::vector<bytecode::EvidenceSlot> out;
  for (std::size_t i = 0; i < r.slots.size(); ++i) {
    const SlotInfo& s = r.slots[i];
    if (!s.is_let) continue;
    if (!(s.type.is(TypeKind::Event) || s.type.is(TypeKind::Date) || s.type.is(TypeKind::Time))) continue;
    out.push_back(bytecode::EvidenceSlot{static_cast<std::uint16_t>(i), pools.str(s.name)});
  }
  return out;
}

std::array<std::uint8_t, 32> hex_to_bytes(const std::string& hex) {
  std::array<std::uint8_t, 32> out{};
  auto nibble = [](char c) -> std::uint8_t {
    if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<std::uint8_t>(c - 'a' + 10);
    return 0;
  };
  for (std::size_t i = 0; i < 32 && 2 * i + 1 < hex.size(); ++i)
    out[i] = static_cast<std::uint8_t>((nibble(hex[2 * i]) << 4) | nibble(hex[2 * i + 1]));
  return out;
}

}  // namespace

std::unique_ptr<bytecode::CompiledRuleset> lower_program(const CheckedProgram& program, const time::Zone& zone,
                                                        DiagnosticSink& sink) {
  auto out = std::make_unique<bytecode::CompiledRuleset>();
  Pools pools(*out);
  out->source_sha256 = hex_to_bytes(program.program->source_sha256);
  out->vocabulary = program.vocabulary;
  // Strings of the vocabulary are carried by the vocabulary section itself.

  const RulesetHeader* h = program.program->ruleset_header();
  bytecode::Metadata& meta = out->meta;
  meta.language = program.lang == Lang::Da ? 0 : 1;
  if (h != nullptr) {
    meta.id = pools.str(h->id);
    meta.title = pools.str(h->title);
    meta.version = pools.str(h->version.value_or(""));
    meta.source = pools.str(h->source.value_or(""));
    if (h->effective) {
      meta.effective_from = h->effective->from;
      meta.effective_until = h->effective->until;
    }
  } else if (program.program->root != nullptr) {
    // A module without a ruleset header: named after its file.
    const std::string& path = program.program->root->file->path();
    std::string stem = path.substr(path.find_last_of('/') + 1);
    if (stem.size() > 6 && stem.substr(stem.size() - 6) == ".frist") stem.resize(stem.size() - 6);
    meta.id = pools.str(stem);
  }

  for (const CheckedRule& r : program.rules) {
    Emitter e(pools, r.slots, 0, sink, zone);
    RuleLowering lowering(e, r);
    bytecode::Rule rule;
    rule.id = pools.str(r.id);
    rule.title = pools.str(r.title);
    rule.basis = pools.str(r.basis);
    rule.note = pools.str(r.note);
    if (r.deadline) {
      bytecode::RuleSource src;
      src.rule = static_cast<std::uint32_t>(out->rules.size());
      src.deadline = r.deadline->text;
      if (const Expr* subject = r.deadline->subject.get(); subject != nullptr && subject->span.file != nullptr)
        src.subject = std::string(subject->span.file->text().substr(subject->span.begin, subject->span.end - subject->span.begin));
      out->rule_sources.push_back(std::move(src));
    }
    rule.status = r.verified ? bytecode::RuleStatus::Verified : bytecode::RuleStatus::Unverified;
    if (r.foreach_index >= 0) {
      const Clause& f = r.clauses[static_cast<std::size_t>(r.foreach_index)];
      rule.for_each = true;
      rule.occurrence_type = f.kind == ClauseKind::ForEach ? type_operand(f.type_ref) : bytecode::kAnyEventType;
    }
    rule.evidence = evidence_slots(r, pools);
    rule.function = lowering.lower();
    out->rules.push_back(std::move(rule));
  }

  if (!program.case_date.empty()) {
    Emitter e(pools, program.case_date_slots, 0, sink, zone);
    ExprLowering x(e);
    for (const ExprPtr& alt : program.case_date) {
      x.lower_as(*alt, TypeKind::Date);
      e.op(bytecode::Op::RETURN_IF_PRESENT);
    }
    e.op(bytecode::Op::NONE);
    e.op(bytecode::Op::RETURN);
    meta.case_date_function = e.finish();
  }

  if (program.calendar) {
    bytecode::Calendar cal;
    cal.name = pools.str(program.calendar->name);
    for (const CheckedHoliday& hd : program.calendar->holidays) {
      Emitter e(pools, program.calendar->slots, 1, sink, zone);
      ExprLowering x(e);
      x.lower(*hd.date);
      e.op(bytecode::Op::RETURN);
      bytecode::Holiday holiday;
      holiday.name = pools.str(hd.name);
      holiday.function = e.finish();
      holiday.from = hd.effective.from;
      holiday.until = hd.effective.until;
      cal.holidays.push_back(holiday);
    }
    out->calendar = std::move(cal);
  }

  // tests/limits: what the bytecode's 16-bit operands can address (CONST,
  // LOAD/STORE, event types, attributes). Beyond that an index would wrap
  // and the file would silently mean something else, so it is an error.
  const bool da = program.lang == Lang::Da;
  auto limit = [&](std::size_t n, std::size_t max, const char* what_da, const char* what_en) {
    if (n > max) sink.report(DiagId::RulesetTooLarge, Span{}, n, da ? what_da : what_en, max);
  };
  limit(out->constants.size(), 0x10000, "forskellige konstanter", "distinct constants");
  limit(out->vocabulary.size(), bytecode::kAnyEventType - 1u, "hændelsestyper", "event types");
  limit(out->vocabulary.case_attributes().size(), 0xFFFF, "sagsattributter", "case attributes");
  for (const auto& t : out->vocabulary.event_types())
    limit(t.attributes.size(), 0xFFFF, "attributter på én hændelsestype", "attributes of one event type");
  for (const bytecode::Function& f : out->functions)
    limit(f.slot_kinds.size(), 0xFFFF, "lokale værdier i én regel eller funktion", "local values in one rule or function");
  return out;
}

std::uint32_t lower_expression(bytecode::CompiledRuleset& ruleset, const CheckedProgram& program, const Expr& expr,
                               const std::vector<SlotInfo>& slots, const time::Zone& zone, DiagnosticSink& sink) {
  (void)program;
  Pools pools(ruleset);
  Emitter e(pools, slots, 0, sink, zone);
  ExprLowering x(e);
  x.lower(expr);
  e.op(bytecode::Op::RETURN);
  return e.finish();
}

}  // namespace frist::compiler

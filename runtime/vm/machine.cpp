// The interpreter loop: threaded dispatch over verified (and fused)
// instructions. Kleene logic,
// none vs unknown, the precision rules of time and the verdict register are
// implemented exactly as spec/semantics.md and docs/bytecode.md describe.
#include "runtime/vm/machine.hpp"

#include <algorithm>
#include <cstring>

#include "runtime/bytecode/op_size.hpp"
#include "runtime/time/compare.hpp"
#include "runtime/vm/fused.hpp"

namespace frist::vm {

using bytecode::Op;

const char* verdict_name(Verdict v) noexcept {
  switch (v) {
    case Verdict::Compliant: return "compliant";
    case Verdict::Violated: return "violated";
    case Verdict::Pending: return "pending";
    case Verdict::NotApplicable: return "not_applicable";
    case Verdict::Undetermined: return "undetermined";
  }
  return "?";
}

const char* verdict_label_da(Verdict v) noexcept {
  switch (v) {
    case Verdict::Compliant: return "overholdt";
    case Verdict::Violated: return "ikke overholdt";
    case Verdict::Pending: return "afventer";
    case Verdict::NotApplicable: return "ikke relevant";
    case Verdict::Undetermined: return "kan ikke vurderes";
  }
  return "?";
}

int verdict_rank(Verdict v) noexcept {
  switch (v) {
    case Verdict::Violated: return 4;
    case Verdict::Undetermined: return 3;
    case Verdict::Pending: return 2;
    case Verdict::Compliant: return 1;
    case Verdict::NotApplicable: return 0;
  }
  return 0;
}

void prepare_context(const model::CaseTimeline& timeline, time::Days as_of, const time::Zone& zone,
                     std::vector<std::uint32_t>& type_visible, CaseContext& ctx) {
  ctx.timeline = &timeline;
  ctx.as_of = as_of;
  ctx.as_of_end = zone.local_midnight(as_of + 1);
  // Events are sorted by time, so those dated on or before as-of are a prefix.
  const auto& events = timeline.events;
  std::uint32_t visible = static_cast<std::uint32_t>(events.size());
  if (!events.empty() && events.back().at.date > as_of) {
    visible = static_cast<std::uint32_t>(
        std::partition_point(events.begin(), events.end(), [&](const model::Event& e) { return e.at.date <= as_of; }) -
        events.begin());
  }
  ctx.visible = visible;
  const std::size_t types = timeline.type_start.empty() ? 0 : timeline.type_start.size() - 1;
  type_visible.resize(types);
  for (std::size_t t = 0; t < types; ++t) {
    const std::uint32_t* b = timeline.by_type.data() + timeline.type_start[t];
    const std::uint32_t* e = timeline.by_type.data() + timeline.type_start[t + 1];
    type_visible[t] = visible == events.size() ? static_cast<std::uint32_t>(e - b)
                                               : static_cast<std::uint32_t>(std::lower_bound(b, e, visible) - b);
  }
  ctx.type_visible = type_visible.data();
}

namespace {

constexpr std::uint8_t kIterBackward = 1;
constexpr std::uint8_t kIterAny = 2;
constexpr std::uint8_t kAccFound = 1;
constexpr std::uint8_t kAccUnknown = 2;

Value attr_value(const model::AttrValue& av, const model::CaseTimeline& tl, UnknownReason reason, std::int64_t pa,
                 std::int64_t pb) {
  if (!av.present) {
    Value u = Value::unknown(reason, pa, pb);
    u.flags = Value::kMissingFlag;
    return u;
  }
  Value v;
  switch (av.type) {
    case model::ValueType::Bool: v.tag = Tag::Bool; v.a = av.a != 0; break;
    case model::ValueType::Int: v.tag = Tag::Int; v.a = av.a; break;
    case model::ValueType::Decimal: v.tag = Tag::Decimal; v.a = av.a; break;
    case model::ValueType::Text: v = Value::text(tl.text(av.a, av.i32)); break;
    case model::ValueType::Date: v = Value::date(av.i32); break;
    case model::ValueType::DateTime:
      v.tag = Tag::Time;
      v.a = av.a;
      v.b = av.b;
      v.i32 = av.i32;
      v.small = static_cast<std::uint8_t>(av.precision);
      break;
    case model::ValueType::Duration:
      v.tag = Tag::Duration;
      v.small = av.duration_kind;
      v.i32 = av.i32;
      v.a = av.a;
      v.b = av.b;
      break;
  }
  return v;
}

// An outcome as Outcome{} makes it, written field by field: GCC clears the
// 136-byte aggregate with `rep stos`, whose start-up costs more than these
// stores, and registers are cleared for every rule and every occurrence.
// The static_asserts make a new field of Outcome fail to build here until it
// is cleared too.
void clear(Outcome& o) noexcept {
  static_assert(sizeof(Outcome) == 136 && sizeof(Reason) == 32 && sizeof(Deadline) == 40,
                "Outcome changed: clear() must clear every field");
  o.verdict = Verdict::NotApplicable;
  o.exempt = false;
  o.reason.kind = ReasonKind::None;
  o.reason.text = 0;
  o.reason.value = Value{};
  o.deadline.kind = Deadline::Kind::None;
  o.deadline.date = 0;
  o.deadline.time = time::Timestamp{};
  o.deadline.strict = false;
  o.subject = Value{};
  o.occurrence = -1;
  o.period = Value{};
}

// The first unknown of two operands (for the reason of a Kleene result).
const Value& unknown_of(const Value& a, const Value& b) { return a.is_unknown() ? a : b; }

Value kleene_and(const Value& a, const Value& b) {
  const Truth r = a.as_truth() && b.as_truth();
  if (r != Truth::Unknown) return Value::boolean(r == Truth::True);
  return unknown_of(a, b);
}
Value kleene_or(const Value& a, const Value& b) {
  const Truth r = a.as_truth() || b.as_truth();
  if (r != Truth::Unknown) return Value::boolean(r == Truth::True);
  return unknown_of(a, b);
}

template <typename T>
bool compare(std::uint8_t op, const T& x, const T& y) {
  switch (op) {
    case 0: return x == y;
    case 1: return x != y;
    case 2: return x < y;
    case 3: return x <= y;
    case 4: return x > y;
    default: return x >= y;
  }
}

Value time_compare(std::uint8_t op, const time::Timestamp& x, const time::Timestamp& y) {
  Truth t = Truth::False;
  switch (op) {
    case 0: t = time::same_time(x, y); break;
    case 1: t = !time::same_time(x, y); break;
    case 2: t = time::before(x, y); break;
    case 3: t = time::on_or_before(x, y); break;
    case 4: t = time::after(x, y); break;
    default: t = time::on_or_after(x, y); break;
  }
  return Value::truth(t);
}

time::Timestamp to_timestamp(const Value& v, const model::CaseTimeline& tl, const time::Zone& zone) {
  if (v.tag == Tag::Event) return tl.events[static_cast<std::size_t>(v.i32)].at;
  if (v.tag == Tag::Date) return time::Timestamp::of_date(v.i32, zone);
  return v.as_time();
}

time::Days to_days(const Value& v, const model::CaseTimeline& tl) {
  if (v.tag == Tag::Event) return tl.events[static_cast<std::size_t>(v.i32)].at.date;
  return v.i32;  // Date and Time both keep the local date in i32
}

// date + n months and m days (calendar units), nullopt when out of range.
std::optional<time::Days> add_calendar(time::Days d, std::int64_t months, std::int64_t days) {
  std::optional<time::Days> r = d;
  if (months != 0) r = time::add_months(*r, months);
  if (r && days != 0) r = time::add_days(*r, days);
  return r;
}


// Instruction semantics shared by the plain instructions and the
// superinstructions that contain them (runtime/vm/fused.hpp).

// TO_DATE: an event or a date-time → its local date; anything else unchanged.
inline void to_date_in_place(Value& v, const model::CaseTimeline& tl) {
  if (v.tag == Tag::Event || v.tag == Tag::Time) v = Value::date(to_days(v, tl));
}

// EV_ATTR: an event of type `type` → its attribute in `slot`.
inline void event_attribute(Value& top, const model::CaseTimeline& tl, std::uint16_t type, std::uint16_t slot) {
  if (top.tag != Tag::Event) return;  // none stays none, unknown stays unknown
  const model::Event& ev = tl.events[static_cast<std::size_t>(top.i32)];
  if (ev.type != type) {
    top = Value::unknown(UnknownReason::MissingAttribute, ev.type, -1);
    top.flags = Value::kMissingFlag;
    return;
  }
  top = attr_value(tl.attrs[ev.attr_begin + slot], tl, UnknownReason::MissingAttribute, ev.type, slot);
}

// PRESENT (present = true) and MISSING.
inline void presence(Value& top, bool present) {
  if (top.is_unknown() && !top.is_missing()) return;  // a query that may or may not have found one
  const bool is = top.is_value();
  top = Value::boolean(present ? is : !is);
}

// The none and unknown rules every comparison shares; true when they decided `a`.
inline bool compare_absent(Value& a, const Value& b) {
  if (a.is_none() || b.is_none()) {
    a = Value::boolean(false);
    return true;
  }
  if (a.is_unknown() || b.is_unknown()) {
    a = unknown_of(a, b);
    return true;
  }
  return false;
}

inline void compare_dates(Value& a, const Value& b, std::uint8_t cmp) {
  if (!compare_absent(a, b)) a = Value::boolean(compare(cmp, a.i32, b.i32));
}

// DATE_ADD: a date ± a calendar or workday duration (`subtract` from the operand).
inline void date_add(Value& a, const Value& d, bool subtract, const time::WorkdayCalendar* cal) {
  if (!a.is_value() || !d.is_value()) {
    if (!a.is_unknown()) a = d.is_value() ? a : d;
    return;
  }
  const std::int64_t sign = subtract ? -1 : 1;
  const auto kind = static_cast<model::Duration::Kind>(d.small);
  std::optional<time::Days> r;
  if (kind == model::Duration::Kind::Calendar) {
    r = add_calendar(a.i32, sign * d.b, sign * d.i32);
  } else if (kind == model::Duration::Kind::Workdays) {
    if (cal == nullptr) {
      a = Value::unknown(UnknownReason::OutsideCalendar);
      return;
    }
    r = cal->add_workdays(a.i32, sign * d.i32);
    if (!r) {
      a = Value::unknown(UnknownReason::OutsideCalendar);
      return;
    }
  } else {
    a = Value::unknown(UnknownReason::DurationKind);
    return;
  }
  a = r ? Value::date(*r) : Value::unknown(UnknownReason::InvalidDate);
}

// ITER_NEXT: advances iterator `it`; stores the next event in `into`, or returns false when done.
inline bool iterate(Value& it, Value& into, const model::CaseTimeline& tl) {
  if (it.tag != Tag::Iterator) return false;
  const bool backward = (it.small & kIterBackward) != 0;
  if (backward ? it.i32 <= it.a : it.i32 >= it.b) return false;
  const std::int32_t pos = backward ? --it.i32 : it.i32++;
  const std::uint32_t idx =
      (it.small & kIterAny) != 0 ? static_cast<std::uint32_t>(pos) : tl.by_type[static_cast<std::size_t>(pos)];
  into = Value::event(idx);
  return true;
}

}  // namespace

Machine::Machine(const LinkedRuleset& ruleset) : ruleset_(ruleset) {
  std::size_t max_stack = 1;
  std::size_t max_slots = 1;
  for (const auto& f : ruleset.compiled().functions) {
    max_stack = std::max<std::size_t>(max_stack, f.max_stack + 1u);
    max_slots = std::max(max_slots, f.slot_kinds.size());
  }
  stack_.resize(max_stack);
  slots_.resize(max_slots);
}

void Machine::snapshot_evidence(const RuleState& st, std::vector<EvidenceItem>& out) const {
  out.clear();
  for (const bytecode::EvidenceSlot& e : st.rule->evidence) {
    const Value& v = slots_[e.slot];
    if (v.tag == Tag::Event || v.tag == Tag::Date || v.tag == Tag::Time) out.push_back(EvidenceItem{e.name, v});
  }
}

void Machine::finish_occurrence(RuleState& st, std::uint16_t binder) {
  Register& reg = st.reg;
  if (!reg.set) {
    reg.set = true;
    reg.out.verdict = Verdict::NotApplicable;
    reg.out.reason.kind = ReasonKind::NotApplicable;
  }
  const Value& b = slots_[binder];
  if (b.tag == Tag::Event) reg.out.occurrence = b.i32;
  if (b.tag == Tag::Period) reg.out.period = b;
  RuleResult& out = *st.out;
  ++out.counts[static_cast<std::size_t>(reg.out.verdict)];
  if (reg.out.verdict == Verdict::Compliant && reg.out.exempt) st.any_exempt = true;
  const bool better = st.folded == 0 || verdict_rank(reg.out.verdict) > verdict_rank(st.best->verdict);
  ++st.folded;
  if (better) {
    st.best = reg.out;
    if (st.options->evidence) snapshot_evidence(st, st.best_evidence);
  }
  if (st.options->occurrences) {
    out.occurrences.push_back(reg.out);
    out.occurrence_evidence.emplace_back();
    snapshot_evidence(st, out.occurrence_evidence.back());
  }
}

void Machine::evaluate(std::uint32_t rule, const CaseContext& ctx, RuleResult& out, const EvalOptions& options) {
  const bytecode::Rule& r = ruleset_.compiled().rules[rule];
  // out.outcome is written by V_RESULT (or below), not cleared first: the
  // outcome is large and this runs for every (case, rule).
  out.for_each = r.for_each;
  out.counts = {};
  out.evidence.clear();
  out.occurrences.clear();
  out.occurrence_evidence.clear();
  RuleState& st = state_;
  st.rule = &r;
  st.reg.set = false;
  clear(st.reg.out);  // a rule's register starts empty, even before its V_BEGIN
  st.reg.exempt_unknown = false;
  st.reg.exempt_value = Value{};
  st.folded = 0;
  st.best.reset();
  st.finished = false;
  st.any_exempt = false;
  st.best_evidence.clear();
  st.out = &out;
  st.options = &options;
  run(r.function, ctx, &st);
  if (!st.finished) out.outcome = Outcome{};
  if (budget_ == 0) {
    out.outcome = Outcome{};
    out.outcome.verdict = Verdict::Undetermined;
    out.outcome.reason.kind = ReasonKind::Unknown;
    out.outcome.reason.value = Value::unknown(UnknownReason::StepBudget);
  }
}

Value Machine::call(std::uint32_t function, const CaseContext& ctx, const Value* args, std::size_t arg_count) {
  for (std::size_t i = 0; i < arg_count; ++i) slots_[i] = args[i];
  return run(function, ctx, nullptr);
}

// The interpreter loop is threaded: each instruction ends by jumping
// straight to the next one's handler through a table of label addresses (a
// GNU extension that GCC and Clang both have), so no switch bounds check and
// no size lookup per instruction, and each handler's own jump is predicted
// on its own. Sizes are compile-time constants from opcodes.def.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"

Value Machine::run(std::uint32_t function, const CaseContext& ctx, RuleState* st) {
  const bytecode::Function& fn = ruleset_.compiled().functions[function];
  const std::uint8_t* const code = ruleset_.code().data();
  const std::uint8_t* ip = code + fn.code_offset;
  const model::CaseTimeline& tl = *ctx.timeline;
  const time::Zone& zone = ruleset_.zone();
  const time::WorkdayCalendar* const workdays = ruleset_.workdays();
  const Value* constants = ruleset_.constants().data();
  Value* const stack = stack_.data();
  Value* const slots = slots_.data();
  std::size_t sp = 0;  // number of values on the stack
  for (std::size_t i = fn.param_count; i < fn.slot_kinds.size(); ++i) slots[i] = Value{};
  // A rule's register starts empty (evaluate() clears it).

  auto pop = [&]() -> Value { return stack[--sp]; };
  auto push = [&](const Value& v) { stack[sp++] = v; };
  // Only rule functions use the register (the verifier allows V_* nowhere
  // else); other functions get an unused one, not a null reference (UB).
  auto& reg = st != nullptr ? st->reg : unused_register_;

  using bytecode::op_size;
  using bytecode::read_i32;
  using bytecode::read_u16;
  using bytecode::read_u32;

  static const void* const kDispatch[kOpcodeCount] = {
#define OP(name, operands, pops, pushes) &&L_##name,
#include "runtime/bytecode/opcodes.def"
#undef OP
      &&F_LoadDate, &&F_LoadEvAttr, &&F_LoadPresent, &&F_LoadMissing, &&F_CmpSlotDates, &&F_StoreKeep,
      &&F_ConstDateAdd, &&F_IterNextLoad, &&F_IterNextLoadDate, &&F_IterNextLoadAttr, &&F_LoadDateAddConst,
      &&F_AccInitIterType, &&F_ExistsApplies,
  };
  static_assert(sizeof(kDispatch) / sizeof(kDispatch[0]) == kOpcodeCount, "one handler per opcode");

#define FRIST_DISPATCH() goto* kDispatch[*ip]
#define FRIST_NEXT(n)   \
  do {                  \
    ip += (n);          \
    FRIST_DISPATCH();   \
  } while (0)
#define FRIST_SIZE(name) op_size(Op::name)

  FRIST_DISPATCH();

L_NOP:
  FRIST_NEXT(FRIST_SIZE(NOP));
L_CONST:
  push(constants[read_u16(ip + 1)]);
  FRIST_NEXT(FRIST_SIZE(CONST));
L_NONE:
  push(Value{});
  FRIST_NEXT(FRIST_SIZE(NONE));
L_TRUE:
  push(Value::boolean(true));
  FRIST_NEXT(FRIST_SIZE(TRUE));
L_FALSE:
  push(Value::boolean(false));
  FRIST_NEXT(FRIST_SIZE(FALSE));
L_LOAD:
  push(slots[read_u16(ip + 1)]);
  FRIST_NEXT(FRIST_SIZE(LOAD));
L_STORE:
  slots[read_u16(ip + 1)] = pop();
  FRIST_NEXT(FRIST_SIZE(STORE));
L_POP:
  --sp;
  FRIST_NEXT(FRIST_SIZE(POP));
L_AS_OF:
  push(Value::date(ctx.as_of));
  FRIST_NEXT(FRIST_SIZE(AS_OF));

L_CASE_ATTR: {
  const std::uint16_t a = read_u16(ip + 1);
  if (a < tl.case_attrs.size()) {
    push(attr_value(tl.case_attrs[a], tl, UnknownReason::MissingCaseAttribute, a, 0));
  } else {
    Value u = Value::unknown(UnknownReason::MissingCaseAttribute, a, 0);
    u.flags = Value::kMissingFlag;
    push(u);
  }
  FRIST_NEXT(FRIST_SIZE(CASE_ATTR));
}
L_EV_ATTR:
  event_attribute(stack[sp - 1], tl, read_u16(ip + 1), read_u16(ip + 3));
  FRIST_NEXT(FRIST_SIZE(EV_ATTR));
L_EV_ATTR_NAMED: {
  Value& top = stack[sp - 1];
  if (top.tag == Tag::Event) {
    const model::Event& ev = tl.events[static_cast<std::size_t>(top.i32)];
    const auto& table = ruleset_.named_attributes()[read_u32(ip + 1)];
    const std::int32_t slot = ev.type < table.size() ? table[ev.type] : -1;
    if (slot < 0) {
      top = Value::unknown(UnknownReason::MissingAttribute, ev.type, -1);
      top.flags = Value::kMissingFlag;
    } else {
      top = attr_value(tl.attrs[ev.attr_begin + static_cast<std::uint32_t>(slot)], tl, UnknownReason::MissingAttribute,
                       ev.type, slot);
    }
  }
  FRIST_NEXT(FRIST_SIZE(EV_ATTR_NAMED));
}
L_EV_ID: {
  Value& top = stack[sp - 1];
  if (top.tag == Tag::Event) {
    const model::Event& ev = tl.events[static_cast<std::size_t>(top.i32)];
    if (ev.id_length < 0) {
      top = Value::unknown(UnknownReason::MissingEventId, ev.type, 0);
      top.flags = Value::kMissingFlag;
    } else {
      top = Value::text(tl.event_id(ev));
    }
  }
  FRIST_NEXT(FRIST_SIZE(EV_ID));
}
L_TO_DATE:
  to_date_in_place(stack[sp - 1], tl);
  FRIST_NEXT(FRIST_SIZE(TO_DATE));
L_TO_TIME: {
  Value& top = stack[sp - 1];
  if (top.tag == Tag::Event || top.tag == Tag::Date) top = Value::time(to_timestamp(top, tl, zone));
  FRIST_NEXT(FRIST_SIZE(TO_TIME));
}

L_NOT: {
  Value& top = stack[sp - 1];
  const Truth t = top.as_truth();
  if (t != Truth::Unknown) top = Value::boolean(t == Truth::False);
  FRIST_NEXT(FRIST_SIZE(NOT));
}
L_AND: {
  const Value b = pop();
  stack[sp - 1] = kleene_and(stack[sp - 1], b);
  FRIST_NEXT(FRIST_SIZE(AND));
}
L_OR: {
  const Value b = pop();
  stack[sp - 1] = kleene_or(stack[sp - 1], b);
  FRIST_NEXT(FRIST_SIZE(OR));
}
L_PRESENT:
  presence(stack[sp - 1], true);
  FRIST_NEXT(FRIST_SIZE(PRESENT));
L_MISSING:
  presence(stack[sp - 1], false);
  FRIST_NEXT(FRIST_SIZE(MISSING));
L_JUMP:
  FRIST_NEXT(FRIST_SIZE(JUMP) + read_i32(ip + 1));
L_JUMP_IF_FALSE_KEEP:
  FRIST_NEXT(FRIST_SIZE(JUMP_IF_FALSE_KEEP) + (stack[sp - 1].as_truth() == Truth::False ? read_i32(ip + 1) : 0));
L_JUMP_IF_TRUE_KEEP:
  FRIST_NEXT(FRIST_SIZE(JUMP_IF_TRUE_KEEP) + (stack[sp - 1].as_truth() == Truth::True ? read_i32(ip + 1) : 0));
L_BRANCH: {
  const Value c = pop();
  const Truth t = c.as_truth();
  std::int32_t jump = 0;
  if (t == Truth::False) {
    jump = read_i32(ip + 1);
  } else if (t == Truth::Unknown) {
    push(c);
    jump = read_i32(ip + 5);
  }
  FRIST_NEXT(FRIST_SIZE(BRANCH) + jump);
}

L_NEG_INT: {
  Value& top = stack[sp - 1];
  if (top.tag == Tag::Int) {
    if (top.a == INT64_MIN) top = Value::unknown(UnknownReason::Arithmetic);
    else top.a = -top.a;
  }
  FRIST_NEXT(FRIST_SIZE(NEG_INT));
}
L_NEG_DEC: {
  Value& top = stack[sp - 1];
  if (top.tag == Tag::Decimal) top = Value::decimal(-top.as_decimal());
  FRIST_NEXT(FRIST_SIZE(NEG_DEC));
}
L_NEG_DUR: {
  Value& top = stack[sp - 1];
  if (top.tag == Tag::Duration) {
    top.i32 = -top.i32;
    top.a = -top.a;
    top.b = -top.b;
  }
  FRIST_NEXT(FRIST_SIZE(NEG_DUR));
}
L_ADD_INT:
L_SUB_INT:
L_MUL_INT:
L_IDIV_INT:
L_MOD_INT: {
  const auto op = static_cast<Op>(*ip);
  const Value b = pop();
  Value& a = stack[sp - 1];
  if (!a.is_value() || !b.is_value()) {
    if (b.is_unknown() || a.is_none()) a = b.is_unknown() || b.is_none() ? (a.is_unknown() ? a : b) : a;
    FRIST_NEXT(FRIST_SIZE(ADD_INT));
  }
  std::int64_t r = 0;
  bool bad = false;
  switch (op) {
    case Op::ADD_INT: bad = __builtin_add_overflow(a.a, b.a, &r); break;
    case Op::SUB_INT: bad = __builtin_sub_overflow(a.a, b.a, &r); break;
    case Op::MUL_INT: bad = __builtin_mul_overflow(a.a, b.a, &r); break;
    case Op::IDIV_INT:
      if (b.a == 0 || (a.a == INT64_MIN && b.a == -1)) {
        bad = true;
        break;
      }
      r = a.a / b.a;
      if ((a.a % b.a != 0) && ((a.a < 0) != (b.a < 0))) --r;
      break;
    default:
      if (b.a == 0 || (a.a == INT64_MIN && b.a == -1)) {
        bad = true;
        break;
      }
      r = a.a % b.a;
      if (r != 0 && ((r < 0) != (b.a < 0))) r += b.a;
      break;
  }
  a = bad ? Value::unknown(UnknownReason::Arithmetic) : Value::integer(r);
  static_assert(op_size(Op::ADD_INT) == op_size(Op::MOD_INT) && op_size(Op::SUB_INT) == op_size(Op::MUL_INT) &&
                op_size(Op::IDIV_INT) == op_size(Op::ADD_INT));
  FRIST_NEXT(FRIST_SIZE(ADD_INT));
}
L_INT_TO_DEC: {
  Value& top = stack[sp - 1];
  if (top.tag == Tag::Int) top = Value::decimal(static_cast<double>(top.a));
  FRIST_NEXT(FRIST_SIZE(INT_TO_DEC));
}
L_ADD_DEC:
L_SUB_DEC:
L_MUL_DEC:
L_DIV_DEC: {
  const auto op = static_cast<Op>(*ip);
  const Value b = pop();
  Value& a = stack[sp - 1];
  static_assert(op_size(Op::ADD_DEC) == op_size(Op::SUB_DEC) && op_size(Op::MUL_DEC) == op_size(Op::DIV_DEC) &&
                op_size(Op::ADD_DEC) == op_size(Op::DIV_DEC));
  if (!a.is_value() || !b.is_value()) {
    if (!a.is_unknown()) a = b.is_value() ? a : b;
    FRIST_NEXT(FRIST_SIZE(ADD_DEC));
  }
  const double x = a.as_decimal(), y = b.as_decimal();
  if (op == Op::DIV_DEC && y == 0) {
    a = Value::unknown(UnknownReason::Arithmetic);
    FRIST_NEXT(FRIST_SIZE(ADD_DEC));
  }
  a = Value::decimal(op == Op::ADD_DEC ? x + y : op == Op::SUB_DEC ? x - y : op == Op::MUL_DEC ? x * y : x / y);
  FRIST_NEXT(FRIST_SIZE(ADD_DEC));
}
L_DATE_ADD: {
  const Value d = pop();
  date_add(stack[sp - 1], d, ip[1] != 0, workdays);
  FRIST_NEXT(FRIST_SIZE(DATE_ADD));
}
L_TIME_ADD: {
  const Value d = pop();
  Value& a = stack[sp - 1];
  if (!a.is_value() || !d.is_value()) {
    if (!a.is_unknown()) a = d.is_value() ? a : d;
  } else if (static_cast<model::Duration::Kind>(d.small) != model::Duration::Kind::Clock) {
    a = Value::unknown(UnknownReason::DurationKind);
  } else {
    a = Value::time(time::add_clock(a.as_time(), ip[1] == 0 ? d.a : -d.a, zone));
  }
  FRIST_NEXT(FRIST_SIZE(TIME_ADD));
}
L_DUR_ADD: {
  const Value d = pop();
  Value& a = stack[sp - 1];
  if (!a.is_value() || !d.is_value()) {
    if (!a.is_unknown()) a = d.is_value() ? a : d;
  } else if (a.small != d.small) {
    a = Value::unknown(UnknownReason::DurationKind);
  } else {
    const std::int64_t sign = ip[1] == 0 ? 1 : -1;
    a.i32 = static_cast<std::int32_t>(a.i32 + sign * d.i32);
    a.a += sign * d.a;
    a.b += sign * d.b;
  }
  FRIST_NEXT(FRIST_SIZE(DUR_ADD));
}
L_DUR_SCALE: {
  const Value d = pop();
  Value& n = stack[sp - 1];
  if (!n.is_value() || !d.is_value()) {
    if (!n.is_unknown()) n = d.is_value() ? n : d;
    FRIST_NEXT(FRIST_SIZE(DUR_SCALE));
  }
  Value r = d;
  std::int64_t days = 0, micros = 0, months = 0;
  if (__builtin_mul_overflow(static_cast<std::int64_t>(d.i32), n.a, &days) || __builtin_mul_overflow(d.a, n.a, &micros) ||
      __builtin_mul_overflow(d.b, n.a, &months) || days > INT32_MAX || days < INT32_MIN) {
    n = Value::unknown(UnknownReason::Arithmetic);
    FRIST_NEXT(FRIST_SIZE(DUR_SCALE));
  }
  r.i32 = static_cast<std::int32_t>(days);
  r.a = micros;
  r.b = months;
  n = r;
  FRIST_NEXT(FRIST_SIZE(DUR_SCALE));
}
L_MAKE_DUR: {
  Value& n = stack[sp - 1];
  if (n.tag == Tag::Int) {
    const std::int64_t k = n.a;
    if (k > 1'000'000'000 || k < -1'000'000'000) {
      n = Value::unknown(UnknownReason::Arithmetic);
    } else {
      Value d;
      d.tag = Tag::Duration;
      switch (ip[1]) {
        case 0: d.small = 0; d.b = k * 12; break;
        case 1: d.small = 0; d.b = k; break;
        case 2: d.small = 0; d.i32 = static_cast<std::int32_t>(k * 7); break;
        case 3: d.small = 0; d.i32 = static_cast<std::int32_t>(k); break;
        case 4: d.small = 2; d.i32 = static_cast<std::int32_t>(k); break;
        case 5: d.small = 1; d.a = k * time::kMicrosPerHour; break;
        case 6: d.small = 1; d.a = k * time::kMicrosPerMinute; break;
        default: d.small = 1; d.a = k * time::kMicrosPerSecond; break;
      }
      n = d;
    }
  }
  FRIST_NEXT(FRIST_SIZE(MAKE_DUR));
}

L_CMP_DATE: {
  const Value b = pop();
  compare_dates(stack[sp - 1], b, ip[1]);
  FRIST_NEXT(FRIST_SIZE(CMP_DATE));
}
L_CMP_NUM:
L_CMP_TEXT:
L_CMP_BOOL:
L_CMP_DUR:
L_CMP_TIME: {
  const auto op = static_cast<Op>(*ip);
  static_assert(op_size(Op::CMP_NUM) == op_size(Op::CMP_TEXT) && op_size(Op::CMP_BOOL) == op_size(Op::CMP_DUR) &&
                op_size(Op::CMP_TIME) == op_size(Op::CMP_NUM) && op_size(Op::CMP_DUR) == op_size(Op::CMP_NUM));
  const Value b = pop();
  Value& a = stack[sp - 1];
  if (compare_absent(a, b)) FRIST_NEXT(FRIST_SIZE(CMP_NUM));
  const std::uint8_t cmp = ip[1];
  switch (op) {
    case Op::CMP_NUM:
      a = Value::boolean(a.tag == Tag::Int && b.tag == Tag::Int ? compare(cmp, a.a, b.a)
                                                                 : compare(cmp, a.as_decimal(), b.as_decimal()));
      break;
    case Op::CMP_TEXT: a = Value::boolean(compare(cmp, a.as_text(), b.as_text())); break;
    case Op::CMP_BOOL: a = Value::boolean(compare(cmp, a.a, b.a)); break;
    case Op::CMP_DUR: {
      const bool eq = a.small == b.small && a.i32 == b.i32 && a.a == b.a && a.b == b.b;
      if (cmp <= 1) {
        a = Value::boolean(cmp == 1 ? !eq : eq);
        break;
      }
      // Ordered within one kind: clock by microseconds, workdays by
      // count, calendar when both are in months or both in days.
      const auto kind = static_cast<model::Duration::Kind>(a.small);
      if (a.small != b.small) {
        a = Value::unknown(UnknownReason::DurationKind);
      } else if (kind == model::Duration::Kind::Clock) {
        a = Value::boolean(compare(cmp, a.a, b.a));
      } else if (kind == model::Duration::Kind::Workdays || (a.b == 0 && b.b == 0)) {
        a = Value::boolean(compare(cmp, a.i32, b.i32));
      } else if (a.i32 == 0 && b.i32 == 0) {
        a = Value::boolean(compare(cmp, a.b, b.b));
      } else {
        a = Value::unknown(UnknownReason::DurationKind);
      }
      break;
    }
    default: a = time_compare(cmp, a.as_time(), b.as_time()); break;
  }
  FRIST_NEXT(FRIST_SIZE(CMP_NUM));
}
L_CMP_EVENT: {
  const Value b = pop();
  Value& a = stack[sp - 1];
  const std::uint8_t cmp = ip[1];
  if (compare_absent(a, b)) FRIST_NEXT(FRIST_SIZE(CMP_EVENT));
  if (cmp <= 1) {  // = and ≠: the same event
    a = Value::boolean((a.i32 == b.i32) == (cmp == 0));
    FRIST_NEXT(FRIST_SIZE(CMP_EVENT));
  }
  const model::Event& ea = tl.events[static_cast<std::size_t>(a.i32)];
  const model::Event& eb = tl.events[static_cast<std::size_t>(b.i32)];
  // The case's order: time at the coarser precision; two equal instants
  // (or the same event) are ordered by position in the case.
  const bool exact_tie = (ea.at.precision == time::Precision::Instant && eb.at.precision == time::Precision::Instant &&
                          ea.at.lo == eb.at.lo) ||
                         a.i32 == b.i32;
  if (exact_tie) {
    a = Value::boolean(compare(cmp, a.i32, b.i32));
  } else {
    a = time_compare(cmp, ea.at, eb.at);
  }
  FRIST_NEXT(FRIST_SIZE(CMP_EVENT));
}
L_IS_TYPE: {
  Value& top = stack[sp - 1];
  if (top.tag == Tag::Event) {
    const std::uint16_t t = read_u16(ip + 1);
    top = Value::boolean(t == bytecode::kAnyEventType || tl.events[static_cast<std::size_t>(top.i32)].type == t);
  } else if (top.is_none()) {
    top = Value::boolean(false);
  }
  FRIST_NEXT(FRIST_SIZE(IS_TYPE));
}
L_STARTS_WITH: {
  const Value b = pop();
  Value& a = stack[sp - 1];
  if (!compare_absent(a, b)) a = Value::boolean(a.as_text().substr(0, b.as_text().size()) == b.as_text());
  FRIST_NEXT(FRIST_SIZE(STARTS_WITH));
}
L_WITHIN: {
  const Value s = pop();
  const Value d = pop();
  Value& x = stack[sp - 1];
  if (x.is_none() || s.is_none() || d.is_none()) {
    x = Value::boolean(false);
    FRIST_NEXT(FRIST_SIZE(WITHIN));
  }
  if (x.is_unknown() || s.is_unknown() || d.is_unknown()) {
    x = x.is_unknown() ? x : (s.is_unknown() ? s : d);
    FRIST_NEXT(FRIST_SIZE(WITHIN));
  }
  const auto kind = static_cast<model::Duration::Kind>(d.small);
  if (kind == model::Duration::Kind::Clock) {
    x = Value::truth(time::within_clock(to_timestamp(x, tl, zone), to_timestamp(s, tl, zone), d.a));
    FRIST_NEXT(FRIST_SIZE(WITHIN));
  }
  const time::Days xd = to_days(x, tl);
  const time::Days sd = to_days(s, tl);
  std::optional<time::Days> end;
  if (kind == model::Duration::Kind::Calendar) {
    end = add_calendar(sd, d.b, d.i32);
  } else if (workdays != nullptr) {
    end = workdays->add_workdays(sd, d.i32);
    if (!end) {
      x = Value::unknown(UnknownReason::OutsideCalendar);
      FRIST_NEXT(FRIST_SIZE(WITHIN));
    }
  }
  x = end ? Value::boolean(sd <= xd && xd <= *end) : Value::unknown(UnknownReason::InvalidDate);
  FRIST_NEXT(FRIST_SIZE(WITHIN));
}
L_IN_PERIOD: {
  const Value period = pop();
  Value& e = stack[sp - 1];
  if (e.tag != Tag::Event || period.tag != Tag::Period) {
    e = e.is_unknown() ? e : Value::boolean(false);
  } else {
    const time::Days d = tl.events[static_cast<std::size_t>(e.i32)].at.date;
    e = Value::boolean(d >= period.a && d < period.b);
  }
  FRIST_NEXT(FRIST_SIZE(IN_PERIOD));
}

L_EARLIEST:
L_LATEST: {
  static_assert(op_size(Op::EARLIEST) == op_size(Op::LATEST));
  const std::uint8_t n = ip[1];
  const bool as_time = ip[2] == 1;
  const bool want_earliest = static_cast<Op>(*ip) == Op::EARLIEST;
  Value best;
  Value unknown;
  for (std::size_t i = sp - n; i < sp; ++i) {
    const Value& v = stack[i];
    if (v.is_none()) continue;
    if (v.is_unknown()) {
      if (!unknown.is_unknown()) unknown = v;
      continue;
    }
    if (best.is_none()) {
      best = v;
      continue;
    }
    if (as_time) {
      const Truth better =
          want_earliest ? time::before(v.as_time(), best.as_time()) : time::after(v.as_time(), best.as_time());
      if (better == Truth::True) best = v;
      else if (better == Truth::Unknown && time::same_time(v.as_time(), best.as_time()) != Truth::True)
        unknown = Value::unknown(UnknownReason::Coarse);
    } else if (want_earliest ? v.i32 < best.i32 : v.i32 > best.i32) {
      best = v;
    }
  }
  sp -= n;
  push(unknown.is_unknown() ? unknown : best);
  FRIST_NEXT(FRIST_SIZE(EARLIEST));
}
L_MAKE_DATE: {
  const Value dd = pop();
  const Value mm = pop();
  Value& yy = stack[sp - 1];
  if (!yy.is_value() || !mm.is_value() || !dd.is_value()) {
    yy = yy.is_unknown() ? yy : mm.is_unknown() ? mm : dd.is_unknown() ? dd : Value{};
  } else if (yy.a < time::kMinYear || yy.a > time::kMaxYear ||
             !time::valid_civil(static_cast<int>(yy.a), static_cast<int>(mm.a), static_cast<int>(dd.a))) {
    yy = Value::unknown(UnknownReason::InvalidDate);
  } else {
    yy = Value::date(time::days_from_civil(static_cast<int>(yy.a), static_cast<int>(mm.a), static_cast<int>(dd.a)));
  }
  FRIST_NEXT(FRIST_SIZE(MAKE_DATE));
}
L_DATE_PART: {
  Value& top = stack[sp - 1];
  if (top.tag == Tag::Date) {
    const time::Civil c = time::civil_from_days(top.i32);
    switch (ip[1]) {
      case 0: top = Value::integer(c.year); break;
      case 1: top = Value::integer(c.month); break;
      case 2: top = Value::integer(c.day); break;
      default: top = Value::integer(time::iso_weekday(top.i32)); break;
    }
  }
  FRIST_NEXT(FRIST_SIZE(DATE_PART));
}
L_AGE: {
  const Value at = pop();
  Value& born = stack[sp - 1];
  if (!born.is_value() || !at.is_value()) {
    born = born.is_unknown() ? born : (at.is_unknown() ? at : Value{});
  } else {
    born = Value::integer(time::age_in_years(born.i32, at.i32));
  }
  FRIST_NEXT(FRIST_SIZE(AGE));
}

L_FIRST_OF:
L_LAST_OF:
L_EXISTS_OF:
L_COUNT_OF: {
  static_assert(op_size(Op::FIRST_OF) == op_size(Op::LAST_OF) && op_size(Op::EXISTS_OF) == op_size(Op::COUNT_OF) &&
                op_size(Op::FIRST_OF) == op_size(Op::COUNT_OF));
  const auto op = static_cast<Op>(*ip);
  const std::uint16_t t = read_u16(ip + 1);
  std::uint32_t count = 0;
  const std::uint32_t* base = nullptr;
  if (t == bytecode::kAnyEventType) {
    count = ctx.visible;
  } else {
    count = ctx.type_visible[t];
    base = tl.by_type.data() + tl.type_start[t];
  }
  switch (op) {
    case Op::FIRST_OF: push(count == 0 ? Value{} : Value::event(base ? base[0] : 0)); break;
    case Op::LAST_OF: push(count == 0 ? Value{} : Value::event(base ? base[count - 1] : count - 1)); break;
    case Op::EXISTS_OF: push(Value::boolean(count > 0)); break;
    default: push(Value::integer(count)); break;
  }
  FRIST_NEXT(FRIST_SIZE(FIRST_OF));
}
L_ITER_TYPE:
L_ITER_FROM: {
  static_assert(op_size(Op::ITER_TYPE) == op_size(Op::ITER_FROM));
  const auto op = static_cast<Op>(*ip);
  const std::uint16_t s = read_u16(ip + 1);
  const std::uint16_t t = read_u16(ip + 3);
  const bool backward = ip[5] != 0;
  Value it;
  it.tag = Tag::Iterator;
  it.small = static_cast<std::uint8_t>((backward ? kIterBackward : 0) | (t == bytecode::kAnyEventType ? kIterAny : 0));
  std::int64_t begin = 0, end = 0;  // positions in by_type (or events for any type)
  if (t == bytecode::kAnyEventType) {
    end = ctx.visible;
  } else {
    begin = tl.type_start[t];
    end = begin + ctx.type_visible[t];
  }
  if (op == Op::ITER_FROM) {
    const Value anchor = pop();
    if (anchor.tag != Tag::Event) {
      end = begin;  // no anchor, no candidates
    } else {
      const auto idx = static_cast<std::uint32_t>(anchor.i32);
      if (t == bytecode::kAnyEventType) {
        if (backward) end = idx;
        else begin = std::min<std::int64_t>(idx + 1, end);
      } else {
        const std::uint32_t* b = tl.by_type.data() + begin;
        const std::uint32_t* e = tl.by_type.data() + end;
        // Events of the type strictly after (before) the anchor in case order.
        const std::int64_t pos =
            (backward ? std::lower_bound(b, e, idx) : std::upper_bound(b, e, idx)) - tl.by_type.data();
        if (backward) end = pos;
        else begin = pos;
      }
    }
  }
  it.a = begin;
  it.b = end;
  it.i32 = static_cast<std::int32_t>(backward ? end : begin);
  slots[s] = it;
  FRIST_NEXT(FRIST_SIZE(ITER_TYPE));
}
L_ITER_NEXT:
  if (iterate(slots[read_u16(ip + 1)], slots[read_u16(ip + 3)], tl)) FRIST_NEXT(FRIST_SIZE(ITER_NEXT));
  FRIST_NEXT(FRIST_SIZE(ITER_NEXT) + read_i32(ip + 5));
L_LOOP:
  if (budget_ == 0 || --budget_ == 0) return Value::unknown(UnknownReason::StepBudget);
  FRIST_NEXT(FRIST_SIZE(LOOP) + read_i32(ip + 1));
L_ACC_INIT: {
  Value acc;
  acc.tag = Tag::Accumulator;
  slots[read_u16(ip + 1)] = acc;
  FRIST_NEXT(FRIST_SIZE(ACC_INIT));
}
L_ACC_TAINT: {
  const Value v = pop();
  Value& acc = slots[read_u16(ip + 1)];
  if (v.is_unknown() && acc.tag == Tag::Accumulator && (acc.flags & kAccUnknown) == 0) {
    acc.flags |= kAccUnknown;
    acc.small = v.small;
    acc.a = v.a;
    acc.b = v.b;
  }
  FRIST_NEXT(FRIST_SIZE(ACC_TAINT));
}
L_ACC_FIRST:
L_ACC_EXISTS:
L_ACC_COUNT: {
  const auto op = static_cast<Op>(*ip);
  const int size = op_size(op);
  const Value c = pop();
  Value& acc = slots[read_u16(ip + 1)];
  if (acc.tag != Tag::Accumulator) FRIST_NEXT(size);
  const Truth t = c.as_truth();
  if (t == Truth::True) {
    if (op == Op::ACC_COUNT) {
      ++acc.i32;
    } else {
      acc.flags |= kAccFound;
      if (op == Op::ACC_FIRST) {
        const Value& bound = slots[read_u16(ip + 3)];
        acc.i32 = bound.tag == Tag::Event ? bound.i32 : -1;
        FRIST_NEXT(size + read_i32(ip + 5));
      }
      FRIST_NEXT(size + read_i32(ip + 3));
    }
  } else if (t == Truth::Unknown && (acc.flags & kAccUnknown) == 0) {
    acc.flags |= kAccUnknown;
    acc.small = c.small;
    acc.a = c.a;
    acc.b = c.b;
  }
  FRIST_NEXT(size);
}
L_ACC_RESULT: {
  const Value& acc = slots[read_u16(ip + 1)];
  const bool found = (acc.flags & kAccFound) != 0;
  const bool unknown = (acc.flags & kAccUnknown) != 0;
  const Value u = Value::unknown(static_cast<UnknownReason>(acc.small), acc.a, acc.b);
  switch (ip[3]) {
    case 0:  // first: a match after an unknown candidate could be that one
      push(unknown ? u : found && acc.i32 >= 0 ? Value::event(static_cast<std::uint32_t>(acc.i32)) : Value{});
      break;
    case 1: push(found ? Value::boolean(true) : unknown ? u : Value::boolean(false)); break;
    default: push(unknown ? u : Value::integer(acc.i32)); break;
  }
  FRIST_NEXT(FRIST_SIZE(ACC_RESULT));
}
L_PERIOD_ITER: {
  const Value until = pop();
  const Value from = pop();
  const Value len = pop();
  Value it;
  it.tag = Tag::Iterator;
  if (from.tag == Tag::Date && until.tag == Tag::Date && len.tag == Tag::Duration &&
      static_cast<model::Duration::Kind>(len.small) == model::Duration::Kind::Calendar && (len.b > 0 || len.i32 > 0)) {
    it.i32 = 0;  // k
    it.a = (static_cast<std::int64_t>(from.i32) << 32) | static_cast<std::uint32_t>(until.i32);
    it.b = (len.b << 32) | static_cast<std::uint32_t>(len.i32);
    it.flags = 1;  // valid
  }
  slots[read_u16(ip + 1)] = it;
  FRIST_NEXT(FRIST_SIZE(PERIOD_ITER));
}
L_PERIOD_NEXT: {
  Value& it = slots[read_u16(ip + 1)];
  bool done = it.tag != Tag::Iterator || it.flags != 1;
  if (!done) {
    const auto from = static_cast<time::Days>(it.a >> 32);
    const auto until = static_cast<time::Days>(static_cast<std::int32_t>(it.a & 0xFFFFFFFF));
    const std::int64_t months = it.b >> 32;
    const auto days = static_cast<std::int32_t>(it.b & 0xFFFFFFFF);
    const std::int64_t k = it.i32;
    // Each period measured from the start, not chained (spec/language.md item 7).
    const auto start = add_calendar(from, months * k, days * k);
    const auto end = add_calendar(from, months * (k + 1), days * (k + 1));
    if (!start || !end || *end > until) {
      done = true;
    } else {
      Value period;
      period.tag = Tag::Period;
      period.a = *start;
      period.b = *end;
      slots[read_u16(ip + 3)] = period;
      ++it.i32;
    }
  }
  FRIST_NEXT(FRIST_SIZE(PERIOD_NEXT) + (done ? read_i32(ip + 5) : 0));
}

L_V_BEGIN:
  static_assert(sizeof(Register) == 176, "Register changed: V_BEGIN must clear every field");
  reg.set = false;
  clear(reg.out);
  reg.exempt_unknown = false;
  reg.exempt_value = Value{};
  FRIST_NEXT(FRIST_SIZE(V_BEGIN));
L_V_APPLIES:
L_V_FILTER: {
  const auto op = static_cast<Op>(*ip);
  const int size = op_size(op);
  const Value c = pop();
  const Truth t = c.as_truth();
  if (t == Truth::True) FRIST_NEXT(size);
  if (t == Truth::False) {
    if (op == Op::V_FILTER) FRIST_NEXT(size + read_i32(ip + 1));
    reg.set = true;
    reg.out.verdict = Verdict::NotApplicable;
    reg.out.reason.kind = ReasonKind::NotApplicable;
  } else {
    reg.set = true;
    reg.out.verdict = Verdict::Undetermined;
    reg.out.reason.kind = ReasonKind::Unknown;
    reg.out.reason.value = c;
  }
  FRIST_NEXT(size + read_i32(op == Op::V_FILTER ? ip + 5 : ip + 1));
}
L_V_UNDETERMINED: {
  const Value c = pop();
  const Truth t = c.as_truth();
  if (t == Truth::False) FRIST_NEXT(FRIST_SIZE(V_UNDETERMINED));
  reg.set = true;
  reg.out.verdict = Verdict::Undetermined;
  if (t == Truth::True) {
    reg.out.reason.kind = ReasonKind::Custom;
    reg.out.reason.text = read_u32(ip + 1);
  } else {
    reg.out.reason.kind = ReasonKind::Unknown;
    reg.out.reason.value = c;
  }
  FRIST_NEXT(FRIST_SIZE(V_UNDETERMINED) + read_i32(ip + 5));
}
L_V_EXEMPT_FIRST: {
  const Value c = pop();
  const Truth t = c.as_truth();
  if (t == Truth::True) {
    reg.set = true;
    reg.out.verdict = Verdict::Compliant;
    reg.out.exempt = true;
    reg.out.reason.kind = ReasonKind::Custom;
    reg.out.reason.text = read_u32(ip + 1);
    FRIST_NEXT(FRIST_SIZE(V_EXEMPT_FIRST) + read_i32(ip + 5));
  }
  if (t == Truth::Unknown && !reg.exempt_unknown) {
    reg.exempt_unknown = true;
    reg.exempt_value = c;
  }
  FRIST_NEXT(FRIST_SIZE(V_EXEMPT_FIRST));
}
L_V_SUBJECT:
  reg.out.subject = pop();
  FRIST_NEXT(FRIST_SIZE(V_SUBJECT));
L_V_REQUIRE:
L_V_REQUIRE_DATE:
L_V_REQUIRE_TIME: {
  const auto op = static_cast<Op>(*ip);
  const std::uint8_t strict = op == Op::V_REQUIRE ? 0 : ip[1];
  Value deadline;
  if (op != Op::V_REQUIRE) deadline = pop();
  const Value c = pop();
  const Truth t = c.as_truth();
  Outcome& out = reg.out;
  reg.set = true;
  if (op == Op::V_REQUIRE_DATE && deadline.tag == Tag::Date) {
    out.deadline.kind = Deadline::Kind::Date;
    out.deadline.date = deadline.i32;
    out.deadline.strict = strict != 0;
  } else if (op == Op::V_REQUIRE_TIME && deadline.tag == Tag::Time) {
    out.deadline.kind = Deadline::Kind::Time;
    out.deadline.time = deadline.as_time();
    out.deadline.strict = strict != 0;
  }
  if (t == Truth::True) {
    out.verdict = Verdict::Compliant;
    out.reason.kind = ReasonKind::Met;
  } else if (t == Truth::Unknown) {
    out.verdict = Verdict::Undetermined;
    out.reason.kind = ReasonKind::Unknown;
    out.reason.value = c;
  } else if (op == Op::V_REQUIRE) {
    out.verdict = Verdict::Violated;
    out.reason.kind = ReasonKind::NotMet;
  } else if (deadline.is_unknown()) {
    out.verdict = Verdict::Undetermined;
    out.reason.kind = ReasonKind::Unknown;
    out.reason.value = deadline;
  } else if (deadline.is_none()) {
    out.verdict = Verdict::Undetermined;
    out.reason.kind = ReasonKind::DeadlineUnknown;
  } else if (op == Op::V_REQUIRE_DATE) {
    // As-of equal to the deadline is still pending (spec/semantics.md §3).
    const bool open = strict != 0 ? ctx.as_of < deadline.i32 : ctx.as_of <= deadline.i32;
    out.verdict = open ? Verdict::Pending : Verdict::Violated;
    out.reason.kind = open ? ReasonKind::DeadlineOpen : ReasonKind::DeadlinePassed;
  } else {
    // A clock deadline: pending while it lies at or after the end of the as-of day.
    const time::Timestamp d = deadline.as_time();
    if (d.lo >= ctx.as_of_end) {
      out.verdict = Verdict::Pending;
      out.reason.kind = ReasonKind::DeadlineOpen;
    } else if (d.hi < ctx.as_of_end) {
      out.verdict = Verdict::Violated;
      out.reason.kind = ReasonKind::DeadlinePassed;
    } else {
      out.verdict = Verdict::Undetermined;
      out.reason.kind = ReasonKind::Unknown;
      out.reason.value = Value::unknown(UnknownReason::Coarse);
    }
  }
  if (out.verdict != Verdict::Compliant && reg.exempt_unknown) {
    out.verdict = Verdict::Undetermined;
    out.reason.kind = ReasonKind::Unknown;
    out.reason.value = reg.exempt_value;
  }
  FRIST_NEXT(op_size(op));
}
L_V_EXEMPT_AFTER: {
  const Value c = pop();
  if (!(reg.out.verdict == Verdict::Compliant && reg.set)) {
    const Truth t = c.as_truth();
    if (t == Truth::True) {
      reg.out.verdict = Verdict::Compliant;
      reg.out.exempt = true;
      reg.out.reason.kind = ReasonKind::Custom;
      reg.out.reason.text = read_u32(ip + 1);
    } else if (t == Truth::Unknown) {
      reg.out.verdict = Verdict::Undetermined;
      reg.out.reason.kind = ReasonKind::Unknown;
      reg.out.reason.value = c;
    }
  }
  FRIST_NEXT(FRIST_SIZE(V_EXEMPT_AFTER));
}
L_V_OCCURRENCE:
  finish_occurrence(*st, read_u16(ip + 1));
  FRIST_NEXT(FRIST_SIZE(V_OCCURRENCE));
L_V_RESULT: {
  RuleResult& out = *st->out;
  st->finished = true;
  if (st->folded > 0) {
    out.outcome = *st->best;
    if (out.outcome.verdict == Verdict::Compliant && st->any_exempt) out.outcome.exempt = true;
    if (st->options->evidence) out.evidence = st->best_evidence;
  } else if (reg.set && !(st->rule->for_each && reg.out.verdict == Verdict::NotApplicable &&
                          reg.out.reason.kind == ReasonKind::None)) {
    out.outcome = reg.out;
    if (st->options->evidence) snapshot_evidence(*st, out.evidence);
  } else {
    out.outcome = Outcome{};
    out.outcome.verdict = Verdict::NotApplicable;
    out.outcome.reason.kind = st->rule->for_each ? ReasonKind::NoOccurrences : ReasonKind::NotApplicable;
  }
  return Value{};
}
L_RETURN:
  return pop();
L_RETURN_IF_PRESENT: {
  const Value v = pop();
  if (v.is_value()) return v;
  FRIST_NEXT(FRIST_SIZE(RETURN_IF_PRESENT));
}

  // Superinstructions: each runs its sequence (fused.hpp); operands are
  // where the original instructions had them.
F_LoadDate:  // LOAD s; TO_DATE
  push(slots[read_u16(ip + 1)]);
  to_date_in_place(stack[sp - 1], tl);
  FRIST_NEXT(FRIST_SIZE(LOAD) + FRIST_SIZE(TO_DATE));
F_LoadEvAttr:  // LOAD s; EV_ATTR t a
  push(slots[read_u16(ip + 1)]);
  event_attribute(stack[sp - 1], tl, read_u16(ip + 4), read_u16(ip + 6));
  FRIST_NEXT(FRIST_SIZE(LOAD) + FRIST_SIZE(EV_ATTR));
F_LoadPresent:  // LOAD s; PRESENT
  push(slots[read_u16(ip + 1)]);
  presence(stack[sp - 1], true);
  FRIST_NEXT(FRIST_SIZE(LOAD) + FRIST_SIZE(PRESENT));
F_LoadMissing:  // LOAD s; MISSING
  push(slots[read_u16(ip + 1)]);
  presence(stack[sp - 1], false);
  FRIST_NEXT(FRIST_SIZE(LOAD) + FRIST_SIZE(MISSING));
F_CmpSlotDates: {  // LOAD s1; TO_DATE; LOAD s2; TO_DATE; CMP_DATE c
  constexpr int second = FRIST_SIZE(LOAD) + FRIST_SIZE(TO_DATE);
  Value b = slots[read_u16(ip + second + 1)];
  to_date_in_place(b, tl);
  push(slots[read_u16(ip + 1)]);
  to_date_in_place(stack[sp - 1], tl);
  compare_dates(stack[sp - 1], b, ip[2 * second + 1]);
  FRIST_NEXT(2 * second + FRIST_SIZE(CMP_DATE));
}
F_StoreKeep:  // STORE s; LOAD s
  slots[read_u16(ip + 1)] = stack[sp - 1];
  FRIST_NEXT(FRIST_SIZE(STORE) + FRIST_SIZE(LOAD));
F_ConstDateAdd:  // CONST k; DATE_ADD b
  date_add(stack[sp - 1], constants[read_u16(ip + 1)], ip[FRIST_SIZE(CONST) + 1] != 0, workdays);
  FRIST_NEXT(FRIST_SIZE(CONST) + FRIST_SIZE(DATE_ADD));
F_IterNextLoad: {  // ITER_NEXT it s j; LOAD s
  Value& into = slots[read_u16(ip + 3)];
  if (iterate(slots[read_u16(ip + 1)], into, tl)) {
    push(into);
    FRIST_NEXT(FRIST_SIZE(ITER_NEXT) + FRIST_SIZE(LOAD));
  }
  FRIST_NEXT(FRIST_SIZE(ITER_NEXT) + read_i32(ip + 5));
}
F_IterNextLoadDate: {  // ITER_NEXT it s j; LOAD s; TO_DATE
  Value& into = slots[read_u16(ip + 3)];
  if (iterate(slots[read_u16(ip + 1)], into, tl)) {
    push(into);
    to_date_in_place(stack[sp - 1], tl);
    FRIST_NEXT(FRIST_SIZE(ITER_NEXT) + FRIST_SIZE(LOAD) + FRIST_SIZE(TO_DATE));
  }
  FRIST_NEXT(FRIST_SIZE(ITER_NEXT) + read_i32(ip + 5));
}
F_IterNextLoadAttr: {  // ITER_NEXT it s j; LOAD s; EV_ATTR t a
  Value& into = slots[read_u16(ip + 3)];
  if (iterate(slots[read_u16(ip + 1)], into, tl)) {
    constexpr int attr = FRIST_SIZE(ITER_NEXT) + FRIST_SIZE(LOAD);
    push(into);
    event_attribute(stack[sp - 1], tl, read_u16(ip + attr + 1), read_u16(ip + attr + 3));
    FRIST_NEXT(attr + FRIST_SIZE(EV_ATTR));
  }
  FRIST_NEXT(FRIST_SIZE(ITER_NEXT) + read_i32(ip + 5));
}
F_LoadDateAddConst: {  // LOAD s; TO_DATE; CONST k; DATE_ADD b
  constexpr int konst = FRIST_SIZE(LOAD) + FRIST_SIZE(TO_DATE);
  push(slots[read_u16(ip + 1)]);
  to_date_in_place(stack[sp - 1], tl);
  date_add(stack[sp - 1], constants[read_u16(ip + konst + 1)], ip[konst + FRIST_SIZE(CONST) + 1] != 0, workdays);
  FRIST_NEXT(konst + FRIST_SIZE(CONST) + FRIST_SIZE(DATE_ADD));
}
F_AccInitIterType: {  // ACC_INIT a; ITER_TYPE s t b
  Value acc;
  acc.tag = Tag::Accumulator;
  slots[read_u16(ip + 1)] = acc;
  ip += FRIST_SIZE(ACC_INIT);
  goto L_ITER_TYPE;
}
F_ExistsApplies: {  // EXISTS_OF t; V_APPLIES j
  const std::uint16_t t = read_u16(ip + 1);
  const bool exists = (t == bytecode::kAnyEventType ? ctx.visible : ctx.type_visible[t]) > 0;
  constexpr int applies = FRIST_SIZE(EXISTS_OF);
  if (exists) FRIST_NEXT(applies + FRIST_SIZE(V_APPLIES));
  reg.set = true;
  reg.out.verdict = Verdict::NotApplicable;
  reg.out.reason.kind = ReasonKind::NotApplicable;
  FRIST_NEXT(applies + FRIST_SIZE(V_APPLIES) + read_i32(ip + applies + 1));
}

  __builtin_unreachable();
#undef FRIST_DISPATCH
#undef FRIST_NEXT
#undef FRIST_SIZE
}

#pragma GCC diagnostic pop

}  // namespace frist::vm

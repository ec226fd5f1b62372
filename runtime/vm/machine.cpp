// The interpreter loop: one switch over verified instructions. Kleene logic,
// none vs unknown, the precision rules of time and the verdict register are
// implemented exactly as spec/semantics.md and docs/bytecode.md describe.
#include "runtime/vm/machine.hpp"

#include <algorithm>
#include <cstring>

#include "runtime/bytecode/op_size.hpp"
#include "runtime/time/compare.hpp"

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
  RuleState st;
  st.rule = &r;
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

Value Machine::run(std::uint32_t function, const CaseContext& ctx, RuleState* st) {
  const bytecode::Function& fn = ruleset_.compiled().functions[function];
  const std::uint8_t* const code = ruleset_.code().data();
  const std::uint8_t* ip = code + fn.code_offset;
  const model::CaseTimeline& tl = *ctx.timeline;
  const time::Zone& zone = ruleset_.zone();
  const Value* constants = ruleset_.constants().data();
  Value* const stack = stack_.data();
  Value* const slots = slots_.data();
  std::size_t sp = 0;  // number of values on the stack
  for (std::size_t i = fn.param_count; i < fn.slot_kinds.size(); ++i) slots[i] = Value{};
  // A rule's register starts empty: its RuleState is new (evaluate()).

  auto pop = [&]() -> Value { return stack[--sp]; };
  auto push = [&](const Value& v) { stack[sp++] = v; };
  // Only rule functions use the register (the verifier allows V_* nowhere
  // else); other functions get an unused one, not a null reference (UB).
  auto& reg = st != nullptr ? st->reg : unused_register_;

  for (;;) {
    const auto op = static_cast<Op>(*ip);
    const std::uint8_t* p = ip + 1;
    ip += bytecode::op_size(op);
    switch (op) {
      case Op::NOP: break;
      case Op::CONST: push(constants[bytecode::read_u16(p)]); break;
      case Op::NONE: push(Value{}); break;
      case Op::TRUE: push(Value::boolean(true)); break;
      case Op::FALSE: push(Value::boolean(false)); break;
      case Op::LOAD: push(slots[bytecode::read_u16(p)]); break;
      case Op::STORE: slots[bytecode::read_u16(p)] = pop(); break;
      case Op::POP: --sp; break;
      case Op::AS_OF: push(Value::date(ctx.as_of)); break;

      case Op::CASE_ATTR: {
        const std::uint16_t a = bytecode::read_u16(p);
        if (a < tl.case_attrs.size()) {
          push(attr_value(tl.case_attrs[a], tl, UnknownReason::MissingCaseAttribute, a, 0));
        } else {
          Value u = Value::unknown(UnknownReason::MissingCaseAttribute, a, 0);
          u.flags = Value::kMissingFlag;
          push(u);
        }
        break;
      }
      case Op::EV_ATTR:
      case Op::EV_ATTR_NAMED: {
        Value& top = stack[sp - 1];
        if (top.tag != Tag::Event) break;  // none stays none, unknown stays unknown
        const model::Event& ev = tl.events[static_cast<std::size_t>(top.i32)];
        std::int32_t slot = -1;
        if (op == Op::EV_ATTR) {
          if (ev.type == bytecode::read_u16(p)) slot = bytecode::read_u16(p + 2);
        } else {
          const auto& table = ruleset_.named_attributes()[bytecode::read_u32(p)];
          if (ev.type < table.size()) slot = table[ev.type];
        }
        if (slot < 0) {
          top = Value::unknown(UnknownReason::MissingAttribute, ev.type, -1);
          top.flags = Value::kMissingFlag;
        } else {
          top = attr_value(tl.attrs[ev.attr_begin + static_cast<std::uint32_t>(slot)], tl, UnknownReason::MissingAttribute,
                           ev.type, slot);
        }
        break;
      }
      case Op::EV_ID: {
        Value& top = stack[sp - 1];
        if (top.tag != Tag::Event) break;
        const model::Event& ev = tl.events[static_cast<std::size_t>(top.i32)];
        if (ev.id_length < 0) {
          top = Value::unknown(UnknownReason::MissingEventId, ev.type, 0);
          top.flags = Value::kMissingFlag;
        } else {
          top = Value::text(tl.event_id(ev));
        }
        break;
      }
      case Op::TO_DATE: {
        Value& top = stack[sp - 1];
        if (top.tag == Tag::Event || top.tag == Tag::Time) top = Value::date(to_days(top, tl));
        break;
      }
      case Op::TO_TIME: {
        Value& top = stack[sp - 1];
        if (top.tag == Tag::Event || top.tag == Tag::Date) top = Value::time(to_timestamp(top, tl, zone));
        break;
      }

      case Op::NOT: {
        Value& top = stack[sp - 1];
        const Truth t = top.as_truth();
        if (t != Truth::Unknown) top = Value::boolean(t == Truth::False);
        break;
      }
      case Op::AND: {
        const Value b = pop();
        stack[sp - 1] = kleene_and(stack[sp - 1], b);
        break;
      }
      case Op::OR: {
        const Value b = pop();
        stack[sp - 1] = kleene_or(stack[sp - 1], b);
        break;
      }
      case Op::PRESENT:
      case Op::MISSING: {
        Value& top = stack[sp - 1];
        if (top.is_unknown() && !top.is_missing()) break;  // a query that may or may not have found one
        const bool present = top.is_value();
        top = Value::boolean(op == Op::PRESENT ? present : !present);
        break;
      }
      case Op::JUMP: ip += bytecode::read_i32(p); break;
      case Op::JUMP_IF_FALSE_KEEP:
        if (stack[sp - 1].as_truth() == Truth::False) ip += bytecode::read_i32(p);
        break;
      case Op::JUMP_IF_TRUE_KEEP:
        if (stack[sp - 1].as_truth() == Truth::True) ip += bytecode::read_i32(p);
        break;
      case Op::BRANCH: {
        const Value c = pop();
        const Truth t = c.as_truth();
        if (t == Truth::False) {
          ip += bytecode::read_i32(p);
        } else if (t == Truth::Unknown) {
          push(c);
          ip += bytecode::read_i32(p + 4);
        }
        break;
      }

      case Op::NEG_INT: {
        Value& top = stack[sp - 1];
        if (top.tag == Tag::Int) {
          if (top.a == INT64_MIN) top = Value::unknown(UnknownReason::Arithmetic);
          else top.a = -top.a;
        }
        break;
      }
      case Op::NEG_DEC: {
        Value& top = stack[sp - 1];
        if (top.tag == Tag::Decimal) top = Value::decimal(-top.as_decimal());
        break;
      }
      case Op::NEG_DUR: {
        Value& top = stack[sp - 1];
        if (top.tag == Tag::Duration) {
          top.i32 = -top.i32;
          top.a = -top.a;
          top.b = -top.b;
        }
        break;
      }
      case Op::ADD_INT:
      case Op::SUB_INT:
      case Op::MUL_INT:
      case Op::IDIV_INT:
      case Op::MOD_INT: {
        const Value b = pop();
        Value& a = stack[sp - 1];
        if (!a.is_value() || !b.is_value()) {
          if (b.is_unknown() || a.is_none()) a = b.is_unknown() || b.is_none() ? (a.is_unknown() ? a : b) : a;
          break;
        }
        std::int64_t r = 0;
        bool bad = false;
        switch (op) {
          case Op::ADD_INT: bad = __builtin_add_overflow(a.a, b.a, &r); break;
          case Op::SUB_INT: bad = __builtin_sub_overflow(a.a, b.a, &r); break;
          case Op::MUL_INT: bad = __builtin_mul_overflow(a.a, b.a, &r); break;
          case Op::IDIV_INT:
            if (b.a == 0 || (a.a == INT64_MIN && b.a == -1)) { bad = true; break; }
            r = a.a / b.a;
            if ((a.a % b.a != 0) && ((a.a < 0) != (b.a < 0))) --r;
            break;
          default:
            if (b.a == 0 || (a.a == INT64_MIN && b.a == -1)) { bad = true; break; }
            r = a.a % b.a;
            if (r != 0 && ((r < 0) != (b.a < 0))) r += b.a;
            break;
        }
        a = bad ? Value::unknown(UnknownReason::Arithmetic) : Value::integer(r);
        break;
      }
      case Op::INT_TO_DEC: {
        Value& top = stack[sp - 1];
        if (top.tag == Tag::Int) top = Value::decimal(static_cast<double>(top.a));
        break;
      }
      case Op::ADD_DEC:
      case Op::SUB_DEC:
      case Op::MUL_DEC:
      case Op::DIV_DEC: {
        const Value b = pop();
        Value& a = stack[sp - 1];
        if (!a.is_value() || !b.is_value()) {
          if (!a.is_unknown()) a = b.is_value() ? a : b;
          break;
        }
        const double x = a.as_decimal(), y = b.as_decimal();
        if (op == Op::DIV_DEC && y == 0) {
          a = Value::unknown(UnknownReason::Arithmetic);
          break;
        }
        a = Value::decimal(op == Op::ADD_DEC ? x + y : op == Op::SUB_DEC ? x - y : op == Op::MUL_DEC ? x * y : x / y);
        break;
      }
      case Op::DATE_ADD: {
        const Value d = pop();
        Value& a = stack[sp - 1];
        if (!a.is_value() || !d.is_value()) {
          if (!a.is_unknown()) a = d.is_value() ? a : d;
          break;
        }
        const std::int64_t sign = *p == 0 ? 1 : -1;
        const auto kind = static_cast<model::Duration::Kind>(d.small);
        std::optional<time::Days> r;
        if (kind == model::Duration::Kind::Calendar) {
          r = add_calendar(a.i32, sign * d.b, sign * d.i32);
        } else if (kind == model::Duration::Kind::Workdays) {
          const time::WorkdayCalendar* cal = ruleset_.workdays();
          if (cal == nullptr) { a = Value::unknown(UnknownReason::OutsideCalendar); break; }
          r = cal->add_workdays(a.i32, sign * d.i32);
          if (!r) { a = Value::unknown(UnknownReason::OutsideCalendar); break; }
        } else {
          a = Value::unknown(UnknownReason::DurationKind);
          break;
        }
        a = r ? Value::date(*r) : Value::unknown(UnknownReason::InvalidDate);
        break;
      }
      case Op::TIME_ADD: {
        const Value d = pop();
        Value& a = stack[sp - 1];
        if (!a.is_value() || !d.is_value()) {
          if (!a.is_unknown()) a = d.is_value() ? a : d;
          break;
        }
        if (static_cast<model::Duration::Kind>(d.small) != model::Duration::Kind::Clock) {
          a = Value::unknown(UnknownReason::DurationKind);
          break;
        }
        a = Value::time(time::add_clock(a.as_time(), *p == 0 ? d.a : -d.a, zone));
        break;
      }
      case Op::DUR_ADD: {
        const Value d = pop();
        Value& a = stack[sp - 1];
        if (!a.is_value() || !d.is_value()) {
          if (!a.is_unknown()) a = d.is_value() ? a : d;
          break;
        }
        if (a.small != d.small) {
          a = Value::unknown(UnknownReason::DurationKind);
          break;
        }
        const std::int64_t sign = *p == 0 ? 1 : -1;
        a.i32 = static_cast<std::int32_t>(a.i32 + sign * d.i32);
        a.a += sign * d.a;
        a.b += sign * d.b;
        break;
      }
      case Op::DUR_SCALE: {
        const Value d = pop();
        Value& n = stack[sp - 1];
        if (!n.is_value() || !d.is_value()) {
          if (!n.is_unknown()) n = d.is_value() ? n : d;
          break;
        }
        Value r = d;
        std::int64_t days = 0, micros = 0, months = 0;
        if (__builtin_mul_overflow(static_cast<std::int64_t>(d.i32), n.a, &days) || __builtin_mul_overflow(d.a, n.a, &micros) ||
            __builtin_mul_overflow(d.b, n.a, &months) || days > INT32_MAX || days < INT32_MIN) {
          n = Value::unknown(UnknownReason::Arithmetic);
          break;
        }
        r.i32 = static_cast<std::int32_t>(days);
        r.a = micros;
        r.b = months;
        n = r;
        break;
      }
      case Op::MAKE_DUR: {
        Value& n = stack[sp - 1];
        if (n.tag != Tag::Int) break;
        const std::int64_t k = n.a;
        if (k > 1'000'000'000 || k < -1'000'000'000) {
          n = Value::unknown(UnknownReason::Arithmetic);
          break;
        }
        Value d;
        d.tag = Tag::Duration;
        switch (*p) {
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
        break;
      }

      case Op::CMP_NUM:
      case Op::CMP_TEXT:
      case Op::CMP_BOOL:
      case Op::CMP_DUR:
      case Op::CMP_DATE:
      case Op::CMP_TIME: {
        const Value b = pop();
        Value& a = stack[sp - 1];
        if (a.is_none() || b.is_none()) {
          a = Value::boolean(false);
          break;
        }
        if (a.is_unknown() || b.is_unknown()) {
          a = unknown_of(a, b);
          break;
        }
        const std::uint8_t cmp = *p;
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
          case Op::CMP_DATE: a = Value::boolean(compare(cmp, a.i32, b.i32)); break;
          default: a = time_compare(cmp, a.as_time(), b.as_time()); break;
        }
        break;
      }
      case Op::CMP_EVENT: {
        const Value b = pop();
        Value& a = stack[sp - 1];
        const std::uint8_t cmp = *p;
        if (a.is_none() || b.is_none()) { a = Value::boolean(false); break; }
        if (a.is_unknown() || b.is_unknown()) { a = unknown_of(a, b); break; }
        if (cmp <= 1) {  // = and ≠: the same event
          a = Value::boolean((a.i32 == b.i32) == (cmp == 0));
          break;
        }
        const model::Event& ea = tl.events[static_cast<std::size_t>(a.i32)];
        const model::Event& eb = tl.events[static_cast<std::size_t>(b.i32)];
        // The case's order: time at the coarser precision; two equal instants
        // (or the same event) are ordered by position in the case.
        const bool exact_tie = (ea.at.precision == time::Precision::Instant && eb.at.precision == time::Precision::Instant &&
                                ea.at.lo == eb.at.lo) || a.i32 == b.i32;
        if (exact_tie) {
          a = Value::boolean(compare(cmp, a.i32, b.i32));
        } else {
          a = time_compare(cmp, ea.at, eb.at);
        }
        break;
      }
      case Op::IS_TYPE: {
        Value& top = stack[sp - 1];
        if (top.tag == Tag::Event) {
          const std::uint16_t t = bytecode::read_u16(p);
          top = Value::boolean(t == bytecode::kAnyEventType || tl.events[static_cast<std::size_t>(top.i32)].type == t);
        } else if (top.is_none()) {
          top = Value::boolean(false);
        }
        break;
      }
      case Op::STARTS_WITH: {
        const Value b = pop();
        Value& a = stack[sp - 1];
        if (a.is_none() || b.is_none()) { a = Value::boolean(false); break; }
        if (a.is_unknown() || b.is_unknown()) { a = unknown_of(a, b); break; }
        a = Value::boolean(a.as_text().substr(0, b.as_text().size()) == b.as_text());
        break;
      }
      case Op::WITHIN: {
        const Value s = pop();
        const Value d = pop();
        Value& x = stack[sp - 1];
        if (x.is_none() || s.is_none() || d.is_none()) { x = Value::boolean(false); break; }
        if (x.is_unknown() || s.is_unknown() || d.is_unknown()) {
          x = x.is_unknown() ? x : (s.is_unknown() ? s : d);
          break;
        }
        const auto kind = static_cast<model::Duration::Kind>(d.small);
        if (kind == model::Duration::Kind::Clock) {
          x = Value::truth(time::within_clock(to_timestamp(x, tl, zone), to_timestamp(s, tl, zone), d.a));
          break;
        }
        const time::Days xd = to_days(x, tl);
        const time::Days sd = to_days(s, tl);
        std::optional<time::Days> end;
        if (kind == model::Duration::Kind::Calendar) {
          end = add_calendar(sd, d.b, d.i32);
        } else if (const time::WorkdayCalendar* cal = ruleset_.workdays()) {
          end = cal->add_workdays(sd, d.i32);
          if (!end) { x = Value::unknown(UnknownReason::OutsideCalendar); break; }
        }
        x = end ? Value::boolean(sd <= xd && xd <= *end) : Value::unknown(UnknownReason::InvalidDate);
        break;
      }
      case Op::IN_PERIOD: {
        const Value period = pop();
        Value& e = stack[sp - 1];
        if (e.tag != Tag::Event || period.tag != Tag::Period) {
          e = e.is_unknown() ? e : Value::boolean(false);
          break;
        }
        const time::Days d = tl.events[static_cast<std::size_t>(e.i32)].at.date;
        e = Value::boolean(d >= period.a && d < period.b);
        break;
      }

      case Op::EARLIEST:
      case Op::LATEST: {
        const std::uint8_t n = p[0];
        const bool as_time = p[1] == 1;
        const bool want_earliest = op == Op::EARLIEST;
        Value best;
        Value unknown;
        for (std::size_t i = sp - n; i < sp; ++i) {
          const Value& v = stack[i];
          if (v.is_none()) continue;
          if (v.is_unknown()) { if (!unknown.is_unknown()) unknown = v; continue; }
          if (best.is_none()) { best = v; continue; }
          if (as_time) {
            const Truth better = want_earliest ? time::before(v.as_time(), best.as_time()) : time::after(v.as_time(), best.as_time());
            if (better == Truth::True) best = v;
            else if (better == Truth::Unknown && time::same_time(v.as_time(), best.as_time()) != Truth::True) unknown = Value::unknown(UnknownReason::Coarse);
          } else if (want_earliest ? v.i32 < best.i32 : v.i32 > best.i32) {
            best = v;
          }
        }
        sp -= n;
        push(unknown.is_unknown() ? unknown : best);
        break;
      }
      case Op::MAKE_DATE: {
        const Value dd = pop();
        const Value mm = pop();
        Value& yy = stack[sp - 1];
        if (!yy.is_value() || !mm.is_value() || !dd.is_value()) {
          yy = yy.is_unknown() ? yy : mm.is_unknown() ? mm : dd.is_unknown() ? dd : Value{};
          break;
        }
        if (yy.a < time::kMinYear || yy.a > time::kMaxYear || !time::valid_civil(static_cast<int>(yy.a), static_cast<int>(mm.a), static_cast<int>(dd.a))) {
          yy = Value::unknown(UnknownReason::InvalidDate);
          break;
        }
        yy = Value::date(time::days_from_civil(static_cast<int>(yy.a), static_cast<int>(mm.a), static_cast<int>(dd.a)));
        break;
      }
      case Op::DATE_PART: {
        Value& top = stack[sp - 1];
        if (top.tag != Tag::Date) break;
        const time::Civil c = time::civil_from_days(top.i32);
        switch (*p) {
          case 0: top = Value::integer(c.year); break;
          case 1: top = Value::integer(c.month); break;
          case 2: top = Value::integer(c.day); break;
          default: top = Value::integer(time::iso_weekday(top.i32)); break;
        }
        break;
      }
      case Op::AGE: {
        const Value at = pop();
        Value& born = stack[sp - 1];
        if (!born.is_value() || !at.is_value()) {
          born = born.is_unknown() ? born : (at.is_unknown() ? at : Value{});
          break;
        }
        born = Value::integer(time::age_in_years(born.i32, at.i32));
        break;
      }

      case Op::FIRST_OF:
      case Op::LAST_OF:
      case Op::EXISTS_OF:
      case Op::COUNT_OF: {
        const std::uint16_t t = bytecode::read_u16(p);
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
        break;
      }
      case Op::ITER_TYPE:
      case Op::ITER_FROM: {
        const std::uint16_t s = bytecode::read_u16(p);
        const std::uint16_t t = bytecode::read_u16(p + 2);
        const bool backward = p[4] != 0;
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
              const std::int64_t pos = (backward ? std::lower_bound(b, e, idx) : std::upper_bound(b, e, idx)) - tl.by_type.data();
              if (backward) end = pos;
              else begin = pos;
            }
          }
        }
        it.a = begin;
        it.b = end;
        it.i32 = static_cast<std::int32_t>(backward ? end : begin);
        slots[s] = it;
        break;
      }
      case Op::ITER_NEXT: {
        Value& it = slots[bytecode::read_u16(p)];
        bool done = it.tag != Tag::Iterator;
        if (!done) {
          const bool backward = (it.small & kIterBackward) != 0;
          done = backward ? it.i32 <= it.a : it.i32 >= it.b;
          if (!done) {
            const std::int32_t pos = backward ? --it.i32 : it.i32++;
            const std::uint32_t idx = (it.small & kIterAny) != 0 ? static_cast<std::uint32_t>(pos) : tl.by_type[static_cast<std::size_t>(pos)];
            slots[bytecode::read_u16(p + 2)] = Value::event(idx);
          }
        }
        if (done) ip += bytecode::read_i32(p + 4);
        break;
      }
      case Op::LOOP:
        if (budget_ == 0 || --budget_ == 0) return Value::unknown(UnknownReason::StepBudget);
        ip += bytecode::read_i32(p);
        break;
      case Op::ACC_INIT: {
        Value acc;
        acc.tag = Tag::Accumulator;
        slots[bytecode::read_u16(p)] = acc;
        break;
      }
      case Op::ACC_TAINT: {
        const Value v = pop();
        Value& acc = slots[bytecode::read_u16(p)];
        if (v.is_unknown() && acc.tag == Tag::Accumulator && (acc.flags & kAccUnknown) == 0) {
          acc.flags |= kAccUnknown;
          acc.small = v.small;
          acc.a = v.a;
          acc.b = v.b;
        }
        break;
      }
      case Op::ACC_FIRST:
      case Op::ACC_EXISTS:
      case Op::ACC_COUNT: {
        const Value c = pop();
        Value& acc = slots[bytecode::read_u16(p)];
        if (acc.tag != Tag::Accumulator) break;
        const Truth t = c.as_truth();
        if (t == Truth::True) {
          if (op == Op::ACC_COUNT) {
            ++acc.i32;
          } else {
            acc.flags |= kAccFound;
            if (op == Op::ACC_FIRST) {
              const Value& bound = slots[bytecode::read_u16(p + 2)];
              acc.i32 = bound.tag == Tag::Event ? bound.i32 : -1;
              ip += bytecode::read_i32(p + 4);
            } else {
              ip += bytecode::read_i32(p + 2);
            }
          }
        } else if (t == Truth::Unknown && (acc.flags & kAccUnknown) == 0) {
          acc.flags |= kAccUnknown;
          acc.small = c.small;
          acc.a = c.a;
          acc.b = c.b;
        }
        break;
      }
      case Op::ACC_RESULT: {
        const Value& acc = slots[bytecode::read_u16(p)];
        const bool found = (acc.flags & kAccFound) != 0;
        const bool unknown = (acc.flags & kAccUnknown) != 0;
        const Value u = Value::unknown(static_cast<UnknownReason>(acc.small), acc.a, acc.b);
        switch (p[2]) {
          case 0:  // first: a match after an unknown candidate could be that one
            push(unknown ? u : found && acc.i32 >= 0 ? Value::event(static_cast<std::uint32_t>(acc.i32)) : Value{});
            break;
          case 1: push(found ? Value::boolean(true) : unknown ? u : Value::boolean(false)); break;
          default: push(unknown ? u : Value::integer(acc.i32)); break;
        }
        break;
      }
      case Op::PERIOD_ITER: {
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
        slots[bytecode::read_u16(p)] = it;
        break;
      }
      case Op::PERIOD_NEXT: {
        Value& it = slots[bytecode::read_u16(p)];
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
            slots[bytecode::read_u16(p + 2)] = period;
            ++it.i32;
          }
        }
        if (done) ip += bytecode::read_i32(p + 4);
        break;
      }

      case Op::V_BEGIN:
        static_assert(sizeof(Register) == 176, "Register changed: V_BEGIN must clear every field");
        reg.set = false;
        clear(reg.out);
        reg.exempt_unknown = false;
        reg.exempt_value = Value{};
        break;
      case Op::V_APPLIES:
      case Op::V_FILTER: {
        const Value c = pop();
        const Truth t = c.as_truth();
        if (t == Truth::True) break;
        if (t == Truth::False) {
          if (op == Op::V_FILTER) {
            ip += bytecode::read_i32(p);
            break;
          }
          reg.set = true;
          reg.out.verdict = Verdict::NotApplicable;
          reg.out.reason.kind = ReasonKind::NotApplicable;
        } else {
          reg.set = true;
          reg.out.verdict = Verdict::Undetermined;
          reg.out.reason.kind = ReasonKind::Unknown;
          reg.out.reason.value = c;
        }
        ip += bytecode::read_i32(op == Op::V_FILTER ? p + 4 : p);
        break;
      }
      case Op::V_UNDETERMINED: {
        const Value c = pop();
        const Truth t = c.as_truth();
        if (t == Truth::False) break;
        reg.set = true;
        reg.out.verdict = Verdict::Undetermined;
        if (t == Truth::True) {
          reg.out.reason.kind = ReasonKind::Custom;
          reg.out.reason.text = bytecode::read_u32(p);
        } else {
          reg.out.reason.kind = ReasonKind::Unknown;
          reg.out.reason.value = c;
        }
        ip += bytecode::read_i32(p + 4);
        break;
      }
      case Op::V_EXEMPT_FIRST: {
        const Value c = pop();
        const Truth t = c.as_truth();
        if (t == Truth::True) {
          reg.set = true;
          reg.out.verdict = Verdict::Compliant;
          reg.out.exempt = true;
          reg.out.reason.kind = ReasonKind::Custom;
          reg.out.reason.text = bytecode::read_u32(p);
          ip += bytecode::read_i32(p + 4);
        } else if (t == Truth::Unknown && !reg.exempt_unknown) {
          reg.exempt_unknown = true;
          reg.exempt_value = c;
        }
        break;
      }
      case Op::V_SUBJECT: reg.out.subject = pop(); break;
      case Op::V_REQUIRE:
      case Op::V_REQUIRE_DATE:
      case Op::V_REQUIRE_TIME: {
        Value deadline;
        if (op != Op::V_REQUIRE) deadline = pop();
        const Value c = pop();
        const Truth t = c.as_truth();
        Outcome& out = reg.out;
        reg.set = true;
        if (op == Op::V_REQUIRE_DATE && deadline.tag == Tag::Date) {
          out.deadline.kind = Deadline::Kind::Date;
          out.deadline.date = deadline.i32;
          out.deadline.strict = *p != 0;
        } else if (op == Op::V_REQUIRE_TIME && deadline.tag == Tag::Time) {
          out.deadline.kind = Deadline::Kind::Time;
          out.deadline.time = deadline.as_time();
          out.deadline.strict = *p != 0;
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
          const bool open = *p != 0 ? ctx.as_of < deadline.i32 : ctx.as_of <= deadline.i32;
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
        break;
      }
      case Op::V_EXEMPT_AFTER: {
        const Value c = pop();
        if (reg.out.verdict == Verdict::Compliant && reg.set) break;
        const Truth t = c.as_truth();
        if (t == Truth::True) {
          reg.out.verdict = Verdict::Compliant;
          reg.out.exempt = true;
          reg.out.reason.kind = ReasonKind::Custom;
          reg.out.reason.text = bytecode::read_u32(p);
        } else if (t == Truth::Unknown) {
          reg.out.verdict = Verdict::Undetermined;
          reg.out.reason.kind = ReasonKind::Unknown;
          reg.out.reason.value = c;
        }
        break;
      }
      case Op::V_OCCURRENCE: finish_occurrence(*st, bytecode::read_u16(p)); break;
      case Op::V_RESULT: {
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
      case Op::RETURN: return pop();
      case Op::RETURN_IF_PRESENT: {
        const Value v = pop();
        if (v.is_value()) return v;
        break;
      }
      case Op::Count_: return Value{};
    }
  }
}

}  // namespace frist::vm

// What verdicts a rule can produce (see possible_verdicts.hpp).
#include "cli/testing/possible_verdicts.hpp"

#include <map>

#include "runtime/vm/verdict.hpp"

namespace frist::cli {
namespace {

using compiler::ClauseKind;
using compiler::Expr;
using compiler::ExprKind;
using compiler::Op;

void scan_unknowns(const Expr& e, const model::Vocabulary& v, bool& can_unknown) {
  using compiler::TypeKind;
  switch (e.kind) {
    case ExprKind::Attr:
      if (e.slot == -1 || e.slot == -2) can_unknown = true;
      else if (e.args[0]->type.event_type >= 0) {
        const auto& attr = v.event_types()[static_cast<std::size_t>(e.args[0]->type.event_type)].attributes[static_cast<std::size_t>(e.slot)];
        if (!attr.default_value) can_unknown = true;
      }
      break;
    case ExprKind::CaseAttr:
      if (e.slot >= 0 && !v.case_attributes()[static_cast<std::size_t>(e.slot)].default_value) can_unknown = true;
      break;
    case ExprKind::Binary:
      if (e.args.size() == 2 && (e.args[0]->type.is(TypeKind::Time) || e.args[0]->type.is(TypeKind::Event)) &&
          (e.args[1]->type.is(TypeKind::Time) || e.args[1]->type.is(TypeKind::Event)))
        can_unknown = true;  // instants compared at the coarser precision
      break;
    case ExprKind::Within:
      if (e.args[1]->type.duration == compiler::DurationKind::Clock) can_unknown = true;
      break;
    default: break;
  }
  for (const auto& a : e.args)
    if (a) scan_unknowns(*a, v, can_unknown);
}


// The named values of a rule, by slot.
using Lets = std::map<std::int32_t, const Expr*>;

const Expr& through_lets(const Expr& e, const Lets& lets) {
  const Expr* p = &e;
  for (int guard = 0; guard < 64 && p->kind == ExprKind::NameRef; ++guard) {
    auto it = lets.find(p->slot);
    if (it == lets.end()) break;
    p = it->second;
  }
  return *p;
}

// The same value, computed the same way (named values looked through).
bool same_value(const Expr& a0, const Expr& b0, const Lets& lets) {
  if (a0.kind == ExprKind::NameRef && b0.kind == ExprKind::NameRef && a0.slot == b0.slot) return true;
  const Expr& a = through_lets(a0, lets);
  const Expr& b = through_lets(b0, lets);
  if (a.kind != b.kind || a.args.size() != b.args.size()) return false;
  switch (a.kind) {
    case ExprKind::NameRef: if (a.slot != b.slot) return false; break;
    case ExprKind::Binary:
    case ExprKind::Unary: if (a.op != b.op) return false; break;
    case ExprKind::Builtin: if (a.builtin != b.builtin) return false; break;
    case ExprKind::Attr:
    case ExprKind::CaseAttr: if (a.name != b.name) return false; break;
    case ExprKind::DurationLit: if (!(a.duration == b.duration)) return false; break;
    case ExprKind::DateLit: if (a.date != b.date) return false; break;
    case ExprKind::IntLit: if (a.int_value != b.int_value) return false; break;
    case ExprKind::Scaled: if (!(a.duration == b.duration)) return false; break;
    case ExprKind::AsOf: break;
    default: return false;  // anything else: not recognised as the same
  }
  for (std::size_t i = 0; i < a.args.size(); ++i)
    if (!a.args[i] || !b.args[i] || !same_value(*a.args[i], *b.args[i], lets)) return false;
  return true;
}

// `opgørelsesdato > D` (or `D < opgørelsesdato`) among the conjuncts of `c`.
bool requires_as_of_after(const Expr& c, const Expr& deadline, const Lets& lets) {
  if (c.kind != ExprKind::Binary) return false;
  if (c.op == Op::And) return requires_as_of_after(*c.args[0], deadline, lets) || requires_as_of_after(*c.args[1], deadline, lets);
  if (c.op == Op::Gt) return c.args[0]->kind == ExprKind::AsOf && same_value(*c.args[1], deadline, lets);
  if (c.op == Op::Lt) return c.args[1]->kind == ExprKind::AsOf && same_value(*c.args[0], deadline, lets);
  return false;
}

// A date deadline that an applicability condition requires to have passed.
bool deadline_always_passed(const compiler::CheckedRule& r) {
  if (!r.deadline || !r.deadline->expr || !r.deadline->expr->type.is(compiler::TypeKind::Date)) return false;
  Lets lets;
  for (const compiler::Clause& c : r.clauses) {
    if (c.kind == ClauseKind::Let && c.expr && c.slot >= 0) lets[c.slot] = c.expr.get();
    if (c.kind == ClauseKind::AppliesWhen && c.expr && requires_as_of_after(*c.expr, *r.deadline->expr, lets)) return true;
  }
  return false;
}

}  // namespace

std::uint8_t possible_verdicts(const compiler::CheckedRule& r, const model::Vocabulary& v) {
  std::uint8_t bits = 0;
  auto set = [&](vm::Verdict x) { bits |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(x)); };
  set(vm::Verdict::Compliant);
  set(vm::Verdict::Violated);
  bool can_unknown = false;
  for (const compiler::Clause& c : r.clauses) {
    if (c.kind == ClauseKind::AppliesWhen || c.kind == ClauseKind::ForEach ||
        c.kind == ClauseKind::ForEachPeriod)
      set(vm::Verdict::NotApplicable);
    if (c.kind == ClauseKind::UndeterminedWhen) set(vm::Verdict::Undetermined);
    for (const Expr* e : {c.expr.get(), c.where.get(), c.period_from.get(), c.period_until.get()})
      if (e) scan_unknowns(*e, v, can_unknown);
  }
  if (can_unknown) set(vm::Verdict::Undetermined);
  if (r.deadline && !deadline_always_passed(r)) set(vm::Verdict::Pending);
  return bits;
}

}  // namespace frist::cli

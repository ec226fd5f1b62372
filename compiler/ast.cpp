// Construction and deep copies of AST nodes (templates and functions are
// expanded by copying their bodies).
#include "compiler/ast.hpp"

namespace frist::compiler {

ExprPtr make_expr(ExprKind kind, Span span) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->span = span;
  return e;
}

ExprPtr Expr::clone() const {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->span = span;
  e->op = op;
  e->quant = quant;
  e->builtin = builtin;
  e->anchor_after = anchor_after;
  e->parenthesized = parenthesized;
  e->name = name;
  e->name_span = name_span;
  e->text = text;
  e->int_value = int_value;
  e->decimal_value = decimal_value;
  e->date = date;
  e->timestamp_text = timestamp_text;
  e->duration = duration;
  e->type_ref = type_ref;
  e->params = params;
  e->anchor_arg = anchor_arg;
  e->period_arg = period_arg;
  e->where_arg = where_arg;
  e->arg_names = arg_names;
  e->type = type;
  e->slot = slot;
  e->target = target;
  e->args.reserve(args.size());
  for (const auto& a : args) e->args.push_back(a ? a->clone() : nullptr);
  return e;
}

Clause Clause::clone() const {
  Clause c;
  c.kind = kind;
  c.span = span;
  c.text = text;
  c.text_span = text_span;
  c.verified = verified;
  c.name = name;
  c.name_span = name_span;
  c.expr = expr ? expr->clone() : nullptr;
  c.type_ref = type_ref;
  c.where = where ? where->clone() : nullptr;
  c.period_length = period_length ? period_length->clone() : nullptr;
  c.period_from = period_from ? period_from->clone() : nullptr;
  c.period_until = period_until ? period_until->clone() : nullptr;
  for (const auto& a : args) c.args.push_back(a ? a->clone() : nullptr);
  c.arg_names = arg_names;
  c.slot = slot;
  return c;
}

}  // namespace frist::compiler

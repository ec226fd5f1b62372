// Hygienic renaming and parameter substitution for templates and functions.
#include "compiler/expand.hpp"

#include <set>

namespace frist::compiler {

std::string display_name(const std::string& name) {
  const auto pos = name.find(kHygieneMark);
  return pos == std::string::npos ? name : name.substr(0, pos);
}

namespace {

void collect_introduced(const Expr& e, std::set<std::string>& out) {
  if (e.kind == ExprKind::Quantifier && !e.name.empty()) out.insert(e.name);
  if (e.kind == ExprKind::Lambda)
    for (const auto& p : e.params) out.insert(p);
  if (e.kind == ExprKind::Let) out.insert(e.name);
  for (const auto& a : e.args)
    if (a) collect_introduced(*a, out);
}

void collect_introduced(const Clause& c, std::set<std::string>& out) {
  if ((c.kind == ClauseKind::Let || c.kind == ClauseKind::ForEach || c.kind == ClauseKind::ForEachPeriod) &&
      !c.name.empty())
    out.insert(c.name);
  for (const Expr* e : {c.expr.get(), c.where.get(), c.period_length.get(), c.period_from.get(), c.period_until.get()})
    if (e) collect_introduced(*e, out);
  for (const auto& a : c.args)
    if (a) collect_introduced(*a, out);
}

void rename_in(Expr& e, const std::set<std::string>& names, const std::string& suffix) {
  auto fix = [&](std::string& n) {
    if (names.count(n)) n += std::string(1, kHygieneMark) + suffix;
  };
  if (e.kind == ExprKind::NameRef || e.kind == ExprKind::Let || (e.kind == ExprKind::Quantifier && !e.name.empty()) ||
      e.kind == ExprKind::Call)
    fix(e.name);
  if (e.kind == ExprKind::Lambda)
    for (auto& p : e.params) fix(p);
  for (auto& a : e.args)
    if (a) rename_in(*a, names, suffix);
}

void rename_in(Clause& c, const std::set<std::string>& names, const std::string& suffix) {
  if (c.kind == ClauseKind::Let || c.kind == ClauseKind::ForEach || c.kind == ClauseKind::ForEachPeriod) {
    if (names.count(c.name)) c.name += std::string(1, kHygieneMark) + suffix;
  }
  for (Expr* e : {c.expr.get(), c.where.get(), c.period_length.get(), c.period_from.get(), c.period_until.get()})
    if (e) rename_in(*e, names, suffix);
  for (auto& a : c.args)
    if (a) rename_in(*a, names, suffix);
}

}  // namespace

void rename_introduced(std::vector<Clause>& clauses, const std::string& suffix) {
  std::set<std::string> names;
  for (const Clause& c : clauses) collect_introduced(c, names);
  for (Clause& c : clauses) rename_in(c, names, suffix);
}

void rename_introduced(Expr& expr, const std::vector<std::string>& extra_names, const std::string& suffix) {
  std::set<std::string> names(extra_names.begin(), extra_names.end());
  collect_introduced(expr, names);
  rename_in(expr, names, suffix);
}

void substitute(ExprPtr& expr, const Substitution& s) {
  if (!expr) return;
  Expr& e = *expr;
  if (e.kind == ExprKind::NameRef) {
    if (auto it = s.values.find(e.name); it != s.values.end()) {
      expr = it->second->clone();
      return;
    }
  }
  if ((e.kind == ExprKind::Quantifier || e.kind == ExprKind::IsType) && !e.type_ref.any) {
    if (auto it = s.event_types.find(e.type_ref.name); it != s.event_types.end()) e.type_ref.name = it->second;
  }
  for (auto& a : e.args) substitute(a, s);
  if (e.kind == ExprKind::Call) {
    if (auto it = s.conditions.find(e.name); it != s.conditions.end()) {
      const Expr& lambda = *it->second;
      if (lambda.kind == ExprKind::Lambda && lambda.params.size() == e.args.size() && !lambda.args.empty()) {
        Substitution inner;
        for (std::size_t i = 0; i < lambda.params.size(); ++i) inner.values[lambda.params[i]] = e.args[i].get();
        ExprPtr body = lambda.args[0]->clone();
        substitute(body, inner);
        expr = std::move(body);
      }
      // A wrong number of arguments is left as a Call for the checker to report.
    }
  }
}

void substitute(Clause& c, const Substitution& s) {
  substitute(c.expr, s);
  substitute(c.where, s);
  substitute(c.period_length, s);
  substitute(c.period_from, s);
  substitute(c.period_until, s);
  for (auto& a : c.args) substitute(a, s);
  if (c.kind == ClauseKind::ForEach && !c.type_ref.any) {
    if (auto it = s.event_types.find(c.type_ref.name); it != s.event_types.end()) c.type_ref.name = it->second;
  }
}

std::size_t node_count(const Expr& e) {
  std::size_t n = 1;
  for (const auto& a : e.args)
    if (a) n += node_count(*a);
  return n;
}

std::size_t node_count(const Clause& c) {
  std::size_t n = 1;
  for (const Expr* e : {c.expr.get(), c.where.get(), c.period_length.get(), c.period_from.get(), c.period_until.get()})
    if (e) n += node_count(*e);
  for (const auto& a : c.args)
    if (a) n += node_count(*a);
  return n;
}

}  // namespace frist::compiler

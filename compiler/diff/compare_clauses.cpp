// What a rule decides differently: its clauses compared kind by kind
// (applicability, undetermined-when, exemptions, for-each, the
// requirement), with the requirement's deadline and subject ("end event")
// described in the words of the domain when that is all that changed.
#include <fmt/format.h>

#include "compiler/diff/compare.hpp"
#include "compiler/diff/describe.hpp"
#include "compiler/diff/sentences.hpp"

namespace frist::compiler::diff {

using grammar::Kw;
using grammar::Lang;

namespace {

const char* kind_key(ClauseKind k) {
  switch (k) {
    case ClauseKind::AppliesWhen: return "applies_when";
    case ClauseKind::UndeterminedWhen: return "undetermined_when";
    case ClauseKind::ExemptWhen: return "exempt_when";
    case ClauseKind::Require: return "requirement";
    case ClauseKind::ForEach:
    case ClauseKind::ForEachPeriod: return "for_each";
    default: return "clause";
  }
}

std::string label_of(ClauseKind k, Lang lang) {
  switch (k) {
    case ClauseKind::AppliesWhen: return kw_text(Kw::AppliesWhen, lang);
    case ClauseKind::UndeterminedWhen: return kw_text(Kw::UndeterminedWhen, lang);
    case ClauseKind::ExemptWhen: return kw_text(Kw::ExemptWhen, lang);
    case ClauseKind::Require: return words(lang).requirement;
    default: return kw_text(Kw::ForEach, lang);
  }
}

// The clause as a reviewer reads it (without its keyword).
std::string clause_text(const CanonicalClause& c, Lang lang) {
  std::string out;
  if (c.kind == ClauseKind::ForEach) {
    out = c.event_type.empty() ? kw_text(Kw::AnyEvent, lang) : name_text(c.event_type);
    if (!c.binder.empty()) out += " " + c.binder;
    if (c.expr) out += " " + kw_text(Kw::Where, lang) + " " + render(*c.expr, lang);
    return out;
  }
  if (c.kind == ClauseKind::ForEachPeriod) {
    return fmt::format("{} {} {} {} {} {} {} {}", kw_text(Kw::Period, lang), c.binder, kw_text(Kw::Of, lang),
                       render(*c.length, lang), kw_text(Kw::From, lang), render(*c.from, lang),
                       kw_text(Kw::Until, lang), render(*c.until, lang));
  }
  out = c.expr ? render(*c.expr, lang) : std::string();
  if (!c.reason.empty()) out += " " + kw_text(Kw::Because, lang) + " " + quote(c.reason);
  return out;
}

// What identifies a clause apart from its reason and placement.
std::string expression_key(const CanonicalClause& c) {
  std::string k = std::to_string(static_cast<int>(c.kind)) + " " + c.event_type;
  for (const NodePtr& p : {c.expr, c.length, c.from, c.until}) k += " " + (p ? p->key : std::string("-"));
  return k;
}

std::string placement(const CanonicalClause& c, Lang lang) {
  const Words& w = words(lang);
  std::string out = c.in_for_each ? w.per_occurrence : w.whole_case;
  if (c.kind == ClauseKind::ExemptWhen) out += std::string(", ") + (c.after_require ? w.after_require : w.before_require);
  return out;
}

// Two `for hver` clauses of the same kind: what they range over, part by part.
void compare_for_each(const CanonicalClause& x, const CanonicalClause& y, Lang lang, std::vector<Change>& out) {
  const std::string label = kw_text(Kw::ForEach, lang);
  if (x.kind == ClauseKind::ForEachPeriod) {
    const std::pair<Kw, const NodePtr CanonicalClause::*> parts[] = {
        {Kw::Of, &CanonicalClause::length}, {Kw::From, &CanonicalClause::from}, {Kw::Until, &CanonicalClause::until}};
    for (const auto& [word, part] : parts) {
      const Node& a = *(x.*part);
      const Node& b = *(y.*part);
      if (a.key == b.key) continue;
      out.push_back(expression_change("for_each", label + " " + kw_text(Kw::Period, lang) + " … " + kw_text(word, lang), a, b, lang));
    }
    return;
  }
  if (x.event_type != y.event_type || !x.expr || !y.expr) {
    out.push_back(changed_change("for_each", label, clause_text(x, lang), clause_text(y, lang), lang));
    return;
  }
  const std::string what = label + " " + (y.event_type.empty() ? kw_text(Kw::AnyEvent, lang) : name_text(y.event_type)) +
                           " " + kw_text(Kw::Where, lang);
  out.push_back(expression_change("for_each", what, *x.expr, *y.expr, lang));
}

// Clauses of one kind on both sides: identical ones first, then the same
// expression with another reason or place, then the rest pairwise in
// order; what is left over was added or removed.
void compare_kind(ClauseKind kind, const std::vector<const CanonicalClause*>& a,
                  const std::vector<const CanonicalClause*>& b, Lang lang, std::vector<Change>& out) {
  const std::string key = kind_key(kind);
  const std::string label = label_of(kind, lang);
  const Words& w = words(lang);
  std::vector<bool> used_a(a.size()), used_b(b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!used_b[j] && a[i]->key == b[j]->key) {
        used_a[i] = used_b[j] = true;
        break;
      }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (used_a[i]) continue;
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (used_b[j] || expression_key(*a[i]) != expression_key(*b[j])) continue;
      used_a[i] = used_b[j] = true;
      const std::string what = b[j]->expr ? render(*b[j]->expr, lang) : clause_text(*b[j], lang);
      if (a[i]->reason != b[j]->reason) {
        Change c = changed_change(key, label, quote(a[i]->reason), quote(b[j]->reason), lang);
        c.kind = key + "_reason";
        c.text = fmt::format(fmt::runtime(w.reason_changed), label, what, quote(a[i]->reason), quote(b[j]->reason));
        out.push_back(std::move(c));
      }
      if (a[i]->in_for_each != b[j]->in_for_each || a[i]->after_require != b[j]->after_require) {
        Change c = changed_change(key, label, placement(*a[i], lang), placement(*b[j], lang), lang);
        c.kind = key + "_placement";
        c.text = fmt::format(fmt::runtime(w.placement), label, what, c.old_text, c.new_text);
        out.push_back(std::move(c));
      }
      break;
    }
  }
  std::vector<const CanonicalClause*> ra, rb;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!used_a[i]) ra.push_back(a[i]);
  for (std::size_t j = 0; j < b.size(); ++j)
    if (!used_b[j]) rb.push_back(b[j]);
  const std::size_t pairs = std::min(ra.size(), rb.size());
  for (std::size_t k = 0; k < pairs; ++k) {
    const CanonicalClause& x = *ra[k];
    const CanonicalClause& y = *rb[k];
    if (x.kind == y.kind && (x.kind == ClauseKind::ForEach || x.kind == ClauseKind::ForEachPeriod)) {
      compare_for_each(x, y, lang, out);
    } else if (x.expr && y.expr && x.kind == y.kind) {
      Change c = expression_change(key, label, *x.expr, *y.expr, lang);
      if (x.reason != y.reason) {
        c.text += fmt::format(" ({} {} → {})", kw_text(Kw::Because, lang), quote(x.reason), quote(y.reason));
      }
      out.push_back(std::move(c));
    } else {
      out.push_back(changed_change(key, label, clause_text(x, lang), clause_text(y, lang), lang));
    }
  }
  for (std::size_t k = pairs; k < ra.size(); ++k) out.push_back(removed_change(key, label, clause_text(*ra[k], lang), lang));
  for (std::size_t k = pairs; k < rb.size(); ++k) out.push_back(added_change(key, label, clause_text(*rb[k], lang), lang));
}

// --- the requirement -------------------------------------------------------

// A requirement with an explicit deadline, taken apart: what must happen
// (subject), the deadline, and for `X + N unit` / `within N unit after X`
// its base X and duration; `skeleton` is the requirement with those parts
// replaced by holes (equal skeletons: only those parts changed).
struct Shape {
  bool ok = false;
  NodePtr subject, deadline, base, duration, skeleton;
};

bool is_duration(const Node& n) {
  return n.kind == NodeKind::Scaled || (n.kind == NodeKind::Literal && n.expr && n.expr->kind == ExprKind::DurationLit);
}

bool is_comparison(const Node& n) {
  return n.kind == NodeKind::Binary && n.expr && (n.expr->op == Op::Le || n.expr->op == Op::Lt) && n.kids.size() == 2;
}

// `x` or `dato(x)` where x is the binder of level `level` (as the checker
// finds the deadline of `findes T t hvor … t senest D`).
bool is_binder_ref(const Node& n, std::int32_t level) {
  if (n.kind == NodeKind::Ref) return n.level == level;
  return n.kind == NodeKind::Builtin && n.expr && n.expr->builtin == Builtin::Date && n.kids.size() == 1 &&
         n.kids[0]->kind == NodeKind::Ref && n.kids[0]->level == level;
}

void split_deadline(Shape& s, const NodePtr& d) {
  s.deadline = d;
  if (d->kind == NodeKind::Binary && d->expr && d->expr->op == Op::Add && d->kids.size() == 2 && is_duration(*d->kids[1])) {
    s.base = d->kids[0];
    s.duration = d->kids[1];
  }
}

// Conjuncts of an `og` chain with their paths from `n`.
void conjuncts(const NodePtr& n, std::vector<std::size_t> path, std::vector<std::pair<NodePtr, std::vector<std::size_t>>>& out) {
  if (n->kind == NodeKind::Binary && n->expr && n->expr->op == Op::And) {
    for (std::size_t i = 0; i < 2; ++i) {
      auto p = path;
      p.push_back(i);
      conjuncts(n->kids[i], p, out);
    }
    return;
  }
  out.emplace_back(n, std::move(path));
}

Shape shape_of(const CanonicalClause& req, bool has_deadline) {
  Shape s;
  const NodePtr& r = req.expr;
  if (!has_deadline || !r) return s;
  if (is_comparison(*r)) {
    s.subject = r->kids[0];
    split_deadline(s, r->kids[1]);
    s.skeleton = replace_at(replace_at(r, {0}, hole("subject")), {1}, hole("deadline"));
    s.ok = true;
  } else if (r->kind == NodeKind::Within) {
    s.subject = r->kids[0];
    s.duration = r->kids[1];
    s.base = r->kids[2];
    s.skeleton = replace_at(replace_at(replace_at(r, {0}, hole("subject")), {1}, hole("duration")), {2},
                            hole("base"));
    s.ok = true;
  } else if (r->kind == NodeKind::Quantifier && r->expr && r->expr->quant == QuantKind::Exists && r->where >= 0) {
    std::vector<std::pair<NodePtr, std::vector<std::size_t>>> parts;
    conjuncts(r->kids[static_cast<std::size_t>(r->where)], {static_cast<std::size_t>(r->where)}, parts);
    for (const auto& [c, path] : parts) {
      if (is_comparison(*c) && is_binder_ref(*c->kids[0], r->level)) {
        split_deadline(s, c->kids[1]);
        auto p = path;
        p.push_back(1);
        s.skeleton = replace_at(r, p, hole("deadline"));
        s.ok = true;
        break;
      }
      if (c->kind == NodeKind::Within && is_binder_ref(*c->kids[0], r->level)) {
        s.duration = c->kids[1];
        s.base = c->kids[2];
        auto p1 = path, p2 = path;
        p1.push_back(1);
        p2.push_back(2);
        s.skeleton = replace_at(replace_at(r, p1, hole("duration")), p2, hole("base"));
        s.ok = true;
        break;
      }
    }
  }
  return s;
}

std::string short_or_full(const Node& n, Lang lang) { return render(n, lang, Style::Short); }

std::string deadline_text(const Shape& s, Lang lang) {
  if (s.deadline) return render(*s.deadline, lang);
  return render(*s.duration, lang) + " " + kw_text(Kw::After, lang) + " " + render(*s.base, lang);
}

void compare_requirements(const CanonicalClause& a, bool a_deadline, const CanonicalClause& b, bool b_deadline,
                          Lang lang, std::vector<Change>& out) {
  if (a.key == b.key) return;
  const Words& w = words(lang);
  const Shape sa = shape_of(a, a_deadline), sb = shape_of(b, b_deadline);
  if (!(sa.ok && sb.ok && sa.skeleton->key == sb.skeleton->key)) {
    compare_kind(ClauseKind::Require, {&a}, {&b}, lang, out);
    if (a_deadline != b_deadline) {
      Change c;
      c.kind = "deadline";
      c.action = a_deadline ? "removed" : "added";
      c.text = a_deadline ? w.deadline_gone : w.deadline_new;
      out.push_back(std::move(c));
    }
    return;
  }
  if (sa.subject && sb.subject && sa.subject->key != sb.subject->key) {
    std::string x = short_or_full(*sa.subject, lang), y = short_or_full(*sb.subject, lang);
    if (x == y) {
      out.push_back(expression_change("end_event", w.end_event, *sa.subject, *sb.subject, lang));
    } else {
      out.push_back(changed_change("end_event", w.end_event, std::move(x), std::move(y), lang));
    }
  }
  if (sa.base && sb.base && sa.duration && sb.duration) {
    const bool base_differs = sa.base->key != sb.base->key;
    const bool amount_differs = sa.duration->key != sb.duration->key;
    if (amount_differs && !base_differs) {
      Change c = changed_change("deadline", w.deadline, render(*sa.duration, lang), render(*sb.duration, lang), lang);
      c.text = fmt::format(fmt::runtime(w.deadline_amount), c.old_text, c.new_text);
      out.push_back(std::move(c));
    } else if (base_differs && !amount_differs) {
      std::string x = short_or_full(*sa.base, lang), y = short_or_full(*sb.base, lang);
      if (x == y) out.push_back(expression_change("deadline_start", w.deadline_start, *sa.base, *sb.base, lang));
      else out.push_back(changed_change("deadline_start", w.deadline_start, std::move(x), std::move(y), lang));
    } else if (base_differs && amount_differs) {
      out.push_back(changed_change("deadline", w.deadline, deadline_text(sa, lang), deadline_text(sb, lang), lang));
    }
  } else if (sa.deadline && sb.deadline && sa.deadline->key != sb.deadline->key) {
    out.push_back(expression_change("deadline", w.deadline, *sa.deadline, *sb.deadline, lang));
  }
}

std::vector<const CanonicalClause*> of_kind(const CanonicalRule& r, ClauseKind k) {
  std::vector<const CanonicalClause*> out;
  for (const CanonicalClause& c : r.clauses) {
    const bool for_each = k == ClauseKind::ForEach && c.kind == ClauseKind::ForEachPeriod;
    if (c.kind == k || for_each) out.push_back(&c);
  }
  return out;
}

}  // namespace

std::vector<Change> compare_rule_bodies(const CanonicalRule& a, const CanonicalRule& b, Lang lang) {
  std::vector<Change> out;
  if (a.body_key == b.body_key) return out;
  compare_kind(ClauseKind::ForEach, of_kind(a, ClauseKind::ForEach), of_kind(b, ClauseKind::ForEach), lang, out);
  compare_kind(ClauseKind::AppliesWhen, of_kind(a, ClauseKind::AppliesWhen), of_kind(b, ClauseKind::AppliesWhen), lang, out);
  compare_kind(ClauseKind::UndeterminedWhen, of_kind(a, ClauseKind::UndeterminedWhen),
               of_kind(b, ClauseKind::UndeterminedWhen), lang, out);
  compare_kind(ClauseKind::ExemptWhen, of_kind(a, ClauseKind::ExemptWhen), of_kind(b, ClauseKind::ExemptWhen), lang, out);
  const auto ra = of_kind(a, ClauseKind::Require), rb = of_kind(b, ClauseKind::Require);
  if (ra.size() == 1 && rb.size() == 1) {
    compare_requirements(*ra[0], a.has_deadline, *rb[0], b.has_deadline, lang, out);
  } else {
    compare_kind(ClauseKind::Require, ra, rb, lang, out);
  }
  if (out.empty()) {
    Change c;
    c.kind = "clause_order";
    c.action = "changed";
    c.text = words(lang).clause_order;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace frist::compiler::diff

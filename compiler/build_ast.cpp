// Parse tree → AST for one source file: literals are decoded and checked
// (escapes, impossible dates, number range, time units), operators folded
// left-associatively, and syntax errors become diagnostics — a word from the
// other keyword language is named as such ("'rule' is English …").
#include "compiler/build_ast.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

#include "grammar/parse.hpp"
#include "runtime/time/civil.hpp"

namespace frist::compiler {
namespace {

using grammar::Kw;
using grammar::NodeKind;
using grammar::PNode;

constexpr std::size_t kMaxSourceBytes = 16u << 20;  // tests/limits: a ruleset file larger than this is refused
constexpr std::size_t kMaxNameChars = 200;
// tests/limits: the AST of one expression is at most this many levels deep.
// The grammar limits brackets to grammar::kMaxExpressionNesting levels, but
// an operator chain (`a + b + c …`, `a og b og …`, `x.a.b.c …`) nests one
// AST level per operator without brackets, and the passes after this one
// (checker, lowering, the destructor) recurse once per level.
constexpr std::size_t kMaxExpressionDepth = 1000;

// The depth of an expression tree, measured without recursion.
std::size_t expression_depth(const Expr& root) {
  std::size_t deepest = 0;
  std::vector<std::pair<const Expr*, std::size_t>> pending{{&root, 1}};
  while (!pending.empty()) {
    const auto [e, depth] = pending.back();
    pending.pop_back();
    deepest = std::max(deepest, depth);
    for (const ExprPtr& a : e->args)
      if (a) pending.emplace_back(a.get(), depth + 1);
  }
  return deepest;
}

// Frees an expression tree of any depth without recursion.
void free_expression(ExprPtr root) {
  std::vector<ExprPtr> pending;
  pending.push_back(std::move(root));
  while (!pending.empty()) {
    ExprPtr e = std::move(pending.back());
    pending.pop_back();
    if (!e) continue;
    for (ExprPtr& a : e->args) pending.push_back(std::move(a));
  }
}

class Builder {
 public:
  Builder(const SourcePtr& file, Lang lang, DiagnosticSink& sink) : file_(file), src_(file->text()), lang_(lang), sink_(sink) {}

  Span span(const PNode& n) const { return Span{file_.get(), n.begin, n.end}; }
  std::string text(const PNode& n) const { return std::string(n.text(src_)); }

  static bool is_keyword(const PNode& n) { return n.kind == NodeKind::Keyword; }

  // Children that are not keywords (the operands of a construct).
  static std::vector<const PNode*> operands(const PNode& n) {
    std::vector<const PNode*> out;
    for (const auto& c : n.children)
      if (!is_keyword(*c)) out.push_back(c.get());
    return out;
  }

  std::string name_text(const PNode& n) {
    std::string s = text(n);
    if (count_code_points(s) > kMaxNameChars) {
      sink_.report(DiagId::NameTooLong, span(n), count_code_points(s), kMaxNameChars);
    }
    return s;
  }

  // A Name/RawName token or a quoted String used as a name.
  std::string name_or_string(const PNode& n) { return n.kind == NodeKind::String ? string_value(n) : name_text(n); }

  std::string string_value(const PNode& n) {
    const std::string_view raw = n.text(src_);
    std::string out;
    out.reserve(raw.size());
    // Strip the quotes; the grammar guarantees them and valid escapes.
    for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 2 < raw.size()) {
        const char e = raw[++i];
        out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else {
        out.push_back(raw[i]);
      }
    }
    return out;
  }

  time::Days date_value(const PNode& n) {
    const std::string s = text(n);
    if (auto d = time::parse_date(s)) return *d;
    sink_.report(DiagId::ImpossibleDate, span(n), s);
    return 0;
  }

  // --- literals -----------------------------------------------------------

  // The grammar guarantees the shape YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm];
  // here the values: a real date, hours 00–23, minutes and seconds 00–59.
  void check_date_time(const PNode& n) {
    const std::string t = text(n);
    auto two = [&](std::size_t at) { return (t[at] - '0') * 10 + (t[at + 1] - '0'); };
    const char* problem = nullptr;
    if (!time::parse_date(t.substr(0, 10))) {
      problem = lang_ == Lang::Da ? "datoen findes ikke" : "the date does not exist";
    } else if (two(11) > 23 || two(14) > 59 || (t.size() > 16 && t[16] == ':' && two(17) > 59)) {
      problem = lang_ == Lang::Da ? "timer skal være 00–23, minutter og sekunder 00–59" : "hours must be 00–23, minutes and seconds 00–59";
    } else {
      const std::size_t sign = t.find_first_of("+-", 16);
      if (sign != std::string::npos && (two(sign + 1) > 23 || two(sign + 4) > 59)) {
        problem = lang_ == Lang::Da ? "tidszonen skal være mellem -23:59 og +23:59" : "the UTC offset must lie between -23:59 and +23:59";
      }
    }
    if (problem != nullptr) sink_.report(DiagId::BadTimestamp, span(n), t, problem);
  }

  ExprPtr number(const PNode& n, bool negative = false) {
    const std::string s = (negative ? "-" : "") + text(n);
    if (s.find('.') == std::string::npos) {
      std::int64_t v = 0;
      const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      auto e = make_expr(ExprKind::IntLit, span(n));
      if (ec != std::errc() || ptr != s.data() + s.size()) sink_.report(DiagId::NumberRange, span(n), s);
      e->int_value = v;
      return e;
    }
    auto e = make_expr(ExprKind::DecimalLit, span(n));
    e->decimal_value = std::strtod(s.c_str(), nullptr);
    if (!std::isfinite(e->decimal_value)) sink_.report(DiagId::NumberRange, span(n), s);
    return e;
  }

  // Duration from an amount and a unit keyword.
  static model::Duration duration_of(Kw unit, std::int64_t amount) {
    model::Duration d;
    const auto n32 = static_cast<std::int32_t>(amount);
    switch (unit) {
      case Kw::UnitYear: case Kw::UnitYears: d.kind = model::Duration::Kind::Calendar; d.months = n32 * 12; break;
      case Kw::UnitMonth: case Kw::UnitMonths: d.kind = model::Duration::Kind::Calendar; d.months = n32; break;
      case Kw::UnitWeek: case Kw::UnitWeeks: d.kind = model::Duration::Kind::Calendar; d.days = n32 * 7; break;
      case Kw::UnitDay: case Kw::UnitDays: d.kind = model::Duration::Kind::Calendar; d.days = n32; break;
      case Kw::UnitWorkday: case Kw::UnitWorkdays: d.kind = model::Duration::Kind::Workdays; d.days = n32; break;
      case Kw::UnitHour: case Kw::UnitHours: d.kind = model::Duration::Kind::Clock; d.micros = amount * 3'600'000'000LL; break;
      case Kw::UnitMinute: case Kw::UnitMinutes: d.kind = model::Duration::Kind::Clock; d.micros = amount * 60'000'000LL; break;
      default: d.kind = model::Duration::Kind::Clock; d.micros = amount * 1'000'000LL; break;
    }
    return d;
  }

  void report_bad_unit(const PNode& unit) {
    const std::string word = text(unit);
    Diagnostic& d = sink_.report(DiagId::UnknownUnit, span(unit), word);
    std::vector<std::string> units;
    for (Kw k : {Kw::UnitYear, Kw::UnitYears, Kw::UnitMonth, Kw::UnitMonths, Kw::UnitWeek, Kw::UnitWeeks, Kw::UnitDay,
                 Kw::UnitDays, Kw::UnitWorkday, Kw::UnitWorkdays, Kw::UnitHour, Kw::UnitHours, Kw::UnitMinute,
                 Kw::UnitMinutes, Kw::UnitSecond, Kw::UnitSeconds})
      units.emplace_back(grammar::spelling(k, lang_));
    const std::string best = closest_match(word, units);
    if (!best.empty()) d.help = sink_.did_you_mean(file_.get(), best);
  }

  ExprPtr duration_literal(const PNode& n) {
    const PNode& amount = *n.children.at(0);
    const PNode& unit = *n.children.at(1);
    auto e = make_expr(ExprKind::DurationLit, span(n));
    std::int64_t value = 0;
    const std::string digits = text(amount);
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || value > 1'000'000) {
      sink_.report(DiagId::NumberRange, span(amount), digits);
    }
    if (unit.kind == NodeKind::BadUnit) {
      report_bad_unit(unit);
      e->kind = ExprKind::BadUnit;
      return e;
    }
    e->duration = duration_of(unit.kw, value);
    return e;
  }

  ExprPtr literal(const PNode& n) {
    switch (n.kind) {
      case NodeKind::Number: return number(n);
      case NodeKind::Negate: return number(*n.children.at(0), true);
      case NodeKind::String: {
        auto e = make_expr(ExprKind::TextLit, span(n));
        e->text = string_value(n);
        return e;
      }
      case NodeKind::TrueLit:
      case NodeKind::FalseLit: {
        auto e = make_expr(ExprKind::BoolLit, span(n));
        e->int_value = n.kind == NodeKind::TrueLit;
        return e;
      }
      case NodeKind::DateLit: {
        auto e = make_expr(ExprKind::DateLit, span(n));
        e->date = date_value(n);
        return e;
      }
      case NodeKind::DateTimeLit: {
        auto e = make_expr(ExprKind::TimeLit, span(n));
        e->timestamp_text = text(n);
        check_date_time(n);
        return e;
      }
      case NodeKind::DurationLit: return duration_literal(n);
      default: return nullptr;
    }
  }

  // --- expressions --------------------------------------------------------

  ExprPtr binary(Op op, ExprPtr a, ExprPtr b, Span s) {
    auto e = make_expr(ExprKind::Binary, s);
    e->op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }

  Op compare_op(const PNode& op) {
    if (!op.children.empty()) {
      switch (op.children.front()->kw) {
        case Kw::Before: return Op::Lt;
        case Kw::After: return Op::Gt;
        case Kw::OnOrBefore: return Op::Le;
        case Kw::OnOrAfter: return Op::Ge;
        default: return Op::Eq;
      }
    }
    const std::string t = text(op);
    if (t == "<=" || t == "\u2264") return Op::Le;
    if (t == ">=" || t == "\u2265") return Op::Ge;
    if (t == "!=" || t == "\u2260") return Op::Ne;
    if (t == "<") return Op::Lt;
    if (t == ">") return Op::Gt;
    return Op::Eq;
  }

  // One expression; at the outermost level its depth is checked (see
  // kMaxExpressionDepth), and a tree too deep is reported and replaced.
  ExprPtr expr(const PNode& n) {
    ++expr_level_;
    ExprPtr e = expr_node(n);
    --expr_level_;
    if (expr_level_ != 0 || !e) return e;
    if (const std::size_t depth = expression_depth(*e); depth > kMaxExpressionDepth) {
      free_expression(std::move(e));
      Diagnostic& d = sink_.report(DiagId::Syntax, span(n), std::string(grammar::expect_message(grammar::Expect::Nesting, lang_)));
      d.help = lang_ == Lang::Da
                   ? fmt::format("udtrykket er {} niveauer dybt; grænsen er {} (hver operator i en kæde som a + b + c tæller "
                                 "som et niveau); del det op med 'lad'",
                                 depth, kMaxExpressionDepth)
                   : fmt::format("the expression is {} levels deep; the limit is {} (each operator of a chain such as "
                                 "a + b + c counts as one level); split it with 'let'",
                                 depth, kMaxExpressionDepth);
      return make_expr(ExprKind::NoneLit, span(n));
    }
    return e;
  }

  ExprPtr expr_node(const PNode& n) {
    const Span s = span(n);
    switch (n.kind) {
      case NodeKind::IfExpr: {
        auto ops = operands(n);
        auto e = make_expr(ExprKind::If, s);
        for (const PNode* o : ops) e->args.push_back(expr(*o));
        return e;
      }
      case NodeKind::OrExpr:
      case NodeKind::AndExpr: {
        auto ops = operands(n);
        ExprPtr acc = expr(*ops.at(0));
        for (std::size_t i = 1; i < ops.size(); ++i) {
          acc = binary(n.kind == NodeKind::OrExpr ? Op::Or : Op::And, std::move(acc), expr(*ops[i]),
                       Span{file_.get(), n.begin, ops[i]->end});
        }
        return acc;
      }
      case NodeKind::NotExpr: {
        auto e = make_expr(ExprKind::Unary, s);
        e->op = Op::Not;
        e->args.push_back(expr(*operands(n).at(0)));
        return e;
      }
      case NodeKind::CmpExpr: return comparison(n);
      case NodeKind::AddExpr:
      case NodeKind::MulExpr: {
        ExprPtr acc = expr(*n.children.at(0));
        for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
          const PNode& op = *n.children[i];
          Op o = Op::Add;
          if (n.kind == NodeKind::AddExpr) {
            o = text(op) == "+" ? Op::Add : Op::Sub;
          } else if (!op.children.empty()) {
            o = op.children.front()->kw == Kw::Div ? Op::IntDiv : Op::Mod;
          } else {
            o = text(op) == "*" ? Op::Mul : Op::Div;
          }
          acc = binary(o, std::move(acc), expr(*n.children[i + 1]), Span{file_.get(), n.begin, n.children[i + 1]->end});
        }
        return acc;
      }
      case NodeKind::Scaled: {
        auto e = make_expr(ExprKind::Scaled, s);
        e->args.push_back(expr(*n.children.at(0)));
        e->duration = duration_of(n.children.at(1)->kw, 1);
        return e;
      }
      case NodeKind::Negate: {
        if (n.children.size() == 1 && n.children[0]->kind == NodeKind::Number) return number(*n.children[0], true);
        auto e = make_expr(ExprKind::Unary, s);
        e->op = Op::Neg;
        e->args.push_back(expr(*n.children.at(0)));
        return e;
      }
      case NodeKind::Postfix: {
        const PNode& base = *n.children.at(0);
        ExprPtr acc;
        std::size_t i = 1;
        if (base.kind == NodeKind::CaseRef) {
          acc = make_expr(ExprKind::CaseAttr, Span{file_.get(), n.begin, n.children.at(1)->end});
          const PNode& a = *n.children.at(1)->children.at(0);
          acc->name = name_or_string(a);
          acc->name_span = span(a);
          i = 2;
        } else {
          acc = expr(base);
        }
        for (; i < n.children.size(); ++i) {
          const PNode& a = *n.children[i]->children.at(0);
          auto e = make_expr(ExprKind::Attr, Span{file_.get(), n.begin, n.children[i]->end});
          e->name = name_or_string(a);
          e->name_span = span(a);
          e->args.push_back(std::move(acc));
          acc = std::move(e);
        }
        return acc;
      }
      case NodeKind::Paren: {
        ExprPtr inner = expr(*n.children.at(0));
        inner->parenthesized = true;
        return inner;
      }
      case NodeKind::CaseRef: {
        // `sag` alone is not a value; the checker explains.
        auto e = make_expr(ExprKind::CaseAttr, s);
        return e;
      }
      case NodeKind::AsOfRef: return make_expr(ExprKind::AsOf, s);
      case NodeKind::NoneLit: return make_expr(ExprKind::NoneLit, s);
      case NodeKind::NameRef: {
        auto e = make_expr(ExprKind::NameRef, s);
        e->name = name_text(n);
        e->name_span = s;
        return e;
      }
      case NodeKind::Call: {
        auto e = make_expr(ExprKind::Call, s);
        e->name = name_text(*n.children.at(0));
        e->name_span = span(*n.children.at(0));
        add_args(n, 1, e->args, e->arg_names);
        return e;
      }
      case NodeKind::BuiltinCall: {
        auto e = make_expr(ExprKind::Builtin, s);
        e->name_span = span(*n.children.at(0));
        e->name = text(*n.children.at(0));
        switch (n.children.at(0)->kw) {
          case Kw::FnDate: e->builtin = Builtin::Date; break;
          case Kw::FnYear: e->builtin = Builtin::Year; break;
          case Kw::FnMonth: e->builtin = Builtin::Month; break;
          case Kw::FnDay: e->builtin = Builtin::Day; break;
          case Kw::FnWeekday: e->builtin = Builtin::Weekday; break;
          case Kw::FnAge: e->builtin = Builtin::Age; break;
          case Kw::FnEarliest: e->builtin = Builtin::Earliest; break;
          default: e->builtin = Builtin::Latest; break;
        }
        add_args(n, 1, e->args, e->arg_names);
        return e;
      }
      case NodeKind::Lambda: {
        auto e = make_expr(ExprKind::Lambda, s);
        for (const auto& c : n.children) {
          if (c->kind == NodeKind::Binder) e->params.push_back(text(*c));
        }
        e->args.push_back(expr(*n.children.back()));
        return e;
      }
      case NodeKind::Quantifier: return quantifier(n);
      default: {
        if (ExprPtr lit = literal(n)) return lit;
        // Not an expression node: should not happen with the grammar.
        auto e = make_expr(ExprKind::NoneLit, s);
        return e;
      }
    }
  }

  void add_args(const PNode& n, std::size_t from, std::vector<ExprPtr>& args, std::vector<std::string>& names) {
    for (std::size_t i = from; i < n.children.size(); ++i) {
      const PNode& a = *n.children[i];
      if (a.kind != NodeKind::Arg) continue;
      const PNode& inner = *a.children.at(0);
      if (inner.kind == NodeKind::NamedArg) {
        names.push_back(text(*inner.children.at(0)));
        args.push_back(expr(*inner.children.at(1)));
      } else {
        names.emplace_back();
        args.push_back(expr(inner));
      }
    }
  }

  ExprPtr comparison(const PNode& n) {
    ExprPtr lhs = expr(*n.children.at(0));
    const PNode& tail = *n.children.at(1);
    const Span s = span(n);
    auto ops = operands(tail);
    switch (tail.kind) {
      case NodeKind::Compare: {
        auto e = binary(compare_op(*tail.children.at(0)), std::move(lhs), expr(*tail.children.at(1)), s);
        return e;
      }
      case NodeKind::BetweenExpr: {
        auto e = make_expr(ExprKind::Between, s);
        e->args.push_back(std::move(lhs));
        e->args.push_back(expr(*ops.at(0)));
        e->args.push_back(expr(*ops.at(1)));
        return e;
      }
      case NodeKind::WithinExpr: {
        auto e = make_expr(ExprKind::Within, s);
        e->args.push_back(std::move(lhs));
        e->args.push_back(expr(*ops.at(0)));
        e->args.push_back(expr(*ops.at(1)));
        return e;
      }
      case NodeKind::StartsWithExpr: {
        auto e = binary(Op::StartsWith, std::move(lhs), expr(*ops.at(0)), s);
        return e;
      }
      case NodeKind::IsType: {
        auto e = make_expr(ExprKind::IsType, s);
        e->args.push_back(std::move(lhs));
        e->type_ref = type_ref(*tail.child(NodeKind::TypeRef));
        return e;
      }
      case NodeKind::PresentTest:
      case NodeKind::MissingTest: {
        auto e = make_expr(tail.kind == NodeKind::PresentTest ? ExprKind::Present : ExprKind::Missing, s);
        e->args.push_back(std::move(lhs));
        return e;
      }
      default: return lhs;
    }
  }

  TypeRef type_ref(const PNode& n) {
    TypeRef t;
    t.span = span(n);
    const PNode& c = *n.children.at(0);
    if (c.kind == NodeKind::Keyword) {
      t.any = true;
    } else {
      t.name = name_or_string(c);
    }
    return t;
  }

  ExprPtr quantifier(const PNode& n) {
    auto e = make_expr(ExprKind::Quantifier, span(n));
    switch (n.children.at(0)->kw) {
      case Kw::First: e->quant = QuantKind::First; break;
      case Kw::Last: e->quant = QuantKind::Last; break;
      case Kw::Next: e->quant = QuantKind::Next; break;
      case Kw::Previous: e->quant = QuantKind::Previous; break;
      case Kw::Exists: e->quant = QuantKind::Exists; break;
      default: e->quant = QuantKind::Count; break;
    }
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const PNode& c = *n.children[i];
      switch (c.kind) {
        case NodeKind::TypeRef: e->type_ref = type_ref(c); break;
        case NodeKind::Binder:
          e->name = text(c);
          e->name_span = span(c);
          break;
        case NodeKind::Anchor:
          e->anchor_after = c.children.at(0)->kw == Kw::After;
          e->anchor_arg = static_cast<std::int8_t>(e->args.size());
          e->args.push_back(expr(*c.children.at(1)));
          break;
        case NodeKind::InPeriod:
          e->period_arg = static_cast<std::int8_t>(e->args.size());
          e->args.push_back(expr(*c.children.at(1)));
          break;
        case NodeKind::Where:
          e->where_arg = static_cast<std::int8_t>(e->args.size());
          e->args.push_back(expr(*c.children.at(1)));
          break;
        default: break;
      }
    }
    return e;
  }

  // --- clauses and declarations ------------------------------------------

  EffectivePeriod effective(const PNode& n) {
    EffectivePeriod p;
    p.span = span(n);
    const Kw first = n.children.at(0)->kw;
    std::vector<const PNode*> dates;
    for (const auto& c : n.children)
      if (c->kind == NodeKind::DateLit) dates.push_back(c.get());
    if (first == Kw::EffectiveFrom) {
      p.from = date_value(*dates.at(0));
      if (dates.size() > 1) p.until = date_value(*dates[1]);
    } else {
      p.until = date_value(*dates.at(0));
    }
    if (p.from && p.until && *p.until < *p.from) {
      sink_.report(DiagId::BadPeriod, p.span, time::format_date(*p.from), time::format_date(*p.until));
    }
    return p;
  }

  std::optional<Clause> clause(const PNode& n) {
    Clause c;
    c.span = span(n);
    auto ops = operands(n);
    switch (n.kind) {
      case NodeKind::BasisClause:
        c.kind = ClauseKind::Basis;
        c.text = string_value(*ops.at(0));
        c.text_span = span(*ops.at(0));
        return c;
      case NodeKind::NoteClause:
        c.kind = ClauseKind::Note;
        c.text = string_value(*ops.at(0));
        c.text_span = span(*ops.at(0));
        return c;
      case NodeKind::StatusClause:
        c.kind = ClauseKind::Status;
        c.verified = n.children.at(1)->kw == Kw::Verified;
        return c;
      case NodeKind::AppliesClause:
        c.kind = ClauseKind::AppliesWhen;
        c.expr = expr(*ops.at(0));
        return c;
      case NodeKind::RequireClause:
        c.kind = ClauseKind::Require;
        c.expr = expr(*ops.at(0));
        return c;
      case NodeKind::LetClause:
        c.kind = ClauseKind::Let;
        c.name = name_text(*ops.at(0));
        c.name_span = span(*ops.at(0));
        c.expr = expr(*ops.at(1));
        return c;
      case NodeKind::UndeterminedClause:
      case NodeKind::ExemptClause:
        c.kind = n.kind == NodeKind::UndeterminedClause ? ClauseKind::UndeterminedWhen : ClauseKind::ExemptWhen;
        c.expr = expr(*ops.at(0));
        c.text = string_value(*ops.at(1));
        c.text_span = span(*ops.at(1));
        return c;
      case NodeKind::ForEachOccurrence:
        c.kind = ClauseKind::ForEach;
        c.type_ref = type_ref(*ops.at(0));
        c.name = text(*ops.at(1));
        c.name_span = span(*ops.at(1));
        if (ops.size() > 2) c.where = expr(*ops.at(2)->children.at(1));
        return c;
      case NodeKind::ForEachPeriod:
        c.kind = ClauseKind::ForEachPeriod;
        c.name = text(*ops.at(0));
        c.name_span = span(*ops.at(0));
        c.period_length = expr(*ops.at(1));
        c.period_from = expr(*ops.at(2));
        c.period_until = expr(*ops.at(3));
        return c;
      case NodeKind::ApplyClause:
        c.kind = ClauseKind::Apply;
        c.name = text(*ops.at(0));
        c.name_span = span(*ops.at(0));
        add_args(n, 1, c.args, c.arg_names);
        return c;
      default: return std::nullopt;
    }
  }

  std::vector<Clause> clauses(const PNode& n, std::size_t from) {
    std::vector<Clause> out;
    for (std::size_t i = from; i < n.children.size(); ++i) {
      if (auto c = clause(*n.children[i])) out.push_back(std::move(*c));
    }
    return out;
  }

  AttrDeclAst attr_decl(const PNode& n) {
    AttrDeclAst a;
    a.span = span(n);
    a.name = name_or_string(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const PNode& c = *n.children[i];
      if (c.kind == NodeKind::ValueType) {
        a.type = value_type(c);
      } else if (c.kind == NodeKind::Default) {
        a.default_value = default_literal(*c.children.at(0), a.type);
      } else if (c.kind == NodeKind::String) {
        a.doc = string_value(c);
      }
    }
    return a;
  }

  static model::ValueType value_type(const PNode& n) {
    switch (n.children.at(0)->kw) {
      case Kw::TypeBool: return model::ValueType::Bool;
      case Kw::TypeInt: return model::ValueType::Int;
      case Kw::TypeDecimal: return model::ValueType::Decimal;
      case Kw::TypeText: return model::ValueType::Text;
      case Kw::TypeDate: return model::ValueType::Date;
      case Kw::TypeDateTime: return model::ValueType::DateTime;
      default: return model::ValueType::Duration;
    }
  }

  // A default value must be a literal of the attribute's type.
  std::optional<model::Literal> default_literal(const PNode& n, model::ValueType type) {
    ExprPtr e = literal(n);
    if (!e) return std::nullopt;
    model::Literal lit;
    lit.type = type;
    auto mismatch = [&](const char* found) {
      sink_.report(DiagId::DefaultType, span(n), type_word(type), found);
      return std::nullopt;
    };
    switch (type) {
      case model::ValueType::Bool:
        if (e->kind != ExprKind::BoolLit) return mismatch(kind_name(e->kind));
        lit.value = e->int_value != 0;
        return lit;
      case model::ValueType::Int:
        if (e->kind != ExprKind::IntLit) return mismatch(kind_name(e->kind));
        lit.value = e->int_value;
        return lit;
      case model::ValueType::Decimal:
        if (e->kind == ExprKind::IntLit) lit.value = static_cast<double>(e->int_value);
        else if (e->kind == ExprKind::DecimalLit) lit.value = e->decimal_value;
        else return mismatch(kind_name(e->kind));
        return lit;
      case model::ValueType::Text:
        if (e->kind != ExprKind::TextLit) return mismatch(kind_name(e->kind));
        lit.value = e->text;
        return lit;
      case model::ValueType::Date:
        if (e->kind != ExprKind::DateLit) return mismatch(kind_name(e->kind));
        lit.value = e->date;
        return lit;
      case model::ValueType::Duration:
        if (e->kind != ExprKind::DurationLit) return mismatch(kind_name(e->kind));
        lit.value = e->duration;
        return lit;
      case model::ValueType::DateTime:
        // A date-time default is not useful for case data; refuse it plainly.
        return mismatch(kind_name(e->kind));
    }
    return std::nullopt;
  }

  // A value type in the file's keyword language.
  const char* type_word(model::ValueType t) const {
    switch (t) {
      case model::ValueType::Bool: return grammar::spelling(Kw::TypeBool, lang_).data();
      case model::ValueType::Int: return grammar::spelling(Kw::TypeInt, lang_).data();
      case model::ValueType::Decimal: return grammar::spelling(Kw::TypeDecimal, lang_).data();
      case model::ValueType::Text: return grammar::spelling(Kw::TypeText, lang_).data();
      case model::ValueType::Date: return grammar::spelling(Kw::TypeDate, lang_).data();
      case model::ValueType::DateTime: return grammar::spelling(Kw::TypeDateTime, lang_).data();
      case model::ValueType::Duration: return grammar::spelling(Kw::TypeDuration, lang_).data();
    }
    return "?";
  }

  const char* kind_name(ExprKind k) const {
    switch (k) {
      case ExprKind::BoolLit: return type_word(model::ValueType::Bool);
      case ExprKind::IntLit: return type_word(model::ValueType::Int);
      case ExprKind::DecimalLit: return type_word(model::ValueType::Decimal);
      case ExprKind::TextLit: return type_word(model::ValueType::Text);
      case ExprKind::DateLit: return type_word(model::ValueType::Date);
      case ExprKind::TimeLit: return type_word(model::ValueType::DateTime);
      case ExprKind::DurationLit: return type_word(model::ValueType::Duration);
      default: return "?";
    }
  }

  std::vector<Param> params(const PNode& n) {
    std::vector<Param> out;
    for (const auto& c : n.children) {
      if (c->kind != NodeKind::Param) continue;
      Param p;
      p.name = name_text(*c->children.at(0));
      p.span = span(*c);
      const PNode& type = *c->child(NodeKind::ParamType);
      const PNode& t0 = *type.children.at(0);
      if (t0.kind == NodeKind::Keyword && t0.kw == Kw::TypeEventType) {
        p.kind = ParamKind::EventType;
      } else if (t0.kind == NodeKind::Keyword && t0.kw == Kw::TypeCondition) {
        p.kind = ParamKind::Condition;
      } else {
        p.kind = ParamKind::Value;
        p.value_type = value_type(t0);
      }
      if (const PNode* d = c->child(NodeKind::Default)) p.default_value = expr(*d->children.at(0));
      out.push_back(std::move(p));
    }
    return out;
  }

  TestValue test_value(const PNode& n) {
    TestValue v;
    v.span = span(n);
    v.name = name_or_string(*n.children.at(0));
    const PNode& lit = *n.children.at(1);
    v.value_span = span(lit);
    switch (lit.kind) {
      case NodeKind::String: v.kind = TestValue::Kind::Text; v.text = string_value(lit); break;
      case NodeKind::Number: v.kind = TestValue::Kind::Number; v.text = text(lit); break;
      case NodeKind::Negate: v.kind = TestValue::Kind::Number; v.text = "-" + text(*lit.children.at(0)); break;
      case NodeKind::TrueLit: v.kind = TestValue::Kind::Bool; v.bool_value = true; break;
      case NodeKind::FalseLit: v.kind = TestValue::Kind::Bool; v.bool_value = false; break;
      case NodeKind::DateLit: v.kind = TestValue::Kind::Date; v.text = text(lit); date_value(lit); break;
      case NodeKind::DateTimeLit: v.kind = TestValue::Kind::DateTime; v.text = text(lit); break;
      case NodeKind::DurationLit: {
        ExprPtr e = duration_literal(lit);
        v.kind = TestValue::Kind::Duration;
        v.duration = e->duration;
        v.text = text(lit);
        break;
      }
      default: break;
    }
    return v;
  }

  static VerdictName verdict_name(const PNode& v) {
    switch (v.children.at(0)->kw) {
      case Kw::Compliant: return VerdictName::Compliant;
      case Kw::Violated: return VerdictName::Violated;
      case Kw::Pending: return VerdictName::Pending;
      case Kw::NotApplicable: return VerdictName::NotApplicable;
      case Kw::Undetermined: return VerdictName::Undetermined;
      default: return VerdictName::Uncovered;
    }
  }

  Expectation expectation(const PNode& n) {
    Expectation x;
    x.span = span(n);
    if (n.kind == NodeKind::ExpectExpr) {
      x.is_expression = true;
      x.expr = expr(*n.children.at(0));
      return x;
    }
    for (const auto& c : n.children) {
      if (c->kind == NodeKind::Name) {
        x.rule = text(*c);
        x.rule_span = span(*c);
      } else if (c->kind == NodeKind::Verdict) {
        x.verdict = verdict_name(*c);
      } else if (c->is_keyword(Kw::Exempt)) {
        x.exempt = true;
      } else if (c->kind == NodeKind::String) {
        x.reason = string_value(*c);
      }
    }
    return x;
  }

  TestDecl test(const PNode& n) {
    TestDecl t;
    t.span = span(n);
    for (const auto& cp : n.children) {
      const PNode& c = *cp;
      switch (c.kind) {
        case NodeKind::String: t.name = string_value(c); break;
        case NodeKind::TestFor:
          t.target = text(*c.children.at(1));
          t.target_span = span(*c.children.at(1));
          break;
        case NodeKind::TestAsOf: t.as_of = date_value(*c.children.at(1)); break;
        case NodeKind::TestCase:
          t.has_case = true;
          for (const auto& e : c.children) {
            if (e->kind == NodeKind::TestCaseAttr) {
              t.case_attributes.push_back(test_value(*e));
            } else if (e->kind == NodeKind::TestEvent) {
              TestEvent ev;
              ev.span = span(*e);
              ev.type = name_or_string(*e->children.at(0));
              ev.at = text(*e->children.at(1));
              if (e->children.at(1)->kind == NodeKind::DateLit) date_value(*e->children.at(1));
              for (std::size_t i = 2; i < e->children.size(); ++i) {
                TestValue v = test_value(*e->children[i]);
                if (v.name == "id" && e->children[i]->children.at(0)->kind == NodeKind::RawName) {
                  ev.id = v.text;
                  ev.has_id = true;
                } else {
                  ev.attributes.push_back(std::move(v));
                }
              }
              t.events.push_back(std::move(ev));
            }
          }
          break;
        case NodeKind::ExpectVerdict:
        case NodeKind::ExpectRuleVerdict:
        case NodeKind::ExpectExpr: t.expectations.push_back(expectation(c)); break;
        default: break;
      }
    }
    return t;
  }

  void declaration(const PNode& n, Module& m) {
    switch (n.kind) {
      case NodeKind::RulesetDecl: {
        if (m.header) {
          sink_.report(DiagId::TwoHeaders, span(*n.children.at(0)));
          return;
        }
        RulesetHeader h;
        h.span = span(n);
        for (const auto& cp : n.children) {
          const PNode& c = *cp;
          switch (c.kind) {
            case NodeKind::Name: h.id = name_text(c); h.id_span = span(c); break;
            case NodeKind::String: h.title = string_value(c); break;
            case NodeKind::VersionClause: h.version = string_value(*c.children.at(1)); break;
            case NodeKind::SourceClause: h.source = string_value(*c.children.at(1)); break;
            case NodeKind::EffectiveClause: h.effective = effective(c); break;
            case NodeKind::CaseDateClause:
              h.case_date_span = span(c);
              for (const PNode* o : operands(c)) h.case_date.push_back(expr(*o));
              break;
            case NodeKind::CalendarRef:
              h.calendar = text(*c.children.at(1));
              h.calendar_span = span(*c.children.at(1));
              break;
            case NodeKind::AmendsClause:
              h.amends = text(*c.children.at(1));
              h.amends_span = span(*c.children.at(1));
              break;
            default: break;
          }
        }
        m.header = std::move(h);
        return;
      }
      case NodeKind::UseDecl:
        m.uses.push_back(UseDecl{text(*n.children.at(1)), span(*n.children.at(1))});
        return;
      case NodeKind::EventDecl: {
        EventDeclAst e;
        e.span = span(n);
        bool have_name = false;
        for (std::size_t i = 1; i < n.children.size(); ++i) {
          const PNode& c = *n.children[i];
          if (!have_name && (c.kind == NodeKind::Name || c.kind == NodeKind::String)) {
            e.name = name_or_string(c);
            e.span = span(c);
            have_name = true;
          } else if (c.kind == NodeKind::String) {
            e.doc = string_value(c);
          } else if (c.kind == NodeKind::AttrDecl) {
            e.attributes.push_back(attr_decl(c));
          }
        }
        m.events.push_back(std::move(e));
        return;
      }
      case NodeKind::CaseAttrDecl:
        m.case_attributes.push_back(attr_decl(*n.children.at(1)));
        return;
      case NodeKind::CalendarDecl: {
        CalendarDecl cal;
        cal.span = span(n);
        for (const auto& cp : n.children) {
          const PNode& c = *cp;
          if (c.kind == NodeKind::Name) cal.name = name_text(c);
          else if (c.kind == NodeKind::Binder) cal.year_binder = text(c);
          else if (c.kind == NodeKind::String) cal.doc = string_value(c);
          else if (c.kind == NodeKind::HolidayDecl) {
            HolidayDecl h;
            h.span = span(c);
            auto ops = operands(c);
            h.name = string_value(*ops.at(0));
            h.date = expr(*ops.at(1));
            if (ops.size() > 2) h.effective = effective(*ops.at(2));
            cal.holidays.push_back(std::move(h));
          }
        }
        m.calendars.push_back(std::move(cal));
        return;
      }
      case NodeKind::FunctionDecl: {
        FunctionDecl f;
        f.span = span(n);
        f.name = name_text(*n.children.at(1));
        f.params = params(n);
        for (const auto& cp : n.children) {
          const PNode& c = *cp;
          if (c.kind == NodeKind::ValueType) f.result_type = value_type(c);
          else if (c.kind == NodeKind::String) f.doc = string_value(c);
          else if (c.kind == NodeKind::FunctionBody) {
            for (const auto& b : c.children) {
              if (b->kind == NodeKind::LetClause) {
                if (auto cl = clause(*b)) f.lets.push_back(std::move(*cl));
              } else if (b->kind != NodeKind::Keyword) {
                f.body = expr(*b);
              }
            }
          }
        }
        m.functions.push_back(std::move(f));
        return;
      }
      case NodeKind::TemplateDecl: {
        TemplateDecl t;
        t.span = span(n);
        t.name = name_text(*n.children.at(1));
        t.params = params(n);
        for (const auto& c : n.children)
          if (c->kind == NodeKind::String) t.doc = string_value(*c);
        t.clauses = clauses(n, 2);
        m.templates.push_back(std::move(t));
        return;
      }
      case NodeKind::RuleDecl:
      case NodeKind::ReplaceRuleDecl: {
        RuleDecl r;
        r.span = span(n);
        r.replaces = n.kind == NodeKind::ReplaceRuleDecl;
        const PNode* id = n.child(NodeKind::Name);
        r.id = name_text(*id);
        r.id_span = span(*id);
        if (const PNode* title = n.child(NodeKind::String)) r.title = string_value(*title);
        r.clauses = clauses(n, 0);
        m.rules.push_back(std::move(r));
        return;
      }
      case NodeKind::RemoveRuleDecl: {
        const PNode* id = n.child(NodeKind::Name);
        m.removals.push_back(RemoveDecl{name_text(*id), span(*id)});
        return;
      }
      case NodeKind::TestDecl: m.tests.push_back(test(n)); return;
      default: return;
    }
  }

  void syntax_error(const grammar::SyntaxError& e) {
    const Span s{file_.get(), e.offset, std::max(e.found_end, e.offset)};
    const std::string_view found = src_.substr(e.offset, e.found_end - e.offset);
    // A keyword from the other language is the likely cause.
    if (!found.empty()) {
      const auto other = grammar::keywords_of_other_language(found, lang_);
      if (!other.empty()) {
        const bool da = lang_ == Lang::Da;
        Diagnostic& d = sink_.report(DiagId::OtherLanguageWord, s, found, da ? "engelsk" : "Danish",
                                     da ? "dansk (sprog da)" : "English");
        std::string alternatives;
        for (Kw k : other) {
          if (!alternatives.empty()) alternatives += "', '";
          alternatives += std::string(grammar::spelling(k, lang_));
        }
        d.help = da ? fmt::format("skriv '{}' i en dansk fil", alternatives)
                    : fmt::format("write '{}' in an English file, or put 'sprog da' on the first line for Danish", alternatives);
        return;
      }
    }
    std::string expected(grammar::expect_message(e.expected, lang_));
    if (e.expected == grammar::Expect::Keyword && e.keyword != Kw::Count_) {
      expected = fmt::format("'{}'", grammar::spelling(e.keyword, lang_));
    }
    Diagnostic& d = sink_.report(DiagId::Syntax, s, expected);
    if (e.expected == grammar::Expect::Nesting) {
      d.help = lang_ == Lang::Da ? fmt::format("udtryk må højst være indlejret {} niveauer", grammar::kMaxExpressionNesting)
                                 : fmt::format("expressions may be nested at most {} levels", grammar::kMaxExpressionNesting);
    }
  }

 private:
  SourcePtr file_;
  std::string_view src_;
  Lang lang_;
  DiagnosticSink& sink_;
  int expr_level_ = 0;  // nesting of expr() calls: 0 outside an expression
};

}  // namespace

Module build_module(const SourcePtr& file, DiagnosticSink& sink) {
  Module m;
  m.file = file;
  const std::string_view text = file->text();
  const grammar::LanguageLine language = grammar::detect_language(text);
  m.lang = language.lang;
  sink.set_language(file.get(), m.lang);
  if (text.size() > kMaxSourceBytes) {
    sink.report(DiagId::SourceTooLarge, Span{file.get(), 0, 0}, text.size(), kMaxSourceBytes);
    return m;
  }
  if (const std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    sink.report(DiagId::InvalidUtf8, Span{file.get(), static_cast<std::uint32_t>(bad), static_cast<std::uint32_t>(bad + 1)}, bad);
    return m;
  }
  grammar::ParseOutput parsed = grammar::parse_source(text);
  Builder b(file, m.lang, sink);
  for (const auto& e : parsed.errors) b.syntax_error(e);
  for (const auto& item : parsed.items) b.declaration(*item, m);
  return m;
}

}  // namespace frist::compiler

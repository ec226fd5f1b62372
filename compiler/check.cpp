// The checker: resolves names, infers and checks types, expands templates
// and inlines functions, checks the structure of each rule and finds its
// deadline. Errors yield TypeKind::Error, which is accepted everywhere, so
// one mistake gives one diagnostic.
#include "compiler/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compiler/expand.hpp"

namespace frist::compiler {

std::string type_name(const Type& t, Lang lang, const model::Vocabulary* vocabulary) {
  const bool da = lang == Lang::Da;
  switch (t.kind) {
    case TypeKind::Error: return "?";
    case TypeKind::None: return da ? "ingen" : "none";
    case TypeKind::Bool: return da ? "en betingelse (sandhedsværdi)" : "a condition (bool)";
    case TypeKind::Int: return da ? "et heltal" : "an int";
    case TypeKind::Decimal: return da ? "et decimaltal" : "a decimal";
    case TypeKind::Text: return da ? "en tekst" : "a text";
    case TypeKind::Date: return da ? "en dato" : "a date";
    case TypeKind::Time: return da ? "et tidspunkt" : "a date-time";
    case TypeKind::Period: return da ? "en periode" : "a period";
    case TypeKind::Duration:
      switch (t.duration) {
        case DurationKind::Calendar: return da ? "en varighed i dage/uger/måneder/år" : "a duration in days/weeks/months/years";
        case DurationKind::Clock: return da ? "en varighed i timer/minutter/sekunder" : "a duration in hours/minutes/seconds";
        case DurationKind::Workdays: return da ? "en varighed i arbejdsdage" : "a duration in workdays";
        case DurationKind::Any: return da ? "en varighed" : "a duration";
      }
      return "duration";
    case TypeKind::Event:
      if (t.event_type >= 0 && vocabulary != nullptr && static_cast<std::size_t>(t.event_type) < vocabulary->size()) {
        const std::string& n = vocabulary->event_types()[static_cast<std::size_t>(t.event_type)].name;
        return da ? fmt::format("en hændelse ({})", n) : fmt::format("an event ({})", n);
      }
      return da ? "en hændelse" : "an event";
  }
  return "?";
}

namespace {

Type type_of_value(model::ValueType v) {
  switch (v) {
    case model::ValueType::Bool: return Type::of(TypeKind::Bool);
    case model::ValueType::Int: return Type::of(TypeKind::Int);
    case model::ValueType::Decimal: return Type::of(TypeKind::Decimal);
    case model::ValueType::Text: return Type::of(TypeKind::Text);
    case model::ValueType::Date: return Type::of(TypeKind::Date);
    case model::ValueType::DateTime: return Type::of(TypeKind::Time);
    case model::ValueType::Duration: return Type::duration_of(DurationKind::Any);
  }
  return Type{};
}

DurationKind kind_of(const model::Duration& d) {
  switch (d.kind) {
    case model::Duration::Kind::Calendar: return DurationKind::Calendar;
    case model::Duration::Kind::Clock: return DurationKind::Clock;
    case model::Duration::Kind::Workdays: return DurationKind::Workdays;
  }
  return DurationKind::Any;
}

constexpr std::size_t kMaxExpansionNodes = 200'000;
// tests/limits: nodes expanded from functions and templates in the whole
// program. The per-context limit above alone would let every function,
// rule and test of a large file expand to it (each function's own check
// expands the calls in it), which takes minutes.
constexpr std::size_t kMaxProgramExpansionNodes = 4'000'000;
// tests/limits: how deep checking may recurse. Source expressions are at
// most 1 000 levels deep (build_ast.cpp), but inlining puts a function's
// body inside its call site, so a chain of functions can nest deeper; the
// lowering recurses as deep as the checked tree.
constexpr std::size_t kMaxCheckDepth = 2'000;

struct Binding {
  std::string name;
  std::int32_t slot;
  Type type;
};

class Checker {
 public:
  Checker(const Program& program, CheckedProgram& out, DiagnosticSink& sink)
      : program_(program), out_(out), sink_(sink) {}

  // --- contexts -----------------------------------------------------------

  void begin_context(std::vector<SlotInfo>* slots) {
    slots_ = slots;
    scope_.clear();
    inlined_nodes_ = 0;
    expansion_reported_ = false;
  }

  // ExpansionTooLarge, once per context (a rule, a function, a test).
  Type too_large(Expr& e, Span at) {
    if (!expansion_reported_) sink_.report(DiagId::ExpansionTooLarge, at);
    expansion_reported_ = true;
    return fail(e);
  }

  std::int32_t new_slot(const std::string& name, Type t, bool is_let) {
    slots_->push_back(SlotInfo{display_name(name), t, is_let});
    return static_cast<std::int32_t>(slots_->size() - 1);
  }

  const Binding* lookup(const std::string& name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }

  Lang lang_of(const Span& s) const { return sink_.language_of(s.file); }
  std::string tname(const Type& t, const Span& s) const { return type_name(t, lang_of(s), &out_.vocabulary); }

  std::vector<std::string> names_in_scope() const {
    std::vector<std::string> out;
    for (const Binding& b : scope_) out.push_back(display_name(b.name));
    return out;
  }

  // --- vocabulary ---------------------------------------------------------

  void build_vocabulary() {
    for (const Module* m : program_.order) {
      for (const EventDeclAst& e : m->events) {
        if (out_.vocabulary.find_event_type(e.name) != model::Vocabulary::kNotFound) continue;
        model::EventTypeDecl decl;
        decl.name = e.name;
        decl.doc = e.doc;
        std::set<std::string> seen;
        for (const AttrDeclAst& a : e.attributes) {
          if (!seen.insert(a.name).second || a.name == "id") {
            sink_.report(DiagId::DuplicateDecl, a.span, lang_of(a.span) == Lang::Da ? "attributten" : "attribute", a.name);
            continue;
          }
          decl.attributes.push_back(model::AttributeDecl{a.name, a.type, a.default_value, a.doc});
        }
        out_.vocabulary.add_event_type(std::move(decl));
        out_.event_decls.push_back(&e);
      }
      for (const AttrDeclAst& a : m->case_attributes) {
        if (out_.vocabulary.find_case_attribute(a.name) != model::Vocabulary::kNotFound) continue;
        out_.vocabulary.add_case_attribute(model::AttributeDecl{a.name, a.type, a.default_value, a.doc});
      }
    }
  }

  std::vector<std::string> event_type_names() const {
    std::vector<std::string> out;
    for (const auto& e : out_.vocabulary.event_types()) out.push_back(e.name);
    return out;
  }

  bool resolve(TypeRef& ref) {
    if (ref.any) {
      ref.resolved = -1;
      return true;
    }
    const std::uint32_t id = out_.vocabulary.find_event_type(ref.name);
    if (id == model::Vocabulary::kNotFound) {
      Diagnostic& d = sink_.report(DiagId::UnknownEventType, ref.span, ref.name);
      if (auto best = closest_match(ref.name, event_type_names()); !best.empty())
        d.help = sink_.did_you_mean(ref.span.file, best);
      ref.resolved = -2;
      return false;
    }
    ref.resolved = static_cast<std::int32_t>(id);
    return true;
  }

  // --- expressions --------------------------------------------------------

  Type fail(Expr& e) {
    e.type = Type{};
    return e.type;
  }

  Type set(Expr& e, Type t) {
    e.type = t;
    return t;
  }

  // The value must be a condition; reports with `what` naming the place.
  void require_bool(ExprPtr& e, const char* what_da, const char* what_en) {
    const Type t = check(e);
    if (t.is_error() || t.is(TypeKind::Bool) || t.is(TypeKind::None)) return;
    const Lang lang = lang_of(e->span);
    sink_.report(DiagId::NotCondition, e->span, lang == Lang::Da ? what_da : what_en, tname(t, e->span));
  }

  static bool temporal_or_none(const Type& t) { return t.is_temporal() || t.is(TypeKind::None); }

  bool expect_temporal(Expr& e, const Type& t, const char* what_da, const char* what_en) {
    if (t.is_error() || temporal_or_none(t)) return true;
    sink_.report(DiagId::NotTemporal, e.span, lang_of(e.span) == Lang::Da ? what_da : what_en, tname(t, e.span));
    return false;
  }

  Type check(ExprPtr& ep) {
    // Reported at the outermost call being inlined: that is what the author
    // wrote in this rule; the node this deep comes from some function's body.
    if (check_depth_ >= kMaxCheckDepth) return too_large(*ep, call_sites_.empty() ? ep->span : call_sites_.front());
    ++check_depth_;
    const Type t = check_node(ep);
    --check_depth_;
    return t;
  }

  Type check_node(ExprPtr& ep) {
    Expr& e = *ep;
    switch (e.kind) {
      case ExprKind::BoolLit: return set(e, Type::of(TypeKind::Bool));
      case ExprKind::IntLit: return set(e, Type::of(TypeKind::Int));
      case ExprKind::DecimalLit: return set(e, Type::of(TypeKind::Decimal));
      case ExprKind::TextLit: return set(e, Type::of(TypeKind::Text));
      case ExprKind::DateLit: return set(e, Type::of(TypeKind::Date));
      case ExprKind::TimeLit: return set(e, Type::of(TypeKind::Time));
      case ExprKind::DurationLit: return set(e, Type::duration_of(kind_of(e.duration)));
      case ExprKind::NoneLit: return set(e, Type::of(TypeKind::None));
      case ExprKind::BadUnit: return fail(e);
      case ExprKind::AsOf: return set(e, Type::of(TypeKind::Date));
      case ExprKind::NameRef: return check_name(e);
      case ExprKind::CaseAttr: return check_case_attr(e);
      case ExprKind::Attr: return check_attr(e);
      case ExprKind::Unary: return check_unary(e);
      case ExprKind::Binary: return check_binary(e);
      case ExprKind::Between: {
        const Type x = check(e.args[0]);
        const Type a = check(e.args[1]);
        const Type b = check(e.args[2]);
        if (!comparable(x, a) || !comparable(x, b)) {
          sink_.report(DiagId::OperandTypes, e.span, lang_of(e.span) == Lang::Da ? "mellem" : "between", tname(a, e.span), tname(b, e.span));
          return fail(e);
        }
        return set(e, Type::of(TypeKind::Bool));
      }
      case ExprKind::Within: return check_within(e);
      case ExprKind::Present:
      case ExprKind::Missing:
        check(e.args[0]);
        return set(e, Type::of(TypeKind::Bool));
      case ExprKind::IsType: {
        const Type t = check(e.args[0]);
        const bool ok = resolve(e.type_ref);
        if (!t.is_error() && !t.is(TypeKind::Event) && !t.is(TypeKind::None)) {
          sink_.report(DiagId::ExpectedType, e.args[0]->span, lang_of(e.span) == Lang::Da ? "det, der står før 'er'" : "what comes before 'is'",
                       lang_of(e.span) == Lang::Da ? "en hændelse" : "an event", tname(t, e.span));
          return fail(e);
        }
        return ok ? set(e, Type::of(TypeKind::Bool)) : fail(e);
      }
      case ExprKind::If: {
        require_bool(e.args[0], "betingelsen efter 'hvis'", "the condition after 'if'");
        const Type a = check(e.args[1]);
        const Type b = check(e.args[2]);
        const std::optional<Type> j = join(a, b);
        if (!j) {
          sink_.report(DiagId::BranchTypes, e.span, tname(a, e.span), tname(b, e.span));
          return fail(e);
        }
        return set(e, *j);
      }
      case ExprKind::Scaled: {
        const Type t = check(e.args[0]);
        if (!t.is_error() && !t.is(TypeKind::Int)) {
          sink_.report(DiagId::ExpectedType, e.args[0]->span, lang_of(e.span) == Lang::Da ? "antallet foran tidsenheden" : "the amount before the time unit",
                       lang_of(e.span) == Lang::Da ? "et heltal" : "an int", tname(t, e.span));
          return fail(e);
        }
        return set(e, Type::duration_of(kind_of(e.duration)));
      }
      case ExprKind::Quantifier: return check_quantifier(e);
      case ExprKind::Builtin: return check_builtin(e);
      case ExprKind::Call: return check_call(ep);
      case ExprKind::Lambda:
        sink_.report(DiagId::BadLambda, e.span, 1);
        return fail(e);
      case ExprKind::Let: {
        const Type v = check(e.args[0]);
        e.slot = new_slot(e.name, v, false);
        scope_.push_back(Binding{e.name, e.slot, v});
        const Type body = check(e.args[1]);
        scope_.pop_back();
        return set(e, body);
      }
    }
    return fail(e);
  }

  Type check_name(Expr& e) {
    if (const Binding* b = lookup(e.name)) {
      e.slot = b->slot;
      return set(e, b->type);
    }
    Diagnostic& d = sink_.report(DiagId::UnknownName, e.span, display_name(e.name));
    // An event type written where a value is wanted is a common slip.
    if (out_.vocabulary.find_event_type(e.name) != model::Vocabulary::kNotFound) {
      d.help = lang_of(e.span) == Lang::Da ? fmt::format("'{0}' er en hændelsestype; skriv fx 'første {0}' eller 'findes {0}'", e.name)
                                            : fmt::format("'{0}' is an event type; write e.g. 'first {0}' or 'exists {0}'", e.name);
    } else if (auto best = closest_match(e.name, names_in_scope()); !best.empty()) {
      d.help = sink_.did_you_mean(e.span.file, best);
    }
    return fail(e);
  }

  Type check_case_attr(Expr& e) {
    if (e.name.empty()) {
      sink_.report(DiagId::UnknownCaseAttr, e.span, "");
      return fail(e);
    }
    const std::uint32_t id = out_.vocabulary.find_case_attribute(e.name);
    if (id == model::Vocabulary::kNotFound) {
      Diagnostic& d = sink_.report(DiagId::UnknownCaseAttr, e.name_span, e.name);
      std::vector<std::string> names;
      for (const auto& a : out_.vocabulary.case_attributes()) names.push_back(a.name);
      if (auto best = closest_match(e.name, names); !best.empty()) d.help = sink_.did_you_mean(e.span.file, best);
      return fail(e);
    }
    e.slot = static_cast<std::int32_t>(id);
    return set(e, type_of_value(out_.vocabulary.case_attributes()[id].type));
  }

  Type check_attr(Expr& e) {
    const Type base = check(e.args[0]);
    if (base.is_error()) return fail(e);
    if (!base.is(TypeKind::Event)) {
      sink_.report(DiagId::NotEvent, e.name_span, e.name, tname(base, e.span));
      return fail(e);
    }
    if (e.name == "id") {
      e.slot = -1;
      return set(e, Type::of(TypeKind::Text));
    }
    const auto& types = out_.vocabulary.event_types();
    if (base.event_type >= 0) {
      const std::uint32_t slot = out_.vocabulary.find_attribute(static_cast<std::uint32_t>(base.event_type), e.name);
      const auto& decl = types[static_cast<std::size_t>(base.event_type)];
      if (slot == model::Vocabulary::kNotFound) {
        Diagnostic& d = sink_.report(DiagId::UnknownAttribute, e.name_span, e.name, decl.name);
        std::vector<std::string> names{"id"};
        for (const auto& a : decl.attributes) names.push_back(a.name);
        if (auto best = closest_match(e.name, names); !best.empty()) d.help = sink_.did_you_mean(e.span.file, best);
        return fail(e);
      }
      e.slot = static_cast<std::int32_t>(slot);
      return set(e, type_of_value(decl.attributes[slot].type));
    }
    // An event of any type: the attribute by name, one type for all declarers.
    std::optional<model::ValueType> found;
    for (std::size_t t = 0; t < types.size(); ++t) {
      const std::uint32_t slot = out_.vocabulary.find_attribute(static_cast<std::uint32_t>(t), e.name);
      if (slot == model::Vocabulary::kNotFound) continue;
      const model::ValueType vt = types[t].attributes[slot].type;
      if (found && *found != vt) {
        sink_.report(DiagId::ConflictingDecl, e.name_span, lang_of(e.span) == Lang::Da ? "attributten" : "the attribute", e.name);
        return fail(e);
      }
      found = vt;
    }
    if (!found) {
      sink_.report(DiagId::AttributeOfAny, e.name_span, e.name);
      return fail(e);
    }
    e.slot = -2;  // by name at run time
    return set(e, type_of_value(*found));
  }

  Type check_unary(Expr& e) {
    if (e.op == Op::Not) {
      require_bool(e.args[0], "operanden til 'ikke'", "the operand of 'not'");
      return set(e, Type::of(TypeKind::Bool));
    }
    const Type t = check(e.args[0]);
    if (t.is_error()) return fail(e);
    if (t.is_numeric() || t.is(TypeKind::Duration)) return set(e, t);
    sink_.report(DiagId::OperandTypes, e.span, "-", tname(t, e.span), tname(t, e.span));
    return fail(e);
  }

  static bool comparable(const Type& a, const Type& b) {
    if (a.is_error() || b.is_error() || a.is(TypeKind::None) || b.is(TypeKind::None)) return true;
    if (a.is_numeric() && b.is_numeric()) return true;
    if (a.is_temporal() && b.is_temporal()) return true;
    // Durations of one kind (a month against 30 days is unknown at run time).
    if (a.is(TypeKind::Duration) && b.is(TypeKind::Duration))
      return a.duration == b.duration || a.duration == DurationKind::Any || b.duration == DurationKind::Any;
    return false;
  }

  static bool equatable(const Type& a, const Type& b) {
    if (comparable(a, b)) return true;  // two events: the same event
    if (a.kind == b.kind && (a.is(TypeKind::Text) || a.is(TypeKind::Bool))) return true;
    if (a.is(TypeKind::Duration) && b.is(TypeKind::Duration)) return true;
    return false;
  }

  static std::optional<Type> join(const Type& a, const Type& b) {
    if (a.is_error()) return b;
    if (b.is_error() || b.is(TypeKind::None)) return a;
    if (a.is(TypeKind::None)) return b;
    if (a.is_numeric() && b.is_numeric()) return a.kind == b.kind ? a : Type::of(TypeKind::Decimal);
    if (a.is(TypeKind::Event) && b.is(TypeKind::Event))
      return a.event_type == b.event_type ? a : Type::event(-1);
    if (a.is(TypeKind::Duration) && b.is(TypeKind::Duration))
      return a.duration == b.duration ? a : std::optional<Type>{};
    if (a.kind == b.kind) return a;
    return std::nullopt;
  }

  const char* op_text(Op op, Lang lang) const {
    const bool da = lang == Lang::Da;
    switch (op) {
      case Op::Add: return "+";
      case Op::Sub: return "-";
      case Op::Mul: return "*";
      case Op::Div: return "/";
      case Op::IntDiv: return "div";
      case Op::Mod: return "mod";
      case Op::Eq: return "=";
      case Op::Ne: return "≠";
      case Op::Lt: return da ? "før (<)" : "before (<)";
      case Op::Le: return da ? "senest (<=)" : "on or before (<=)";
      case Op::Gt: return da ? "efter (>)" : "after (>)";
      case Op::Ge: return da ? "tidligst (>=)" : "on or after (>=)";
      case Op::And: return da ? "og" : "and";
      case Op::Or: return da ? "eller" : "or";
      case Op::StartsWith: return da ? "starter med" : "starts with";
      default: return "?";
    }
  }

  Type check_binary(Expr& e) {
    if (e.op == Op::And || e.op == Op::Or) {
      require_bool(e.args[0], e.op == Op::And ? "operanden til 'og'" : "operanden til 'eller'",
                   e.op == Op::And ? "the operand of 'and'" : "the operand of 'or'");
      require_bool(e.args[1], e.op == Op::And ? "operanden til 'og'" : "operanden til 'eller'",
                   e.op == Op::And ? "the operand of 'and'" : "the operand of 'or'");
      return set(e, Type::of(TypeKind::Bool));
    }
    const Type a = check(e.args[0]);
    const Type b = check(e.args[1]);
    if (a.is_error() || b.is_error()) return fail(e);
    const Lang lang = lang_of(e.span);
    auto mismatch = [&]() {
      sink_.report(DiagId::OperandTypes, e.span, op_text(e.op, lang), tname(a, e.span), tname(b, e.span));
      return fail(e);
    };
    switch (e.op) {
      case Op::StartsWith:
        if ((a.is(TypeKind::Text) || a.is(TypeKind::None)) && (b.is(TypeKind::Text) || b.is(TypeKind::None)))
          return set(e, Type::of(TypeKind::Bool));
        return mismatch();
      case Op::Eq:
      case Op::Ne:
        if (!equatable(a, b)) return mismatch();
        return set(e, Type::of(TypeKind::Bool));
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge:
        if (!comparable(a, b)) return mismatch();
        return set(e, Type::of(TypeKind::Bool));
      case Op::Mul:
        if (a.is(TypeKind::Int) && b.is(TypeKind::Duration)) return set(e, b);
        if (a.is(TypeKind::Duration) && b.is(TypeKind::Int)) return set(e, a);
        [[fallthrough]];
      case Op::Div:
      case Op::IntDiv:
      case Op::Mod:
        if (!a.is_numeric() || !b.is_numeric()) return mismatch();
        if (e.op == Op::Div) return set(e, Type::of(TypeKind::Decimal));
        if (e.op == Op::IntDiv || e.op == Op::Mod) {
          if (!a.is(TypeKind::Int) || !b.is(TypeKind::Int)) return mismatch();
          return set(e, Type::of(TypeKind::Int));
        }
        return set(e, a.kind == b.kind ? a : Type::of(TypeKind::Decimal));
      case Op::Add:
      case Op::Sub: {
        if (a.is_numeric() && b.is_numeric()) return set(e, a.kind == b.kind ? a : Type::of(TypeKind::Decimal));
        if (a.is(TypeKind::Duration) && b.is(TypeKind::Duration)) {
          if (a.duration != b.duration && a.duration != DurationKind::Any && b.duration != DurationKind::Any) return mismatch();
          return set(e, a.duration == DurationKind::Any ? b : a);
        }
        if (a.is_temporal() && b.is(TypeKind::Duration)) return temporal_plus(e, a, b);
        if (e.op == Op::Add && a.is(TypeKind::Duration) && b.is_temporal()) {
          std::swap(e.args[0], e.args[1]);
          return temporal_plus(e, b, a);
        }
        if (a.is(TypeKind::None) || b.is(TypeKind::None)) return set(e, a.is(TypeKind::None) ? b : a);
        return mismatch();
      }
      default: return mismatch();
    }
  }

  // date ± calendar/workdays → date; date-time/event ± clock → date-time;
  // an event or date-time ± calendar units works on its local date.
  Type temporal_plus(Expr& e, const Type& t, const Type& d) {
    switch (d.duration) {
      case DurationKind::Calendar:
      case DurationKind::Workdays:
        if (d.duration == DurationKind::Workdays && !out_.calendar_declared) {
          sink_.report(DiagId::NoCalendar, e.span);
          return fail(e);
        }
        return set(e, Type::of(TypeKind::Date));
      case DurationKind::Clock:
        if (t.is(TypeKind::Date)) {
          Diagnostic& d2 = sink_.report(DiagId::ClockOnDate, e.span);
          d2.help = lang_of(e.span) == Lang::Da ? "en dato er en hel dag; læg timer til en hændelse eller et tidspunkt"
                                                 : "a date is a whole day; add hours to an event or a date-time";
          return fail(e);
        }
        return set(e, Type::of(TypeKind::Time));
      case DurationKind::Any:
        // A duration from data: the kind is known only at run time.
        return set(e, t.is(TypeKind::Date) ? Type::of(TypeKind::Date) : Type::of(TypeKind::Time));
    }
    return fail(e);
  }

  Type check_within(Expr& e) {
    const Type x = check(e.args[0]);
    const Type d = check(e.args[1]);
    const Type s = check(e.args[2]);
    bool ok = expect_temporal(*e.args[0], x, "det, der skal ligge inden for fristen", "what must lie within the period");
    ok = expect_temporal(*e.args[2], s, "starten af fristen (efter …)", "the start of the period (after …)") && ok;
    if (!d.is_error() && !d.is(TypeKind::Duration)) {
      sink_.report(DiagId::ExpectedType, e.args[1]->span, lang_of(e.span) == Lang::Da ? "længden efter 'inden for'" : "the length after 'within'",
                   lang_of(e.span) == Lang::Da ? "en varighed" : "a duration", tname(d, e.span));
      ok = false;
    }
    if (d.is(TypeKind::Duration) && d.duration == DurationKind::Workdays && !out_.calendar_declared) {
      sink_.report(DiagId::NoCalendar, e.args[1]->span);
      ok = false;
    }
    if (!ok) return fail(e);
    return set(e, Type::of(TypeKind::Bool));
  }

  Type check_quantifier(Expr& e) {
    const bool resolved = resolve(e.type_ref);
    // After an unknown event type the binder has the error type: no cascade.
    const Type event_type = resolved ? Type::event(e.type_ref.resolved) : Type{};
    if (e.anchor_arg >= 0) {
      const Type a = check(e.args[static_cast<std::size_t>(e.anchor_arg)]);
      if (!a.is_error() && !a.is(TypeKind::Event)) {
        sink_.report(DiagId::ExpectedType, e.args[static_cast<std::size_t>(e.anchor_arg)]->span,
                     lang_of(e.span) == Lang::Da ? "det, der står efter 'efter'/'før'" : "what follows 'after'/'before'",
                     lang_of(e.span) == Lang::Da ? "en hændelse" : "an event", tname(a, e.span));
      }
    }
    if (e.period_arg >= 0) {
      const Type p = check(e.args[static_cast<std::size_t>(e.period_arg)]);
      if (!p.is_error() && !p.is(TypeKind::Period)) {
        sink_.report(DiagId::ExpectedType, e.args[static_cast<std::size_t>(e.period_arg)]->span,
                     lang_of(e.span) == Lang::Da ? "det, der står efter 'i'" : "what follows 'in'",
                     lang_of(e.span) == Lang::Da ? "en periode (for hver periode …)" : "a period (for each period …)", tname(p, e.span));
      }
    }
    e.slot = new_slot(e.name.empty() ? "·" : e.name, event_type, false);
    if (e.where_arg >= 0) {
      scope_.push_back(Binding{e.name, e.slot, event_type});
      require_bool(e.args[static_cast<std::size_t>(e.where_arg)], "betingelsen efter 'hvor'", "the condition after 'where'");
      scope_.pop_back();
      warn_greedy_where(*e.args[static_cast<std::size_t>(e.where_arg)], e.slot);
    }
    if (!resolved) return fail(e);
    switch (e.quant) {
      case QuantKind::Exists: return set(e, Type::of(TypeKind::Bool));
      case QuantKind::Count: return set(e, Type::of(TypeKind::Int));
      default: return set(e, event_type);
    }
  }

  // `findes A a hvor x eller findes B b …`: the second `findes` is part of
  // the first filter. When that alternative never looks at the first
  // binder, the author almost certainly meant two alternatives.
  void warn_greedy_where(const Expr& where, std::int32_t binder) {
    if (where.kind != ExprKind::Binary || (where.op != Op::Or && where.op != Op::And)) return;
    const Expr& right = *where.args[1];
    if (right.kind == ExprKind::Quantifier && right.quant == QuantKind::Exists && !right.parenthesized &&
        !refers_to_slot(right, binder)) {
      const Lang lang = lang_of(right.span);
      const char* joiner = where.op == Op::Or ? (lang == Lang::Da ? "eller" : "or") : (lang == Lang::Da ? "og" : "and");
      sink_.report(DiagId::GreedyWhere, right.span, joiner, lang == Lang::Da ? "findes" : "exists");
    }
    warn_greedy_where(*where.args[0], binder);
  }

  Type check_builtin(Expr& e) {
    const Lang lang = lang_of(e.span);
    std::vector<Type> args;
    for (auto& a : e.args) args.push_back(check(a));
    for (const Type& t : args)
      if (t.is_error()) return fail(e);
    auto count_error = [&](std::size_t n) {
      sink_.report(DiagId::ArgumentCount, e.name_span, e.name, n, e.args.size());
      return fail(e);
    };
    auto arg_error = [&](std::size_t i, const char* want_da, const char* want_en) {
      sink_.report(DiagId::ArgumentType, e.args[i]->span, i + 1, e.name, lang == Lang::Da ? want_da : want_en,
                   tname(args[i], e.span));
      return fail(e);
    };
    switch (e.builtin) {
      case Builtin::Date:
        if (args.size() == 1) {
          if (!temporal_or_none(args[0])) return arg_error(0, "en hændelse, et tidspunkt eller en dato", "an event, a date-time or a date");
          return set(e, Type::of(TypeKind::Date));
        }
        if (args.size() == 3) {
          for (std::size_t i = 0; i < 3; ++i)
            if (!args[i].is(TypeKind::Int)) return arg_error(i, "et heltal", "an int");
          return set(e, Type::of(TypeKind::Date));
        }
        return count_error(1);
      case Builtin::Year:
      case Builtin::Month:
      case Builtin::Day:
      case Builtin::Weekday:
        if (args.size() != 1) return count_error(1);
        if (!temporal_or_none(args[0])) return arg_error(0, "en dato", "a date");
        return set(e, Type::of(TypeKind::Int));
      case Builtin::Age:
        if (args.size() != 2) return count_error(2);
        for (std::size_t i = 0; i < 2; ++i)
          if (!temporal_or_none(args[i])) return arg_error(i, "en dato", "a date");
        return set(e, Type::of(TypeKind::Int));
      case Builtin::Earliest:
      case Builtin::Latest: {
        if (args.empty()) return count_error(1);
        bool any_date = false;
        for (std::size_t i = 0; i < args.size(); ++i) {
          if (!temporal_or_none(args[i])) return arg_error(i, "en dato, et tidspunkt eller en hændelse", "a date, a date-time or an event");
          any_date = any_date || args[i].is(TypeKind::Date);
        }
        return set(e, any_date ? Type::of(TypeKind::Date) : Type::of(TypeKind::Time));
      }
    }
    return fail(e);
  }

  // Binds call arguments (positional, then named) to parameters.
  bool bind_arguments(const std::string& callee, const std::vector<Param>& params, std::vector<ExprPtr>& args,
                      const std::vector<std::string>& names, const Span& call_span, std::vector<const Expr*>& bound) {
    bound.assign(params.size(), nullptr);
    bool ok = true;
    std::size_t positional = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& n = i < names.size() ? names[i] : std::string();
      if (n.empty()) {
        if (positional >= params.size()) {
          sink_.report(DiagId::ArgumentCount, call_span, callee, params.size(), args.size());
          return false;
        }
        bound[positional++] = args[i].get();
        continue;
      }
      auto it = std::find_if(params.begin(), params.end(), [&](const Param& p) { return p.name == n; });
      if (it == params.end()) {
        Diagnostic& d = sink_.report(DiagId::UnknownParam, args[i]->span, n, callee);
        std::vector<std::string> pn;
        for (const Param& p : params) pn.push_back(p.name);
        if (auto best = closest_match(n, pn); !best.empty()) d.help = sink_.did_you_mean(args[i]->span.file, best);
        ok = false;
        continue;
      }
      bound[static_cast<std::size_t>(it - params.begin())] = args[i].get();
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (bound[i] == nullptr) {
        if (params[i].default_value) {
          bound[i] = params[i].default_value.get();
        } else {
          sink_.report(DiagId::ArgumentCount, call_span, callee, params.size(), args.size());
          return false;
        }
      }
    }
    return ok;
  }

  Type check_call(ExprPtr& ep) {
    Expr& e = *ep;
    // A condition parameter applied inside a template that was not expanded.
    auto fit = program_.functions.find(e.name);
    if (fit == program_.functions.end()) {
      if (lookup(e.name) != nullptr) {
        sink_.report(DiagId::ValueNotCondition, e.name_span, display_name(e.name));
        return fail(e);
      }
      Diagnostic& d = sink_.report(DiagId::UnknownFunction, e.name_span, display_name(e.name));
      std::vector<std::string> names;
      for (const auto& [n, f] : program_.functions) names.push_back(n);
      if (auto best = closest_match(e.name, names); !best.empty()) d.help = sink_.did_you_mean(e.span.file, best);
      for (auto& a : e.args) check(a);
      return fail(e);
    }
    const FunctionDecl& f = *fit->second.first;
    if (std::find(expanding_.begin(), expanding_.end(), f.name) != expanding_.end()) {
      sink_.report(DiagId::Recursion, e.name_span, f.name);
      return fail(e);
    }
    std::vector<const Expr*> bound;
    if (!bind_arguments(f.name, f.params, e.args, e.arg_names, e.span, bound)) return fail(e);
    // Check the arguments here, in the caller's scope.
    for (std::size_t i = 0; i < f.params.size(); ++i) {
      if (f.params[i].kind != ParamKind::Value) {
        sink_.report(DiagId::ArgumentType, f.params[i].span, f.params[i].name, f.name, lang_of(f.span) == Lang::Da ? "en værdi" : "a value",
                     lang_of(f.span) == Lang::Da ? "en hændelsestype eller betingelse (brug en skabelon)" : "an event type or condition (use a template)");
        return fail(e);
      }
    }
    // Inline: let p1 = a1 in … let l1 = e1 in … body, with hygienic names.
    const std::string suffix = std::to_string(++rename_counter_);
    ExprPtr body = f.body ? f.body->clone() : make_expr(ExprKind::NoneLit, f.span);
    for (auto it = f.lets.rbegin(); it != f.lets.rend(); ++it) {
      auto let = make_expr(ExprKind::Let, it->span);
      let->name = it->name;
      let->args.push_back(it->expr->clone());
      let->args.push_back(std::move(body));
      body = std::move(let);
    }
    for (std::size_t i = f.params.size(); i-- > 0;) {
      auto let = make_expr(ExprKind::Let, e.span);
      let->name = f.params[i].name;
      let->args.push_back(bound[i]->clone());
      let->args.push_back(std::move(body));
      body = std::move(let);
    }
    // Rename the function's own names (parameters and lets), not the
    // arguments' (they were written by the caller): rename the body first.
    std::vector<std::string> own;
    for (const Param& p : f.params) own.push_back(p.name);
    for (const Clause& l : f.lets) own.push_back(l.name);
    rename_function_names(*body, f.params.size(), own, suffix);
    // Counted over every call inlined in this context, nested ones included:
    // each call of a function that calls another twice doubles the size.
    const std::size_t added = node_count(*body);
    inlined_nodes_ += added;
    expanded_nodes_ += added;
    if (inlined_nodes_ > kMaxExpansionNodes || expanded_nodes_ > kMaxProgramExpansionNodes) return too_large(e, e.span);
    expanding_.push_back(f.name);
    const Span call_span = e.span;
    call_sites_.push_back(call_span);
    ep = std::move(body);
    const Type t = check(ep);
    call_sites_.pop_back();
    expanding_.pop_back();
    if (f.result_type && !t.is_error()) {
      const Type want = type_of_value(*f.result_type);
      if (!join(want, t) || (want.kind != t.kind && !(want.is(TypeKind::Decimal) && t.is(TypeKind::Int)) && !t.is(TypeKind::None))) {
        sink_.report(DiagId::ExpectedType, f.body ? f.body->span : call_span, lang_of(f.span) == Lang::Da ? "funktionens resultat" : "the function's result",
                     tname(want, f.span), tname(t, f.span));
      }
    }
    return t;
  }

  // In `let p1 = a1 in let p2 = a2 in … body`, renames the parameter and
  // let names everywhere except inside the argument values a1, a2, ….
  static void rename_function_names(Expr& chain, std::size_t param_count, const std::vector<std::string>& own,
                                    const std::string& suffix) {
    Expr* cur = &chain;
    for (std::size_t i = 0; i < param_count && cur->kind == ExprKind::Let; ++i) {
      cur->name += std::string(1, kHygieneMark) + suffix;
      cur = cur->args[1].get();
    }
    rename_introduced(*cur, own, suffix);
  }

  // --- functions, calendars, case date -------------------------------------

  void check_function_decl(const FunctionDecl& f) {
    std::vector<SlotInfo> slots;
    begin_context(&slots);
    for (const Param& p : f.params) {
      if (p.kind != ParamKind::Value) {
        sink_.report(DiagId::ArgumentType, p.span, p.name, f.name, lang_of(f.span) == Lang::Da ? "en værdi" : "a value",
                     lang_of(f.span) == Lang::Da ? "en hændelsestype eller betingelse (brug en skabelon)" : "an event type or condition (use a template)");
        continue;
      }
      const Type t = type_of_value(p.value_type);
      scope_.push_back(Binding{p.name, new_slot(p.name, t, false), t});
    }
    expanding_.push_back(f.name);
    for (const Clause& l : f.lets) {
      ExprPtr copy = l.expr->clone();
      const Type t = check(copy);
      scope_.push_back(Binding{l.name, new_slot(l.name, t, false), t});
    }
    if (f.body) {
      ExprPtr copy = f.body->clone();
      check(copy);
    }
    expanding_.pop_back();
  }

  void check_calendar() {
    const RulesetHeader* h = program_.ruleset_header();
    std::string name;
    Span at;
    if (h != nullptr && h->calendar) {
      name = *h->calendar;
      at = h->calendar_span;
    } else if (h == nullptr && program_.root != nullptr && program_.root->calendars.size() == 1) {
      // A module's own tests use the one calendar it declares.
      name = program_.root->calendars.front().name;
      at = program_.root->calendars.front().span;
    } else {
      return;
    }
    auto it = program_.calendars.find(name);
    if (it == program_.calendars.end() && name.find('.') != std::string::npos) {
      it = program_.calendars.find(name.substr(name.rfind('.') + 1));
    }
    if (it == program_.calendars.end()) {
      Diagnostic& d = sink_.report(DiagId::UnknownCalendar, at, name);
      std::vector<std::string> names;
      for (const auto& [n, c] : program_.calendars) names.push_back(n);
      if (auto best = closest_match(name, names); !best.empty()) d.help = sink_.did_you_mean(at.file, best);
      else if (names.empty())
        d.help = lang_of(at) == Lang::Da ? "indlæs kalenderen med 'brug', fx 'brug dk.helligdage'"
                                          : "load the calendar with 'use', e.g. 'use dk.helligdage'";
      return;
    }
    out_.calendar_declared = true;
    const CalendarDecl& cal = *it->second.first;
    CheckedCalendar cc;
    cc.name = cal.name;
    begin_context(&cc.slots);
    const std::int32_t year = new_slot(cal.year_binder, Type::of(TypeKind::Int), false);
    scope_.push_back(Binding{cal.year_binder, year, Type::of(TypeKind::Int)});
    // Holidays may not themselves use workdays.
    out_.calendar_declared = false;
    for (const HolidayDecl& hd : cal.holidays) {
      CheckedHoliday ch;
      ch.name = hd.name;
      ch.effective = hd.effective;
      ch.date = hd.date->clone();
      const Type t = check(ch.date);
      if (!t.is_error() && !t.is(TypeKind::Date)) {
        sink_.report(DiagId::ExpectedType, hd.date->span, lang_of(hd.span) == Lang::Da ? "en helligdag" : "a holiday",
                     lang_of(hd.span) == Lang::Da ? "en dato" : "a date", tname(t, hd.span));
      }
      cc.holidays.push_back(std::move(ch));
    }
    out_.calendar_declared = true;
    out_.calendar = std::move(cc);
  }

  void check_case_date() {
    const RulesetHeader* h = program_.ruleset_header();
    if (h == nullptr) return;
    begin_context(&out_.case_date_slots);
    for (const auto& alt : program_.case_date()) {
      ExprPtr e = alt->clone();
      const Type t = check(e);
      expect_temporal(*e, t, "sagsdatoen", "the case date");
      out_.case_date.push_back(std::move(e));
    }
  }

  // --- rules --------------------------------------------------------------

  // Splices template applications into the clause list (recursively).
  void expand_clauses(const std::vector<Clause>& in, std::vector<Clause>& out, std::size_t& nodes) {
    const std::size_t errors_before = sink_.error_count();
    expand_clauses_into(in, out, nodes);
    expansion_failed_ = sink_.error_count() > errors_before;
  }

  void expand_clauses_into(const std::vector<Clause>& in, std::vector<Clause>& out, std::size_t& nodes) {
    for (const Clause& c : in) {
      // Checked before each clause, not only after an application: a template
      // that applies another twice doubles the size at every level.
      if (nodes > kMaxExpansionNodes || expanded_nodes_ > kMaxProgramExpansionNodes) {
        if (!expansion_reported_) sink_.report(DiagId::ExpansionTooLarge, c.span);
        expansion_reported_ = true;
        return;
      }
      if (c.kind != ClauseKind::Apply) {
        out.push_back(c.clone());
        const std::size_t added = node_count(c);
        nodes += added;
        if (!expanding_.empty()) expanded_nodes_ += added;  // a clause of a template's body
        continue;
      }
      auto tit = program_.templates.find(c.name);
      if (tit == program_.templates.end()) {
        Diagnostic& d = sink_.report(DiagId::UnknownTemplate, c.name_span, c.name);
        std::vector<std::string> names;
        for (const auto& [n, t] : program_.templates) names.push_back(n);
        if (auto best = closest_match(c.name, names); !best.empty()) d.help = sink_.did_you_mean(c.span.file, best);
        continue;
      }
      const TemplateDecl& t = *tit->second.first;
      if (std::find(expanding_.begin(), expanding_.end(), t.name) != expanding_.end()) {
        sink_.report(DiagId::Recursion, c.name_span, t.name);
        continue;
      }
      std::vector<ExprPtr> args;
      for (const auto& a : c.args) args.push_back(a->clone());
      std::vector<const Expr*> bound;
      if (!bind_arguments(t.name, t.params, args, c.arg_names, c.span, bound)) continue;
      Substitution s;
      bool ok = true;
      for (std::size_t i = 0; i < t.params.size(); ++i) {
        const Param& p = t.params[i];
        const Expr& a = *bound[i];
        switch (p.kind) {
          case ParamKind::Value: s.values[p.name] = &a; break;
          case ParamKind::EventType:
            if (a.kind == ExprKind::NameRef || a.kind == ExprKind::TextLit) {
              s.event_types[p.name] = a.kind == ExprKind::NameRef ? a.name : a.text;
            } else {
              sink_.report(DiagId::ArgumentType, a.span, p.name, t.name, lang_of(a.span) == Lang::Da ? "en hændelsestype" : "an event type",
                           lang_of(a.span) == Lang::Da ? "et udtryk" : "an expression");
              ok = false;
            }
            break;
          case ParamKind::Condition:
            if (a.kind != ExprKind::Lambda) {
              sink_.report(DiagId::ArgumentType, a.span, p.name, t.name,
                           lang_of(a.span) == Lang::Da ? "en betingelse (x) => …" : "a condition (x) => …",
                           lang_of(a.span) == Lang::Da ? "et udtryk" : "an expression");
              ok = false;
            } else {
              s.conditions[p.name] = &a;
            }
            break;
        }
      }
      if (!ok) continue;
      std::vector<Clause> body;
      for (const Clause& tc : t.clauses) body.push_back(tc.clone());
      rename_introduced(body, std::to_string(++rename_counter_));
      for (Clause& bc : body) substitute(bc, s);
      expanding_.push_back(t.name);
      expand_clauses_into(body, out, nodes);
      expanding_.pop_back();
      if (nodes > kMaxExpansionNodes || expanded_nodes_ > kMaxProgramExpansionNodes) {
        if (!expansion_reported_) sink_.report(DiagId::ExpansionTooLarge, c.span);
        expansion_reported_ = true;
        return;
      }
    }
  }

  void check_rule(const RuleRef& ref) {
    const RuleDecl& r = *ref.decl;
    CheckedRule cr;
    cr.id = r.id;
    cr.title = r.title;
    cr.decl = &r;
    cr.module = ref.module;
    begin_context(&cr.slots);
    const Lang lang = lang_of(r.id_span);
    bool seen_basis = false, seen_status = false, seen_note = false;
    for (const Clause& c : r.clauses) {
      auto once = [&](bool& seen, const char* what) {
        if (seen) sink_.report(DiagId::TwoMetadata, c.span, what);
        seen = true;
      };
      if (c.kind == ClauseKind::Basis) { once(seen_basis, lang == Lang::Da ? "hjemmel" : "basis"); cr.basis = c.text; }
      if (c.kind == ClauseKind::Status) { once(seen_status, "status"); cr.verified = c.verified; }
      if (c.kind == ClauseKind::Note) { once(seen_note, "note"); cr.note = c.text; }
    }
    std::size_t nodes = 0;
    expand_clauses(r.clauses, cr.clauses, nodes);

    std::set<std::string> names;
    bool seen_require = false;
    bool seen_foreach = false;
    bool seen_condition = false;
    for (std::size_t i = 0; i < cr.clauses.size(); ++i) {
      Clause& c = cr.clauses[i];
      const Lang cl = lang_of(c.span);
      auto after_require = [&](const char* da, const char* en) {
        if (seen_require) sink_.report(DiagId::ClauseAfterRequire, c.span, cl == Lang::Da ? da : en);
      };
      auto introduce = [&](const std::string& name, const Span& at, Type t, bool is_let) {
        if (!names.insert(name).second) sink_.report(DiagId::DuplicateName, at, display_name(name));
        c.slot = new_slot(name, t, is_let);
        scope_.push_back(Binding{name, c.slot, t});
      };
      switch (c.kind) {
        case ClauseKind::Basis:
        case ClauseKind::Status:
        case ClauseKind::Note:
        case ClauseKind::Apply: break;
        case ClauseKind::ForEach: {
          if (seen_foreach) sink_.report(DiagId::TwoForEach, c.span);
          if (seen_require) sink_.report(DiagId::ForEachLate, c.span);
          seen_foreach = true;
          cr.foreach_index = static_cast<std::int32_t>(i);
          const bool ok = resolve(c.type_ref);
          introduce(c.name, c.name_span, ok ? Type::event(c.type_ref.resolved) : Type{}, true);
          if (c.where) require_bool(c.where, "betingelsen efter 'hvor'", "the condition after 'where'");
          break;
        }
        case ClauseKind::ForEachPeriod: {
          if (seen_foreach) sink_.report(DiagId::TwoForEach, c.span);
          if (seen_require) sink_.report(DiagId::ForEachLate, c.span);
          seen_foreach = true;
          cr.foreach_index = static_cast<std::int32_t>(i);
          const Type len = check(c.period_length);
          if (!len.is_error() && !(len.is(TypeKind::Duration) && len.duration == DurationKind::Calendar)) {
            sink_.report(DiagId::PeriodUnit, c.period_length->span);
          }
          const Type from = check(c.period_from);
          const Type until = check(c.period_until);
          expect_temporal(*c.period_from, from, "periodens start (fra …)", "the start of the periods (from …)");
          expect_temporal(*c.period_until, until, "periodernes slut (til …)", "the end of the periods (until …)");
          introduce(c.name, c.name_span, Type::of(TypeKind::Period), false);
          break;
        }
        case ClauseKind::AppliesWhen:
          after_require("gælder når", "applies when");
          seen_condition = true;
          require_bool(c.expr, "betingelsen efter 'gælder når'", "the condition after 'applies when'");
          break;
        case ClauseKind::UndeterminedWhen:
          after_require("ubestemt når", "undetermined when");
          require_bool(c.expr, "betingelsen efter 'ubestemt når'", "the condition after 'undetermined when'");
          break;
        case ClauseKind::ExemptWhen:
          require_bool(c.expr, "betingelsen efter 'undtaget når'", "the condition after 'exempt when'");
          break;
        case ClauseKind::Let: {
          after_require("lad", "let");
          const Type t = check(c.expr);
          introduce(c.name, c.name_span, t, true);
          break;
        }
        case ClauseKind::Require:
          if (seen_require) sink_.report(DiagId::TwoRequirements, c.span);
          seen_require = true;
          cr.require_index = static_cast<std::int32_t>(i);
          require_bool(c.expr, "kravet efter 'kræv'", "the requirement after 'require'");
          cr.deadline = extract_deadline(*c.expr);
          break;
      }
    }
    (void)seen_condition;
    if (!seen_require && !expansion_failed_) sink_.report(DiagId::NoRequirement, r.id_span, r.id);
    out_.rules.push_back(std::move(cr));
  }

  // --- deadlines ----------------------------------------------------------

  // An expression as its author wrote it (templates: as the template wrote it).
  static std::string source_text(const Expr& e) {
    if (e.span.file == nullptr || e.span.end < e.span.begin) return {};
    std::string t(e.span.file->text().substr(e.span.begin, e.span.end - e.span.begin));
    // One line: continuation lines and their indentation become one space.
    std::string out;
    bool space = false;
    for (char c : t) {
      const bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (ws) {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    return out;
  }

  static bool refers_to_slot(const Expr& e, std::int32_t slot) {
    if (e.kind == ExprKind::NameRef && e.slot == slot) return true;
    for (const auto& a : e.args)
      if (a && refers_to_slot(*a, slot)) return true;
    return false;
  }

  static bool is_binder(const Expr& e, std::int32_t slot) {
    if (e.kind == ExprKind::NameRef && e.slot == slot) return true;
    return e.kind == ExprKind::Builtin && e.builtin == Builtin::Date && e.args.size() == 1 && is_binder(*e.args[0], slot);
  }

  // S + d for `within d after S`: a date for calendar units and workdays, an
  // instant for clock units.
  ExprPtr deadline_of_within(const Expr& within) {
    const Expr& d = *within.args[1];
    const Expr& s = *within.args[2];
    auto sum = make_expr(ExprKind::Binary, within.span);
    sum->op = Op::Add;
    if (d.type.duration == DurationKind::Clock) {
      sum->args.push_back(s.clone());
      sum->args.push_back(d.clone());
      sum->type = Type::of(TypeKind::Time);
      return sum;
    }
    auto date_of = make_expr(ExprKind::Builtin, s.span);
    date_of->builtin = Builtin::Date;
    date_of->args.push_back(s.clone());
    date_of->type = Type::of(TypeKind::Date);
    sum->args.push_back(std::move(date_of));
    sum->args.push_back(d.clone());
    sum->type = Type::of(TypeKind::Date);
    return sum;
  }

  std::optional<DeadlineInfo> deadline_from(const Expr& e, std::int32_t binder) {
    const bool subject_ok = binder < 0 || (e.args.size() > 0 && is_binder(*e.args[0], binder));
    if (e.kind == ExprKind::Binary && (e.op == Op::Le || e.op == Op::Lt) && subject_ok &&
        e.args[0]->type.is_temporal() && e.args[1]->type.is_temporal()) {
      if (binder >= 0 && refers_to_slot(*e.args[1], binder)) {
        sink_.report(DiagId::DeadlineOnBinder, e.args[1]->span, "…");
        return std::nullopt;
      }
      DeadlineInfo d;
      d.expr = e.args[1]->clone();
      d.strict = e.op == Op::Lt;
      d.subject = e.args[0]->clone();
      d.text = source_text(*e.args[1]);
      return d;
    }
    if (e.kind == ExprKind::Within && subject_ok && e.args[1]->type.is(TypeKind::Duration)) {
      if (binder >= 0 && (refers_to_slot(*e.args[1], binder) || refers_to_slot(*e.args[2], binder))) {
        sink_.report(DiagId::DeadlineOnBinder, e.args[2]->span, "…");
        return std::nullopt;
      }
      if (e.args[1]->type.duration == DurationKind::Any) return std::nullopt;
      DeadlineInfo d;
      d.expr = deadline_of_within(e);
      d.subject = e.args[0]->clone();
      d.text = source_text(*e.args[2]) + " + " + source_text(*e.args[1]);
      return d;
    }
    return std::nullopt;
  }

  std::optional<DeadlineInfo> extract_deadline(const Expr& req) {
    if (auto d = deadline_from(req, -1)) return d;
    // `A or B`: not met while either can still be met, so the later deadline.
    if (req.kind == ExprKind::Binary && req.op == Op::Or) {
      auto a = extract_deadline(*req.args[0]);
      auto b = extract_deadline(*req.args[1]);
      if (!a || !b) return std::nullopt;
      const bool a_date = a->expr->type.is(TypeKind::Date), b_date = b->expr->type.is(TypeKind::Date);
      if (a_date != b_date || a->strict != b->strict) return std::nullopt;
      auto latest = make_expr(ExprKind::Builtin, req.span);
      latest->builtin = Builtin::Latest;
      latest->type = a_date ? Type::of(TypeKind::Date) : Type::of(TypeKind::Time);
      latest->args.push_back(std::move(a->expr));
      latest->args.push_back(std::move(b->expr));
      DeadlineInfo d;
      const Lang lang = lang_of(req.span);
      d.text = fmt::format("{}({}, {})", grammar::spelling(grammar::Kw::FnLatest, lang), a->text, b->text);
      d.expr = std::move(latest);
      d.strict = a->strict;
      return d;
    }
    if (req.kind == ExprKind::Quantifier && req.quant == QuantKind::Exists && req.where_arg >= 0) {
      std::vector<const Expr*> conjuncts;
      std::vector<const Expr*> pending{req.args[static_cast<std::size_t>(req.where_arg)].get()};
      while (!pending.empty()) {
        const Expr* x = pending.back();
        pending.pop_back();
        if (x->kind == ExprKind::Binary && x->op == Op::And) {
          pending.push_back(x->args[1].get());
          pending.push_back(x->args[0].get());
        } else {
          conjuncts.push_back(x);
        }
      }
      for (const Expr* c : conjuncts) {
        if (auto d = deadline_from(*c, req.slot)) {
          d->subject.reset();
          return d;
        }
      }
    }
    return std::nullopt;
  }

  void run() {
    build_vocabulary();
    check_calendar();
    for (const Module* m : program_.order) {
      for (const FunctionDecl& f : m->functions) check_function_decl(f);
    }
    check_case_date();
    for (const RuleRef& r : program_.rules) check_rule(r);
    check_tests();
  }

  // A value written in a test case must fit the attribute's declared type.
  void check_test_value(const TestValue& v, model::ValueType type) {
    bool ok = false;
    switch (type) {
      case model::ValueType::Bool: ok = v.kind == TestValue::Kind::Bool; break;
      case model::ValueType::Int: ok = v.kind == TestValue::Kind::Number && v.text.find('.') == std::string::npos; break;
      case model::ValueType::Decimal: ok = v.kind == TestValue::Kind::Number; break;
      case model::ValueType::Text: ok = v.kind == TestValue::Kind::Text; break;
      case model::ValueType::Date: ok = v.kind == TestValue::Kind::Date; break;
      case model::ValueType::DateTime: ok = v.kind == TestValue::Kind::Date || v.kind == TestValue::Kind::DateTime; break;
      case model::ValueType::Duration:
        ok = v.kind == TestValue::Kind::Duration && v.duration.kind != model::Duration::Kind::Workdays;
        break;
    }
    if (ok) return;
    const Lang lang = lang_of(v.span);
    const Type want = type_of_value(type);
    sink_.report(DiagId::TestAttribute, v.value_span,
                 lang == Lang::Da ? fmt::format("'{}' skal være {}", v.name, tname(want, v.span))
                                  : fmt::format("'{}' must be {}", v.name, tname(want, v.span)),
                 lang == Lang::Da ? "værdien i testen har en anden type" : "the value in the test has another type");
  }

  // The tests of the root file: what they name must exist (a misspelt rule,
  // event type or attribute would otherwise make a test meaningless).
  void check_tests() {
    if (program_.root == nullptr) return;
    std::vector<std::string> rule_ids;
    for (const RuleRef& r : program_.rules) rule_ids.push_back(r.decl->id);
    const RulesetHeader* h = program_.ruleset_header();
    auto known_rule = [&](const std::string& id) {
      return std::find(rule_ids.begin(), rule_ids.end(), id) != rule_ids.end();
    };
    auto unknown_target = [&](const std::string& id, const Span& at) {
      Diagnostic& d = sink_.report(DiagId::UnknownTestTarget, at, id);
      if (auto best = closest_match(id, rule_ids); !best.empty()) d.help = sink_.did_you_mean(at.file, best);
    };
    for (const TestDecl& t : program_.root->tests) {
      const bool names_ruleset = h != nullptr && t.target == h->id;
      if (!t.target.empty() && !names_ruleset && !known_rule(t.target)) unknown_target(t.target, t.target_span);
      for (const Expectation& x : t.expectations) {
        if (x.is_expression) {
          // `forvent ikke relevnt` is a misspelt verdict, not an expression.
          const Expr* word = x.expr.get();
          bool negated = false;
          if (word->kind == ExprKind::Unary && word->op == Op::Not) {
            word = word->args[0].get();
            negated = true;
          }
          if (!t.target.empty() && word->kind == ExprKind::NameRef && lookup(word->name) == nullptr) {
            const Lang lang = lang_of(x.span);
            std::vector<std::string> verdicts;
            for (grammar::Kw k : {grammar::Kw::Compliant, grammar::Kw::Violated, grammar::Kw::Pending, grammar::Kw::NotApplicable,
                                  grammar::Kw::Undetermined, grammar::Kw::Uncovered})
              verdicts.emplace_back(grammar::spelling(k, lang));
            const std::string written = (negated ? std::string(grammar::spelling(grammar::Kw::Not, lang)) + " " : std::string()) + word->name;
            Diagnostic& d = sink_.report(DiagId::TestAttribute, x.expr->span,
                                         lang == Lang::Da ? "ukendt udfald" : "unknown verdict", written);
            if (auto best = closest_match(written, verdicts); !best.empty()) d.help = sink_.did_you_mean(x.span.file, best);
            continue;
          }
          std::vector<SlotInfo> slots;
          begin_context(&slots);
          ExprPtr copy = x.expr->clone();
          require_bool(copy, "en forventning", "an expectation");
          continue;
        }
        if (t.target.empty()) sink_.report(DiagId::TestVerdictNoRule, x.span);
        if (!x.rule.empty() && !known_rule(x.rule)) unknown_target(x.rule, x.rule_span);
      }
      for (const TestValue& v : t.case_attributes) {
        const std::uint32_t a = out_.vocabulary.find_case_attribute(v.name);
        if (a == model::Vocabulary::kNotFound) {
          Diagnostic& d = sink_.report(DiagId::UnknownCaseAttr, v.span, v.name);
          std::vector<std::string> names;
          for (const auto& c : out_.vocabulary.case_attributes()) names.push_back(c.name);
          if (auto best = closest_match(v.name, names); !best.empty()) d.help = sink_.did_you_mean(v.span.file, best);
          continue;
        }
        check_test_value(v, out_.vocabulary.case_attributes()[a].type);
      }
      for (const TestEvent& e : t.events) {
        TypeRef ref;
        ref.name = e.type;
        ref.span = Span{e.span.file, e.span.begin, e.span.begin + static_cast<std::uint32_t>(e.type.size())};
        if (!resolve(ref)) continue;
        const auto& decl = out_.vocabulary.event_types()[static_cast<std::size_t>(ref.resolved)];
        for (const TestValue& v : e.attributes) {
          const std::uint32_t slot = out_.vocabulary.find_attribute(static_cast<std::uint32_t>(ref.resolved), v.name);
          if (slot != model::Vocabulary::kNotFound) {
            check_test_value(v, decl.attributes[slot].type);
            continue;
          }
          Diagnostic& d = sink_.report(DiagId::UnknownAttribute, v.span, v.name, decl.name);
          std::vector<std::string> names{"id"};
          for (const auto& a : decl.attributes) names.push_back(a.name);
          if (auto best = closest_match(v.name, names); !best.empty()) d.help = sink_.did_you_mean(v.span.file, best);
        }
      }
    }
  }

  Type standalone(Expr& expr, std::vector<SlotInfo>& slots) {
    begin_context(&slots);
    ExprPtr holder = expr.clone();
    const Type t = check(holder);
    expr = std::move(*holder);
    return t;
  }

 private:
  const Program& program_;
  CheckedProgram& out_;
  DiagnosticSink& sink_;
  std::vector<Binding> scope_;
  std::vector<SlotInfo>* slots_ = nullptr;
  std::vector<std::string> expanding_;
  std::size_t rename_counter_ = 0;
  bool expansion_failed_ = false;
  std::size_t inlined_nodes_ = 0;    // nodes inlined in the current context
  std::size_t expanded_nodes_ = 0;   // nodes expanded from functions and templates in the whole program
  bool expansion_reported_ = false;  // ExpansionTooLarge reported in the current context
  std::size_t check_depth_ = 0;      // recursion depth of check()
  std::vector<Span> call_sites_;     // the function calls being inlined, outermost first
};

}  // namespace

std::unique_ptr<CheckedProgram> check_program(const Program& program, DiagnosticSink& sink) {
  auto out = std::make_unique<CheckedProgram>();
  out->program = &program;
  out->lang = program.root != nullptr ? program.root->lang : Lang::En;
  Checker c(program, *out, sink);
  c.run();
  return out;
}

Type check_standalone(CheckedProgram& checked, Expr& expr, std::vector<SlotInfo>& slots, DiagnosticSink& sink) {
  Checker c(*checked.program, checked, sink);
  return c.standalone(expr, slots);
}

}  // namespace frist::compiler

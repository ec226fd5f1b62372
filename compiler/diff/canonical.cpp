// Building the canonical form of checked rules, the case-date rule and
// holidays (see canonical.hpp for what "canonical" means here).
#include "compiler/diff/canonical.hpp"

#include <fmt/format.h>
#include <openssl/sha.h>

#include <map>
#include <utility>
#include <variant>

#include "compiler/expand.hpp"

namespace frist::compiler::diff {
namespace {

// Keys longer than this are replaced by a digest, so a key never grows with
// the size of what it stands for.
constexpr std::size_t kMaxKeyLength = 240;

std::string digest(const std::string& text) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), d);
  std::string out = "#";
  for (std::size_t i = 0; i < 16; ++i) out += fmt::format("{:02x}", d[i]);
  return out;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string duration_key(const model::Duration& d) {
  switch (d.kind) {
    case model::Duration::Kind::Calendar: return fmt::format("cal:{}m{}d", d.months, d.days);
    case model::Duration::Kind::Clock: return fmt::format("clock:{}us", d.micros);
    case model::Duration::Kind::Workdays: return fmt::format("work:{}d", d.days);
  }
  return "duration";
}

const char* op_key(Op op) {
  switch (op) {
    case Op::Neg: return "neg";
    case Op::Not: return "not";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
    case Op::IntDiv: return "intdiv";
    case Op::Mod: return "mod";
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    case Op::Lt: return "lt";
    case Op::Le: return "le";
    case Op::Gt: return "gt";
    case Op::Ge: return "ge";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::StartsWith: return "starts-with";
  }
  return "op";
}

const char* quant_key(QuantKind q) {
  switch (q) {
    case QuantKind::First: return "first";
    case QuantKind::Last: return "last";
    case QuantKind::Next: return "next";
    case QuantKind::Previous: return "previous";
    case QuantKind::Exists: return "exists";
    case QuantKind::Count: return "count";
  }
  return "quantifier";
}

const char* builtin_key(Builtin b) {
  switch (b) {
    case Builtin::Date: return "date";
    case Builtin::Year: return "year";
    case Builtin::Month: return "month";
    case Builtin::Day: return "day";
    case Builtin::Weekday: return "weekday";
    case Builtin::Age: return "age";
    case Builtin::Earliest: return "earliest";
    case Builtin::Latest: return "latest";
  }
  return "builtin";
}

struct Binding {
  bool binder = false;
  int level = 0;             // binder: its nesting level
  std::string display;       // binder: the name as written
  const Expr* def = nullptr; // let: its definition
};

// Turns checked expressions of one context (a rule, the case-date rule, a
// holiday) into nodes. Slots are unique within a context, so one flat map
// from slot to binding is the whole environment. A let is rebuilt where it
// is used (at that nesting depth, so binder levels inside it are right) and
// memoised per depth while no binder has changed level.
class Builder {
 public:
  explicit Builder(const CheckedProgram& program)
      : program_(program), data_workdays_(declares_workday_default(program.vocabulary)) {}

  Mentions& mentions() { return mentions_; }
  int depth() const { return depth_; }

  void bind_let(std::int32_t slot, const Expr* def) {
    Binding b;
    b.def = def;
    env_[slot] = b;
  }
  // Binds a binder one level below the current depth and enters it.
  void enter_binder(std::int32_t slot, const std::string& display) {
    ++depth_;
    auto it = env_.find(slot);
    if (it != env_.end() && it->second.binder && it->second.level != depth_) ++version_;
    Binding b;
    b.binder = true;
    b.level = depth_;
    b.display = display_name(display);
    env_[slot] = b;
  }
  void leave_binder() { --depth_; }

  std::string type_name(std::int32_t id, const std::string& written) const {
    const auto& types = program_.vocabulary.event_types();
    if (id >= 0 && static_cast<std::size_t>(id) < types.size()) return types[static_cast<std::size_t>(id)].name;
    return written;
  }

  std::string type_of(const TypeRef& ref) {
    if (ref.any) {
      mentions_.any_event = true;
      return "";
    }
    std::string n = type_name(ref.resolved, ref.name);
    mentions_.event_types.insert(n);
    return n;
  }

  NodePtr build(const Expr& e) {
    auto n = std::make_shared<Node>();
    n->expr = &e;
    switch (e.kind) {
      case ExprKind::BoolLit: literal(*n, e.int_value != 0 ? "true" : "false"); break;
      case ExprKind::IntLit: literal(*n, fmt::format("int:{}", e.int_value)); break;
      case ExprKind::DecimalLit: literal(*n, fmt::format("dec:{}", e.decimal_value)); break;
      case ExprKind::TextLit: literal(*n, "text:" + quoted(e.text)); break;
      case ExprKind::DateLit: literal(*n, "date:" + time::format_date(e.date)); break;
      case ExprKind::TimeLit: literal(*n, "time:" + e.timestamp_text); break;
      case ExprKind::DurationLit: literal(*n, "dur:" + duration_key(e.duration)); break;
      case ExprKind::NoneLit: literal(*n, "none"); break;
      case ExprKind::AsOf:
        n->kind = NodeKind::AsOf;
        n->head = "as-of";
        break;
      case ExprKind::NameRef: return reference(e);
      case ExprKind::Let: {
        bind_let(e.slot, e.args[0].get());
        return build(*e.args[1]);
      }
      case ExprKind::CaseAttr:
        n->kind = NodeKind::CaseAttr;
        n->name = e.name;
        n->head = "case " + e.name;
        mentions_.case_attributes.insert(e.name);
        break;
      case ExprKind::Attr: {
        n->kind = NodeKind::Attr;
        n->name = e.name;
        n->head = "attr " + e.name;
        if (e.name != "id") {
          const Type& base = e.args[0]->type;
          const bool typed = base.is(TypeKind::Event) && base.event_type >= 0 && e.slot != -2;
          mentions_.attributes.insert((typed ? type_name(base.event_type, "") : std::string("*")) + "." + e.name);
        }
        n->kids.push_back(build(*e.args[0]));
        break;
      }
      case ExprKind::Unary:
      case ExprKind::Binary:
        if (e.kind == ExprKind::Binary && (e.op == Op::Add || e.op == Op::Sub) && e.args.size() == 2) {
          // date ± workdays (the checker puts the temporal operand first)
          const Type& a = e.args[0]->type;
          const Type& b = e.args[1]->type;
          if ((a.is_temporal() && counts_workdays(b)) || (counts_workdays(a) && b.is_temporal())) mentions_.workdays = true;
        }
        n->kind = e.kind == ExprKind::Unary ? NodeKind::Unary : NodeKind::Binary;
        n->head = op_key(e.op);
        for (const auto& a : e.args) n->kids.push_back(build(*a));
        break;
      case ExprKind::Between: simple(*n, NodeKind::Between, "between", e); break;
      case ExprKind::Within:
        if (e.args.size() == 3 && counts_workdays(e.args[1]->type)) mentions_.workdays = true;
        simple(*n, NodeKind::Within, "within", e);
        break;
      case ExprKind::Present: simple(*n, NodeKind::Present, "present", e); break;
      case ExprKind::Missing: simple(*n, NodeKind::Missing, "missing", e); break;
      case ExprKind::IsType:
        n->name = type_of(e.type_ref);
        simple(*n, NodeKind::IsType, "is " + (n->name.empty() ? std::string("*") : n->name), e);
        break;
      case ExprKind::If: simple(*n, NodeKind::If, "if", e); break;
      case ExprKind::Scaled: simple(*n, NodeKind::Scaled, "scaled " + duration_key(e.duration), e); break;
      case ExprKind::Builtin: simple(*n, NodeKind::Builtin, builtin_key(e.builtin), e); break;
      case ExprKind::Quantifier: quantifier(*n, e); break;
      default: other(*n, e); break;
    }
    finish(*n);
    return n;
  }

 private:
  // Whether some attribute's declared default is a duration in workdays: a
  // duration from data may then count workdays.
  static bool declares_workday_default(const model::Vocabulary& v) {
    auto any = [](const std::vector<model::AttributeDecl>& attrs) {
      for (const model::AttributeDecl& a : attrs) {
        if (!a.default_value) continue;
        const auto* d = std::get_if<model::Duration>(&a.default_value->value);
        if (d != nullptr && d->kind == model::Duration::Kind::Workdays) return true;
      }
      return false;
    };
    if (any(v.case_attributes())) return true;
    for (const auto& t : v.event_types())
      if (any(t.attributes)) return true;
    return false;
  }

  // A duration that may be in workdays, so that adding it to a date (or
  // `within` it) asks the calendar.
  bool counts_workdays(const Type& t) const {
    if (!t.is(TypeKind::Duration)) return false;
    return t.duration == DurationKind::Workdays || (t.duration == DurationKind::Any && data_workdays_);
  }

  static void literal(Node& n, std::string head) {
    n.kind = NodeKind::Literal;
    n.head = std::move(head);
  }

  void simple(Node& n, NodeKind kind, std::string head, const Expr& e) {
    n.kind = kind;
    n.head = std::move(head);
    for (const auto& a : e.args) n.kids.push_back(build(*a));
  }

  NodePtr reference(const Expr& e) {
    auto it = env_.find(e.slot);
    if (it == env_.end()) {
      auto n = std::make_shared<Node>();
      n->expr = &e;
      n->kind = NodeKind::Other;
      n->head = "name " + display_name(e.name);
      finish(*n);
      return n;
    }
    const Binding b = it->second;
    if (b.binder) {
      auto n = std::make_shared<Node>();
      n->expr = &e;
      n->kind = NodeKind::Ref;
      n->head = fmt::format("${}", b.level);
      n->level = b.level;
      n->display = b.display;
      finish(*n);
      return n;
    }
    const auto memo_key = std::make_tuple(e.slot, depth_, version_);
    if (auto m = memo_.find(memo_key); m != memo_.end()) return m->second;
    NodePtr def = build(*b.def);
    memo_[std::make_tuple(e.slot, depth_, version_)] = def;
    return def;
  }

  void quantifier(Node& n, const Expr& e) {
    n.kind = NodeKind::Quantifier;
    n.name = type_of(e.type_ref);
    n.display = display_name(e.name);
    std::string head = fmt::format("{} {}", quant_key(e.quant), n.name.empty() ? "*" : n.name);
    if (e.anchor_arg >= 0) {
      head += e.anchor_after ? " @after" : " @before";
      n.anchor = static_cast<std::int8_t>(n.kids.size());
      n.kids.push_back(build(*e.args[static_cast<std::size_t>(e.anchor_arg)]));
    }
    if (e.period_arg >= 0) {
      head += " @in";
      n.period = static_cast<std::int8_t>(n.kids.size());
      n.kids.push_back(build(*e.args[static_cast<std::size_t>(e.period_arg)]));
    }
    if (e.where_arg >= 0) {
      head += " @where";
      n.where = static_cast<std::int8_t>(n.kids.size());
      enter_binder(e.slot, e.name);
      n.level = depth_;
      n.kids.push_back(build(*e.args[static_cast<std::size_t>(e.where_arg)]));
      leave_binder();
    }
    n.head = std::move(head);
  }

  // A kind this version does not know by name: everything that could matter.
  void other(Node& n, const Expr& e) {
    n.kind = NodeKind::Other;
    std::string type;
    if (e.type_ref.any || e.type_ref.resolved >= 0 || !e.type_ref.name.empty()) type = type_of(e.type_ref);
    n.head = fmt::format("expr{} {} {} {} {} {}", static_cast<int>(e.kind), static_cast<int>(e.op),
                         static_cast<int>(e.quant), static_cast<int>(e.builtin), display_name(e.name), type);
    for (const auto& a : e.args)
      if (a) n.kids.push_back(build(*a));
  }

  const CheckedProgram& program_;
  const bool data_workdays_;
  std::map<std::int32_t, Binding> env_;
  std::map<std::tuple<std::int32_t, int, int>, NodePtr> memo_;
  int depth_ = 0;
  int version_ = 0;
  Mentions mentions_;
};

std::string clause_key(const CanonicalClause& c) {
  std::string head;
  switch (c.kind) {
    case ClauseKind::AppliesWhen: head = "applies"; break;
    case ClauseKind::UndeterminedWhen: head = "undetermined"; break;
    case ClauseKind::ExemptWhen: head = "exempt"; break;
    case ClauseKind::Require: head = "require"; break;
    case ClauseKind::ForEach: head = "for-each " + (c.event_type.empty() ? std::string("*") : c.event_type); break;
    case ClauseKind::ForEachPeriod: head = "for-each-period"; break;
    default: head = "clause"; break;
  }
  if (c.in_for_each) head += " @each";
  if (c.after_require) head += " @after-require";
  std::string key = "(" + head;
  for (const NodePtr& p : {c.expr, c.length, c.from, c.until})
    if (p) key += " " + p->key;
  if (!c.reason.empty()) key += " " + quoted(c.reason);
  return key + ")";
}

}  // namespace

void finish(Node& n) {
  const bool leaf = n.kind == NodeKind::Literal || n.kind == NodeKind::AsOf || n.kind == NodeKind::Ref ||
                    n.kind == NodeKind::Hole;
  if (leaf && n.kids.empty()) {
    n.key = n.head;
  } else {
    std::string key = "(" + n.head;
    for (const NodePtr& k : n.kids) key += " " + k->key;
    key += ")";
    n.key = std::move(key);
  }
  if (n.key.size() > kMaxKeyLength) n.key = digest(n.key);
}

NodePtr replace_at(const NodePtr& n, const std::vector<std::size_t>& path, NodePtr replacement) {
  if (path.empty()) return replacement;
  auto copy = std::make_shared<Node>(*n);
  const std::vector<std::size_t> rest(path.begin() + 1, path.end());
  copy->kids.at(path.front()) = replace_at(n->kids.at(path.front()), rest, std::move(replacement));
  finish(*copy);
  return copy;
}

NodePtr hole(const std::string& what) {
  auto n = std::make_shared<Node>();
  n->kind = NodeKind::Hole;
  n->head = "?" + what;
  finish(*n);
  return n;
}

void Mentions::merge(const Mentions& other) {
  event_types.insert(other.event_types.begin(), other.event_types.end());
  attributes.insert(other.attributes.begin(), other.attributes.end());
  case_attributes.insert(other.case_attributes.begin(), other.case_attributes.end());
  any_event = any_event || other.any_event;
  workdays = workdays || other.workdays;
}

CanonicalRule canonical_rule(const CheckedProgram& program, const CheckedRule& rule) {
  CanonicalRule out;
  out.rule = &rule;
  out.id = rule.id;
  out.title = rule.title;
  out.basis = rule.basis;
  out.note = rule.note;
  out.verified = rule.verified;
  out.has_deadline = rule.deadline.has_value();
  Builder b(program);
  bool in_for_each = false, after_require = false;
  for (const Clause& c : rule.clauses) {
    CanonicalClause cc;
    cc.kind = c.kind;
    cc.in_for_each = in_for_each;
    switch (c.kind) {
      case ClauseKind::Basis:
      case ClauseKind::Status:
      case ClauseKind::Note:
      case ClauseKind::Apply: continue;
      case ClauseKind::Let:
        b.bind_let(c.slot, c.expr.get());
        continue;
      case ClauseKind::ForEach:
        cc.event_type = b.type_of(c.type_ref);
        cc.binder = display_name(c.name);
        b.enter_binder(c.slot, c.name);  // stays entered: the clauses after it run per occurrence
        if (c.where) cc.expr = b.build(*c.where);
        in_for_each = true;
        break;
      case ClauseKind::ForEachPeriod:
        cc.length = b.build(*c.period_length);
        cc.from = b.build(*c.period_from);
        cc.until = b.build(*c.period_until);
        cc.binder = display_name(c.name);
        b.enter_binder(c.slot, c.name);
        in_for_each = true;
        break;
      case ClauseKind::UndeterminedWhen:
      case ClauseKind::ExemptWhen:
        cc.reason = c.text;
        cc.after_require = after_require;
        cc.expr = b.build(*c.expr);
        break;
      case ClauseKind::AppliesWhen:
        cc.expr = b.build(*c.expr);
        break;
      case ClauseKind::Require:
        cc.expr = b.build(*c.expr);
        after_require = true;
        break;
    }
    cc.key = clause_key(cc);
    if (!out.body_key.empty()) out.body_key += " ";
    out.body_key += cc.key;
    out.clauses.push_back(std::move(cc));
  }
  out.mentions = b.mentions();
  return out;
}

CanonicalCaseDate canonical_case_date(const CheckedProgram& program) {
  CanonicalCaseDate out;
  Builder b(program);
  for (const ExprPtr& alt : program.case_date) {
    out.alternatives.push_back(b.build(*alt));
    if (!out.key.empty()) out.key += " ";
    out.key += out.alternatives.back()->key;
  }
  out.mentions = b.mentions();
  return out;
}

NodePtr canonical_holiday(const CheckedProgram& program, const CheckedHoliday& holiday) {
  Builder b(program);
  const std::string year = program.calendar && !program.calendar->slots.empty() ? program.calendar->slots.front().name : "";
  b.enter_binder(0, year);
  return b.build(*holiday.date);
}

NodePtr source_node(const CheckedProgram& program, const Expr& expr) {
  Builder b(program);
  return b.build(expr);
}

}  // namespace frist::compiler::diff

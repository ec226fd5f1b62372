// Rendering canonical nodes as Frist text in the reviewer's language.
#include "compiler/diff/describe.hpp"

#include <fmt/format.h>

#include <cmath>

#include "compiler/expand.hpp"
#include "runtime/common/utf8.hpp"

namespace frist::compiler::diff {

using grammar::Kw;
using grammar::Lang;

namespace {

// Rendering stops growing past this many bytes; clip() shortens further.
constexpr std::size_t kRenderBudget = 4000;

std::string kw(Kw k, Lang lang) { return std::string(grammar::spelling(k, lang)); }

bool is_identifier(const std::string& s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const bool letter = c >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (!(letter || (digit && i > 0))) return false;
  }
  return true;
}

std::string quote_text(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string count_unit(std::int64_t n, Kw one, Kw many, Lang lang) {
  return fmt::format("{} {}", n, kw(n == 1 || n == -1 ? one : many, lang));
}

// Precedence: higher binds tighter. A quantifier with `hvor` runs to the end
// of the expression, so it is as loose as `hvis`.
int precedence(const Node& n) {
  switch (n.kind) {
    case NodeKind::If: return 1;
    case NodeKind::Quantifier: return n.where >= 0 ? 1 : 9;
    case NodeKind::Binary:
      if (!n.expr) return 10;
      switch (n.expr->op) {
        case Op::Or: return 2;
        case Op::And: return 3;
        case Op::Add:
        case Op::Sub: return 6;
        case Op::Mul:
        case Op::Div:
        case Op::IntDiv:
        case Op::Mod: return 7;
        default: return 5;
      }
    case NodeKind::Unary: return n.expr && n.expr->op == Op::Not ? 4 : 8;
    case NodeKind::Between:
    case NodeKind::Within:
    case NodeKind::Present:
    case NodeKind::Missing:
    case NodeKind::IsType: return 5;
    case NodeKind::Scaled: return 9;
    default: return 10;
  }
}

const char* op_text(Op op, Lang lang) {
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
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::And: return da ? "og" : "and";
    case Op::Or: return da ? "eller" : "or";
    case Op::StartsWith: return da ? "starter med" : "starts with";
    default: return "?";
  }
}

Kw quant_kw(QuantKind q) {
  switch (q) {
    case QuantKind::First: return Kw::First;
    case QuantKind::Last: return Kw::Last;
    case QuantKind::Next: return Kw::Next;
    case QuantKind::Previous: return Kw::Previous;
    case QuantKind::Exists: return Kw::Exists;
    case QuantKind::Count: return Kw::Count;
  }
  return Kw::First;
}

Kw builtin_kw(Builtin b) {
  switch (b) {
    case Builtin::Date: return Kw::FnDate;
    case Builtin::Year: return Kw::FnYear;
    case Builtin::Month: return Kw::FnMonth;
    case Builtin::Day: return Kw::FnDay;
    case Builtin::Weekday: return Kw::FnWeekday;
    case Builtin::Age: return Kw::FnAge;
    case Builtin::Earliest: return Kw::FnEarliest;
    case Builtin::Latest: return Kw::FnLatest;
  }
  return Kw::FnDate;
}

// The plural unit word of a Scaled node's unit (amount 1).
std::string unit_word(const model::Duration& u, Lang lang) {
  switch (u.kind) {
    case model::Duration::Kind::Calendar:
      if (u.months == 12) return kw(Kw::UnitYears, lang);
      if (u.months != 0) return kw(Kw::UnitMonths, lang);
      if (u.days == 7) return kw(Kw::UnitWeeks, lang);
      return kw(Kw::UnitDays, lang);
    case model::Duration::Kind::Clock:
      if (u.micros == 3'600'000'000LL) return kw(Kw::UnitHours, lang);
      if (u.micros == 60'000'000LL) return kw(Kw::UnitMinutes, lang);
      return kw(Kw::UnitSeconds, lang);
    case model::Duration::Kind::Workdays: return kw(Kw::UnitWorkdays, lang);
  }
  return "?";
}

class Renderer {
 public:
  Renderer(Lang lang, Style style) : lang_(lang), style_(style) {}

  void node(const Node& n, int need, bool in_list = false) {
    if (out_.size() > kRenderBudget) return;
    if (style_ == Style::Short && short_form(n, in_list)) return;
    const bool wrap = precedence(n) < need;
    if (wrap) out_ += "(";
    body(n);
    if (wrap) out_ += ")";
  }

  std::string take() { return std::move(out_); }

 private:
  // The reviewer's shorthand for a value; false when it has none.
  bool short_form(const Node& n, bool in_list) {
    switch (n.kind) {
      case NodeKind::Quantifier:
        if (!n.expr) return false;
        if (in_list && n.expr->quant == QuantKind::First) {
          out_ += type_text(n);
          return true;
        }
        out_ += kw(quant_kw(n.expr->quant), lang_) + " " + type_text(n);
        return true;
      case NodeKind::Builtin:
        if (!n.expr) return false;
        if (n.expr->builtin == Builtin::Date && n.kids.size() == 1) {
          node(*n.kids[0], 0, in_list);
          return true;
        }
        if (n.expr->builtin == Builtin::Earliest || n.expr->builtin == Builtin::Latest) {
          const bool latest = n.expr->builtin == Builtin::Latest;
          out_ += lang_ == Lang::Da ? (latest ? "seneste af (" : "tidligste af (") : (latest ? "latest of (" : "earliest of (");
          list(n.kids, true);
          out_ += ")";
          return true;
        }
        return false;
      case NodeKind::If: {
        // `hvis x mangler så ingen ellers y` is y, guarded.
        auto is_none = [](const Node& k) { return k.kind == NodeKind::Literal && k.head == "none"; };
        const bool guard = n.kids[0]->kind == NodeKind::Missing || n.kids[0]->kind == NodeKind::Present ||
                           (n.kids[0]->kind == NodeKind::Binary && n.kids[0]->expr && n.kids[0]->expr->op == Op::Or);
        if (guard && is_none(*n.kids[1])) {
          node(*n.kids[2], 0, in_list);
          return true;
        }
        if (guard && is_none(*n.kids[2])) {
          node(*n.kids[1], 0, in_list);
          return true;
        }
        return false;
      }
      default: return false;
    }
  }

  std::string type_text(const Node& n) const { return n.name.empty() ? kw(Kw::AnyEvent, lang_) : name_text(n.name); }

  void list(const std::vector<NodePtr>& kids, bool in_list) {
    for (std::size_t i = 0; i < kids.size(); ++i) {
      if (i > 0) out_ += ", ";
      node(*kids[i], 0, in_list);
    }
  }

  void body(const Node& n) {
    switch (n.kind) {
      case NodeKind::Literal: literal(n); return;
      case NodeKind::AsOf: out_ += kw(Kw::AsOfValue, lang_); return;
      case NodeKind::Ref: out_ += n.display.empty() ? n.head : n.display; return;
      case NodeKind::Hole: out_ += "…"; return;
      case NodeKind::CaseAttr: out_ += kw(Kw::Case, lang_) + "." + name_text(n.name); return;
      case NodeKind::Attr:
        node(*n.kids[0], 10);
        out_ += "." + name_text(n.name);
        return;
      case NodeKind::Unary:
        if (n.expr && n.expr->op == Op::Not) {
          out_ += kw(Kw::Not, lang_) + " ";
          node(*n.kids[0], 4);
        } else {
          out_ += "-";
          node(*n.kids[0], 9);
        }
        return;
      case NodeKind::Binary: {
        const int p = precedence(n);
        const bool comparison = p == 5;
        node(*n.kids[0], comparison ? p + 1 : p);
        out_ += fmt::format(" {} ", op_text(n.expr ? n.expr->op : Op::Add, lang_));
        node(*n.kids[1], p + 1);
        return;
      }
      case NodeKind::Between:
        node(*n.kids[0], 6);
        out_ += " " + kw(Kw::Between, lang_) + " ";
        node(*n.kids[1], 6);
        out_ += " " + kw(Kw::And, lang_) + " ";
        node(*n.kids[2], 6);
        return;
      case NodeKind::Within:
        node(*n.kids[0], 6);
        out_ += " " + kw(Kw::Within, lang_) + " ";
        node(*n.kids[1], 6);
        out_ += " " + kw(Kw::After, lang_) + " ";
        node(*n.kids[2], 6);
        return;
      case NodeKind::Present:
      case NodeKind::Missing:
        node(*n.kids[0], 6);
        out_ += " " + kw(n.kind == NodeKind::Present ? Kw::Present : Kw::Missing, lang_);
        return;
      case NodeKind::IsType:
        node(*n.kids[0], 6);
        out_ += " " + kw(Kw::Is, lang_) + " " + type_text(n);
        return;
      case NodeKind::If:
        out_ += kw(Kw::If, lang_) + " ";
        node(*n.kids[0], 2);
        out_ += " " + kw(Kw::Then, lang_) + " ";
        node(*n.kids[1], 2);
        out_ += " " + kw(Kw::Else, lang_) + " ";
        node(*n.kids[2], 1);
        return;
      case NodeKind::Scaled:
        node(*n.kids[0], 10);
        out_ += " " + (n.expr ? unit_word(n.expr->duration, lang_) : std::string("?"));
        return;
      case NodeKind::Builtin:
        out_ += kw(n.expr ? builtin_kw(n.expr->builtin) : Kw::FnDate, lang_) + "(";
        list(n.kids, false);
        out_ += ")";
        return;
      case NodeKind::Quantifier: quantifier(n); return;
      case NodeKind::Other:
        if (n.expr && n.expr->kind == ExprKind::NameRef) {
          out_ += display_name(n.expr->name);
          return;
        }
        if (n.expr && n.expr->kind == ExprKind::Call) {
          out_ += display_name(n.expr->name) + "(";
          list(n.kids, false);
          out_ += ")";
          return;
        }
        out_ += "‹" + n.head;
        for (const NodePtr& k : n.kids) {
          out_ += " ";
          node(*k, 10);
        }
        out_ += "›";
        return;
    }
  }

  void quantifier(const Node& n) {
    out_ += kw(n.expr ? quant_kw(n.expr->quant) : Kw::First, lang_) + " " + type_text(n);
    if (n.where >= 0 && !n.display.empty()) out_ += " " + n.display;
    if (n.anchor >= 0) {
      out_ += " " + kw(n.expr && n.expr->anchor_after ? Kw::After : Kw::Before, lang_) + " ";
      node(*n.kids[static_cast<std::size_t>(n.anchor)], 10);
    }
    if (n.period >= 0) {
      out_ += " " + kw(Kw::In, lang_) + " ";
      node(*n.kids[static_cast<std::size_t>(n.period)], 10);
    }
    if (n.where >= 0) {
      out_ += " " + kw(Kw::Where, lang_) + " ";
      node(*n.kids[static_cast<std::size_t>(n.where)], 0);
    }
  }

  void literal(const Node& n) {
    const Expr* e = n.expr;
    if (e == nullptr) {
      out_ += n.head;
      return;
    }
    switch (e->kind) {
      case ExprKind::BoolLit: out_ += kw(e->int_value != 0 ? Kw::True : Kw::False, lang_); return;
      case ExprKind::IntLit: out_ += std::to_string(e->int_value); return;
      case ExprKind::DecimalLit: out_ += fmt::format("{}", e->decimal_value); return;
      case ExprKind::TextLit: out_ += quote_text(e->text); return;
      case ExprKind::DateLit: out_ += time::format_date(e->date); return;
      case ExprKind::TimeLit: out_ += e->timestamp_text; return;
      case ExprKind::DurationLit: out_ += render_duration(e->duration, lang_); return;
      case ExprKind::NoneLit: out_ += kw(Kw::None, lang_); return;
      default: out_ += n.head; return;
    }
  }

  Lang lang_;
  Style style_;
  std::string out_;
};

}  // namespace

std::string render(const Node& n, Lang lang, Style style) {
  Renderer r(lang, style);
  r.node(n, 0);
  return clip(r.take(), 400);
}

std::string render_duration(const model::Duration& d, Lang lang) {
  switch (d.kind) {
    case model::Duration::Kind::Calendar: {
      std::string out;
      if (d.months != 0) {
        out = d.months % 12 == 0 ? count_unit(d.months / 12, Kw::UnitYear, Kw::UnitYears, lang)
                                 : count_unit(d.months, Kw::UnitMonth, Kw::UnitMonths, lang);
      }
      if (d.days != 0 || d.months == 0) {
        if (!out.empty()) out += " ";
        out += count_unit(d.days, Kw::UnitDay, Kw::UnitDays, lang);
      }
      return out;
    }
    case model::Duration::Kind::Clock: {
      const std::int64_t us = d.micros;
      if (us % 3'600'000'000LL == 0) return count_unit(us / 3'600'000'000LL, Kw::UnitHour, Kw::UnitHours, lang);
      if (us % 60'000'000LL == 0) return count_unit(us / 60'000'000LL, Kw::UnitMinute, Kw::UnitMinutes, lang);
      if (us % 1'000'000LL == 0) return count_unit(us / 1'000'000LL, Kw::UnitSecond, Kw::UnitSeconds, lang);
      return fmt::format("{} {}", static_cast<double>(us) / 1e6, kw(Kw::UnitSeconds, lang));
    }
    case model::Duration::Kind::Workdays: return count_unit(d.days, Kw::UnitWorkday, Kw::UnitWorkdays, lang);
  }
  return "?";
}

std::string render_literal(const model::Literal& v, Lang lang) {
  switch (v.type) {
    case model::ValueType::Bool: return kw(std::get<bool>(v.value) ? Kw::True : Kw::False, lang);
    case model::ValueType::Int: return std::to_string(std::get<std::int64_t>(v.value));
    case model::ValueType::Decimal: return fmt::format("{}", std::get<double>(v.value));
    case model::ValueType::Text: return quote_text(std::get<std::string>(v.value));
    case model::ValueType::Date: return time::format_date(std::get<time::Days>(v.value));
    case model::ValueType::DateTime: return time::format_date(std::get<time::Timestamp>(v.value).date);
    case model::ValueType::Duration: return render_duration(std::get<model::Duration>(v.value), lang);
  }
  return "?";
}

std::string type_word(model::ValueType t, Lang lang) {
  switch (t) {
    case model::ValueType::Bool: return kw(Kw::TypeBool, lang);
    case model::ValueType::Int: return kw(Kw::TypeInt, lang);
    case model::ValueType::Decimal: return kw(Kw::TypeDecimal, lang);
    case model::ValueType::Text: return kw(Kw::TypeText, lang);
    case model::ValueType::Date: return kw(Kw::TypeDate, lang);
    case model::ValueType::DateTime: return kw(Kw::TypeDateTime, lang);
    case model::ValueType::Duration: return kw(Kw::TypeDuration, lang);
  }
  return "?";
}

std::string name_text(const std::string& name) { return is_identifier(name) ? name : quote_text(name); }

std::string clip(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  while (i < text.size()) {
    if (chars == max_chars) return text.substr(0, i) + "…";
    const std::size_t len = utf8_sequence_length(text, i);
    i += len == 0 ? 1 : len;
    ++chars;
  }
  return text;
}

}  // namespace frist::compiler::diff

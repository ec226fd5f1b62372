// The abstract syntax tree of a Frist module, built from the parse tree by
// build_ast.cpp, with source spans on every node. One Expr node type (kind +
// the fields that kind uses) keeps the passes simple; resolution and type
// checking fill the `resolved` fields in place.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source.hpp"
#include "grammar/keywords.hpp"
#include "runtime/model/value_type.hpp"
#include "runtime/time/civil.hpp"

namespace frist::compiler {

using grammar::Lang;

// ---------------------------------------------------------------------------
// Types of the checker

enum class TypeKind : std::uint8_t {
  Error,     // after a reported error: accepted everywhere, no cascades
  None,      // the literal `none`/`ingen`: fits any type
  Bool,
  Int,
  Decimal,
  Text,
  Date,
  Time,      // a date-time (an instant, or a coarse value from data)
  Duration,
  Event,
  Period,
};

enum class DurationKind : std::uint8_t { Calendar, Clock, Workdays, Any };

struct Type {
  TypeKind kind = TypeKind::Error;
  DurationKind duration = DurationKind::Any;  // for Duration
  std::int32_t event_type = -1;               // for Event: vocabulary id, -1 = any type

  static Type of(TypeKind k) { return Type{k}; }
  static Type event(std::int32_t t) { return Type{TypeKind::Event, DurationKind::Any, t}; }
  static Type duration_of(DurationKind d) { return Type{TypeKind::Duration, d}; }
  bool is(TypeKind k) const noexcept { return kind == k; }
  bool is_error() const noexcept { return kind == TypeKind::Error; }
  bool is_numeric() const noexcept { return kind == TypeKind::Int || kind == TypeKind::Decimal; }
  bool is_temporal() const noexcept { return kind == TypeKind::Date || kind == TypeKind::Time || kind == TypeKind::Event; }
};

// ---------------------------------------------------------------------------
// Expressions

enum class ExprKind : std::uint8_t {
  BoolLit, IntLit, DecimalLit, TextLit, DateLit, TimeLit, DurationLit, NoneLit,
  NameRef,       // name: a let, binder, parameter or function-less name
  CaseAttr,      // sag.name
  AsOf,          // opgørelsesdato
  Attr,          // args[0].name  (event attribute, `id`, or case attribute through sag)
  Unary,         // op: Neg or Not; args[0]
  Binary,        // op; args[0], args[1]
  Between,       // args[0] between args[1] and args[2]
  Within,        // args[0] within args[1] after args[2]
  IsType,        // args[0] er type_ref
  Present,       // args[0] present/findes
  Missing,       // args[0] missing/mangler
  If,            // if args[0] then args[1] else args[2]
  Scaled,        // args[0] <unit>: a computed duration
  Quantifier,    // quant; type_ref; binder; args: [anchor] [period] [where] (see fields)
  Builtin,       // builtin; args
  Call,          // name(args) of a function, or a condition parameter applied
  Lambda,        // (params) => args[0]
  BadUnit,       // number followed by an unknown unit (error already reported)
  Let,           // let name = args[0] in args[1] (from inlining a function call)
};

enum class Op : std::uint8_t {
  Neg, Not,
  Add, Sub, Mul, Div, IntDiv, Mod,
  Eq, Ne, Lt, Le, Gt, Ge,          // symbolic and word forms (før = Lt, senest = Le, …)
  And, Or,
  StartsWith,
};

enum class QuantKind : std::uint8_t { First, Last, Next, Previous, Exists, Count };

enum class Builtin : std::uint8_t { Date, Year, Month, Day, Weekday, Age, Earliest, Latest };

struct TypeRef {
  bool any = false;   // hændelse / event: any declared type
  std::string name;   // event type name, or a template parameter standing for one
  Span span;
  std::int32_t resolved = -1;  // vocabulary id after resolution
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  ExprKind kind = ExprKind::NoneLit;
  Span span;
  Op op = Op::Add;
  QuantKind quant = QuantKind::First;
  Builtin builtin = Builtin::Date;
  bool anchor_after = true;            // Next: after; Previous: before
  bool parenthesized = false;          // written in parentheses (only warnings look at this)
  std::string name;                    // NameRef, Attr, Call, CaseAttr, binder of Quantifier
  Span name_span;
  std::string text;                    // TextLit
  std::int64_t int_value = 0;          // IntLit
  double decimal_value = 0;            // DecimalLit
  time::Days date = 0;                 // DateLit
  std::string timestamp_text;          // TimeLit (parsed by the lowering with the zone)
  model::Duration duration;            // DurationLit; Scaled: the unit (amount 1)
  TypeRef type_ref;                    // Quantifier
  std::vector<std::string> params;     // Lambda
  std::vector<ExprPtr> args;
  // Quantifier parts (indices into args, -1 when absent)
  std::int8_t anchor_arg = -1, period_arg = -1, where_arg = -1;
  std::vector<std::string> arg_names;  // Call: named arguments ("" for positional)

  // Filled by resolution and type checking
  Type type;
  std::int32_t slot = -1;              // NameRef/binder: local slot; Attr: attribute slot
  std::int32_t target = -1;            // NameRef: what it refers to (see resolver)

  ExprPtr clone() const;
};

ExprPtr make_expr(ExprKind kind, Span span);

// ---------------------------------------------------------------------------
// Rules

enum class ClauseKind : std::uint8_t {
  Basis, Status, Note, AppliesWhen, Let, UndeterminedWhen, ExemptWhen, Require, ForEach, ForEachPeriod, Apply,
};

struct Clause {
  ClauseKind kind = ClauseKind::Let;
  Span span;
  std::string text;          // Basis, Note, reason of Undetermined/Exempt
  Span text_span;
  bool verified = true;      // Status
  std::string name;          // Let name, ForEach binder, Apply template name
  Span name_span;
  ExprPtr expr;              // the condition / value
  TypeRef type_ref;          // ForEach over occurrences
  ExprPtr where;             // ForEach filter
  ExprPtr period_length;     // ForEachPeriod: duration
  ExprPtr period_from;       // ForEachPeriod: start date
  ExprPtr period_until;      // ForEachPeriod: end date
  std::vector<ExprPtr> args; // Apply arguments
  std::vector<std::string> arg_names;
  std::int32_t slot = -1;    // Let / ForEach binder local slot

  Clause clone() const;
};

struct RuleDecl {
  std::string id;
  Span id_span;
  std::string title;
  Span span;                 // the whole declaration
  bool replaces = false;     // `erstat regel` in an amendment
  std::vector<Clause> clauses;
};

// ---------------------------------------------------------------------------
// Templates and functions

enum class ParamKind : std::uint8_t { Value, EventType, Condition };

struct Param {
  std::string name;
  Span span;
  ParamKind kind = ParamKind::Value;
  model::ValueType value_type = model::ValueType::Bool;
  ExprPtr default_value;     // may be a Lambda for conditions
};

struct TemplateDecl {
  std::string name;
  Span span;
  std::string doc;
  std::vector<Param> params;
  std::vector<Clause> clauses;
};

struct FunctionDecl {
  std::string name;
  Span span;
  std::string doc;
  std::vector<Param> params;
  std::optional<model::ValueType> result_type;
  std::vector<Clause> lets;  // Let clauses before `resultat`
  ExprPtr body;
};

// ---------------------------------------------------------------------------
// Vocabulary and calendars

struct AttrDeclAst {
  std::string name;
  Span span;
  model::ValueType type = model::ValueType::Text;
  std::optional<model::Literal> default_value;
  std::string doc;
};

struct EventDeclAst {
  std::string name;
  Span span;
  std::string doc;
  std::vector<AttrDeclAst> attributes;
};

struct EffectivePeriod {
  std::optional<time::Days> from;
  std::optional<time::Days> until;
  Span span;
};

struct HolidayDecl {
  std::string name;
  Span span;
  ExprPtr date;              // in terms of the calendar's year binder
  EffectivePeriod effective;
};

struct CalendarDecl {
  std::string name;
  Span span;
  std::string year_binder;
  std::string doc;
  std::vector<HolidayDecl> holidays;
};

// ---------------------------------------------------------------------------
// Tests

enum class VerdictName : std::uint8_t { Compliant, Violated, Pending, NotApplicable, Undetermined, Uncovered };

struct TestValue {
  std::string name;
  Span span;
  Span value_span;
  // The literal as written: kind of literal and its text; converted against
  // the vocabulary when the test runs.
  enum class Kind : std::uint8_t { Text, Number, Bool, Date, DateTime, Duration } kind = Kind::Text;
  std::string text;          // the text, digits or timestamp as written
  bool bool_value = false;
  model::Duration duration;
};

struct TestEvent {
  std::string type;
  Span span;
  std::string at;            // timestamp text
  std::string id;
  bool has_id = false;
  std::vector<TestValue> attributes;
};

struct Expectation {
  Span span;
  bool is_expression = false;
  ExprPtr expr;              // expression test: must be true
  std::string rule;          // ruleset tests: which rule ("" for the test's own rule)
  Span rule_span;
  VerdictName verdict = VerdictName::Compliant;
  bool exempt = false;
  std::optional<std::string> reason;
};

struct TestDecl {
  std::string name;
  Span span;
  std::string target;        // rule id (or ruleset id), empty for expression tests
  Span target_span;
  std::optional<time::Days> as_of;
  bool has_case = false;
  std::vector<TestValue> case_attributes;
  std::vector<TestEvent> events;
  std::vector<Expectation> expectations;
};

// ---------------------------------------------------------------------------
// Modules and rulesets

struct RulesetHeader {
  std::string id;
  Span id_span;
  std::string title;
  std::optional<std::string> version;
  std::optional<std::string> source;
  std::optional<EffectivePeriod> effective;
  std::vector<ExprPtr> case_date;   // alternatives: first that is present wins
  Span case_date_span;
  std::optional<std::string> calendar;
  Span calendar_span;
  std::optional<std::string> amends;
  Span amends_span;
  Span span;
};

struct UseDecl {
  std::string module;  // dotted
  Span span;
};

struct RemoveDecl {
  std::string id;
  Span span;
};

struct Module {
  SourcePtr file;
  Lang lang = Lang::En;
  std::optional<RulesetHeader> header;
  std::vector<UseDecl> uses;
  std::vector<EventDeclAst> events;
  std::vector<AttrDeclAst> case_attributes;
  std::vector<CalendarDecl> calendars;
  std::vector<FunctionDecl> functions;
  std::vector<TemplateDecl> templates;
  std::vector<RuleDecl> rules;
  std::vector<RemoveDecl> removals;
  std::vector<TestDecl> tests;
};

}  // namespace frist::compiler

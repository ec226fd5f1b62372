// Checking a loaded program: template expansion and function inlining
// (hygienic: names introduced inside a template or function are renamed so
// they cannot capture the caller's), name resolution, the type checker of
// spec/language.md (bool, int, decimal, text, date, datetime, durations in
// calendar / clock / workday units, events, periods, none), rule structure,
// and the explicit deadline of each requirement. The result is what the
// lowering turns into bytecode.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast.hpp"
#include "compiler/diagnostics.hpp"
#include "compiler/program.hpp"
#include "runtime/model/vocabulary.hpp"

namespace frist::compiler {

struct SlotInfo {
  std::string name;  // as written (hygienic suffixes removed)
  Type type;
  bool is_let = false;  // a named value of the rule (evidence for explain)
};

// The deadline of a requirement (spec/language.md item 6): `X on or before D`,
// `X within d after S` (deadline S + d), or such a conjunct on the event an
// `exists` looks for. Date deadlines are pending while as-of <= D; clock
// deadlines while D lies at or after the end of the as-of day.
struct DeadlineInfo {
  ExprPtr expr;          // type Date or Time
  bool strict = false;   // `before`: the event must come strictly before D
  ExprPtr subject;       // the value compared (for reasons), may be null
  std::string text;      // the deadline as written: `dato(start) + 4 måneder`, `u + 24 timer`
};

struct CheckedRule {
  std::string id;
  std::string title;
  std::string basis;
  std::string note;
  bool verified = true;
  const RuleDecl* decl = nullptr;
  const Module* module = nullptr;
  std::vector<Clause> clauses;      // expanded and checked, in order
  std::int32_t foreach_index = -1;  // the `for each` clause, if any
  std::int32_t require_index = -1;
  std::optional<DeadlineInfo> deadline;
  std::vector<SlotInfo> slots;
};

struct CheckedHoliday {
  std::string name;
  ExprPtr date;
  EffectivePeriod effective;
};

struct CheckedCalendar {
  std::string name;
  std::vector<CheckedHoliday> holidays;
  std::vector<SlotInfo> slots;  // slot 0 is the year
};

struct CheckedProgram {
  const Program* program = nullptr;
  Lang lang = Lang::En;
  model::Vocabulary vocabulary;
  std::vector<const EventDeclAst*> event_decls;  // by vocabulary id
  std::vector<CheckedRule> rules;
  std::vector<ExprPtr> case_date;
  std::vector<SlotInfo> case_date_slots;
  std::optional<CheckedCalendar> calendar;
  bool calendar_declared = false;  // workdays may be used
};

// Checks everything reachable from the program's root. Always returns a
// result; errors are in the sink (lower only when the sink has none).
std::unique_ptr<CheckedProgram> check_program(const Program& program, DiagnosticSink& sink);

// Checks one standalone expression (an expression test) against a checked
// program: same names, functions and calendar; slots in `slots`.
Type check_standalone(CheckedProgram& checked, Expr& expr, std::vector<SlotInfo>& slots, DiagnosticSink& sink);

// Localised type name for messages ("dato" / "date", "hændelse (afgørelse)").
std::string type_name(const Type& t, Lang lang, const model::Vocabulary* vocabulary);

}  // namespace frist::compiler

// The canonical, language-neutral form of checked Frist code that the
// semantic diff compares. A checked expression becomes a tree of Nodes in
// which
//   - references to `lad`/`let` values (rule lets and the lets of inlined
//     functions) are replaced by their definitions, so let names vanish;
//   - binders (`for each`, quantifiers, the calendar's year) are numbered by
//     nesting level (`$1`, `$2`, …), so binder names vanish;
//   - event types and attributes are named, durations are normalised by the
//     model (`1 år` = `12 måneder`), keywords are gone (Danish and English
//     give the same tree), hygienic suffixes are removed.
// Every node carries its canonical key: an S-expression such as
// `(le (first undersøgelse_afsluttet @where (ge (date $1) …)) …)`; long keys
// are replaced by a SHA-256 digest so keys stay short and comparing whole
// rules costs no more than comparing strings. Nodes keep a pointer to the
// expression they came from and the names as written, for the domain
// renderer (describe.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "compiler/check.hpp"

namespace frist::compiler::diff {

enum class NodeKind : std::uint8_t {
  Literal, AsOf, Ref, CaseAttr, Attr, Unary, Binary, Between, Within, Present, Missing, IsType, If, Scaled,
  Quantifier, Builtin, Hole, Other,
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node {
  NodeKind kind = NodeKind::Other;
  const Expr* expr = nullptr;  // where it came from (operator, literal value, duration, quantifier kind)
  std::string head;            // canonical head: "le", "first opmærksom @where", "date:2024-01-01", "$1"
  std::string name;            // Attr/CaseAttr: attribute; Quantifier/IsType: event type ("" for any type)
  std::string display;         // Ref and Quantifier: the binder's name as written ("" when unnamed)
  std::vector<NodePtr> kids;
  std::int8_t anchor = -1, period = -1, where = -1;  // Quantifier: indices into kids
  std::int32_t level = 0;      // Ref: the binder's nesting level; Quantifier with `where`: the level it binds
  std::string key;             // canonical S-expression, or "#<digest>" when long
};

// Computes `key` from head and kids (call after filling a node by hand).
void finish(Node& n);
// A copy of `n` with the node at `path` (kid indices from `n`) replaced.
NodePtr replace_at(const NodePtr& n, const std::vector<std::size_t>& path, NodePtr replacement);
NodePtr hole(const std::string& what);

// What a piece of code mentions in the vocabulary, and whether it counts
// workdays on the holiday calendar: for "which rules does this change
// affect".
struct Mentions {
  std::set<std::string> event_types;      // by name
  std::set<std::string> attributes;       // "type.attr", or "*.attr" for an event of any type
  std::set<std::string> case_attributes;
  bool any_event = false;                 // `hændelse` / `event`: any declared type
  // Workday arithmetic, which the calendar decides: a date or event plus or
  // minus workdays, or `inden for N arbejdsdage efter …` (also a duration
  // from data when an attribute's default is in workdays).
  bool workdays = false;
  void merge(const Mentions& other);
};

// One semantic clause of a rule, in order (metadata and lets dropped).
struct CanonicalClause {
  ClauseKind kind = ClauseKind::Require;  // AppliesWhen, UndeterminedWhen, ExemptWhen, Require, ForEach, ForEachPeriod
  NodePtr expr;                           // condition, requirement, or for-each filter (may be null)
  std::string event_type;                 // ForEach: the type ("" for any)
  std::string binder;                     // ForEach/ForEachPeriod: the binder's name as written
  NodePtr length, from, until;            // ForEachPeriod
  std::string reason;                     // UndeterminedWhen/ExemptWhen
  bool in_for_each = false;               // comes after the for-each clause
  bool after_require = false;             // comes after the requirement (exemptions)
  std::string key;
};

struct CanonicalRule {
  const CheckedRule* rule = nullptr;
  std::string id, title, basis, note;
  bool verified = true;
  std::vector<CanonicalClause> clauses;
  bool has_deadline = false;  // the checker found an explicit deadline
  std::string body_key;       // the clause keys in order: equal bodies mean equal behaviour
  Mentions mentions;
};

CanonicalRule canonical_rule(const CheckedProgram& program, const CheckedRule& rule);

// The case-date alternatives, in order.
struct CanonicalCaseDate {
  std::vector<NodePtr> alternatives;
  std::string key;
  Mentions mentions;
};
CanonicalCaseDate canonical_case_date(const CheckedProgram& program);

// One holiday's date expression (its year binder is `$1`).
NodePtr canonical_holiday(const CheckedProgram& program, const CheckedHoliday& holiday);

// An expression as written (not checked: calls and names kept), for showing
// holidays the way their calendar declares them. Not for comparing.
NodePtr source_node(const CheckedProgram& program, const Expr& expr);

}  // namespace frist::compiler::diff

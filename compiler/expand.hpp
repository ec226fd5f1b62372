// Expansion helpers for templates and functions: renaming the names a body
// introduces (so they cannot capture the caller's names), substituting
// template arguments, and applying condition arguments (lambdas).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/ast.hpp"

namespace frist::compiler {

// Marks a renamed name; not a valid identifier character, so it never
// collides with a user's name. Removed when names are shown to users.
constexpr char kHygieneMark = '#';
std::string display_name(const std::string& name);

// Renames every name introduced inside `clauses` / `expr` (lets, binders of
// `for each` and quantifiers, lambda parameters, inlined lets), and every
// use of them, by appending `#suffix`.
void rename_introduced(std::vector<Clause>& clauses, const std::string& suffix);
void rename_introduced(Expr& expr, const std::vector<std::string>& extra_names, const std::string& suffix);

struct Substitution {
  std::map<std::string, const Expr*> values;       // value parameter → argument
  std::map<std::string, std::string> event_types;  // event-type parameter → type name
  std::map<std::string, const Expr*> conditions;   // condition parameter → lambda
};

// Replaces parameters by arguments. A condition parameter applied to
// arguments, `p(x)`, becomes the lambda's body with its parameters replaced
// by those arguments. Reports nothing; unknown names are left for the checker.
void substitute(ExprPtr& expr, const Substitution& s);
void substitute(Clause& clause, const Substitution& s);

// Counts nodes (to bound the size of an expansion).
std::size_t node_count(const Expr& e);
std::size_t node_count(const Clause& c);

}  // namespace frist::compiler

// The formatter's fixed order of header and rule metadata clauses, shared by
// the printer and by the check that formatted output means the same:
//   - a ruleset header: id and title, `ændrer`/`amends`, then version,
//     kilde/source, the effective period, sagsdato/case date, kalender/calendar;
//   - a rule (or replaced rule, or template): id and title, then
//     hjemmel/basis, status, note, then every other clause in its own order
//     (the order of those is meaning: `lad` before `kræv`, exemptions before
//     or after the requirement).
// The sort is stable, so repeated clauses keep their relative order.
#pragma once

#include <cstddef>
#include <vector>

#include "grammar/parse.hpp"

namespace frist::compiler::format {

// The children of `node` in canonical order (the source order for every
// node kind the formatter does not reorder).
std::vector<const grammar::PNode*> canonical_children(const grammar::PNode& node);

// Index of the first child of a rule, replaced rule or template that is a
// clause (everything before it is the header line).
std::size_t first_clause_index(const grammar::PNode& decl);

}  // namespace frist::compiler::format

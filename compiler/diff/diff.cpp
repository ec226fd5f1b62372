// compare_programs: canonicalise both versions' rules, then compare the
// header, calendar, rules and vocabulary (compare.hpp).
#include "compiler/diff/diff.hpp"

#include "compiler/diff/compare.hpp"

namespace frist::compiler::diff {

bool SemanticDiff::has_changes() const {
  if (!ruleset.empty() || !calendar.empty() || !vocabulary.empty()) return true;
  for (const RuleDiff& r : rules)
    if (r.differs()) return true;
  return false;
}

std::size_t SemanticDiff::count(RuleStatus s) const {
  std::size_t n = 0;
  for (const RuleDiff& r : rules) n += r.status == s ? 1 : 0;
  return n;
}

std::size_t SemanticDiff::renamed_count() const {
  std::size_t n = 0;
  for (const RuleDiff& r : rules) n += r.renamed ? 1 : 0;
  return n;
}

std::size_t SemanticDiff::moved_count() const {
  std::size_t n = 0;
  for (const RuleDiff& r : rules) n += r.moved ? 1 : 0;
  return n;
}

std::size_t SemanticDiff::unchanged_count() const {
  std::size_t n = 0;
  for (const RuleDiff& r : rules) n += r.differs() ? 0 : 1;
  return n;
}

SemanticDiff compare_programs(const CheckedProgram& old_program, const CheckedProgram& new_program) {
  SemanticDiff d;
  d.lang = new_program.lang;
  if (const RulesetHeader* h = old_program.program ? old_program.program->ruleset_header() : nullptr) {
    d.old_id = h->id;
    d.old_version = h->version.value_or("");
  }
  if (const RulesetHeader* h = new_program.program ? new_program.program->ruleset_header() : nullptr) {
    d.new_id = h->id;
    d.new_version = h->version.value_or("");
  }
  std::vector<CanonicalRule> old_rules, new_rules;
  for (const CheckedRule& r : old_program.rules) old_rules.push_back(canonical_rule(old_program, r));
  for (const CheckedRule& r : new_program.rules) new_rules.push_back(canonical_rule(new_program, r));
  d.ruleset = compare_header(old_program, new_program, d.lang);
  d.rules = compare_rules(old_rules, new_rules, d.lang);
  d.calendar = compare_calendar(old_program, new_program, old_rules, new_rules, d.rules, d.lang);
  d.vocabulary = compare_vocabulary(old_program, new_program, old_rules, new_rules, d.rules, d.lang);
  return d;
}

}  // namespace frist::compiler::diff

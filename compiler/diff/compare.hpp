// The three comparisons behind compare_programs (diff.hpp): rules, the
// ruleset header with its case-date rule and calendar, and the vocabulary.
// Internal to compiler/diff.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compiler/diff/canonical.hpp"
#include "compiler/diff/diff.hpp"

namespace frist::compiler::diff {

// Rules matched by id, then by identical canonical body (a rename); the
// rest are added or removed. Sentences in `lang`.
std::vector<RuleDiff> compare_rules(const std::vector<CanonicalRule>& old_rules,
                                    const std::vector<CanonicalRule>& new_rules, grammar::Lang lang);

// What one matched rule decides differently (empty when the bodies agree).
std::vector<Change> compare_rule_bodies(const CanonicalRule& old_rule, const CanonicalRule& new_rule,
                                        grammar::Lang lang);

// id, title, version, source, effective period and case-date rule.
std::vector<Change> compare_header(const CheckedProgram& old_program, const CheckedProgram& new_program,
                                   grammar::Lang lang);
// The calendar's name and its holidays (by name); each change names the
// rules (`rules`, already compared) and the case-date rule that count
// workdays on the calendar, in either version.
std::vector<Change> compare_calendar(const CheckedProgram& old_program, const CheckedProgram& new_program,
                                     const std::vector<CanonicalRule>& old_rules,
                                     const std::vector<CanonicalRule>& new_rules,
                                     const std::vector<RuleDiff>& rules, grammar::Lang lang);

// Event types, their attributes and case attributes; `rules` (already
// compared) name the rules each change affects.
std::vector<VocabularyChange> compare_vocabulary(const CheckedProgram& old_program, const CheckedProgram& new_program,
                                                 const std::vector<CanonicalRule>& old_rules,
                                                 const std::vector<CanonicalRule>& new_rules,
                                                 const std::vector<RuleDiff>& rules, grammar::Lang lang);

// The rules of `rules` whose code mentions what `mentions` asks for, in the
// old or the new version: new ids where they exist, in the order of `rules`.
std::vector<std::string> affected_rules(const std::vector<CanonicalRule>& old_rules,
                                        const std::vector<CanonicalRule>& new_rules,
                                        const std::vector<RuleDiff>& rules,
                                        const std::function<bool(const Mentions&)>& mentions);

}  // namespace frist::compiler::diff

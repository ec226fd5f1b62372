// The semantic diff of two checked programs (`frist diff OLD NEW`): what a
// reviewer needs to know, by meaning rather than by text. Rules are compared
// by their canonical form (canonical.hpp), so layout, comments, keyword
// language and the names of lets and binders make no difference; an
// amendment is compared as the ruleset it produces. Every change carries a
// stable `kind` (for JSON) and a sentence in the language of the new file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/check.hpp"

namespace frist::compiler::diff {

// One thing that changed. `kind` and `action` are stable keys; old/new are
// renderings (empty when not applicable); `text` is the sentence shown.
struct Change {
  std::string kind;    // e.g. "deadline", "end_event", "applies_when", "title", "holiday"
  std::string action;  // "changed", "added" or "removed"
  std::string label;   // what changed, as the sentence names it ("fristen", "hjemmel", …)
  std::string old_text, new_text;
  std::string text;
  bool prose = false;  // old/new are plain text (titles, notes), not Frist
  // Calendar changes name what they affect (`names_affects`): the rules
  // whose workday arithmetic counts on the calendar, in either version (new
  // ids where they exist), and whether the case-date rule does.
  bool names_affects = false;
  std::vector<std::string> affects;
  bool affects_case_date = false;
};

struct VocabularyChange {
  // event_type_added, event_type_removed, attribute_added, attribute_removed,
  // attribute_retyped, default_changed, doc_changed, case_attribute_added,
  // case_attribute_removed, case_attribute_retyped, case_default_changed,
  // case_doc_changed
  std::string kind;
  std::string subject;               // "afgørelse", "afgørelse.akut" or "sag.kommune"
  std::string old_text, new_text;
  bool minor = false;                // documentation only: no verdict can change
  std::vector<std::string> affects;  // ids of the rules that mention it (new ids where they exist)
  bool affects_case_date = false;
  std::string text;
};

enum class RuleStatus : std::uint8_t { Unchanged, Changed, Added, Removed };

struct RuleDiff {
  RuleStatus status = RuleStatus::Unchanged;
  std::string old_id, new_id;        // empty on the side where the rule does not exist
  std::string title;                 // the new title (the old one for a removed rule)
  std::string basis;
  std::size_t old_position = 0, new_position = 0;  // 1-based, 0 when absent
  bool renamed = false;              // same behaviour under another id
  bool moved = false;                // its place among the other rules changed
  std::vector<Change> metadata;      // title, basis, status, note
  std::vector<Change> changes;       // what the rule decides

  bool differs() const { return status != RuleStatus::Unchanged || renamed || moved; }
};

struct SemanticDiff {
  grammar::Lang lang = grammar::Lang::En;  // of the new file: the language of every sentence
  std::string old_source, new_source;      // the paths compared
  std::string old_id, new_id;              // ruleset ids ("" for a module)
  std::string old_version, new_version;
  std::vector<Change> ruleset;             // id, title, version, source, effective period, case date
  std::vector<Change> calendar;            // the calendar's name and its holidays, each with what it affects
  std::vector<VocabularyChange> vocabulary;
  std::vector<RuleDiff> rules;             // new order; removed rules after them, in old order

  bool has_changes() const;
  std::size_t count(RuleStatus s) const;
  std::size_t renamed_count() const;
  std::size_t moved_count() const;
  std::size_t unchanged_count() const;  // neither changed, renamed nor moved
};

SemanticDiff compare_programs(const CheckedProgram& old_program, const CheckedProgram& new_program);

}  // namespace frist::compiler::diff

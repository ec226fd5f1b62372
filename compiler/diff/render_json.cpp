// The JSON form of a diff: one object with stable keys (docs/diff.md
// documents the shape), every flipped case id listed. Written by hand: the
// project's JSON library (simdjson) only parses, and the shape is small.
#include <fmt/format.h>

#include "compiler/diff/render.hpp"
#include "runtime/common/json_text.hpp"

namespace frist::compiler::diff {
namespace {

std::string str(const std::string& s) { return json_string(s); }

std::string opt_str(const std::string& s) { return s.empty() ? "null" : str(s); }

std::string strings_json(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + str(v[i]);
  return out + "]";
}

// Calendar changes (names_affects) also carry affects/affects_case_date.
std::string change_json(const Change& c) {
  std::string affects;
  if (c.names_affects) {
    affects = fmt::format(R"("affects":{},"affects_case_date":{},)", strings_json(c.affects),
                          c.affects_case_date ? "true" : "false");
  }
  return fmt::format(R"({{"kind":{},"action":{},"old":{},"new":{},{}"text":{}}})", str(c.kind), str(c.action),
                     opt_str(c.old_text), opt_str(c.new_text), affects, str(c.text));
}

std::string changes_json(const std::vector<Change>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + change_json(v[i]);
  return out + "]";
}

const char* status_key(RuleStatus s) {
  switch (s) {
    case RuleStatus::Unchanged: return "unchanged";
    case RuleStatus::Changed: return "changed";
    case RuleStatus::Added: return "added";
    case RuleStatus::Removed: return "removed";
  }
  return "?";
}

std::string position(std::size_t p) { return p == 0 ? "null" : std::to_string(p); }

std::string rate_json(const std::optional<double>& r) { return r ? fmt::format("{}", *r) : "null"; }

std::string side_json(const SideCounts& s) {
  return fmt::format(R"({{"evaluated":{},"rejected":{},"uncovered":{}}})", s.evaluated, s.rejected, s.uncovered);
}

std::string impact_json(const Impact& im) {
  std::string out = fmt::format(R"({{"cases":{},"as_of":{},"read":{},"old":{},"new":{},"rules":[)", str(im.cases),
                                str(im.as_of), im.read, side_json(im.old_side), side_json(im.new_side));
  for (std::size_t i = 0; i < im.rules.size(); ++i) {
    const RuleImpact& r = im.rules[i];
    std::string transitions = "[";
    bool first = true;
    for (std::size_t a = 0; a < kCaseStates; ++a)
      for (std::size_t b = 0; b < kCaseStates; ++b) {
        if (r.matrix[a][b] == 0) continue;
        transitions += fmt::format(R"({}{{"from":"{}","to":"{}","cases":{}}})", first ? "" : ",",
                                   state_key(static_cast<CaseState>(a)), state_key(static_cast<CaseState>(b)), r.matrix[a][b]);
        first = false;
      }
    transitions += "]";
    const std::uint64_t cb = r.before(CaseState::Compliant) + r.before(CaseState::Exempt);
    const std::uint64_t ca = r.after(CaseState::Compliant) + r.after(CaseState::Exempt);
    out += fmt::format(
        R"({}{{"old_id":{},"new_id":{},"cases":{},"compliant_before":{},"violated_before":{},"rate_before":{},)"
        R"("compliant_after":{},"violated_after":{},"rate_after":{},"transitions":{},"flipped_count":{},"flipped":{}}})",
        i ? "," : "", opt_str(r.old_id), opt_str(r.new_id), r.total(), cb, r.before(CaseState::Violated),
        rate_json(r.rate_before()), ca, r.after(CaseState::Violated), rate_json(r.rate_after()), transitions,
        r.flipped.size(), strings_json(r.flipped));
  }
  return out + "]}";
}

}  // namespace

std::string render_json(const SemanticDiff& d, const Impact* im) {
  std::string out = "{\"format\":\"frist-diff/1\"";
  out += fmt::format(R"(,"language":"{}","changed":{})", grammar::lang_code(d.lang), d.has_changes() ? "true" : "false");
  out += fmt::format(R"(,"old":{{"source":{},"id":{},"version":{}}})", str(d.old_source), opt_str(d.old_id), opt_str(d.old_version));
  out += fmt::format(R"(,"new":{{"source":{},"id":{},"version":{}}})", str(d.new_source), opt_str(d.new_id), opt_str(d.new_version));
  out += fmt::format(R"(,"summary":{{"added":{},"removed":{},"changed":{},"renamed":{},"moved":{},"unchanged":{}}})",
                     d.count(RuleStatus::Added), d.count(RuleStatus::Removed), d.count(RuleStatus::Changed),
                     d.renamed_count(), d.moved_count(), d.unchanged_count());
  out += ",\"ruleset\":" + changes_json(d.ruleset);
  out += ",\"calendar\":" + changes_json(d.calendar);
  out += ",\"vocabulary\":[";
  for (std::size_t i = 0; i < d.vocabulary.size(); ++i) {
    const VocabularyChange& c = d.vocabulary[i];
    out += fmt::format(R"({}{{"kind":{},"subject":{},"old":{},"new":{},"minor":{},"affects":{},"affects_case_date":{},"text":{}}})",
                       i ? "," : "", str(c.kind), str(c.subject), opt_str(c.old_text), opt_str(c.new_text),
                       c.minor ? "true" : "false", strings_json(c.affects), c.affects_case_date ? "true" : "false",
                       str(c.text));
  }
  out += "],\"rules\":[";
  for (std::size_t i = 0; i < d.rules.size(); ++i) {
    const RuleDiff& r = d.rules[i];
    out += fmt::format(
        R"({}{{"status":"{}","old_id":{},"new_id":{},"title":{},"old_position":{},"new_position":{},"renamed":{},"moved":{},"metadata":{},"changes":{}}})",
        i ? "," : "", status_key(r.status), opt_str(r.old_id), opt_str(r.new_id), str(r.title), position(r.old_position),
        position(r.new_position), r.renamed ? "true" : "false", r.moved ? "true" : "false", changes_json(r.metadata),
        changes_json(r.changes));
  }
  out += "]";
  if (im != nullptr) out += ",\"impact\":" + impact_json(*im);
  return out + "}\n";
}

}  // namespace frist::compiler::diff

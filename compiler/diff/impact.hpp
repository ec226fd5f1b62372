// The impact of a change on case data (`frist diff … --cases FILE`): per
// rule, how many cases went from each state under the old ruleset to each
// state under the new one (the transition matrix), the compliance rate
// before and after, and the ids of the cases that flip; plus how many cases
// were read, evaluated, rejected and uncovered on each side. Plain counts:
// the evaluation itself is the CLI's business (cli/cmd_diff.cpp), so the
// compiler stays free of case data.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace frist::compiler::diff {

// What one rule said about one case under one version. Uncovered and
// Rejected are per case (no verdict at all); Absent: the rule does not
// exist in that version.
enum class CaseState : std::uint8_t {
  Compliant, Exempt, Violated, Pending, NotApplicable, Undetermined, Uncovered, Rejected, Absent,
};
constexpr std::size_t kCaseStates = 9;

const char* state_key(CaseState s) noexcept;  // "compliant", "compliant_exempt", "violated", …

struct SideCounts {
  std::uint64_t evaluated = 0, rejected = 0, uncovered = 0;
};

struct RuleImpact {
  std::string old_id, new_id;  // "" on the side where the rule does not exist
  // matrix[old][new]: cases evaluated by at least one version
  std::array<std::array<std::uint64_t, kCaseStates>, kCaseStates> matrix{};
  std::vector<std::string> flipped;  // case ids whose state differs, input order (rules on both sides only)

  void add(CaseState before, CaseState after, const std::string& case_id);
  std::uint64_t before(CaseState s) const;  // row sum
  std::uint64_t after(CaseState s) const;   // column sum
  // compliant (exempt included) / (compliant + violated); nullopt for 0/0
  std::optional<double> rate_before() const;
  std::optional<double> rate_after() const;
  std::uint64_t total() const;
  bool on_both_sides() const { return !old_id.empty() && !new_id.empty(); }
};

struct Impact {
  std::string cases;  // the --cases path
  std::string as_of;  // YYYY-MM-DD
  std::uint64_t read = 0;
  SideCounts old_side, new_side;
  std::vector<RuleImpact> rules;  // one per SemanticDiff::rules entry, same order
};

}  // namespace frist::compiler::diff

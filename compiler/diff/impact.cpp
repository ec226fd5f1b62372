// Transition counts and rates of the impact report.
#include "compiler/diff/impact.hpp"

namespace frist::compiler::diff {

const char* state_key(CaseState s) noexcept {
  switch (s) {
    case CaseState::Compliant: return "compliant";
    case CaseState::Exempt: return "compliant_exempt";
    case CaseState::Violated: return "violated";
    case CaseState::Pending: return "pending";
    case CaseState::NotApplicable: return "not_applicable";
    case CaseState::Undetermined: return "undetermined";
    case CaseState::Uncovered: return "uncovered";
    case CaseState::Rejected: return "rejected";
    case CaseState::Absent: return "absent";
  }
  return "?";
}

void RuleImpact::add(CaseState before_state, CaseState after_state, const std::string& case_id) {
  ++matrix[static_cast<std::size_t>(before_state)][static_cast<std::size_t>(after_state)];
  if (on_both_sides() && before_state != after_state) flipped.push_back(case_id);
}

std::uint64_t RuleImpact::before(CaseState s) const {
  std::uint64_t n = 0;
  for (std::uint64_t c : matrix[static_cast<std::size_t>(s)]) n += c;
  return n;
}

std::uint64_t RuleImpact::after(CaseState s) const {
  std::uint64_t n = 0;
  for (const auto& row : matrix) n += row[static_cast<std::size_t>(s)];
  return n;
}

std::uint64_t RuleImpact::total() const {
  std::uint64_t n = 0;
  for (const auto& row : matrix)
    for (std::uint64_t c : row) n += c;
  return n;
}

namespace {
std::optional<double> rate(std::uint64_t compliant, std::uint64_t violated) {
  if (compliant + violated == 0) return std::nullopt;
  return static_cast<double>(compliant) / static_cast<double>(compliant + violated);
}
}  // namespace

std::optional<double> RuleImpact::rate_before() const {
  return rate(before(CaseState::Compliant) + before(CaseState::Exempt), before(CaseState::Violated));
}

std::optional<double> RuleImpact::rate_after() const {
  return rate(after(CaseState::Compliant) + after(CaseState::Exempt), after(CaseState::Violated));
}

}  // namespace frist::compiler::diff

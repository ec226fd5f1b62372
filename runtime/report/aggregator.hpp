// Building a Report from an evaluation run (spec/semantics.md §1 "Rates"):
// the per-thread ReportProcessor evaluates a case and fills the compact
// verdicts (with the undetermined reason as text in the ruleset's language)
// and the case's group value; the Aggregator, the driver's in-order
// consumer, only increments counters. Counting in the consumer means a case
// the driver rejects late (a duplicate id) is never counted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/eval/bundle.hpp"
#include "runtime/eval/driver.hpp"
#include "runtime/report/report.hpp"

namespace frist::report {

// The report's skeleton for a bundle: rulesets, rules, zero counts.
Report empty_report(const eval::Bundle& bundle, time::Days as_of, std::string group_by);

// The text form of a case attribute's value used as a group name; nullopt
// when the case lacks it.
std::optional<std::string> group_value(const model::CaseTimeline& timeline, std::uint32_t case_attribute,
                                       const time::Zone& zone);

class ReportProcessor : public eval::CaseProcessor {
 public:
  // `group_attribute`: a case attribute id of the bundle's vocabulary, or
  // model::Vocabulary::kNotFound for an ungrouped report.
  ReportProcessor(const eval::Bundle& bundle, std::uint32_t group_attribute)
      : bundle_(bundle), group_attribute_(group_attribute) {}
  void evaluated(const model::CaseTimeline& timeline, eval::Evaluator& evaluator, const eval::Coverage& coverage,
                 eval::CaseResult& out) override;
  void format_rejected(eval::CaseResult&) override {}
  void format_uncovered(eval::CaseResult&) override {}

 private:
  const eval::Bundle& bundle_;
  std::uint32_t group_attribute_;
  std::vector<vm::RuleResult> results_;
};

class Aggregator : public eval::CaseConsumer {
 public:
  // `group_by` empty: ungrouped.
  Aggregator(const eval::Bundle& bundle, time::Days as_of, std::string group_by);
  void consume(const eval::CaseResult& result) override;
  // The finished report, with the driver's case counts.
  Report finish(const eval::DriveSummary& summary);

 private:
  Group& group_for(const eval::CaseResult& result);

  Report report_;
  bool grouped_ = false;
  std::vector<std::uint32_t> member_offset_;  // first rule index of each bundle member
  std::unordered_map<std::string, std::size_t> group_index_;
  std::optional<std::size_t> null_group_;
};

}  // namespace frist::report

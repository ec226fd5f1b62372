// Evaluating cases into compact verdicts and counting them per group.
#include "runtime/report/aggregator.hpp"

#include <fmt/format.h>

#include "runtime/eval/reasons.hpp"

namespace frist::report {

Report empty_report(const eval::Bundle& bundle, time::Days as_of, std::string group_by) {
  Report r;
  r.frist_version = FRIST_VERSION;
  r.as_of = time::format_date(as_of);
  r.group_by = std::move(group_by);
  for (const eval::Member& m : bundle.members()) {
    const bytecode::CompiledRuleset& c = *m.compiled;
    const auto index = static_cast<std::uint32_t>(r.rulesets.size());
    r.rulesets.push_back(RulesetInfo{m.id, m.version, m.sha256_hex, c.str(c.meta.title), c.meta.language == 0 ? "da" : "en"});
    for (const bytecode::Rule& rule : c.rules) {
      r.rules.push_back(RuleInfo{index, c.str(rule.id), c.str(rule.title), c.str(rule.basis),
                                 rule.status == bytecode::RuleStatus::Unverified, rule.for_each});
    }
  }
  r.total.rules.resize(r.rules.size());
  return r;
}

std::optional<std::string> group_value(const model::CaseTimeline& timeline, std::uint32_t case_attribute,
                                       const time::Zone& zone) {
  if (case_attribute >= timeline.case_attrs.size()) return std::nullopt;
  const model::AttrValue& v = timeline.case_attrs[case_attribute];
  if (!v.present) return std::nullopt;
  switch (v.type) {
    case model::ValueType::Text: return std::string(timeline.text(v.a, v.i32));
    case model::ValueType::Bool: return std::string(v.as_bool() ? "true" : "false");
    case model::ValueType::Int: return fmt::format("{}", v.a);
    case model::ValueType::Decimal: return fmt::format("{}", v.as_decimal());
    case model::ValueType::Date: return time::format_date(v.i32);
    case model::ValueType::DateTime:
      return time::format_timestamp(time::Timestamp{v.a, v.b, v.i32, v.precision}, zone);
    case model::ValueType::Duration: return fmt::format("{} months {} days {} µs", v.b, v.i32, v.a);
  }
  return std::nullopt;
}

void ReportProcessor::evaluated(const model::CaseTimeline& timeline, eval::Evaluator& evaluator,
                                const eval::Coverage& coverage, eval::CaseResult& out) {
  if (group_attribute_ != model::Vocabulary::kNotFound) {
    if (auto g = group_value(timeline, group_attribute_, bundle_.zone())) {
      out.has_group = true;
      out.group = std::move(*g);
    }
  }
  for (std::uint32_t m : coverage.members) {
    evaluator.evaluate(m, results_);
    const bytecode::CompiledRuleset& r = *bundle_.members()[m].compiled;
    // No timeline: an undetermined reason names event types and attributes,
    // never this case's dates, so the texts are few and can be counted.
    const eval::ReasonContext ctx{&r, &bundle_.vocabulary(), nullptr, &bundle_.zone(), r.meta.language == 0};
    for (std::uint32_t i = 0; i < results_.size(); ++i) {
      const vm::Outcome& o = results_[i].outcome;
      eval::CompactVerdict v;
      v.member = static_cast<std::uint16_t>(m);
      v.rule = static_cast<std::uint16_t>(i);
      v.verdict = o.verdict;
      v.exempt = o.verdict == vm::Verdict::Compliant && o.exempt;
      if (o.verdict == vm::Verdict::Undetermined) v.reason = eval::reason_text(o, i, ctx);
      out.verdicts.push_back(std::move(v));
    }
  }
}

Aggregator::Aggregator(const eval::Bundle& bundle, time::Days as_of, std::string group_by)
    : report_(empty_report(bundle, as_of, std::move(group_by))), grouped_(!report_.group_by.empty()) {
  std::uint32_t offset = 0;
  for (const eval::Member& m : bundle.members()) {
    member_offset_.push_back(offset);
    offset += static_cast<std::uint32_t>(m.compiled->rules.size());
  }
}

Group& Aggregator::group_for(const eval::CaseResult& r) {
  if (!r.has_group) {
    if (!null_group_) {
      null_group_ = report_.groups.size();
      report_.groups.push_back(Group{std::nullopt, 0, std::vector<RuleCounts>(report_.rules.size())});
    }
    return report_.groups[*null_group_];
  }
  auto it = group_index_.find(r.group);
  if (it == group_index_.end()) {
    it = group_index_.emplace(r.group, report_.groups.size()).first;
    report_.groups.push_back(Group{r.group, 0, std::vector<RuleCounts>(report_.rules.size())});
  }
  return report_.groups[it->second];
}

void Aggregator::consume(const eval::CaseResult& r) {
  if (r.status != eval::CaseStatus::Evaluated) return;
  Group* group = grouped_ ? &group_for(r) : nullptr;
  ++report_.total.cases;
  if (group) ++group->cases;
  for (const eval::CompactVerdict& v : r.verdicts) {
    const std::size_t index = member_offset_[v.member] + v.rule;
    const auto verdict = static_cast<std::size_t>(v.verdict);
    RuleCounts& t = report_.total.rules[index];
    ++t.verdicts[verdict];
    if (v.exempt) ++t.exempt;
    if (v.verdict == vm::Verdict::Undetermined) ++t.undetermined_reasons[v.reason];
    if (group) {
      RuleCounts& g = group->rules[index];
      ++g.verdicts[verdict];
      if (v.exempt) ++g.exempt;
      if (v.verdict == vm::Verdict::Undetermined) ++g.undetermined_reasons[v.reason];
    }
  }
}

Report Aggregator::finish(const eval::DriveSummary& summary) {
  report_.cases = CaseCounts{summary.read, summary.evaluated, summary.rejected, summary.uncovered};
  sort_groups(report_.groups);
  group_index_.clear();
  null_group_.reset();
  return std::move(report_);
}

}  // namespace frist::report

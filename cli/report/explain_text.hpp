// What `frist explain` prints for one case (spec/cli.md): the case's
// attributes and timeline (the user asked for this one case, so its values
// are shown), then per ruleset that evaluated it and per rule the verdict
// with its reasoning in plain Danish or English — the named events and dates
// behind it, the computed deadline (and its expression as written, when the
// compiled rule carries it), the event that met or missed the deadline and
// by how many days, the exemption used, the hjemmel — and for *for each*
// rules every occurrence.
#pragma once

#include <string>
#include <vector>

#include "cli/report/locale.hpp"
#include "runtime/eval/bundle.hpp"
#include "runtime/vm/verdict.hpp"

namespace frist::cli {

struct ExplainedMember {
  std::uint32_t member = 0;
  std::vector<vm::RuleResult> results;  // evaluated with evidence and occurrences
};

struct Explanation {
  const eval::Bundle* bundle = nullptr;
  const model::CaseTimeline* timeline = nullptr;
  const eval::Coverage* coverage = nullptr;  // null when the case is uncovered
  std::string uncovered_reason;
  std::string source;                        // the --cases path
  time::Days as_of = 0;
  std::uint32_t visible = 0;                 // events on or before the as-of date (a prefix of the timeline)
  std::vector<ExplainedMember> members;
};

std::string render_explanation(const Explanation& e, const Locale& locale);

}  // namespace frist::cli

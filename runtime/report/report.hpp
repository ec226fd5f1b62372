// The barometer as data (spec/semantics.md §1 "Rates", spec/rulesets.md §5):
// for the total and for each group of cases (by a case attribute), for every
// rule of the bundle — identified by (ruleset id, rule id) — the five verdict
// counts, the exempt count and the undetermined reasons counted; plus the
// case counts, the as-of date and the rulesets. A Report holds only counts,
// never anything about a single case, so two Reports over disjoint parts of
// the data merge (merge()) into exactly the Report of one run over all of it.
// Rates and intervals are derived from the counts (stats()), never stored.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/common/result.hpp"
#include "runtime/report/wilson.hpp"
#include "runtime/vm/verdict.hpp"

namespace frist::report {

// Version of the JSON shape (report_json.hpp); merge refuses other versions.
constexpr int kReportFormat = 1;

// The small-N flag ("for få sager til at generalisere"): a rate is flagged
// when its denominator is below kSmallNMin cases or its 95 % interval is
// wider than kSmallNMaxWidth (30 percentage points). Ankestyrelsen calls its
// 15 cases per municipality too few to generalise; at N = 20 the Wilson
// interval around 50 % is still ±21 points, so both conditions matter.
constexpr std::uint64_t kSmallNMin = 20;
constexpr double kSmallNMaxWidth = 0.30;

struct RulesetInfo {
  std::string id;
  std::string version;
  std::string sha256;    // hex, of the ruleset's sources
  std::string title;
  std::string language;  // "da" or "en"
  friend bool operator==(const RulesetInfo&, const RulesetInfo&) = default;
};

struct RuleInfo {
  std::uint32_t ruleset = 0;  // index into Report::rulesets
  std::string id;
  std::string title;
  std::string basis;          // hjemmel
  bool unverified = false;    // status unverified: reports mark the hjemmel
  bool for_each = false;
  friend bool operator==(const RuleInfo&, const RuleInfo&) = default;
};

// One rule's counts over a set of cases.
struct RuleCounts {
  std::array<std::uint64_t, vm::kVerdictCount> verdicts{};  // indexed by vm::Verdict
  std::uint64_t exempt = 0;                                 // compliant by exemption (included in compliant)
  std::map<std::string, std::uint64_t> undetermined_reasons;  // reason text -> cases

  std::uint64_t count(vm::Verdict v) const noexcept { return verdicts[static_cast<std::size_t>(v)]; }
  std::uint64_t assessed() const noexcept;  // all five verdicts: the cases this rule was evaluated on
  void add(const RuleCounts& other);
  friend bool operator==(const RuleCounts&, const RuleCounts&) = default;
};

// What the counts say: N, rate, interval, small-N flag.
struct RuleStats {
  std::uint64_t compliant = 0;
  std::uint64_t n = 0;                // compliant + violated
  std::optional<double> rate;         // null when n == 0
  std::optional<Interval> ci95;       // null when n == 0
  bool small_n = false;               // only when n > 0
};
RuleStats stats(const RuleCounts& c) noexcept;

struct Group {
  std::optional<std::string> value;   // nullopt: cases without the attribute ("(ukendt)")
  std::uint64_t cases = 0;            // evaluated cases in the group
  std::vector<RuleCounts> rules;      // parallel to Report::rules
  friend bool operator==(const Group&, const Group&) = default;
};

struct CaseCounts {
  std::uint64_t read = 0;
  std::uint64_t evaluated = 0;
  std::uint64_t rejected = 0;
  std::uint64_t uncovered = 0;
  friend bool operator==(const CaseCounts&, const CaseCounts&) = default;
};

struct Report {
  std::string frist_version;
  std::string as_of;                  // YYYY-MM-DD
  std::string group_by;               // empty: not grouped
  std::vector<RulesetInfo> rulesets;
  std::vector<RuleInfo> rules;        // in bundle order: rulesets in load order, rules in ruleset order
  CaseCounts cases;
  Group total;                        // value unused
  std::vector<Group> groups;          // sorted by group_order(); empty when not grouped

  // The report's language: that of its first ruleset ("da" when none).
  std::string language() const;
  friend bool operator==(const Report&, const Report&) = default;
};

// The order groups are listed in: Danish alphabetical order of the value
// (æ, ø, å after z; letter case ignored, then bytes), the null group last.
// A function of the values alone, so every run and every merge agree.
bool group_order(const Group& a, const Group& b);
void sort_groups(std::vector<Group>& groups);

// Adds `other` into `into`. Both must be reports of the same rulesets (ids,
// versions, hashes, in the same order), the same as-of date, the same
// --group-by attribute and the same frist version; otherwise an Error says
// what differs. Groups with the same value are added, others kept, and the
// result sorted.
Result<void> merge(Report& into, const Report& other);

}  // namespace frist::report

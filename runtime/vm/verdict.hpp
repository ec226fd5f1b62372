// What evaluating a rule yields (spec/semantics.md §1): one of five
// verdicts, the exempt flag, a structured reason (rendered to text in the
// ruleset's language by the output layer), the deadline and the value the
// requirement was about, and — on request — the evidence (named events and
// dates of the rule) and every occurrence of a *for each* rule.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "runtime/time/timestamp.hpp"
#include "runtime/vm/value.hpp"

namespace frist::vm {

enum class Verdict : std::uint8_t { Compliant = 0, Violated = 1, Pending = 2, NotApplicable = 3, Undetermined = 4 };
constexpr std::size_t kVerdictCount = 5;

const char* verdict_name(Verdict v) noexcept;        // "compliant", …
const char* verdict_label_da(Verdict v) noexcept;    // "overholdt", …
// Precedence when occurrences combine: violated > undetermined > pending > compliant > not_applicable.
int verdict_rank(Verdict v) noexcept;

enum class ReasonKind : std::uint8_t {
  None,
  Custom,           // the rule's own text (`fordi "…"`): text = string index
  Unknown,          // from an unknown value: value = that value
  NotApplicable,    // the applicability condition is false
  NoOccurrences,    // a for-each rule with no occurrence
  Met,              // the requirement holds (deadline/subject say how)
  NotMet,           // the requirement fails without a deadline
  DeadlinePassed,   // not met and the deadline has passed
  DeadlineOpen,     // not met, the deadline has not passed (pending)
  DeadlineUnknown,  // not met, and the deadline cannot be computed
};

struct Reason {
  ReasonKind kind = ReasonKind::None;
  std::uint32_t text = 0;  // Custom: string index in the ruleset
  Value value;             // Unknown: the unknown value
};

struct Deadline {
  enum class Kind : std::uint8_t { None, Date, Time } kind = Kind::None;
  time::Days date = 0;
  time::Timestamp time;
  bool strict = false;
};

struct Outcome {
  Verdict verdict = Verdict::NotApplicable;
  bool exempt = false;
  Reason reason;
  Deadline deadline;
  Value subject;               // what the requirement was about (event, date or time), or none
  std::int32_t occurrence = -1;  // for-each: the occurrence's event index
  Value period;                // for-each over periods: the period
};

struct EvidenceItem {
  std::uint32_t name = 0;  // string index (a `lad`/binder name)
  Value value;             // event, date or time
};

struct RuleResult {
  Outcome outcome;
  bool for_each = false;
  std::array<std::uint32_t, kVerdictCount> counts{};   // per-occurrence verdicts of a for-each rule
  std::vector<EvidenceItem> evidence;                   // when collected
  std::vector<Outcome> occurrences;                     // when collected (explain)
  std::vector<std::vector<EvidenceItem>> occurrence_evidence;
};

}  // namespace frist::vm

// The VM: runs a linked ruleset's verified bytecode against one case
// timeline and an as-of date. One Machine per thread; its stack and slots are
// reused, so evaluating a rule allocates nothing (unless evidence or
// occurrences are collected for `explain`). Events after the as-of date are
// invisible: the CaseContext exposes only the prefix of events dated on or
// before it (spec/semantics.md §3).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "runtime/model/case_timeline.hpp"
#include "runtime/vm/linked.hpp"
#include "runtime/vm/value.hpp"
#include "runtime/vm/verdict.hpp"

namespace frist::vm {

// One case as the VM sees it at one as-of date.
struct CaseContext {
  const model::CaseTimeline* timeline = nullptr;
  const std::uint32_t* type_visible = nullptr;  // per event type: how many of its events are visible
  std::uint32_t visible = 0;                    // visible events (a prefix of timeline->events)
  time::Days as_of = 0;
  time::Micros as_of_end = 0;                   // the instant the as-of day ends (next local midnight)
};

// Fills `ctx` for `timeline` at `as_of`; `type_visible` is a reusable buffer.
void prepare_context(const model::CaseTimeline& timeline, time::Days as_of, const time::Zone& zone,
                     std::vector<std::uint32_t>& type_visible, CaseContext& ctx);

struct EvalOptions {
  bool evidence = false;      // collect the rule's named events and dates
  bool occurrences = false;   // collect every occurrence of a for-each rule
};

// Loop iterations allowed per case and ruleset: the language is total, but a
// bug (or a hostile file) must not hang a national run.
constexpr std::uint64_t kDefaultStepBudget = 50'000'000;

class Machine {
 public:
  explicit Machine(const LinkedRuleset& ruleset);

  // Resets the step budget; call once per case.
  void begin_case(std::uint64_t budget = kDefaultStepBudget) noexcept { budget_ = budget; }
  bool budget_exhausted() const noexcept { return budget_ == 0; }

  void evaluate(std::uint32_t rule, const CaseContext& ctx, RuleResult& out, const EvalOptions& options = {});
  // Runs a function that ends in RETURN (case date, holiday, expression test).
  Value call(std::uint32_t function, const CaseContext& ctx, const Value* args, std::size_t arg_count);

 private:
  struct Register {
    bool set = false;
    Outcome out;
    bool exempt_unknown = false;
    Value exempt_value;
  };
  struct RuleState {
    const bytecode::Rule* rule = nullptr;
    Register reg;
    std::uint32_t folded = 0;
    std::optional<Outcome> best;  // set by the first occurrence, so rules without one never build it
    bool finished = false;        // V_RESULT ran and wrote the outcome
    bool any_exempt = false;
    std::vector<EvidenceItem> best_evidence;
    RuleResult* out = nullptr;
    const EvalOptions* options = nullptr;
  };

  Value run(std::uint32_t function, const CaseContext& ctx, RuleState* rule);
  void snapshot_evidence(const RuleState& st, std::vector<EvidenceItem>& out) const;
  void finish_occurrence(RuleState& st, std::uint16_t binder);

  const LinkedRuleset& ruleset_;
  std::vector<Value> stack_;
  std::vector<Value> slots_;
  std::uint64_t budget_ = kDefaultStepBudget;
  RuleState state_;           // the rule being evaluated: reused, so a rule allocates and clears little
  Register unused_register_;  // the register of functions that are not rules (never written)
};

}  // namespace frist::vm

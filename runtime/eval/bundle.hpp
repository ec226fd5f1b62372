// A bundle: the rulesets loaded together for one run (spec/semantics.md §4).
// Their vocabularies are merged (the readers read against the merged one),
// each ruleset is linked onto it, and temporal validity is checked at load:
// rulesets with an effective period must not overlap and must find the case
// date the same way. Per case, the bundle says which rulesets evaluate it —
// the dated one whose period contains the case date, plus every undated one —
// or why none covers it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/bytecode/program.hpp"
#include "runtime/common/result.hpp"
#include "runtime/model/case_timeline.hpp"
#include "runtime/model/vocabulary.hpp"
#include "runtime/time/zone.hpp"
#include "runtime/vm/linked.hpp"
#include "runtime/vm/machine.hpp"

namespace frist::eval {

struct Member {
  std::shared_ptr<const bytecode::CompiledRuleset> compiled;
  std::shared_ptr<const vm::LinkedRuleset> linked;
  std::string source;      // where it came from (a .frist or .fristc path)
  std::string id;          // ruleset id
  std::string version;
  std::string sha256_hex;  // of its sources
  bool dated = false;      // has an effective period
  std::optional<time::Days> from, until;
};

class Bundle {
 public:
  // `sources[i]` names where `rulesets[i]` came from (for messages).
  static Result<std::unique_ptr<Bundle>> create(std::vector<std::shared_ptr<const bytecode::CompiledRuleset>> rulesets,
                                                std::vector<std::string> sources, const time::Zone& zone);

  const model::Vocabulary& vocabulary() const noexcept { return vocabulary_; }
  const std::vector<Member>& members() const noexcept { return members_; }
  const time::Zone& zone() const noexcept { return zone_; }
  bool has_dated() const noexcept { return dated_count_ > 0; }
  bool has_undated() const noexcept { return dated_count_ < members_.size(); }

 private:
  Bundle(const time::Zone& zone) : zone_(zone) {}
  model::Vocabulary vocabulary_;
  std::vector<Member> members_;
  std::size_t dated_count_ = 0;
  const time::Zone& zone_;
};

// Which members evaluate one case, or why none does.
struct Coverage {
  std::vector<std::uint32_t> members;  // indices into Bundle::members(), in load order
  std::optional<time::Days> case_date;
  std::string uncovered_reason;        // set when `members` is empty
};

// Per-thread evaluation: one VM per member, reusable buffers.
class Evaluator {
 public:
  explicit Evaluator(const Bundle& bundle);

  // Prepares the case at `as_of` and decides coverage.
  const Coverage& cover(const model::CaseTimeline& timeline, time::Days as_of);
  const vm::CaseContext& context() const noexcept { return ctx_; }
  vm::Machine& machine(std::uint32_t member) { return machines_[member]; }
  // Evaluates every rule of a covering member into `results` (resized).
  void evaluate(std::uint32_t member, std::vector<vm::RuleResult>& results, const vm::EvalOptions& options = {});

 private:
  const Bundle& bundle_;
  std::vector<vm::Machine> machines_;
  std::vector<std::uint32_t> type_visible_;
  vm::CaseContext ctx_;
  Coverage coverage_;
};

}  // namespace frist::eval

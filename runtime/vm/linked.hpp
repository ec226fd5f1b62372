// A compiled ruleset made ready to run inside a bundle: its event types,
// attributes and case attributes remapped onto the bundle's merged
// vocabulary (the code is patched once, so the VM indexes directly),
// constants turned into VM values, attribute-by-name tables built, and its
// holiday calendar precomputed per year by running the calendar's Frist
// functions (docs/bytecode.md, spec/semantics.md §2 "Workdays"); common
// instruction sequences fused into superinstructions (fused.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "runtime/bytecode/program.hpp"
#include "runtime/common/result.hpp"
#include "runtime/model/vocabulary.hpp"
#include "runtime/time/workdays.hpp"
#include "runtime/time/zone.hpp"
#include "runtime/vm/value.hpp"

namespace frist::vm {

// Years for which a calendar's holidays are precomputed; workdays outside
// them are unknown ("outside the calendar").
constexpr int kCalendarFirstYear = 1900;
constexpr int kCalendarLastYear = 2200;

class LinkedRuleset {
 public:
  // `remap` comes from bundle.merge(compiled->vocabulary). `superinstructions`
  // off leaves the code unfused (runtime/vm/fused.hpp): for tests that compare.
  static Result<std::shared_ptr<const LinkedRuleset>> link(std::shared_ptr<const bytecode::CompiledRuleset> compiled,
                                                           const model::Vocabulary& bundle,
                                                           const model::Vocabulary::Remap& remap,
                                                           const time::Zone& zone, bool superinstructions = true);
  // A ruleset on its own (its vocabulary is the bundle's).
  static Result<std::shared_ptr<const LinkedRuleset>> link_alone(std::shared_ptr<const bytecode::CompiledRuleset> compiled,
                                                                 const time::Zone& zone, bool superinstructions = true);

  const bytecode::CompiledRuleset& compiled() const noexcept { return *compiled_; }
  const std::vector<std::uint8_t>& code() const noexcept { return code_; }
  const std::vector<Value>& constants() const noexcept { return constants_; }
  const time::WorkdayCalendar* workdays() const noexcept { return workdays_ ? &*workdays_ : nullptr; }
  // EV_ATTR_NAMED tables (operand patched to an index here): slot per bundle event type, -1 when absent.
  const std::vector<std::vector<std::int32_t>>& named_attributes() const noexcept { return named_attributes_; }
  const model::Vocabulary& vocabulary() const noexcept { return *vocabulary_; }
  const time::Zone& zone() const noexcept { return *zone_; }
  std::uint32_t event_type_count() const noexcept { return static_cast<std::uint32_t>(vocabulary_->size()); }
  const std::string& str(std::uint32_t i) const { return compiled_->strings.at(i); }

 private:
  std::shared_ptr<const bytecode::CompiledRuleset> compiled_;
  std::vector<std::uint8_t> code_;
  std::vector<Value> constants_;
  std::optional<time::WorkdayCalendar> workdays_;
  std::vector<std::vector<std::int32_t>> named_attributes_;
  const model::Vocabulary* vocabulary_ = nullptr;
  std::shared_ptr<const model::Vocabulary> own_vocabulary_;
  const time::Zone* zone_ = nullptr;
};

}  // namespace frist::vm

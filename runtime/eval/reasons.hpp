// Verdict reasons as text, in the ruleset's language (Danish or English):
// "undersøgelse_afsluttet 2021-08-02, frist 2021-07-01", "værdien
// 'afgørelse.hjemmel' mangler", or the rule's own `fordi "…"` text. Names
// event types and attributes and shows the case's own dates and event types
// — never attribute values.
#pragma once

#include <string>

#include "runtime/bytecode/program.hpp"
#include "runtime/model/case_timeline.hpp"
#include "runtime/model/vocabulary.hpp"
#include "runtime/time/zone.hpp"
#include "runtime/vm/verdict.hpp"

namespace frist::eval {

struct ReasonContext {
  const bytecode::CompiledRuleset* ruleset = nullptr;  // strings, language, rules
  const model::Vocabulary* vocabulary = nullptr;       // the bundle's (event ids in values are bundle ids)
  const model::CaseTimeline* timeline = nullptr;       // may be null (then events are not described)
  const time::Zone* zone = nullptr;
  bool danish = true;
};

std::string reason_text(const vm::Outcome& outcome, std::uint32_t rule, const ReasonContext& ctx);
// The text of an unknown value's reason alone (for counting undetermined reasons).
std::string unknown_text(const vm::Value& unknown, const ReasonContext& ctx);
std::string deadline_text(const vm::Deadline& d, const time::Zone& zone);
// "undersøgelse_afsluttet 2021-08-02" for an event; a date or date-time as text.
std::string value_text(const vm::Value& v, const ReasonContext& ctx);

}  // namespace frist::eval

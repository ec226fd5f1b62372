// Verdict reasons as text, in the ruleset's language (Danish or English):
// "undersøgelse_afsluttet 2021-08-02, frist 2021-07-01", "værdien
// 'afgørelse.hjemmel' mangler", or the rule's own `fordi "…"` text. Names
// event types and attributes and shows the case's own dates and event types
// — never attribute values. Every text has an appending form that writes into
// a caller's reused buffer (the record writers format millions of them), with
// dates and timestamps written digit by digit; the string-returning forms
// wrap them.
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

// The same texts appended to `out`.
void append_reason_text(std::string& out, const vm::Outcome& outcome, std::uint32_t rule, const ReasonContext& ctx);
void append_unknown_text(std::string& out, const vm::Value& unknown, const ReasonContext& ctx);
void append_deadline_text(std::string& out, const vm::Deadline& d, const time::Zone& zone);
void append_value_text(std::string& out, const vm::Value& v, const ReasonContext& ctx);

// Exactly time::format_date and time::format_timestamp, appended: plain digit
// code for the years 0000–9999, fmt for anything else.
void append_date(std::string& out, time::Days d);
void append_timestamp(std::string& out, const time::Timestamp& t, const time::Zone& zone);

}  // namespace frist::eval

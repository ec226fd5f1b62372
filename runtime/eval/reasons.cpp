// Rendering verdict reasons in Danish or English.
#include "runtime/eval/reasons.hpp"

#include <fmt/format.h>

namespace frist::eval {

std::string deadline_text(const vm::Deadline& d, const time::Zone& zone) {
  switch (d.kind) {
    case vm::Deadline::Kind::Date: return time::format_date(d.date);
    case vm::Deadline::Kind::Time: return time::format_timestamp(d.time, zone);
    case vm::Deadline::Kind::None: return {};
  }
  return {};
}

std::string value_text(const vm::Value& v, const ReasonContext& ctx) {
  switch (v.tag) {
    case vm::Tag::Event: {
      if (ctx.timeline == nullptr) return {};
      const model::Event& e = ctx.timeline->events.at(static_cast<std::size_t>(v.i32));
      const std::string& type = ctx.vocabulary->event_types().at(e.type).name;
      const std::string when =
          e.at.is_date() ? time::format_date(e.at.date) : time::format_timestamp(e.at, *ctx.zone);
      return fmt::format("{} {}", type, when);
    }
    case vm::Tag::Date: return time::format_date(v.i32);
    case vm::Tag::Time: return time::format_timestamp(v.as_time(), *ctx.zone);
    default: return {};
  }
}

std::string unknown_text(const vm::Value& u, const ReasonContext& ctx) {
  const bool da = ctx.danish;
  const auto& types = ctx.vocabulary->event_types();
  switch (u.reason()) {
    case vm::UnknownReason::MissingAttribute: {
      if (u.a >= 0 && static_cast<std::size_t>(u.a) < types.size()) {
        const auto& t = types[static_cast<std::size_t>(u.a)];
        if (u.b >= 0 && static_cast<std::size_t>(u.b) < t.attributes.size()) {
          return da ? fmt::format("værdien '{}.{}' mangler", t.name, t.attributes[static_cast<std::size_t>(u.b)].name)
                    : fmt::format("missing value '{}.{}'", t.name, t.attributes[static_cast<std::size_t>(u.b)].name);
        }
        return da ? fmt::format("'{}' har ikke attributten", t.name) : fmt::format("'{}' lacks the attribute", t.name);
      }
      return da ? "en værdi mangler" : "a value is missing";
    }
    case vm::UnknownReason::MissingCaseAttribute: {
      const auto& attrs = ctx.vocabulary->case_attributes();
      const std::string name = u.a >= 0 && static_cast<std::size_t>(u.a) < attrs.size() ? attrs[static_cast<std::size_t>(u.a)].name : "?";
      return da ? fmt::format("sagens '{}' mangler", name) : fmt::format("the case's '{}' is missing", name);
    }
    case vm::UnknownReason::MissingEventId: {
      const std::string name = u.a >= 0 && static_cast<std::size_t>(u.a) < types.size() ? types[static_cast<std::size_t>(u.a)].name : "?";
      return da ? fmt::format("'{}' har intet id", name) : fmt::format("'{}' has no id", name);
    }
    case vm::UnknownReason::Coarse:
      return da ? "tidsangivelsen er for grov til at afgøre det" : "timestamp too coarse";
    case vm::UnknownReason::InvalidDate: return da ? "datoen findes ikke" : "the date does not exist";
    case vm::UnknownReason::Arithmetic: return da ? "beregningen kan ikke udføres" : "the arithmetic cannot be done";
    case vm::UnknownReason::OutsideCalendar: return da ? "uden for kalenderens år" : "outside the calendar's years";
    case vm::UnknownReason::StepBudget:
      return da ? "beregningen blev afbrudt: for mange trin" : "evaluation stopped: step budget exceeded";
    case vm::UnknownReason::DurationKind: return da ? "varigheden er af en forkert slags" : "the duration is of the wrong kind";
  }
  return da ? "ukendt" : "unknown";
}

std::string reason_text(const vm::Outcome& o, std::uint32_t rule, const ReasonContext& ctx) {
  const bool da = ctx.danish;
  const bytecode::CompiledRuleset& r = *ctx.ruleset;
  const std::string deadline = ctx.zone ? deadline_text(o.deadline, *ctx.zone) : std::string();
  // An event names itself ("undersøgelse_afsluttet 2023-02-28"); a date or
  // date-time is named by what the rule calls it ("slut 2023-01-10").
  std::string subject = value_text(o.subject, ctx);
  if (!subject.empty() && o.subject.tag != vm::Tag::Event) {
    if (const bytecode::RuleSource* src = r.source_of(rule); src != nullptr && !src->subject.empty())
      subject = src->subject + " " + subject;
  }
  switch (o.reason.kind) {
    case vm::ReasonKind::None: return {};
    case vm::ReasonKind::Custom: return r.strings.at(o.reason.text);
    case vm::ReasonKind::Unknown: return unknown_text(o.reason.value, ctx);
    case vm::ReasonKind::NotApplicable: return da ? "reglen gælder ikke for sagen" : "the rule does not apply to the case";
    case vm::ReasonKind::NoOccurrences: {
      const std::uint16_t t = r.rules.at(rule).occurrence_type;
      if (t != bytecode::kAnyEventType && t < r.vocabulary.size()) {
        return da ? fmt::format("ingen {}, som reglen gælder for", r.vocabulary.event_types()[t].name)
                  : fmt::format("no {} the rule applies to", r.vocabulary.event_types()[t].name);
      }
      return da ? "intet at vurdere" : "nothing to assess";
    }
    case vm::ReasonKind::Met:
      if (!deadline.empty()) {
        if (!subject.empty()) return da ? fmt::format("{}, frist {}", subject, deadline) : fmt::format("{}, deadline {}", subject, deadline);
        return da ? fmt::format("opfyldt inden fristen {}", deadline) : fmt::format("met by the deadline {}", deadline);
      }
      return da ? "kravet er opfyldt" : "the requirement is met";
    case vm::ReasonKind::NotMet: return da ? "kravet er ikke opfyldt" : "the requirement is not met";
    case vm::ReasonKind::DeadlinePassed:
      if (!subject.empty()) return da ? fmt::format("{}, frist {}", subject, deadline) : fmt::format("{}, deadline {}", subject, deadline);
      return da ? fmt::format("ikke opfyldt inden fristen {}", deadline) : fmt::format("not met by the deadline {}", deadline);
    case vm::ReasonKind::DeadlineOpen:
      return da ? fmt::format("fristen {} er ikke udløbet", deadline) : fmt::format("the deadline {} has not passed", deadline);
    case vm::ReasonKind::DeadlineUnknown: return da ? "fristen kan ikke beregnes" : "the deadline cannot be computed";
  }
  return {};
}

}  // namespace frist::eval

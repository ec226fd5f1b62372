// Rendering verdict reasons in Danish or English, appended to a reused buffer.
#include "runtime/eval/reasons.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "runtime/time/civil.hpp"

using namespace std::string_view_literals;

namespace frist::eval {
namespace {

constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// The years written with the digit tables below; others go through fmt.
// time::civil_from_days is division-free for the years 1..9999 (civil.cpp).
constexpr time::Days kFirstFastDay = -719528;   // 0000-01-01
constexpr time::Days kLastFastDay = 2932896;    // 9999-12-31

time::Micros floor_div(time::Micros a, time::Micros b) noexcept {
  const time::Micros q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Texts are put into a small array and appended in one go.
char* put_2(char* p, std::uint32_t v) noexcept {
  std::memcpy(p, kDigitPairs + 2 * v, 2);
  return p + 2;
}

// `YYYY-MM-DD`, for kFirstFastDay..kLastFastDay.
char* put_date(char* p, time::Days d) noexcept {
  const time::Civil c = time::civil_from_days(d);  // year 0..9999 here
  const auto year = static_cast<std::uint32_t>(c.year);
  p = put_2(p, year / 100);
  p = put_2(p, year % 100);
  *p++ = '-';
  p = put_2(p, static_cast<std::uint32_t>(c.month));
  *p++ = '-';
  return put_2(p, static_cast<std::uint32_t>(c.day));
}

// Room for an instant: date, time, fraction and an offset with seconds.
constexpr std::size_t kInstantChars = 10 + 9 + 7 + 9;

// `YYYY-MM-DDThh:mm:ss[.ffffff]±hh:mm[:ss]` in local time: fractions only
// when non-zero, trailing zeros dropped (as time::format_timestamp). Null
// when the local date is outside the years 0000–9999 or the offset is not
// below 100 hours (then the caller takes the general path).
char* put_instant(char* p, time::Micros utc, const time::Zone& zone) noexcept {
  const std::int32_t offset_s = zone.offset_seconds_at(utc);
  const time::Micros local = utc + time::Micros{offset_s} * time::kMicrosPerSecond;
  const time::Micros day = floor_div(local, time::kMicrosPerDay);
  const std::uint32_t offset = static_cast<std::uint32_t>(offset_s < 0 ? -std::int64_t{offset_s} : offset_s);
  if (day < kFirstFastDay || day > kLastFastDay || offset >= 100 * 3600) return nullptr;
  const time::Micros of_day = local - day * time::kMicrosPerDay;
  const auto seconds = static_cast<std::uint32_t>(of_day / time::kMicrosPerSecond);
  p = put_date(p, static_cast<time::Days>(day));
  *p++ = 'T';
  p = put_2(p, seconds / 3600);
  *p++ = ':';
  p = put_2(p, seconds / 60 % 60);
  *p++ = ':';
  p = put_2(p, seconds % 60);
  auto fraction = static_cast<std::uint32_t>(of_day % time::kMicrosPerSecond);
  if (fraction != 0) {
    *p = '.';
    for (int i = 6; i >= 1; --i) {
      p[i] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    p += 7;
    while (p[-1] == '0') --p;
  }
  *p++ = offset_s < 0 ? '-' : '+';
  p = put_2(p, offset / 3600);
  *p++ = ':';
  p = put_2(p, offset / 60 % 60);
  // Offsets with seconds only occur in local mean time before 1894.
  if (offset % 60 != 0) {
    *p++ = ':';
    p = put_2(p, offset % 60);
  }
  return p;
}

// Whether append_value_text writes anything for `v`.
bool has_value_text(const vm::Value& v, const ReasonContext& ctx) noexcept {
  switch (v.tag) {
    case vm::Tag::Event: return ctx.timeline != nullptr;
    case vm::Tag::Date:
    case vm::Tag::Time: return true;
    default: return false;
  }
}

// An event names itself ("undersøgelse_afsluttet 2023-02-28"); a date or
// date-time is named by what the rule calls it ("slut 2023-01-10").
void append_subject(std::string& out, const vm::Value& subject, std::uint32_t rule, const ReasonContext& ctx) {
  if (subject.tag != vm::Tag::Event) {
    if (const bytecode::RuleSource* src = ctx.ruleset->source_of(rule); src != nullptr && !src->subject.empty()) {
      out += src->subject;
      out += ' ';
    }
  }
  append_value_text(out, subject, ctx);
}

}  // namespace

void append_date(std::string& out, time::Days d) {
  if (d < kFirstFastDay || d > kLastFastDay) {
    out += time::format_date(d);
    return;
  }
  char text[10];
  out.append(text, static_cast<std::size_t>(put_date(text, d) - text));
}

void append_timestamp(std::string& out, const time::Timestamp& t, const time::Zone& zone) {
  if (t.precision == time::Precision::Date) {
    append_date(out, t.date);
    return;
  }
  char text[2 * kInstantChars + 1];
  char* p = put_instant(text, t.lo, zone);
  if (p != nullptr && t.precision == time::Precision::Interval) {
    *p++ = '/';
    p = put_instant(p, t.hi, zone);
  }
  if (p == nullptr) {
    out += time::format_timestamp(t, zone);
    return;
  }
  out.append(text, static_cast<std::size_t>(p - text));
}

void append_deadline_text(std::string& out, const vm::Deadline& d, const time::Zone& zone) {
  switch (d.kind) {
    case vm::Deadline::Kind::Date: append_date(out, d.date); return;
    case vm::Deadline::Kind::Time: append_timestamp(out, d.time, zone); return;
    case vm::Deadline::Kind::None: return;
  }
}

std::string deadline_text(const vm::Deadline& d, const time::Zone& zone) {
  std::string out;
  append_deadline_text(out, d, zone);
  return out;
}

void append_value_text(std::string& out, const vm::Value& v, const ReasonContext& ctx) {
  switch (v.tag) {
    case vm::Tag::Event: {
      if (ctx.timeline == nullptr) return;
      const model::Event& e = ctx.timeline->events.at(static_cast<std::size_t>(v.i32));
      out += ctx.vocabulary->event_types().at(e.type).name;
      out += ' ';
      if (e.at.is_date()) append_date(out, e.at.date);
      else append_timestamp(out, e.at, *ctx.zone);
      return;
    }
    case vm::Tag::Date: append_date(out, v.i32); return;
    case vm::Tag::Time: append_timestamp(out, v.as_time(), *ctx.zone); return;
    default: return;
  }
}

std::string value_text(const vm::Value& v, const ReasonContext& ctx) {
  std::string out;
  append_value_text(out, v, ctx);
  return out;
}

void append_unknown_text(std::string& out, const vm::Value& u, const ReasonContext& ctx) {
  const bool da = ctx.danish;
  const auto& types = ctx.vocabulary->event_types();
  switch (u.reason()) {
    case vm::UnknownReason::MissingAttribute: {
      if (u.a >= 0 && static_cast<std::size_t>(u.a) < types.size()) {
        const auto& t = types[static_cast<std::size_t>(u.a)];
        if (u.b >= 0 && static_cast<std::size_t>(u.b) < t.attributes.size()) {
          out += da ? "værdien '"sv : "missing value '"sv;
          out += t.name;
          out += '.';
          out += t.attributes[static_cast<std::size_t>(u.b)].name;
          out += da ? "' mangler"sv : "'"sv;
          return;
        }
        out += '\'';
        out += t.name;
        out += da ? "' har ikke attributten"sv : "' lacks the attribute"sv;
        return;
      }
      out += da ? "en værdi mangler"sv : "a value is missing"sv;
      return;
    }
    case vm::UnknownReason::MissingCaseAttribute: {
      const auto& attrs = ctx.vocabulary->case_attributes();
      const std::string_view name =
          u.a >= 0 && static_cast<std::size_t>(u.a) < attrs.size() ? std::string_view(attrs[static_cast<std::size_t>(u.a)].name) : "?";
      out += da ? "sagens '"sv : "the case's '"sv;
      out += name;
      out += da ? "' mangler"sv : "' is missing"sv;
      return;
    }
    case vm::UnknownReason::MissingEventId: {
      const std::string_view name =
          u.a >= 0 && static_cast<std::size_t>(u.a) < types.size() ? std::string_view(types[static_cast<std::size_t>(u.a)].name) : "?";
      out += '\'';
      out += name;
      out += da ? "' har intet id"sv : "' has no id"sv;
      return;
    }
    case vm::UnknownReason::Coarse: out += da ? "tidsangivelsen er for grov til at afgøre det"sv : "timestamp too coarse"sv; return;
    case vm::UnknownReason::InvalidDate: out += da ? "datoen findes ikke"sv : "the date does not exist"sv; return;
    case vm::UnknownReason::Arithmetic: out += da ? "beregningen kan ikke udføres"sv : "the arithmetic cannot be done"sv; return;
    case vm::UnknownReason::OutsideCalendar: out += da ? "uden for kalenderens år"sv : "outside the calendar's years"sv; return;
    case vm::UnknownReason::StepBudget:
      out += da ? "beregningen blev afbrudt: for mange trin"sv : "evaluation stopped: step budget exceeded"sv;
      return;
    case vm::UnknownReason::DurationKind: out += da ? "varigheden er af en forkert slags"sv : "the duration is of the wrong kind"sv; return;
  }
  out += da ? "ukendt"sv : "unknown"sv;
}

std::string unknown_text(const vm::Value& u, const ReasonContext& ctx) {
  std::string out;
  append_unknown_text(out, u, ctx);
  return out;
}

void append_reason_text(std::string& out, const vm::Outcome& o, std::uint32_t rule, const ReasonContext& ctx) {
  const bool da = ctx.danish;
  const bytecode::CompiledRuleset& r = *ctx.ruleset;
  const auto deadline = [&] {
    if (ctx.zone != nullptr) append_deadline_text(out, o.deadline, *ctx.zone);
  };
  const bool has_deadline = ctx.zone != nullptr && o.deadline.kind != vm::Deadline::Kind::None;
  // "subject, frist deadline" when the requirement was about a value.
  const auto subject_and_deadline = [&] {
    append_subject(out, o.subject, rule, ctx);
    out += da ? ", frist "sv : ", deadline "sv;
    deadline();
  };
  switch (o.reason.kind) {
    case vm::ReasonKind::None: return;
    case vm::ReasonKind::Custom: out += r.strings.at(o.reason.text); return;
    case vm::ReasonKind::Unknown: append_unknown_text(out, o.reason.value, ctx); return;
    case vm::ReasonKind::NotApplicable: out += da ? "reglen gælder ikke for sagen"sv : "the rule does not apply to the case"sv; return;
    case vm::ReasonKind::NoOccurrences: {
      const std::uint16_t t = r.rules.at(rule).occurrence_type;
      if (t != bytecode::kAnyEventType && t < r.vocabulary.size()) {
        out += da ? "ingen "sv : "no "sv;
        out += r.vocabulary.event_types()[t].name;
        out += da ? ", som reglen gælder for"sv : " the rule applies to"sv;
        return;
      }
      out += da ? "intet at vurdere"sv : "nothing to assess"sv;
      return;
    }
    case vm::ReasonKind::Met:
      if (has_deadline) {
        if (has_value_text(o.subject, ctx)) {
          subject_and_deadline();
          return;
        }
        out += da ? "opfyldt inden fristen "sv : "met by the deadline "sv;
        deadline();
        return;
      }
      out += da ? "kravet er opfyldt"sv : "the requirement is met"sv;
      return;
    case vm::ReasonKind::NotMet: out += da ? "kravet er ikke opfyldt"sv : "the requirement is not met"sv; return;
    case vm::ReasonKind::DeadlinePassed:
      if (has_value_text(o.subject, ctx)) {
        subject_and_deadline();
        return;
      }
      out += da ? "ikke opfyldt inden fristen "sv : "not met by the deadline "sv;
      deadline();
      return;
    case vm::ReasonKind::DeadlineOpen:
      out += da ? "fristen "sv : "the deadline "sv;
      deadline();
      out += da ? " er ikke udløbet"sv : " has not passed"sv;
      return;
    case vm::ReasonKind::DeadlineUnknown: out += da ? "fristen kan ikke beregnes"sv : "the deadline cannot be computed"sv; return;
  }
}

std::string reason_text(const vm::Outcome& o, std::uint32_t rule, const ReasonContext& ctx) {
  std::string out;
  append_reason_text(out, o, rule, ctx);
  return out;
}

}  // namespace frist::eval

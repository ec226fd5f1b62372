// Rendering one case's explanation: timeline, then every rule's reasoning.
#include "cli/report/explain_text.hpp"

#include <fmt/format.h>

#include <type_traits>

#include "cli/report/text_table.hpp"
#include "runtime/eval/reasons.hpp"

namespace frist::cli {
namespace {

using vm::ReasonKind;
using vm::Tag;
using vm::Verdict;

// The deadline expression as written in the source, or "" when the rule has
// none (or the file carries no source texts).
std::string rule_deadline_text(std::uint32_t rule, const bytecode::CompiledRuleset& ruleset) {
  const bytecode::RuleSource* src = ruleset.source_of(rule);
  return src != nullptr ? src->deadline : std::string();
}

class Writer {
 public:
  Writer(const Explanation& e, const Locale& l) : e_(e), l_(l), da_(l.danish) {}

  std::string run() {
    header();
    timeline();
    if (e_.coverage == nullptr) {
      out_ += '\n';
      out_ += da_ ? fmt::format("Sagen er ikke omfattet af noget regelsæt: {}\n", e_.uncovered_reason)
                  : fmt::format("No loaded ruleset covers the case: {}\n", e_.uncovered_reason);
      return out_;
    }
    for (const ExplainedMember& m : e_.members) member(m);
    return out_;
  }

 private:
  const model::Vocabulary& vocab() const { return e_.bundle->vocabulary(); }
  const time::Zone& zone() const { return e_.bundle->zone(); }

  // "1. marts 2021 kl. 09.30" / "1 March 2021 09:30"; a date alone for a date.
  std::string when(const time::Timestamp& t) const {
    if (t.precision == time::Precision::Date) return l_.long_date(t.date);
    if (t.precision == time::Precision::Interval) return time::format_timestamp(t, zone());
    const time::Micros local = t.lo + static_cast<time::Micros>(zone().offset_seconds_at(t.lo)) * time::kMicrosPerSecond;
    const time::Micros of_day = local - static_cast<time::Micros>(t.date) * time::kMicrosPerDay;
    const auto h = of_day / time::kMicrosPerHour, m = of_day % time::kMicrosPerHour / time::kMicrosPerMinute;
    const auto s = of_day % time::kMicrosPerMinute / time::kMicrosPerSecond;
    std::string clock = da_ ? fmt::format("{:02}.{:02}", h, m) : fmt::format("{:02}:{:02}", h, m);
    if (s != 0) clock += da_ ? fmt::format(".{:02}", s) : fmt::format(":{:02}", s);
    return da_ ? fmt::format("{} kl. {}", l_.long_date(t.date), clock) : fmt::format("{} {}", l_.long_date(t.date), clock);
  }

  std::string event_text(std::size_t index) const {
    const model::Event& ev = e_.timeline->events.at(index);
    std::string s = fmt::format("{} {}", vocab().event_types().at(ev.type).name, when(ev.at));
    if (ev.id_length >= 0) s += fmt::format(" [{}]", printable(e_.timeline->event_id(ev)));
    return s;
  }

  std::string value_text(const vm::Value& v) const {
    switch (v.tag) {
      case Tag::Event: return event_text(static_cast<std::size_t>(v.i32));
      case Tag::Date: return l_.long_date(v.i32);
      case Tag::Time: return when(v.as_time());
      case Tag::Period:
        return fmt::format("{} – {}", l_.long_date(static_cast<time::Days>(v.a)), l_.long_date(static_cast<time::Days>(v.b - 1)));
      default: return {};
    }
  }

  // The local date a value stands for (an event's, a date's, a time's), if any.
  std::optional<time::Days> value_date(const vm::Value& v) const {
    switch (v.tag) {
      case Tag::Event: return e_.timeline->events.at(static_cast<std::size_t>(v.i32)).at.date;
      case Tag::Date: return v.i32;
      case Tag::Time: return v.as_time().precision == time::Precision::Interval ? std::nullopt : std::optional(v.as_time().date);
      default: return std::nullopt;
    }
  }
  // An instant a value stands for exactly (an event or time at one instant).
  std::optional<time::Micros> value_instant(const vm::Value& v) const {
    time::Timestamp t;
    if (v.tag == Tag::Event) t = e_.timeline->events.at(static_cast<std::size_t>(v.i32)).at;
    else if (v.tag == Tag::Time) t = v.as_time();
    else return std::nullopt;
    if (t.precision != time::Precision::Instant) return std::nullopt;
    return t.lo;
  }

  std::string attr_text(const model::AttrValue& v) const {
    switch (v.type) {
      case model::ValueType::Bool: return v.as_bool() ? (da_ ? "ja" : "yes") : (da_ ? "nej" : "no");
      case model::ValueType::Int: return fmt::format("{}", v.a);
      case model::ValueType::Decimal: {
        std::string s = fmt::format("{}", v.as_decimal());
        if (da_)
          for (char& c : s)
            if (c == '.') c = ',';
        return s;
      }
      case model::ValueType::Text: return fmt::format("\"{}\"", printable(e_.timeline->text(v.a, v.i32)));
      case model::ValueType::Date: return l_.long_date(v.i32);
      case model::ValueType::DateTime: return when(time::Timestamp{v.a, v.b, v.i32, v.precision});
      case model::ValueType::Duration: {
        const auto kind = static_cast<model::Duration::Kind>(v.duration_kind);
        if (kind == model::Duration::Kind::Clock) return fmt::format("PT{}S", v.a / time::kMicrosPerSecond);
        if (kind == model::Duration::Kind::Workdays) return fmt::format("{} {}", v.i32, da_ ? "hverdage" : "workdays");
        return fmt::format("P{}M{}D", v.b, v.i32);
      }
    }
    return {};
  }

  std::string days(std::int64_t n) const {
    const std::string count = l_.count(static_cast<std::uint64_t>(n < 0 ? -n : n));
    if (da_) return fmt::format("{} {}", count, n == 1 ? "dag" : "dage");
    return fmt::format("{} {}", count, n == 1 ? "day" : "days");
  }

  std::string duration(time::Micros micros) const {
    const auto total_minutes = micros / time::kMicrosPerMinute;
    const auto h = total_minutes / 60, m = total_minutes % 60;
    if (da_) {
      if (h == 0) return fmt::format("{} minutter", m);
      return m == 0 ? fmt::format("{} timer", h) : fmt::format("{} timer og {} minutter", h, m);
    }
    if (h == 0) return fmt::format("{} minutes", m);
    return m == 0 ? fmt::format("{} hours", h) : fmt::format("{} hours {} minutes", h, m);
  }

  void header() {
    const model::CaseTimeline& t = *e_.timeline;
    out_ += da_ ? fmt::format("Sag {} — vurderet pr. {}\n", t.id, l_.long_date(e_.as_of))
                : fmt::format("Case {} — evaluated as of {}\n", t.id, l_.long_date(e_.as_of));
    out_ += da_ ? fmt::format("Læst fra {}, linje {}\n", e_.source, t.line) : fmt::format("Read from {}, line {}\n", e_.source, t.line);
    if (e_.coverage != nullptr) {
      std::string rulesets;
      for (std::uint32_t m : e_.coverage->members) {
        const eval::Member& mem = e_.bundle->members()[m];
        rulesets += fmt::format("{}{} {} ({})", rulesets.empty() ? "" : ", ", mem.id, mem.version, mem.sha256_hex.substr(0, 8));
      }
      if (e_.coverage->case_date) {
        out_ += da_ ? fmt::format("Sagsdato {}: vurderet efter {}\n", l_.long_date(*e_.coverage->case_date), rulesets)
                    : fmt::format("Case date {}: evaluated under {}\n", l_.long_date(*e_.coverage->case_date), rulesets);
      } else {
        out_ += da_ ? fmt::format("Vurderet efter {}\n", rulesets) : fmt::format("Evaluated under {}\n", rulesets);
      }
    }
  }

  void timeline() {
    const model::CaseTimeline& t = *e_.timeline;
    std::string attrs;
    const auto& decls = vocab().case_attributes();
    for (std::size_t i = 0; i < decls.size() && i < t.case_attrs.size(); ++i) {
      if (!t.case_attrs[i].present) continue;
      attrs += fmt::format("{}{} = {}", attrs.empty() ? "" : " · ", decls[i].name, attr_text(t.case_attrs[i]));
    }
    out_ += '\n';
    out_ += fmt::format("{}: {}\n", da_ ? "Sagens oplysninger" : "Case attributes", attrs.empty() ? (da_ ? "ingen" : "none") : attrs);
    out_ += da_ ? fmt::format("\nTidslinje ({} hændelser, sorteret efter tid):\n", t.events.size())
                : fmt::format("\nTimeline ({} events, in time order):\n", t.events.size());
    TextTable table({TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Left});
    for (std::size_t i = 0; i < t.events.size(); ++i) {
      const model::Event& ev = t.events[i];
      const model::EventTypeDecl& type = vocab().event_types().at(ev.type);
      std::string details;
      for (std::size_t slot = 0; slot < type.attributes.size(); ++slot) {
        const model::AttrValue& v = t.attrs.at(ev.attr_begin + slot);
        if (!v.present) continue;
        details += fmt::format("{}{} = {}", details.empty() ? "" : ", ", type.attributes[slot].name, attr_text(v));
      }
      if (i >= e_.visible) details += da_ ? (details.empty() ? "" : "  ") + std::string("(efter opgørelsesdatoen: indgår ikke)")
                                          : (details.empty() ? "" : "  ") + std::string("(after the as-of date: ignored)");
      table.add_row({when(ev.at), type.name, ev.id_length >= 0 ? fmt::format("[{}]", printable(t.event_id(ev))) : "", details});
    }
    out_ += table.render("  ");
  }

  // The verdict and how it came about, for one outcome (a rule or an occurrence).
  void outcome(const vm::Outcome& o, const std::vector<vm::EvidenceItem>& evidence, const bytecode::CompiledRuleset& r,
               std::uint32_t rule, const std::string& indent) {
    std::string label = l_.verdict(o.verdict);
    if (o.verdict == Verdict::Compliant && o.exempt) label += da_ ? " (ved undtagelse)" : " (by exemption)";
    out_ += fmt::format("{}{}: {}\n", indent, da_ ? "Resultat" : "Verdict", label);
    if (!evidence.empty()) {
      std::string items;
      for (const vm::EvidenceItem& ev : evidence)
        items += fmt::format("{}{} = {}", items.empty() ? "" : "; ", r.str(ev.name), value_text(ev.value));
      out_ += fmt::format("{}{}: {}\n", indent, da_ ? "Hændelser og datoer" : "Events and dates", items);
    }
    const std::string deadline = deadline_value(o.deadline);
    if (!deadline.empty()) {
      const std::string expr = rule_deadline_text(rule, r);
      out_ += fmt::format("{}{}: {}{}\n", indent, da_ ? "Frist" : "Deadline", expr.empty() ? "" : expr + " = ", deadline);
    }
    out_ += indent + because(o, evidence, r, rule) + "\n";
  }

  std::string deadline_value(const vm::Deadline& d) const {
    switch (d.kind) {
      case vm::Deadline::Kind::Date: return l_.long_date(d.date);
      case vm::Deadline::Kind::Time: return when(d.time);
      case vm::Deadline::Kind::None: return {};
    }
    return {};
  }

  // How far the subject lay from the deadline: "32 dage efter fristen".
  std::string distance(const vm::Outcome& o) const {
    if (o.deadline.kind == vm::Deadline::Kind::Date) {
      const auto d = value_date(o.subject);
      if (!d) return {};
      const std::int64_t diff = static_cast<std::int64_t>(*d) - o.deadline.date;
      if (diff == 0) return da_ ? "på fristens sidste dag" : "on the last day of the deadline";
      return diff < 0 ? fmt::format("{} {}", days(-diff), da_ ? "før fristen" : "before the deadline")
                      : fmt::format("{} {}", days(diff), da_ ? "efter fristen" : "after the deadline");
    }
    if (o.deadline.kind == vm::Deadline::Kind::Time && o.deadline.time.precision == time::Precision::Instant) {
      const auto at = value_instant(o.subject);
      if (!at) return {};
      const time::Micros diff = *at - o.deadline.time.lo;
      if (diff == 0) return da_ ? "præcis ved fristen" : "exactly at the deadline";
      return diff < 0 ? fmt::format("{} {}", duration(-diff), da_ ? "før fristen" : "before the deadline")
                      : fmt::format("{} {}", duration(diff), da_ ? "efter fristen" : "after the deadline");
    }
    return {};
  }

  // The subject as text, named after the evidence item that holds it
  // ("slut = 1. marts 2023") when there is one.
  std::string subject_text(const vm::Value& subject, const std::vector<vm::EvidenceItem>& evidence,
                           const bytecode::CompiledRuleset& r) const {
    const std::string text = value_text(subject);
    if (text.empty()) return text;
    for (const vm::EvidenceItem& ev : evidence)
      if (value_text(ev.value) == text) return fmt::format("{} = {}", r.str(ev.name), text);
    return text;
  }

  std::string because(const vm::Outcome& o, const std::vector<vm::EvidenceItem>& evidence, const bytecode::CompiledRuleset& r,
                      std::uint32_t rule) const {
    const eval::ReasonContext ctx{&r, &vocab(), e_.timeline, &zone(), da_};
    const std::string subject = subject_text(o.subject, evidence, r);
    const std::string deadline = deadline_value(o.deadline);
    const std::string dist = distance(o);
    switch (o.reason.kind) {
      case ReasonKind::Custom:
        if (o.verdict == Verdict::Compliant && o.exempt)
          return fmt::format("{}: {}.", da_ ? "Undtagelse" : "Exemption", r.str(o.reason.text));
        return fmt::format("{}: {}.", da_ ? "Begrundelse" : "Reason", r.str(o.reason.text));
      case ReasonKind::Unknown:
        return fmt::format("{}: {}.", da_ ? "Kan ikke vurderes, fordi" : "Cannot be assessed because",
                           eval::unknown_text(o.reason.value, ctx));
      case ReasonKind::Met:
        if (!subject.empty() && !dist.empty())
          return da_ ? fmt::format("Kravet er opfyldt: {} lå {}.", subject, dist)
                     : fmt::format("The requirement is met: {} was {}.", subject, dist);
        if (!subject.empty()) return da_ ? fmt::format("Kravet er opfyldt: {}.", subject) : fmt::format("The requirement is met: {}.", subject);
        if (!deadline.empty())
          return da_ ? fmt::format("Kravet var opfyldt senest ved fristen {}.", deadline)
                     : fmt::format("The requirement was met by the deadline {}.", deadline);
        return da_ ? "Kravet er opfyldt." : "The requirement is met.";
      case ReasonKind::NotMet: return da_ ? "Kravet er ikke opfyldt." : "The requirement is not met.";
      case ReasonKind::DeadlinePassed:
        if (!subject.empty() && !dist.empty())
          return da_ ? fmt::format("Fristen er overskredet: {} lå {}.", subject, dist)
                     : fmt::format("The deadline was missed: {} was {}.", subject, dist);
        if (o.deadline.kind == vm::Deadline::Kind::Date)
          return da_ ? fmt::format("Intet opfyldte kravet inden fristen {}; den udløb for {} siden (pr. {}).", deadline,
                                   days(static_cast<std::int64_t>(e_.as_of) - o.deadline.date), l_.long_date(e_.as_of))
                     : fmt::format("Nothing met the requirement by the deadline {}; it passed {} ago (as of {}).", deadline,
                                   days(static_cast<std::int64_t>(e_.as_of) - o.deadline.date), l_.long_date(e_.as_of));
        return da_ ? fmt::format("Intet opfyldte kravet inden fristen {}.", deadline)
                   : fmt::format("Nothing met the requirement by the deadline {}.", deadline);
      case ReasonKind::DeadlineOpen:
        if (o.deadline.kind == vm::Deadline::Kind::Date)
          return da_ ? fmt::format("Fristen {} er ikke udløbet pr. {} ({} tilbage), og kravet er endnu ikke opfyldt.", deadline,
                                   l_.long_date(e_.as_of), days(static_cast<std::int64_t>(o.deadline.date) - e_.as_of))
                     : fmt::format("The deadline {} has not passed as of {} ({} left) and the requirement is not yet met.",
                                   deadline, l_.long_date(e_.as_of), days(static_cast<std::int64_t>(o.deadline.date) - e_.as_of));
        return da_ ? fmt::format("Fristen {} er ikke udløbet, og kravet er endnu ikke opfyldt.", deadline)
                   : fmt::format("The deadline {} has not passed and the requirement is not yet met.", deadline);
      case ReasonKind::DeadlineUnknown:
        return da_ ? "Fristen kan ikke beregnes ud fra sagens data." : "The deadline cannot be computed from the case's data.";
      case ReasonKind::NotApplicable:
        return da_ ? "Reglen gælder ikke for sagen: betingelsen for at anvende den er ikke opfyldt."
                   : "The rule does not apply to the case: its condition is not met.";
      case ReasonKind::NoOccurrences: return (da_ ? "Reglen gælder ikke: " : "The rule does not apply: ") + eval::reason_text(o, rule, ctx) + ".";
      case ReasonKind::None: break;
    }
    return {};
  }

  void member(const ExplainedMember& m) {
    const eval::Member& mem = e_.bundle->members()[m.member];
    const bytecode::CompiledRuleset& r = *mem.compiled;
    out_ += fmt::format("\n━━ {} {} ({}) — {}\n", mem.id, mem.version, mem.sha256_hex.substr(0, 8), r.str(r.meta.title));
    for (std::uint32_t i = 0; i < m.results.size(); ++i) {
      const bytecode::Rule& rule = r.rules[i];
      const vm::RuleResult& res = m.results[i];
      out_ += fmt::format("\n{} — {}\n", r.str(rule.id), r.str(rule.title));
      std::string basis = r.str(rule.basis);
      if (rule.status == bytecode::RuleStatus::Unverified) basis += da_ ? " (ikke verificeret)" : " (not verified)";
      out_ += fmt::format("  {}: {}\n", da_ ? "Hjemmel" : "Legal basis", basis);
      if (!res.for_each || res.occurrences.empty()) {
        outcome(res.outcome, res.evidence, r, i, "  ");
        continue;
      }
      std::string counts;
      for (std::size_t v = 0; v < vm::kVerdictCount; ++v) {
        if (res.counts[v] == 0) continue;
        counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", res.counts[v], l_.verdict(static_cast<Verdict>(v)));
      }
      std::string combined = l_.verdict(res.outcome.verdict);
      if (res.outcome.verdict == Verdict::Compliant && res.outcome.exempt) combined += da_ ? " (ved undtagelse)" : " (by exemption)";
      out_ += da_ ? fmt::format("  Resultat: {} — den strengeste af {} forekomster ({})\n", combined, res.occurrences.size(), counts)
                  : fmt::format("  Verdict: {} — the strictest of {} occurrences ({})\n", combined, res.occurrences.size(), counts);
      for (std::size_t k = 0; k < res.occurrences.size(); ++k) {
        const vm::Outcome& occ = res.occurrences[k];
        std::string what;
        if (occ.occurrence >= 0) what = event_text(static_cast<std::size_t>(occ.occurrence));
        else if (occ.period.tag == Tag::Period) what = (da_ ? "perioden " : "the period ") + value_text(occ.period);
        else what = fmt::format("{} {}", da_ ? "forekomst" : "occurrence", k + 1);
        out_ += fmt::format("  • {}\n", what);
        outcome(occ, k < res.occurrence_evidence.size() ? res.occurrence_evidence[k] : std::vector<vm::EvidenceItem>{}, r, i,
                "    ");
      }
    }
  }

  const Explanation& e_;
  const Locale& l_;
  bool da_;
  std::string out_;
};

}  // namespace

std::string render_explanation(const Explanation& e, const Locale& locale) { return Writer(e, locale).run(); }

}  // namespace frist::cli

// JSON Lines, CSV and text verdict records.
#include "cli/output/verdict_records.hpp"

#include <fmt/format.h>

#include "cli/pseudonym.hpp"
#include "runtime/common/csv_text.hpp"
#include "runtime/common/json_text.hpp"
#include "runtime/eval/reasons.hpp"

namespace frist::cli {
namespace {

void csv_field(std::string& out, std::string_view s) { append_csv_field(out, s); }

void append_evidence(std::string& out, const std::vector<vm::EvidenceItem>& items, const bytecode::CompiledRuleset& r,
                     const eval::ReasonContext& ctx) {
  out += ",\"evidence\":[";
  bool first = true;
  for (const vm::EvidenceItem& e : items) {
    if (!first) out += ',';
    first = false;
    out += "{\"name\":";
    append_json_string(out, r.strings.at(e.name));
    if (e.value.tag == vm::Tag::Event) {
      const model::Event& ev = ctx.timeline->events.at(static_cast<std::size_t>(e.value.i32));
      out += ",\"type\":";
      append_json_string(out, ctx.vocabulary->event_types().at(ev.type).name);
      out += ",\"at\":";
      append_json_string(out, ev.at.is_date() ? time::format_date(ev.at.date) : time::format_timestamp(ev.at, *ctx.zone));
      if (ev.id_length >= 0) {
        out += ",\"id\":";
        append_json_string(out, ctx.timeline->event_id(ev));
      }
    } else {
      out += ",\"value\":";
      append_json_string(out, eval::value_text(e.value, ctx));
    }
    out += '}';
  }
  out += ']';
}

}  // namespace

void append_verdicts(std::string& out, const eval::Bundle& bundle, std::uint32_t member,
                     const model::CaseTimeline& timeline, const std::vector<vm::RuleResult>& results,
                     const RecordOptions& options) {
  const eval::Member& m = bundle.members()[member];
  const bytecode::CompiledRuleset& r = *m.compiled;
  const std::string pseudonym = options.pseudonymizer != nullptr ? (*options.pseudonymizer)(timeline.id) : std::string();
  const std::string_view shown_id = options.pseudonymizer != nullptr ? std::string_view(pseudonym) : timeline.id;
  eval::ReasonContext ctx{&r, &bundle.vocabulary(), &timeline, &bundle.zone(), r.meta.language == 0};
  for (std::uint32_t i = 0; i < results.size(); ++i) {
    const vm::RuleResult& res = results[i];
    const vm::Outcome& o = res.outcome;
    const std::string& rule_id = r.strings.at(r.rules[i].id);
    const std::string reason = eval::reason_text(o, i, ctx);
    const std::string deadline = eval::deadline_text(o.deadline, bundle.zone());
    switch (options.format) {
      case RecordFormat::Jsonl: {
        out += "{\"case\":";
        append_json_string(out, shown_id);
        out += ",\"ruleset\":";
        append_json_string(out, m.id);
        out += ",\"version\":";
        append_json_string(out, m.version);
        out += ",\"rule\":";
        append_json_string(out, rule_id);
        out += ",\"verdict\":\"";
        out += vm::verdict_name(o.verdict);
        out += '"';
        if (o.verdict == vm::Verdict::Compliant && o.exempt) out += ",\"exempt\":true";
        out += ",\"reason\":";
        append_json_string(out, reason);
        if (!deadline.empty()) {
          out += ",\"deadline\":";
          append_json_string(out, deadline);
        }
        if (res.for_each) {
          out += ",\"occurrences\":{";
          bool first = true;
          for (std::size_t v = 0; v < vm::kVerdictCount; ++v) {
            if (res.counts[v] == 0) continue;
            if (!first) out += ',';
            first = false;
            fmt::format_to(std::back_inserter(out), "\"{}\":{}", vm::verdict_name(static_cast<vm::Verdict>(v)), res.counts[v]);
          }
          out += '}';
        }
        if (options.evidence) append_evidence(out, res.evidence, r, ctx);
        out += "}\n";
        break;
      }
      case RecordFormat::Csv:
        csv_field(out, shown_id);
        out += ',';
        csv_field(out, m.id);
        out += ',';
        csv_field(out, m.version);
        out += ',';
        csv_field(out, rule_id);
        out += ',';
        out += vm::verdict_name(o.verdict);
        out += ',';
        out += (o.verdict == vm::Verdict::Compliant && o.exempt) ? "true" : "false";
        out += ',';
        csv_field(out, reason);
        out += ',';
        csv_field(out, deadline);
        out += '\n';
        break;
      case RecordFormat::Text: {
        if (i == 0) fmt::format_to(std::back_inserter(out), "{}  ({} {})\n", shown_id, m.id, m.version);
        const char* label = ctx.danish ? vm::verdict_label_da(o.verdict) : vm::verdict_name(o.verdict);
        std::string verdict = label;
        if (o.verdict == vm::Verdict::Compliant && o.exempt) verdict += ctx.danish ? " (undtaget)" : " (exempt)";
        fmt::format_to(std::back_inserter(out), "  {:<30} {:<24} {}\n", rule_id, verdict, reason);
        break;
      }
    }
  }
}

void append_rejected(std::string& out, const eval::CaseResult& r, RecordFormat format, const std::string& file) {
  switch (format) {
    case RecordFormat::Jsonl:
      out += "{\"case\":";
      if (r.has_case_id) append_json_string(out, r.case_id);
      else out += "null";
      out += ",\"rejected\":";
      append_json_string(out, r.reason);
      fmt::format_to(std::back_inserter(out), ",\"line\":{}", r.line);
      if (!file.empty()) {
        out += ",\"file\":";
        append_json_string(out, file);
      }
      out += "}\n";
      break;
    case RecordFormat::Csv:
      csv_field(out, r.has_case_id ? r.case_id : std::string());
      out += ",,,,rejected,false,";
      // CSV has no line column (spec/case-data.md §5): the reason names it.
      csv_field(out, fmt::format("line {}: {}", r.line, r.reason));
      out += ",\n";
      break;
    case RecordFormat::Text:
      fmt::format_to(std::back_inserter(out), "{}  rejected (line {}): {}\n", r.has_case_id ? r.case_id : "(no case id)", r.line, r.reason);
      break;
  }
}

void append_uncovered(std::string& out, const eval::CaseResult& r, RecordFormat format) {
  switch (format) {
    case RecordFormat::Jsonl:
      out += "{\"case\":";
      append_json_string(out, r.case_id);
      out += ",\"uncovered\":";
      append_json_string(out, r.reason);
      fmt::format_to(std::back_inserter(out), ",\"line\":{}}}\n", r.line);
      break;
    case RecordFormat::Csv:
      csv_field(out, r.case_id);
      out += ",,,,uncovered,false,";
      csv_field(out, fmt::format("line {}: {}", r.line, r.reason));
      out += ",\n";
      break;
    case RecordFormat::Text:
      fmt::format_to(std::back_inserter(out), "{}  uncovered (line {}): {}\n", r.case_id, r.line, r.reason);
      break;
  }
}

std::string meta_record(const eval::Bundle& bundle, time::Days as_of) {
  std::string out = "{\"meta\":{\"frist\":";
  append_json_string(out, FRIST_VERSION);
  out += ",\"as_of\":";
  append_json_string(out, time::format_date(as_of));
  out += ",\"rulesets\":[";
  bool first = true;
  for (const eval::Member& m : bundle.members()) {
    if (!first) out += ',';
    first = false;
    out += "{\"id\":";
    append_json_string(out, m.id);
    out += ",\"version\":";
    append_json_string(out, m.version);
    out += ",\"sha256\":";
    append_json_string(out, m.sha256_hex);
    out += '}';
  }
  out += "]}}\n";
  return out;
}

std::string summary_record(const eval::DriveSummary& s) {
  return fmt::format("{{\"summary\":{{\"read\":{},\"evaluated\":{},\"rejected\":{},\"uncovered\":{},\"warnings\":{}}}}}\n",
                     s.read, s.evaluated, s.rejected, s.uncovered, s.stats.warning_count());
}

std::string csv_header() { return "case,ruleset,version,rule,verdict,exempt,reason,deadline\n"; }

std::string summary_line(const eval::DriveSummary& s) {
  return fmt::format("frist: {} read, {} evaluated, {} rejected, {} uncovered, {} warnings\n", s.read, s.evaluated,
                     s.rejected, s.uncovered, s.stats.warning_count());
}

}  // namespace frist::cli

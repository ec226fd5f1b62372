// Formatting `frist run` output (spec/case-data.md §5): one verdict record
// per (case, rule) as JSON Lines, CSV or aligned text, plus the rejected and
// uncovered records and the meta/summary framing. Worker threads format their
// own cases (cli/cmd_run.cpp), so everything here is thread-compatible.
//
// Records are the bulk of a run's work after evaluation (three gigabytes for
// a million cases), so a VerdictFormatter prepares once what is constant per
// (ruleset, rule) — the escaped ruleset id, version and rule id, padded text
// columns, evidence names and event types — and per case appends into one
// reused buffer: reasons and dates written in place, escaping only text that
// needs it.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/eval/bundle.hpp"
#include "runtime/eval/driver.hpp"
#include "runtime/eval/reasons.hpp"
#include "runtime/vm/verdict.hpp"

namespace frist::cli {

enum class RecordFormat { Jsonl, Csv, Text };

class Pseudonymizer;

struct RecordOptions {
  RecordFormat format = RecordFormat::Jsonl;
  bool evidence = true;   // JSONL: the named events and dates behind each verdict
  const Pseudonymizer* pseudonymizer = nullptr;  // --pseudonymize: case ids shown as pseudonyms
};

// One per thread: the constant parts of every record of a bundle in one format.
class VerdictFormatter {
 public:
  VerdictFormatter(const eval::Bundle& bundle, const RecordOptions& options);
  // Appends the records of one evaluated case (all covering members, in rule order).
  void append(std::string& out, std::uint32_t member, const model::CaseTimeline& timeline,
              const std::vector<vm::RuleResult>& results);

 private:
  struct MemberText {
    // Per (rule, exempt, verdict), at [(rule * 2 + exempt) * kVerdictCount + verdict]:
    // what follows the case id up to the reason (ruleset, version, rule, verdict).
    std::vector<std::string> heads;
    std::string text_header;  // text: "  (id version)\n" after the case id
    std::vector<std::string> evidence_names;  // JSONL: `{"name":"…"` per string index
  };
  void append_evidence(std::string& out, const std::vector<vm::EvidenceItem>& items, const MemberText& text,
                       const eval::ReasonContext& ctx);

  const eval::Bundle& bundle_;
  RecordOptions options_;
  std::vector<MemberText> members_;
  std::array<std::string_view, vm::kVerdictCount> verdict_names_;
  std::vector<std::string> event_types_;  // JSONL evidence: `,"type":"…","at":"` per bundle event type
  std::string case_;                      // the case id as a field, for the case being formatted
  std::string scratch_;
};

void append_rejected(std::string& out, const eval::CaseResult& r, RecordFormat format, const std::string& file);
void append_uncovered(std::string& out, const eval::CaseResult& r, RecordFormat format);

// Exactly append_json_string (runtime/common/json_text.hpp), but text that
// needs no escape is copied whole.
void append_json_text(std::string& out, std::string_view text);
// Escapes in place what was appended to `out` from `start` on, as
// append_json_text would have written it, closing quote included (the opening
// quote is before `start`).
void close_json_text(std::string& out, std::size_t start, std::string& scratch);
// Quotes in place what was appended to `out` from `start` on, as
// append_csv_field (runtime/common/csv_text.hpp) would have written it.
void close_csv_field(std::string& out, std::size_t start, std::string& scratch);

std::string meta_record(const eval::Bundle& bundle, time::Days as_of);
std::string summary_record(const eval::DriveSummary& s);
std::string csv_header();
// The one-line summary on stderr.
std::string summary_line(const eval::DriveSummary& s);

}  // namespace frist::cli

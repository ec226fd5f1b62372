// Formatting `frist run` output (spec/case-data.md §5): one verdict record
// per (case, rule) as JSON Lines, CSV or aligned text, plus the rejected and
// uncovered records and the meta/summary framing. Worker threads format their
// own cases (cli/cmd_run.cpp), so everything here is thread-compatible.
#pragma once

#include <string>

#include "runtime/eval/bundle.hpp"
#include "runtime/eval/driver.hpp"
#include "runtime/vm/verdict.hpp"

namespace frist::cli {

enum class RecordFormat { Jsonl, Csv, Text };

class Pseudonymizer;

struct RecordOptions {
  RecordFormat format = RecordFormat::Jsonl;
  bool evidence = true;   // JSONL: the named events and dates behind each verdict
  const Pseudonymizer* pseudonymizer = nullptr;  // --pseudonymize: case ids shown as pseudonyms
};

// Appends the records of one evaluated case (all covering members, in rule order).
void append_verdicts(std::string& out, const eval::Bundle& bundle, std::uint32_t member,
                     const model::CaseTimeline& timeline, const std::vector<vm::RuleResult>& results,
                     const RecordOptions& options);
void append_rejected(std::string& out, const eval::CaseResult& r, RecordFormat format, const std::string& file);
void append_uncovered(std::string& out, const eval::CaseResult& r, RecordFormat format);

std::string meta_record(const eval::Bundle& bundle, time::Days as_of);
std::string summary_record(const eval::DriveSummary& s);
std::string csv_header();
// The one-line summary on stderr.
std::string summary_line(const eval::DriveSummary& s);

}  // namespace frist::cli

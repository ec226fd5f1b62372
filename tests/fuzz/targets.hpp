// The bodies of the five libFuzzer targets (tests/fuzz/fuzz_*.cpp), shared
// with the Catch2 test that replays tests/fuzz/regressions/ in the ordinary
// test trees, so every crash once found stays tested without libFuzzer:
//   compile   any bytes as a `.frist` file: parse, check, lower; what compiles
//             must verify and round-trip through the bytecode writer and
//             reader (running it is the bytecode target's job, and would
//             make this one several times slower);
//   bytecode  any bytes as a `.fristc` file: read and verify; what verifies is
//             disassembled, linked alone, and every rule evaluated against a
//             small fixed case, its records and explanation rendered;
//   jsonl, csv, xes
//             any bytes as case data: every record decoded against a fixed
//             vocabulary (the shipped serviceloven_ast2023 and barnets_lov
//             rulesets and the Sepsis constraints, bundled), duplicate ids
//             checked, and every case evaluated and rendered as `run` would
//             (and the first case of each input as `explain` would).
// Each function returns normally for every input; a crash, a sanitizer
// report or an abort() on a broken invariant is a finding.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/output/verdict_records.hpp"
#include "cli/report/explain_text.hpp"
#include "compiler/compile.hpp"
#include "compiler/diagnostics.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/eval/bundle.hpp"
#include "runtime/io/byte_stream.hpp"
#include "runtime/io/case_builder.hpp"
#include "runtime/io/case_id_registry.hpp"
#include "runtime/io/case_source.hpp"
#include "runtime/io/jsonl_reader.hpp"
#include "runtime/io/xes_reader.hpp"
#include "runtime/time/civil.hpp"
#include "runtime/vm/machine.hpp"

#ifndef FRIST_SOURCE_ROOT
#error "FRIST_SOURCE_ROOT must name the source tree (the shipped rulesets are the fixed vocabulary)"
#endif

namespace frist::fuzz {

// Loop iterations per case in the fuzzers: small, so a hostile loop costs
// milliseconds, not the production budget's seconds (tests/limits checks
// that one).
constexpr std::uint64_t kStepBudget = 100'000;

// Reader limits in the fuzzers: small enough that the fuzzer reaches them.
inline io::ReadLimits fuzz_limits() {
  io::ReadLimits limits;
  limits.max_record_bytes = 64u << 10;
  limits.max_events_per_case = 64;
  limits.max_attributes_per_event = 16;
  return limits;
}

[[noreturn]] inline void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz finding: %s: %s\n", what, detail.c_str());
  std::abort();
}

inline const time::Zone& zone() {
  static const time::Zone z = [] {
    auto loaded = time::Zone::load();
    if (!loaded) finding("cannot load Europe/Copenhagen", loaded.error().message);
    return std::move(*loaded);
  }();
  return z;
}

// A private directory for the files the compiler and the CSV reader need,
// removed at exit.
class ScratchDir {
 public:
  ScratchDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/frist-fuzz-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) finding("mkdtemp", pattern);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // Writes `bytes` to `name` in the directory and returns its path.
  std::string write(const std::string& name, std::string_view bytes) const {
    const std::string path = path_ + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) finding("cannot write", path);
    return path;
  }

 private:
  std::string path_;
};

inline const ScratchDir& scratch() {
  static const ScratchDir dir;
  return dir;
}

inline time::Days date(int y, int m, int d) { return time::days_from_civil(y, m, d); }

// ------------------------------------------------------------ evaluation ---

// A small fixed case over `vocabulary`: for each event type three events (a
// date, a local date-time, a UTC date-time) with a value of the declared
// type for every attribute, and every case attribute set. Built through the
// CaseBuilder, like every reader's cases.
inline void fixed_case(const model::Vocabulary& vocabulary, model::CaseTimeline& out) {
  io::CaseBuilder builder(vocabulary, zone(), io::ReadLimits{}, io::InputStyle::Jsonl);
  io::ReadStats stats;
  builder.begin_case(1, out, stats);
  builder.case_id("FUZZ-1");
  auto value_of = [](model::ValueType type, int k) {
    switch (type) {
      case model::ValueType::Bool: return io::InputValue::of_bool(k % 2 == 0);
      case model::ValueType::Int: return io::InputValue::of_int(16 + k);
      case model::ValueType::Decimal: return io::InputValue::of_float(2.5 * k);
      case model::ValueType::Text: return io::InputValue::of_string(k % 2 == 0 ? "e1" : "SEL § 52");
      case model::ValueType::Date: return io::InputValue::of_string("2008-02-29");
      case model::ValueType::DateTime: return io::InputValue::of_string("2023-03-26T02:30");
      case model::ValueType::Duration: return io::InputValue::of_string(k % 2 == 0 ? "P4M" : "PT24H");
    }
    return io::InputValue::null();
  };
  for (const model::AttributeDecl& a : vocabulary.case_attributes()) builder.case_attribute(a.name, value_of(a.type, 0));
  static constexpr const char* kAt[] = {"2023-01-31", "2023-03-26T02:30", "2024-02-29T23:30Z"};
  int k = 0;
  for (const model::EventTypeDecl& t : vocabulary.event_types()) {
    for (const char* at : kAt) {
      builder.begin_event();
      builder.event_type(t.name);
      builder.event_at(at);
      const std::string id = "e" + std::to_string(k);
      builder.event_id(id);
      for (const model::AttributeDecl& a : t.attributes) builder.event_attribute(a.name, value_of(a.type, k));
      builder.end_event();
      ++k;
    }
  }
  io::Rejection rejection;
  if (builder.finish(rejection) != io::DecodeStatus::Case) {
    // Names the vocabulary allows but the builder refuses (a ruleset read
    // from hostile bytes): evaluate an empty case instead.
    builder.begin_case(1, out, stats);
    builder.case_id("FUZZ-1");
    if (builder.finish(rejection) != io::DecodeStatus::Case) finding("an empty case is rejected", rejection.reason);
  }
}

// `run`'s record formatters in its three formats, prepared once per input
// (as `run` prepares one per thread), not once per case.
struct RecordFormatters {
  explicit RecordFormatters(const eval::Bundle& bundle)
      : jsonl(bundle, cli::RecordOptions{cli::RecordFormat::Jsonl}),
        csv(bundle, cli::RecordOptions{cli::RecordFormat::Csv}),
        text(bundle, cli::RecordOptions{cli::RecordFormat::Text}) {}
  cli::VerdictFormatter jsonl, csv, text;
};

// Renders what `run` (all three formats) and, when `explain` is set,
// `explain` print for one case.
inline void render_case(const eval::Bundle& bundle, RecordFormatters& formatters, const model::CaseTimeline& timeline,
                        const eval::Coverage& coverage, std::vector<cli::ExplainedMember>& members, time::Days as_of,
                        std::uint32_t visible, bool explain = true) {
  std::string out;
  for (const cli::ExplainedMember& em : members) {
    for (cli::VerdictFormatter* f : {&formatters.jsonl, &formatters.csv, &formatters.text}) {
      f->append(out, em.member, timeline, em.results);
    }
  }
  if (!explain) return;
  cli::Explanation e;
  e.bundle = &bundle;
  e.timeline = &timeline;
  e.coverage = &coverage;
  e.source = "fuzz";
  e.as_of = as_of;
  e.visible = visible;
  e.members = std::move(members);
  out += cli::render_explanation(e, cli::Locale::from_code("da"));
  out += cli::render_explanation(e, cli::Locale::from_code("en"));
  members = std::move(e.members);
}

// Evaluates every member of `bundle` on `timeline` at `as_of` with the small
// fuzz budget (the Evaluator would give each case the production budget)
// and renders the results.
inline void evaluate_case(const eval::Bundle& bundle, const model::CaseTimeline& timeline, time::Days as_of) {
  eval::Coverage coverage;
  std::vector<cli::ExplainedMember> members;
  std::vector<std::uint32_t> visible_by_type;
  vm::CaseContext ctx;
  vm::prepare_context(timeline, as_of, zone(), visible_by_type, ctx);
  vm::EvalOptions options;
  options.evidence = true;
  options.occurrences = true;
  for (std::uint32_t m = 0; m < bundle.members().size(); ++m) {
    const eval::Member& member = bundle.members()[m];
    vm::Machine machine(*member.linked);
    machine.begin_case(kStepBudget);
    if (member.compiled->meta.case_date_function != bytecode::kNoFunction) {
      const vm::Value d = machine.call(member.compiled->meta.case_date_function, ctx, nullptr, 0);
      if (d.tag == vm::Tag::Date && !coverage.case_date) coverage.case_date = d.i32;
    }
    cli::ExplainedMember em;
    em.member = m;
    em.results.resize(member.compiled->rules.size());
    for (std::uint32_t r = 0; r < em.results.size(); ++r) machine.evaluate(r, ctx, em.results[r], options);
    coverage.members.push_back(m);
    members.push_back(std::move(em));
  }
  RecordFormatters formatters(bundle);
  render_case(bundle, formatters, timeline, coverage, members, as_of, ctx.visible);
}

inline void evaluate_alone(std::shared_ptr<const bytecode::CompiledRuleset> compiled) {
  // Linked alone, as `frist run X.fristc` does with a bundle of one.
  auto bundle = eval::Bundle::create({std::move(compiled)}, {"fuzz.fristc"}, zone());
  if (!bundle) return;
  model::CaseTimeline timeline;
  fixed_case((*bundle)->vocabulary(), timeline);
  evaluate_case(**bundle, timeline, date(2023, 6, 30));
  evaluate_case(**bundle, timeline, date(2024, 12, 31));
}

// ------------------------------------------------------------- (a) compile ---

inline void compile_source(std::string_view bytes) {
  const std::string path = scratch().write("fuzz.frist", bytes);
  compiler::DiagnosticSink sink;
  compiler::Compilation c = compiler::compile_file(path, compiler::CompileOptions{}, zone(), sink);
  sink.sort_by_location();
  for (const compiler::Diagnostic& d : sink.diagnostics()) {
    (void)compiler::render_text(d, sink, false);
    (void)compiler::render_json(d);
  }
  if (!c.ruleset) return;
  // What the compiler emits must verify, and read back to the same bytes.
  const std::vector<std::uint8_t> file = bytecode::write_file(*c.ruleset);
  auto back = bytecode::read_file(file);
  if (!back) finding("the compiler's output does not verify", back.error().message);
  if (bytecode::write_file(*back) != file) finding("bytecode round trip", "the bytes differ");
  (void)bytecode::disassemble(*back);
  evaluate_alone(std::make_shared<const bytecode::CompiledRuleset>(std::move(*back)));
}

// ------------------------------------------------------------ (b) bytecode ---

inline void load_bytecode(std::string_view bytes) {
  const std::vector<std::uint8_t> file(bytes.begin(), bytes.end());
  auto read = bytecode::read_file(file);
  if (!read) {
    if (read.error().message.empty()) finding("a rejected file", "the error has no message");
    return;
  }
  (void)bytecode::disassemble(*read);
  evaluate_alone(std::make_shared<const bytecode::CompiledRuleset>(std::move(*read)));
}

// ---------------------------------------------------- (c, d, e) the readers ---

// The fixed vocabulary: the bundle of the shipped child-welfare rulesets of
// both periods and the Sepsis constraints (XES names with spaces and colons).
inline const eval::Bundle& reader_bundle() {
  static const std::unique_ptr<eval::Bundle> bundle = [] {
    const std::string root = FRIST_SOURCE_ROOT;
    const std::vector<std::string> paths = {root + "/rulesets/serviceloven_ast2023.frist",
                                            root + "/rulesets/barnets_lov.frist",
                                            root + "/tests/processmining/sepsis.frist"};
    std::vector<std::shared_ptr<const bytecode::CompiledRuleset>> rulesets;
    for (const std::string& p : paths) {
      compiler::DiagnosticSink sink;
      compiler::Compilation c = compiler::compile_file(p, compiler::CompileOptions{}, zone(), sink);
      if (!c.ruleset) finding("cannot compile the fixed ruleset", p);
      rulesets.push_back(std::move(c.ruleset));
    }
    auto b = eval::Bundle::create(std::move(rulesets), paths, zone());
    if (!b) finding("cannot bundle the fixed rulesets", b.error().message);
    return std::move(*b);
  }();
  return *bundle;
}

// Reads every record of `input` as the driver does (one thread), evaluates
// the cases with the real Evaluator and renders what `run` prints.
inline void read_all(io::OpenedInput& input, const eval::Bundle& bundle) {
  auto decoder = input.make_decoder();
  io::CaseIdRegistry registry;
  io::ReadStats stats;
  eval::Evaluator evaluator(bundle);
  model::CaseTimeline timeline;
  std::vector<io::RawRecord> records;
  std::vector<vm::RuleResult> results;
  std::string out;
  const time::Days as_of = date(2024, 12, 31);
  RecordFormatters formatters(bundle);
  bool explained = false;
  for (;;) {
    records.clear();
    auto more = input.source->next_batch(records, 16);
    if (!more) {
      if (more.error().message.empty()) finding("an input error", "it has no message");
      break;
    }
    for (const io::RawRecord& record : records) {
      io::Rejection rejection;
      eval::CaseResult r;
      r.line = record.line;
      if (decoder->decode(record, timeline, rejection, stats) == io::DecodeStatus::Rejected) {
        if (rejection.reason.empty()) finding("a rejection", "it has no reason");
        r.has_case_id = rejection.has_case_id;
        r.case_id = rejection.case_id;
        r.reason = rejection.reason;
        cli::append_rejected(out, r, cli::RecordFormat::Jsonl, "fuzz");
        continue;
      }
      if (!registry.claim(timeline, rejection)) continue;
      const eval::Coverage& coverage = evaluator.cover(timeline, as_of);
      r.has_case_id = true;
      r.case_id = timeline.id;
      if (coverage.members.empty()) {
        r.reason = coverage.uncovered_reason;
        cli::append_uncovered(out, r, cli::RecordFormat::Jsonl);
        continue;
      }
      std::vector<cli::ExplainedMember> members;
      vm::EvalOptions options;
      options.evidence = true;
      options.occurrences = true;
      for (std::uint32_t m : coverage.members) {
        cli::ExplainedMember em;
        em.member = m;
        evaluator.evaluate(m, em.results, options);
        members.push_back(std::move(em));
      }
      render_case(bundle, formatters, timeline, coverage, members, as_of, evaluator.context().visible, !explained);
      explained = true;
    }
    out.clear();
    if (!*more) break;
  }
  (void)stats.warning_lines();
}

inline void read_jsonl(std::string_view bytes) {
  const eval::Bundle& bundle = reader_bundle();
  io::OpenedInput input;
  input.source = io::make_jsonl_source(io::ByteStream::from_memory(std::string(bytes), "fuzz.jsonl"), fuzz_limits());
  input.make_decoder = [&bundle] { return io::make_jsonl_decoder(bundle.vocabulary(), zone(), fuzz_limits()); };
  read_all(input, bundle);
}

inline void read_xes(std::string_view bytes) {
  const eval::Bundle& bundle = reader_bundle();
  io::OpenedInput input;
  input.source = io::make_xes_source(io::ByteStream::from_memory(std::string(bytes), "fuzz.xes"), fuzz_limits());
  input.make_decoder = [&bundle] { return io::make_xes_decoder(bundle.vocabulary(), zone(), fuzz_limits()); };
  read_all(input, bundle);
}

// The CSV reader maps a file. An input holding the line `#case-attrs` is
// split there: what follows is the --case-attrs file.
constexpr std::string_view kCaseAttrsSeparator = "\n#case-attrs\n";

inline void read_csv(std::string_view bytes) {
  const eval::Bundle& bundle = reader_bundle();
  io::OpenOptions options;
  options.format = io::InputFormat::Csv;
  options.limits = fuzz_limits();
  const std::size_t split = bytes.find(kCaseAttrsSeparator);
  options.path = scratch().write("fuzz.csv", bytes.substr(0, split));
  if (split != std::string_view::npos) {
    options.case_attrs_path = scratch().write("fuzz-attrs.csv", bytes.substr(split + kCaseAttrsSeparator.size()));
  }
  auto input = io::open_input(options, bundle.vocabulary(), zone());
  if (!input) {
    if (input.error().message.empty()) finding("an input error", "it has no message");
    return;
  }
  read_all(*input, bundle);
}

// ---------------------------------------------------------------- dispatch ---

enum class Target { Compile, Bytecode, Jsonl, Csv, Xes };

inline void run_target(Target target, std::string_view bytes) {
  switch (target) {
    case Target::Compile: compile_source(bytes); return;
    case Target::Bytecode: load_bytecode(bytes); return;
    case Target::Jsonl: read_jsonl(bytes); return;
    case Target::Csv: read_csv(bytes); return;
    case Target::Xes: read_xes(bytes); return;
  }
}

}  // namespace frist::fuzz

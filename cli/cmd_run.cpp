// `frist run RULESETS… --cases FILE`: evaluate every case and write one
// verdict record per (case, rule), framed by meta and summary records, with
// rejected and uncovered cases as their own records (spec/cli.md,
// spec/case-data.md §5).
#include <fmt/core.h>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/load_rulesets.hpp"
#include "cli/output/output_file.hpp"
#include "cli/output/verdict_records.hpp"
#include "cli/pseudonym.hpp"
#include "runtime/io/case_source.hpp"

namespace frist::cli {
namespace {

struct RunOptions {
  std::vector<std::string> rulesets;
  std::string cases;
  std::string as_of;
  std::string format = "jsonl";
  std::string output;
  unsigned threads = 0;
  bool strict = false;
  std::string input_format;
  std::string case_attrs;
  std::vector<std::string> lib_dirs;
  bool no_evidence = false;
  std::string pseudonymize;
};

class RunProcessor : public eval::CaseProcessor {
 public:
  RunProcessor(const eval::Bundle& bundle, RecordOptions options) : formatter_(bundle, options), options_(options) {}
  void evaluated(const model::CaseTimeline& timeline, eval::Evaluator& evaluator, const eval::Coverage& coverage,
                 eval::CaseResult& out) override {
    vm::EvalOptions eval_options;
    eval_options.evidence = options_.evidence && options_.format == RecordFormat::Jsonl;
    for (std::uint32_t m : coverage.members) {
      evaluator.evaluate(m, results_, eval_options);
      formatter_.append(out.text, m, timeline, results_);
    }
  }
  void format_rejected(eval::CaseResult& out) override { append_rejected(out.text, shown(out), options_.format, {}); }
  void format_uncovered(eval::CaseResult& out) override { append_uncovered(out.text, shown(out), options_.format); }

 private:
  // The record as printed: with --pseudonymize a copy naming the case by its
  // pseudonym (the driver keeps the real id to find duplicates).
  const eval::CaseResult& shown(const eval::CaseResult& r) {
    if (options_.pseudonymizer == nullptr || !r.has_case_id) return r;
    shown_ = eval::CaseResult{};
    shown_.line = r.line;
    shown_.has_case_id = true;
    shown_.case_id = (*options_.pseudonymizer)(r.case_id);
    shown_.reason = r.reason;
    return shown_;
  }

  eval::CaseResult shown_;
  VerdictFormatter formatter_;
  RecordOptions options_;
  std::vector<vm::RuleResult> results_;
};

// Writes each batch's case texts with one gathered write, in place: no copy
// through another buffer.
class RunConsumer : public eval::CaseConsumer {
 public:
  explicit RunConsumer(OutputFile& out) : out_(out) {}
  void consume(const eval::CaseResult& r) override {
    if (!r.text.empty()) pieces_.emplace_back(r.text);
  }
  void end_batch() override {
    out_.write(pieces_);
    pieces_.clear();
  }

 private:
  OutputFile& out_;
  std::vector<std::string_view> pieces_;
};

int run_run(const RunOptions& o) {
  bool bad_key = false;
  const std::optional<Pseudonymizer> pseudonymizer = pseudonymizer_of(o.pseudonymize, bad_key);
  if (bad_key) return 2;
  auto loaded = load_bundle(o.rulesets, o.lib_dirs);
  if (!loaded) return 2;
  const auto as_of = parse_as_of(o.as_of, *loaded->zone);
  if (!as_of) {
    fmt::print(stderr, "frist: --as-of must be a date YYYY-MM-DD\n");
    return 2;
  }
  io::OpenOptions open;
  open.path = o.cases;
  open.case_attrs_path = o.case_attrs;
  if (!o.input_format.empty()) {
    open.format = o.input_format == "csv" ? io::InputFormat::Csv : o.input_format == "xes" ? io::InputFormat::Xes : io::InputFormat::Jsonl;
  } else {
    auto f = io::format_from_path(o.cases);
    if (!f) {
      fmt::print(stderr, "frist: {} (use --input-format jsonl|csv|xes)\n", f.error().message);
      return 2;
    }
    open.format = *f;
  }
  auto input = io::open_input(open, loaded->bundle->vocabulary(), *loaded->zone);
  if (!input) {
    fmt::print(stderr, "frist: {}\n", input.error().message);
    return 2;
  }
  OutputFile out(o.output);
  if (!out.ok()) return 2;

  RecordOptions ro;
  ro.format = o.format == "csv" ? RecordFormat::Csv : o.format == "text" ? RecordFormat::Text : RecordFormat::Jsonl;
  ro.evidence = !o.no_evidence;
  if (pseudonymizer) ro.pseudonymizer = &*pseudonymizer;
  const std::string meta = meta_record(*loaded->bundle, *as_of);
  if (ro.format == RecordFormat::Jsonl) out.write(meta);
  else fmt::print(stderr, "{}", meta);
  if (ro.format == RecordFormat::Csv) out.write(csv_header());

  eval::DriveOptions drive_options;
  drive_options.threads = o.threads == 0 ? eval::default_threads() : o.threads;
  drive_options.as_of = *as_of;
  drive_options.progress = !out.is_terminal();
  const eval::Bundle& bundle = *loaded->bundle;
  RunConsumer consumer(out);
  auto summary = eval::drive(*input, bundle, drive_options, [&]() {
    return std::make_unique<RunProcessor>(bundle, ro);
  }, consumer);
  if (!summary) {
    out.close();
    fmt::print(stderr, "frist: {}\n", summary.error().message);
    return 2;
  }
  if (ro.format == RecordFormat::Jsonl) out.write(summary_record(*summary));
  if (!out.close()) return 2;
  for (const std::string& w : summary->stats.warning_lines()) fmt::print(stderr, "frist: warning: {}\n", w);
  fmt::print(stderr, "{}", summary_line(*summary));
  if (o.strict && (summary->rejected > 0 || summary->uncovered > 0)) return 1;
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* sub = app.add_subcommand("run", "Evaluate rulesets against case data: one verdict per case and rule");
  sub->footer(
      "Examples:\n"
      "  frist run rulesets/serviceloven.frist --cases sager.jsonl --as-of 2024-12-31\n"
      "  frist run rulesets/serviceloven_ast2023.frist rulesets/barnets_lov.frist --cases sager.csv --format csv -o verdicts.csv\n"
      "  zcat log.xes.gz | frist run constraints.frist --cases - --input-format xes\n"
      "  frist run rulesets/barnets_lov.frist --cases sager.jsonl --pseudonymize @nøgle.txt -o deles.jsonl\n"
      "Exit codes: 0 done, 1 --strict and a case was rejected or uncovered, 2 usage error or unreadable input.");
  sub->add_option("RULESETS", o->rulesets, "Rulesets (.frist sources or compiled .fristc); several form a bundle")->required();
  sub->add_option("--cases", o->cases, "Case data: .jsonl, .csv, .xes (optionally .gz), or - for standard input")->required();
  sub->add_option("--as-of", o->as_of, "Evaluate as known at the end of this day (YYYY-MM-DD); default: today in Copenhagen");
  sub->add_option("--format", o->format, "Output: jsonl (default), csv or text")->check(CLI::IsMember({"jsonl", "csv", "text"}));
  sub->add_option("-o,--output", o->output, "Write to this file instead of standard output");
  sub->add_option("--threads", o->threads, "Worker threads (default: all cores); output is identical for any number");
  sub->add_flag("--strict", o->strict, "Exit 1 when any case was rejected or not covered by a ruleset");
  sub->add_option("--input-format", o->input_format, "Read the cases as jsonl, csv or xes whatever the file name")
      ->check(CLI::IsMember({"jsonl", "csv", "xes"}));
  sub->add_option("--case-attrs", o->case_attrs, "CSV input: a second CSV with case attributes (columns: case, then one per attribute)");
  sub->add_flag("--no-evidence", o->no_evidence, "JSONL: leave out the evidence (the events behind each verdict)");
  add_pseudonymize_option(sub, o->pseudonymize);
  add_lib_option(sub, o->lib_dirs);
  sub->callback([o, &exit_code] { exit_code = run_run(*o); });
}

}  // namespace frist::cli

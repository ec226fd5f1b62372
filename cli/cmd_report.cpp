// `frist report RULESETS… --cases FILE`: the barometer — per group and rule
// the verdict counts, the rate with its 95 % Wilson interval and why cases
// are outside the denominator (spec/cli.md, spec/semantics.md §1,
// spec/rulesets.md §5); and `frist report --merge A.json B.json …`, which
// adds JSON reports of disjoint parts of the data into the report of the
// whole. Aggregation lives in runtime/report/, rendering in cli/report/.
#include <fmt/core.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/load_rulesets.hpp"
#include "cli/output/output_file.hpp"
#include "cli/output/verdict_records.hpp"
#include "cli/pseudonym.hpp"
#include "cli/report/open_cases.hpp"
#include "cli/report/render.hpp"
#include "runtime/report/aggregator.hpp"
#include "runtime/report/report_json.hpp"

namespace frist::cli {
namespace {

struct ReportOptions {
  std::vector<std::string> rulesets;
  std::string cases;
  std::string as_of;
  std::string group_by;
  std::string format;
  std::string output;
  std::string lang;
  unsigned threads = 0;
  bool strict = false;
  std::string input_format;
  std::string case_attrs;
  std::vector<std::string> lib_dirs;
  std::vector<std::string> merge;
  std::string pseudonymize;
};

std::optional<report::Report> compute(const ReportOptions& o, bool progress) {
  auto loaded = load_bundle(o.rulesets, o.lib_dirs);
  if (!loaded) return std::nullopt;
  const eval::Bundle& bundle = *loaded->bundle;
  const auto as_of = parse_as_of(o.as_of, *loaded->zone);
  if (!as_of) {
    fmt::print(stderr, "frist: --as-of must be a date YYYY-MM-DD\n");
    return std::nullopt;
  }
  std::uint32_t group_attribute = model::Vocabulary::kNotFound;
  if (!o.group_by.empty()) {
    group_attribute = bundle.vocabulary().find_case_attribute(o.group_by);
    if (group_attribute == model::Vocabulary::kNotFound) {
      std::string declared;
      for (const model::AttributeDecl& a : bundle.vocabulary().case_attributes())
        declared += (declared.empty() ? "" : ", ") + a.name;
      fmt::print(stderr, "frist: --group-by {}: the rulesets declare no such case attribute (declared: {})\n", o.group_by,
                 declared.empty() ? "none" : declared);
      return std::nullopt;
    }
  }
  auto input = open_cases(CasesOptions{o.cases, o.input_format, o.case_attrs}, bundle);
  if (!input) return std::nullopt;

  eval::DriveOptions drive_options;
  drive_options.threads = o.threads == 0 ? eval::default_threads() : o.threads;
  drive_options.as_of = *as_of;
  drive_options.progress = progress;
  report::Aggregator aggregator(bundle, *as_of, o.group_by);
  auto summary = eval::drive(*input, bundle, drive_options, [&]() {
    return std::make_unique<report::ReportProcessor>(bundle, group_attribute);
  }, aggregator);
  if (!summary) {
    fmt::print(stderr, "frist: {}\n", summary.error().message);
    return std::nullopt;
  }
  for (const std::string& w : summary->stats.warning_lines()) fmt::print(stderr, "frist: warning: {}\n", w);
  fmt::print(stderr, "{}", summary_line(*summary));
  return aggregator.finish(*summary);
}

std::optional<report::Report> merge_files(const std::vector<std::string>& files) {
  std::optional<report::Report> merged;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      fmt::print(stderr, "frist: cannot read {}\n", path);
      return std::nullopt;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto r = report::read_json(text, path);
    if (!r) {
      fmt::print(stderr, "frist: {}\n", r.error().message);
      return std::nullopt;
    }
    if (!merged) {
      merged = std::move(*r);
      continue;
    }
    if (auto ok = report::merge(*merged, *r); !ok) {
      fmt::print(stderr, "frist: cannot merge {}: {}\n", path, ok.error().message);
      return std::nullopt;
    }
  }
  const report::CaseCounts& c = merged->cases;
  fmt::print(stderr, "frist: {} read, {} evaluated, {} rejected, {} uncovered (merged from {} reports)\n", c.read,
             c.evaluated, c.rejected, c.uncovered, files.size());
  return merged;
}

int run_report(const ReportOptions& o) {
  // A report holds counts only and names no case, so there is nothing to
  // replace; the key is still checked, so that one set of options works for
  // run, report and explain (docs/robustness.md).
  bool bad_key = false;
  (void)pseudonymizer_of(o.pseudonymize, bad_key);
  if (bad_key) return 2;
  const bool merging = !o.merge.empty();
  if (merging && (!o.rulesets.empty() || !o.cases.empty() || !o.as_of.empty() || !o.group_by.empty())) {
    fmt::print(stderr,
               "frist: --merge takes JSON reports only: their rulesets, as-of date and grouping come from the reports "
               "(leave out RULESETS, --cases, --as-of and --group-by)\n");
    return 2;
  }
  if (!merging && (o.rulesets.empty() || o.cases.empty())) {
    fmt::print(stderr, "frist: report needs RULESETS… and --cases FILE (or --merge REPORT.json…); see frist report --help\n");
    return 2;
  }
  std::optional<ReportFormat> format;
  if (!o.format.empty()) format = parse_report_format(o.format);
  else if (!o.output.empty()) format = report_format_from_path(o.output);
  if (!format) format = ReportFormat::Text;

  OutputFile out(o.output);
  if (!out.ok()) return 2;
  const std::optional<report::Report> r = merging ? merge_files(o.merge) : compute(o, !out.is_terminal());
  if (!r) {
    out.close();
    return 2;
  }
  RenderOptions render;
  render.locale = Locale::from_code(o.lang.empty() ? r->language() : o.lang);
  render.colour = *format == ReportFormat::Text && out.is_terminal() && std::getenv("NO_COLOR") == nullptr;
  out.write(render_report(*r, *format, render));
  if (!out.close()) return 2;
  if (o.strict && (r->cases.rejected > 0 || r->cases.uncovered > 0)) return 1;
  return 0;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand(
      "report", "The barometer: per group and rule the counts, the rate with its 95 % interval, and why cases are outside N");
  sub->footer(
      "Examples:\n"
      "  frist report rulesets/serviceloven_ast2023.frist rulesets/barnets_lov.frist --cases sager.jsonl \\\n"
      "      --as-of 2024-12-31 --group-by kommune\n"
      "  frist report rulesets/barnets_lov.frist --cases sager.jsonl --group-by kommune -o barometer.html\n"
      "  frist report rulesets/barnets_lov.frist --cases del1.jsonl --as-of 2024-12-31 --group-by kommune -o del1.json\n"
      "  frist report --merge del1.json del2.json --format md     # the same as one run over both parts\n"
      "The rate is compliant / (compliant + violated); pending, not applicable and undetermined cases are shown\n"
      "beside it with their reasons. A rate is flagged \"too few cases to generalise\" when N < 20 or its\n"
      "95 % interval is wider than 30 percentage points. See docs/reports.md.\n"
      "Exit codes: 0 done, 1 --strict and a case was rejected or uncovered, 2 usage error or unreadable input.");
  sub->add_option("RULESETS", o->rulesets, "Rulesets (.frist sources or compiled .fristc); several form a bundle");
  sub->add_option("--cases", o->cases, "Case data: .jsonl, .csv, .xes (optionally .gz), or - for standard input");
  sub->add_option("--as-of", o->as_of, "Evaluate as known at the end of this day (YYYY-MM-DD); default: today in Copenhagen");
  sub->add_option("--group-by", o->group_by, "Group by this case attribute (e.g. kommune); cases without it form the group (ukendt)");
  sub->add_option("--format", o->format, "Output: text (default), md, csv, json or html; default from the -o extension")
      ->check(CLI::IsMember({"text", "md", "csv", "json", "html"}));
  sub->add_option("-o,--output", o->output, "Write to this file instead of standard output");
  sub->add_option("--lang", o->lang, "Language of the report: da or en (default: the rulesets' language)")
      ->check(CLI::IsMember({"da", "en"}));
  sub->add_option("--threads", o->threads, "Worker threads (default: all cores); the report is identical for any number");
  sub->add_flag("--strict", o->strict, "Exit 1 when any case was rejected or not covered by a ruleset");
  sub->add_option("--input-format", o->input_format, "Read the cases as jsonl, csv or xes whatever the file name")
      ->check(CLI::IsMember({"jsonl", "csv", "xes"}));
  sub->add_option("--case-attrs", o->case_attrs, "CSV input: a second CSV with case attributes (columns: case, then one per attribute)");
  sub->add_option("--merge", o->merge,
                  "Combine JSON reports (of the same rulesets, as-of date and grouping, over disjoint cases) into one")
      ->check(CLI::ExistingFile);
  add_pseudonymize_option(sub, o->pseudonymize);
  add_lib_option(sub, o->lib_dirs);
  sub->callback([o, &exit_code] { exit_code = run_report(*o); });
}

}  // namespace frist::cli

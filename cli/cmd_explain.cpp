// `frist explain RULESETS… --cases FILE --case ID`: one case's timeline and
// every rule's verdict with its reasoning (spec/cli.md). Reads the input
// only until the case is found (the first occurrence that reads correctly;
// a rejected earlier line with the same id does not count, as in
// case-data.md §4), evaluates it with evidence and occurrences, and renders
// it with cli/report/explain_text.hpp. An unknown id is a usage error (2);
// a case that was rejected or that no ruleset covers is explained as such
// and exits 1.
#include <fmt/core.h>

#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/load_rulesets.hpp"
#include "cli/output/output_file.hpp"
#include "cli/report/explain_text.hpp"
#include "cli/report/open_cases.hpp"
#include "cli/pseudonym.hpp"

namespace frist::cli {
namespace {

struct ExplainOptions {
  std::vector<std::string> rulesets;
  std::string cases;
  std::string case_id;
  std::string as_of;
  std::string lang;
  std::string output;
  std::string input_format;
  std::string case_attrs;
  std::vector<std::string> lib_dirs;
  std::string pseudonymize;
};

enum class Search { Found, Rejected, Missing };

// Streams records until the case with `id` decodes; remembers the first
// rejection that names the id in case no good occurrence follows.
Result<Search> find_case(io::OpenedInput& input, const std::string& id, model::CaseTimeline& timeline,
                         io::Rejection& rejected) {
  auto decoder = input.make_decoder();
  io::ReadStats stats;
  std::vector<io::RawRecord> records;
  bool have_rejection = false;
  for (;;) {
    records.clear();
    auto more = input.source->next_batch(records, 64);
    if (!more) return more.error();
    for (const io::RawRecord& rec : records) {
      io::Rejection rejection;
      if (decoder->decode(rec, timeline, rejection, stats) == io::DecodeStatus::Case) {
        if (timeline.id == id) return Search::Found;
      } else if (!have_rejection && rejection.has_case_id && rejection.case_id == id) {
        rejected = std::move(rejection);
        have_rejection = true;
      }
    }
    if (!*more) break;
  }
  return have_rejection ? Search::Rejected : Search::Missing;
}

int run_explain(const ExplainOptions& o) {
  bool bad_key = false;
  const std::optional<Pseudonymizer> pseudonymizer = pseudonymizer_of(o.pseudonymize, bad_key);
  if (bad_key) return 2;
  // --case takes the real id; the output names the case only by its pseudonym.
  const std::string shown_id = pseudonymizer ? (*pseudonymizer)(o.case_id) : o.case_id;
  auto loaded = load_bundle(o.rulesets, o.lib_dirs);
  if (!loaded) return 2;
  const eval::Bundle& bundle = *loaded->bundle;
  const auto as_of = parse_as_of(o.as_of, *loaded->zone);
  if (!as_of) {
    fmt::print(stderr, "frist: --as-of must be a date YYYY-MM-DD\n");
    return 2;
  }
  auto input = open_cases(CasesOptions{o.cases, o.input_format, o.case_attrs}, bundle);
  if (!input) return 2;
  model::CaseTimeline timeline;
  io::Rejection rejection;
  auto search = find_case(*input, o.case_id, timeline, rejection);
  if (!search) {
    fmt::print(stderr, "frist: {}\n", search.error().message);
    return 2;
  }
  const std::string lang = !o.lang.empty() ? o.lang
                           : bundle.members().empty() || bundle.members().front().compiled->meta.language == 0 ? "da"
                                                                                                                  : "en";
  const Locale locale = Locale::from_code(lang);
  if (*search == Search::Missing) {
    fmt::print(stderr, "frist: {} has no case with id {} (ids are compared exactly)\n", o.cases, shown_id);
    return 2;
  }
  OutputFile out(o.output);
  if (!out.ok()) return 2;
  if (*search == Search::Rejected) {
    out.write(locale.danish ? fmt::format("Sag {} blev afvist ved indlæsningen (linje {}): {}\n", shown_id, rejection.line,
                                          rejection.reason)
                            : fmt::format("Case {} was rejected when read (line {}): {}\n", shown_id, rejection.line,
                                          rejection.reason));
    return out.close() ? 1 : 2;
  }

  eval::Evaluator evaluator(bundle);
  const eval::Coverage& coverage = evaluator.cover(timeline, *as_of);
  timeline.id = shown_id;  // evaluation does not read the id; the rendering shows it
  Explanation e;
  e.bundle = &bundle;
  e.timeline = &timeline;
  e.source = o.cases;
  e.as_of = *as_of;
  e.visible = evaluator.context().visible;
  if (coverage.members.empty()) {
    e.uncovered_reason = coverage.uncovered_reason;
  } else {
    e.coverage = &coverage;
    vm::EvalOptions options;
    options.evidence = true;
    options.occurrences = true;
    for (std::uint32_t m : coverage.members) {
      ExplainedMember em;
      em.member = m;
      evaluator.evaluate(m, em.results, options);
      e.members.push_back(std::move(em));
    }
  }
  out.write(render_explanation(e, locale));
  if (!out.close()) return 2;
  return coverage.members.empty() ? 1 : 0;
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* sub = app.add_subcommand(
      "explain", "One case's timeline and every rule's verdict with its reasoning: dates, deadlines, events, hjemmel");
  sub->footer(
      "Examples:\n"
      "  frist explain rulesets/serviceloven_ast2023.frist rulesets/barnets_lov.frist --cases sager.jsonl \\\n"
      "      --case ISH-07 --as-of 2024-12-31\n"
      "  frist explain rulesets/barnets_lov.frist --cases sager.csv --case K101-000042 --lang en\n"
      "The case's own events and attribute values are printed: the output is about one person's case.\n"
      "With --pseudonymize KEY, --case takes the real id and the output names the case only by its pseudonym.\n"
      "Exit codes: 0 explained, 1 the case was rejected or no ruleset covers it, 2 usage error, unreadable\n"
      "input or no case with that id.");
  sub->add_option("RULESETS", o->rulesets, "Rulesets (.frist sources or compiled .fristc); several form a bundle")->required();
  sub->add_option("--cases", o->cases, "Case data: .jsonl, .csv, .xes (optionally .gz), or - for standard input")->required();
  sub->add_option("--case", o->case_id, "The id of the case to explain")->required();
  sub->add_option("--as-of", o->as_of, "Evaluate as known at the end of this day (YYYY-MM-DD); default: today in Copenhagen");
  sub->add_option("--lang", o->lang, "Language of the explanation: da or en (default: the rulesets' language)")
      ->check(CLI::IsMember({"da", "en"}));
  sub->add_option("-o,--output", o->output, "Write to this file instead of standard output");
  sub->add_option("--input-format", o->input_format, "Read the cases as jsonl, csv or xes whatever the file name")
      ->check(CLI::IsMember({"jsonl", "csv", "xes"}));
  sub->add_option("--case-attrs", o->case_attrs, "CSV input: a second CSV with case attributes (columns: case, then one per attribute)");
  add_pseudonymize_option(sub, o->pseudonymize);
  add_lib_option(sub, o->lib_dirs);
  sub->callback([o, &exit_code] { exit_code = run_explain(*o); });
}

}  // namespace frist::cli

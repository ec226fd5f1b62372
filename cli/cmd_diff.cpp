// `frist diff OLD NEW [--cases FILE --as-of DATE]`: the semantic diff of two
// ruleset sources (compiler/diff), and with case data its impact: both
// versions evaluated over the cases in one pass, per rule the transitions
// of verdicts and the cases that flip.
//
// One pass, two versions: the driver reads every case through a "reading"
// ruleset that has the old version's vocabulary and no rules or period, so
// every readable case reaches the processor, which evaluates it with one
// evaluator per version (two bundles: two versions of one ruleset share an
// id and a period, so they cannot share a bundle). When the two
// vocabularies differ (an event type or attribute added, retyped, a default
// changed), each case is decoded a second time against the new vocabulary
// by a paired decoder; the processor finds that second timeline by the
// address of the first (each worker keeps one timeline for the whole run).
#include <fmt/core.h>

#include <map>
#include <memory>
#include <mutex>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/load_rulesets.hpp"
#include "compiler/compile.hpp"
#include "compiler/diff/diff.hpp"
#include "compiler/diff/render.hpp"
#include "runtime/eval/driver.hpp"
#include "runtime/io/case_source.hpp"

namespace frist::cli {
namespace {

namespace diff = compiler::diff;

struct DiffOptions {
  std::string old_path, new_path;
  std::string cases;
  std::string as_of;
  std::string format = "text";
  bool exit_code = false;
  std::vector<std::string> lib_dirs;
  unsigned threads = 0;
  std::string input_format;
};

// --- reading both vocabularies ------------------------------------------------

// The second decoding of one case (against the new vocabulary), kept per
// worker timeline.
struct SecondReading {
  model::CaseTimeline timeline;
  bool old_rejected = false;
  bool new_rejected = false;
};

class SecondReadings {
 public:
  SecondReading& of(const model::CaseTimeline* first) {
    std::lock_guard lock(mu_);
    auto& slot = slots_[first];
    if (!slot) slot = std::make_unique<SecondReading>();
    return *slot;
  }

 private:
  std::mutex mu_;
  std::map<const model::CaseTimeline*, std::unique_ptr<SecondReading>> slots_;
};

// An empty timeline of `vocabulary` (a case the old vocabulary rejected but
// the new one reads: the reading bundle still needs a timeline for it).
void empty_timeline(const model::Vocabulary& vocabulary, const std::string& id, model::CaseTimeline& out) {
  out.clear();
  out.id = id;
  out.type_start.assign(vocabulary.size() + 1, 0);
  out.case_attrs.assign(vocabulary.case_attributes().size(), model::AttrValue{});
}

class PairedDecoder : public io::RecordDecoder {
 public:
  PairedDecoder(std::unique_ptr<io::RecordDecoder> first, std::unique_ptr<io::RecordDecoder> second,
                const model::Vocabulary& first_vocabulary, SecondReadings& readings)
      : first_(std::move(first)), second_(std::move(second)), vocabulary_(first_vocabulary), readings_(readings) {}

  io::DecodeStatus decode(const io::RawRecord& record, model::CaseTimeline& out, io::Rejection& rejection,
                          io::ReadStats& stats) override {
    if (cached_for_ != &out) {
      cached_ = &readings_.of(&out);
      cached_for_ = &out;
    }
    io::Rejection second_rejection;
    io::ReadStats second_stats;  // warnings are reported once, from the first reading
    cached_->new_rejected =
        second_->decode(record, cached_->timeline, second_rejection, second_stats) == io::DecodeStatus::Rejected;
    const io::DecodeStatus first = first_->decode(record, out, rejection, stats);
    cached_->old_rejected = first == io::DecodeStatus::Rejected;
    if (cached_->old_rejected && !cached_->new_rejected) {
      empty_timeline(vocabulary_, cached_->timeline.id, out);
      return io::DecodeStatus::Case;
    }
    return first;
  }

 private:
  std::unique_ptr<io::RecordDecoder> first_, second_;
  const model::Vocabulary& vocabulary_;
  SecondReadings& readings_;
  const model::CaseTimeline* cached_for_ = nullptr;
  SecondReading* cached_ = nullptr;
};

bool same_vocabulary(const model::Vocabulary& a, const model::Vocabulary& b) {
  auto same_attrs = [](const std::vector<model::AttributeDecl>& x, const std::vector<model::AttributeDecl>& y) {
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i].name != y[i].name || x[i].type != y[i].type) return false;
      if (x[i].default_value.has_value() != y[i].default_value.has_value()) return false;
      if (x[i].default_value && !(x[i].default_value->value == y[i].default_value->value)) return false;
    }
    return true;
  };
  if (a.size() != b.size() || !same_attrs(a.case_attributes(), b.case_attributes())) return false;
  for (std::size_t t = 0; t < a.size(); ++t) {
    if (a.event_types()[t].name != b.event_types()[t].name) return false;
    if (!same_attrs(a.event_types()[t].attributes, b.event_types()[t].attributes)) return false;
  }
  return true;
}

// A ruleset with a vocabulary and nothing else: no rules, no period, so it
// covers every case it can read.
std::shared_ptr<const bytecode::CompiledRuleset> reading_ruleset(const bytecode::CompiledRuleset& like) {
  auto r = std::make_shared<bytecode::CompiledRuleset>();
  r->strings = {"", "frist-diff-reader"};
  r->meta.id = 1;
  r->meta.language = like.meta.language;
  r->vocabulary = like.vocabulary;
  return r;
}

// --- evaluating both versions ---------------------------------------------------

constexpr std::uint16_t kOld = 0, kNew = 1;
constexpr char kEvaluated = 'E', kRejected = 'R', kUncovered = 'U';

class ImpactProcessor : public eval::CaseProcessor {
 public:
  ImpactProcessor(const eval::Bundle& old_bundle, const eval::Bundle& new_bundle, SecondReadings* readings,
                  time::Days as_of)
      : old_(old_bundle), new_(new_bundle), readings_(readings), as_of_(as_of) {}

  void evaluated(const model::CaseTimeline& timeline, eval::Evaluator&, const eval::Coverage&,
                 eval::CaseResult& out) override {
    const model::CaseTimeline* second = &timeline;
    bool old_rejected = false, new_rejected = false;
    if (readings_ != nullptr) {
      if (reading_for_ != &timeline) {
        reading_ = &readings_->of(&timeline);
        reading_for_ = &timeline;
      }
      second = &reading_->timeline;
      old_rejected = reading_->old_rejected;
      new_rejected = reading_->new_rejected;
    }
    out.text.clear();
    out.text += side(kOld, old_, timeline, old_rejected, out);
    out.text += side(kNew, new_, *second, new_rejected, out);
  }
  void format_rejected(eval::CaseResult&) override {}
  void format_uncovered(eval::CaseResult&) override {}

 private:
  char side(std::uint16_t tag, eval::Evaluator& ev, const model::CaseTimeline& timeline, bool rejected,
            eval::CaseResult& out) {
    if (rejected) return kRejected;
    const eval::Coverage& coverage = ev.cover(timeline, as_of_);
    if (coverage.members.empty()) return kUncovered;
    ev.evaluate(coverage.members.front(), results_);
    for (std::size_t r = 0; r < results_.size(); ++r) {
      eval::CompactVerdict v;
      v.member = tag;
      v.rule = static_cast<std::uint16_t>(r);
      v.verdict = results_[r].outcome.verdict;
      v.exempt = results_[r].outcome.exempt;
      out.verdicts.push_back(std::move(v));
    }
    return kEvaluated;
  }

  eval::Evaluator old_, new_;
  SecondReadings* readings_;
  const model::CaseTimeline* reading_for_ = nullptr;  // the worker's timeline, and its second reading
  SecondReading* reading_ = nullptr;
  time::Days as_of_;
  std::vector<vm::RuleResult> results_;
};

diff::CaseState state_of(vm::Verdict v, bool exempt) {
  switch (v) {
    case vm::Verdict::Compliant: return exempt ? diff::CaseState::Exempt : diff::CaseState::Compliant;
    case vm::Verdict::Violated: return diff::CaseState::Violated;
    case vm::Verdict::Pending: return diff::CaseState::Pending;
    case vm::Verdict::NotApplicable: return diff::CaseState::NotApplicable;
    case vm::Verdict::Undetermined: return diff::CaseState::Undetermined;
  }
  return diff::CaseState::Undetermined;
}

diff::CaseState case_state(char side) {
  return side == kRejected ? diff::CaseState::Rejected : diff::CaseState::Uncovered;
}

class ImpactConsumer : public eval::CaseConsumer {
 public:
  // `old_index[i]` / `new_index[i]`: the compiled rule of impact.rules[i] in
  // each version, or -1.
  ImpactConsumer(diff::Impact& impact, std::vector<int> old_index, std::vector<int> new_index, std::size_t old_rules,
                 std::size_t new_rules)
      : impact_(impact), old_index_(std::move(old_index)), new_index_(std::move(new_index)) {
    states_[kOld].resize(old_rules);
    states_[kNew].resize(new_rules);
  }

  void consume(const eval::CaseResult& r) override {
    ++impact_.read;
    if (r.status != eval::CaseStatus::Evaluated || r.text.size() != 2) {
      const bool rejected = r.status == eval::CaseStatus::Rejected;
      for (diff::SideCounts* s : {&impact_.old_side, &impact_.new_side}) ++(rejected ? s->rejected : s->uncovered);
      return;
    }
    count(impact_.old_side, r.text[0]);
    count(impact_.new_side, r.text[1]);
    if (r.text[0] != kEvaluated && r.text[1] != kEvaluated) return;
    for (std::uint16_t side : {kOld, kNew}) {
      const char c = r.text[side];
      std::fill(states_[side].begin(), states_[side].end(), case_state(c));
    }
    for (const eval::CompactVerdict& v : r.verdicts) {
      auto& states = states_[v.member];
      if (v.rule < states.size()) states[v.rule] = state_of(v.verdict, v.exempt);
    }
    for (std::size_t i = 0; i < impact_.rules.size(); ++i) {
      const diff::CaseState before = old_index_[i] < 0 ? diff::CaseState::Absent : states_[kOld][static_cast<std::size_t>(old_index_[i])];
      const diff::CaseState after = new_index_[i] < 0 ? diff::CaseState::Absent : states_[kNew][static_cast<std::size_t>(new_index_[i])];
      impact_.rules[i].add(before, after, r.case_id);
    }
  }

 private:
  static void count(diff::SideCounts& s, char c) {
    ++(c == kEvaluated ? s.evaluated : c == kRejected ? s.rejected : s.uncovered);
  }

  diff::Impact& impact_;
  std::vector<int> old_index_, new_index_;
  std::vector<diff::CaseState> states_[2];
};

int rule_index(const bytecode::CompiledRuleset& r, const std::string& id) {
  if (id.empty()) return -1;
  for (std::size_t i = 0; i < r.rules.size(); ++i)
    if (r.str(r.rules[i].id) == id) return static_cast<int>(i);
  return -1;
}

// Evaluates both versions over the cases; false (after a message) when the
// input cannot be read.
bool measure_impact(const DiffOptions& o, const time::Zone& zone, time::Days as_of,
                    const std::shared_ptr<bytecode::CompiledRuleset>& old_ruleset,
                    const std::shared_ptr<bytecode::CompiledRuleset>& new_ruleset, const diff::SemanticDiff& d,
                    diff::Impact& impact) {
  auto make_bundle = [&](std::shared_ptr<const bytecode::CompiledRuleset> r, const std::string& source) {
    return eval::Bundle::create({std::move(r)}, {source}, zone);
  };
  auto old_bundle = make_bundle(old_ruleset, o.old_path);
  auto new_bundle = make_bundle(new_ruleset, o.new_path);
  auto reader = make_bundle(reading_ruleset(*old_ruleset), o.old_path);
  for (const auto* b : {&old_bundle, &new_bundle, &reader}) {
    if (!*b) {
      fmt::print(stderr, "frist: {}\n", b->error().message);
      return false;
    }
  }
  io::OpenOptions open;
  open.path = o.cases;
  if (!o.input_format.empty()) {
    open.format = o.input_format == "csv" ? io::InputFormat::Csv : o.input_format == "xes" ? io::InputFormat::Xes : io::InputFormat::Jsonl;
  } else {
    auto f = io::format_from_path(o.cases);
    if (!f) {
      fmt::print(stderr, "frist: {} (use --input-format jsonl|csv|xes)\n", f.error().message);
      return false;
    }
    open.format = *f;
  }
  auto input = io::open_input(open, (*reader)->vocabulary(), zone);
  if (!input) {
    fmt::print(stderr, "frist: {}\n", input.error().message);
    return false;
  }
  SecondReadings readings;
  const bool paired = !same_vocabulary((*old_bundle)->vocabulary(), (*new_bundle)->vocabulary());
  if (paired) {
    if (o.cases == "-") {
      fmt::print(stderr, "frist: the two versions declare different vocabularies, so each case is read twice; "
                         "give --cases a file, not standard input\n");
      return false;
    }
    auto second = io::open_input(open, (*new_bundle)->vocabulary(), zone);
    if (!second) {
      fmt::print(stderr, "frist: {}\n", second.error().message);
      return false;
    }
    auto make_first = input->make_decoder;
    auto make_second = second->make_decoder;
    const model::Vocabulary& first_vocabulary = (*reader)->vocabulary();
    input->make_decoder = [make_first, make_second, &first_vocabulary, &readings] {
      return std::make_unique<PairedDecoder>(make_first(), make_second(), first_vocabulary, readings);
    };
  }

  impact.cases = o.cases;
  impact.as_of = time::format_date(as_of);
  std::vector<int> old_index, new_index;
  for (const diff::RuleDiff& r : d.rules) {
    diff::RuleImpact ri;
    ri.old_id = r.old_id;
    ri.new_id = r.new_id;
    impact.rules.push_back(std::move(ri));
    old_index.push_back(rule_index(*old_ruleset, r.old_id));
    new_index.push_back(rule_index(*new_ruleset, r.new_id));
  }
  ImpactConsumer consumer(impact, std::move(old_index), std::move(new_index), old_ruleset->rules.size(),
                          new_ruleset->rules.size());
  eval::DriveOptions drive_options;
  drive_options.threads = o.threads == 0 ? eval::default_threads() : o.threads;
  drive_options.as_of = as_of;
  drive_options.progress = true;  // on standard error, only when it is a terminal
  const eval::Bundle& ob = **old_bundle;
  const eval::Bundle& nb = **new_bundle;
  SecondReadings* second_readings = paired ? &readings : nullptr;
  auto summary = eval::drive(*input, **reader, drive_options, [&]() {
    return std::make_unique<ImpactProcessor>(ob, nb, second_readings, as_of);
  }, consumer);
  if (!summary) {
    fmt::print(stderr, "frist: {}\n", summary.error().message);
    return false;
  }
  for (const std::string& w : summary->stats.warning_lines()) fmt::print(stderr, "frist: warning: {}\n", w);
  return true;
}

// --- the command ----------------------------------------------------------------

struct Compiled {
  compiler::DiagnosticSink sink;
  compiler::Compilation compilation;
};

// Compiles one side; prints its diagnostics and returns false on errors.
bool compile_side(const std::string& path, const DiffOptions& o, const time::Zone& zone, Compiled& out) {
  out.compilation = compiler::compile_file(path, compile_options(o.lib_dirs), zone, out.sink);
  out.sink.sort_by_location();
  if (!out.compilation.program) {
    fmt::print(stderr, "frist: cannot read {}\n", path);
    return false;
  }
  if (out.sink.has_errors() || !out.compilation.checked) {
    print_diagnostics(out.sink);
    fmt::print(stderr, "frist: {} has errors; nothing was compared\n", path);
    return false;
  }
  return true;
}

int run_diff(const DiffOptions& o) {
  auto zone = time::Zone::load();
  if (!zone) {
    fmt::print(stderr, "frist: {}\n", zone.error().message);
    return 2;
  }
  Compiled old_side, new_side;
  const bool old_ok = compile_side(o.old_path, o, *zone, old_side);
  const bool new_ok = compile_side(o.new_path, o, *zone, new_side);
  if (!old_ok || !new_ok) return 2;

  diff::SemanticDiff d = diff::compare_programs(*old_side.compilation.checked, *new_side.compilation.checked);
  d.old_source = o.old_path;
  d.new_source = o.new_path;

  std::optional<diff::Impact> impact;
  if (!o.cases.empty()) {
    for (const auto* side : {&old_side, &new_side}) {
      const std::string& path = side == &old_side ? o.old_path : o.new_path;
      if (!side->compilation.program->ruleset_header() || !side->compilation.ruleset) {
        fmt::print(stderr, "frist: {} declares no ruleset (ruleset …); --cases needs two rulesets\n", path);
        return 2;
      }
    }
    const auto as_of = parse_as_of(o.as_of, *zone);
    if (!as_of) {
      fmt::print(stderr, "frist: --as-of must be a date YYYY-MM-DD\n");
      return 2;
    }
    impact.emplace();
    if (!measure_impact(o, *zone, *as_of, old_side.compilation.ruleset, new_side.compilation.ruleset, d, *impact)) return 2;
  }
  const diff::Format format = o.format == "json" ? diff::Format::Json : o.format == "md" ? diff::Format::Markdown : diff::Format::Text;
  fmt::print("{}", diff::render_report(d, impact ? &*impact : nullptr, format));
  return o.exit_code && d.has_changes() ? 1 : 0;
}

}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<DiffOptions>();
  CLI::App* sub = app.add_subcommand("diff", "Compare two rulesets by meaning, and optionally their verdicts on case data");
  sub->footer(
      "Compares what the rules decide, not how they are written: layout, comments, Danish or English\n"
      "keywords and the names of lets make no difference. An amendment is compared as the ruleset it produces.\n"
      "Examples:\n"
      "  frist diff rulesets/serviceloven.frist rulesets/serviceloven_ast2023.frist\n"
      "  frist diff rulesets/serviceloven.frist rulesets/serviceloven_ast2023.frist --cases sager.jsonl --as-of 2024-12-31 --format md\n"
      "Exit codes: 0 done (with --exit-code: no change), 1 --exit-code and something changed,\n"
      "2 usage error, unreadable input, or a ruleset with errors.");
  sub->add_option("OLD", o->old_path, "The ruleset before (.frist source)")->required();
  sub->add_option("NEW", o->new_path, "The ruleset after (.frist source)")->required();
  CLI::Option* cases = sub->add_option("--cases", o->cases, "Case data to measure the impact on: .jsonl, .csv, .xes (optionally .gz)");
  sub->add_option("--as-of", o->as_of, "Evaluate as known at the end of this day (YYYY-MM-DD); default: today in Copenhagen")
      ->needs(cases);
  sub->add_option("--format", o->format, "Output: text (default), md or json")->check(CLI::IsMember({"text", "md", "json"}));
  sub->add_flag("--exit-code", o->exit_code, "Exit 1 when anything changed, 0 when nothing did");
  sub->add_option("--threads", o->threads, "Worker threads for --cases (default: all cores); output is identical for any number");
  sub->add_option("--input-format", o->input_format, "Read the cases as jsonl, csv or xes whatever the file name")
      ->check(CLI::IsMember({"jsonl", "csv", "xes"}));
  add_lib_option(sub, o->lib_dirs);
  sub->callback([o, &exit_code] { exit_code = run_diff(*o); });
}

}  // namespace frist::cli

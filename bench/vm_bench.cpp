// The VM micro-benchmark of bench/run.sh (Google Benchmark): cases generated
// by `frist gen`'s model are decoded once into in-memory timelines and their
// evaluation contexts prepared (as-of, visible events, coverage); then only
// the evaluation of every rule of a ruleset — what eval::Evaluator::evaluate
// does for a covering member, Machine::evaluate per rule — is timed. Parsing,
// coverage and output are not. Reported per (case, rule): the mean over all
// covered cases (the Google Benchmark counter) and, from a second pass that
// times each case on its own, the median case and the tail.
//
// Usage: frist_vm_bench [--cases N] [--seed S] [--as-of YYYY-MM-DD] [benchmark flags]
//        (defaults: 20000 cases, seed 42, as of 2025-12-31; the shipped
//        rulesets are found in the source tree)
#include <benchmark/benchmark.h>
#include <fmt/core.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/gen/writers.hpp"
#include "cli/load_rulesets.hpp"
#include "runtime/io/jsonl_reader.hpp"

namespace {

using namespace frist;

struct Settings {
  std::uint64_t cases = 20000;
  std::uint64_t seed = 42;
  std::string as_of = "2025-12-31";
};

// One case ready for the VM: its timeline and the context at as-of.
struct PreparedCase {
  model::CaseTimeline timeline;
  std::vector<std::uint32_t> type_visible;
  vm::CaseContext ctx;
};

// One shipped ruleset, loaded alone, with the cases it covers.
struct Workload {
  std::string name;
  cli::LoadedBundle loaded;
  std::vector<PreparedCase> cases;
  std::size_t rules = 0;
};

bool prepare(Workload& w, const std::vector<std::string>& lines, time::Days as_of) {
  const eval::Bundle& bundle = *w.loaded.bundle;
  const time::Zone& zone = *w.loaded.zone;
  w.rules = bundle.members().front().compiled->rules.size();
  auto decoder = io::make_jsonl_decoder(bundle.vocabulary(), zone, io::ReadLimits{});
  eval::Evaluator evaluator(bundle);
  io::ReadStats stats;
  std::uint64_t line_number = 0;
  for (const std::string& line : lines) {
    io::RawRecord record;
    record.line = ++line_number;
    record.text.reserve(line.size() + simdjson::SIMDJSON_PADDING);  // parsed in place
    record.text = line;
    PreparedCase c;
    io::Rejection rejection;
    if (decoder->decode(record, c.timeline, rejection, stats) != io::DecodeStatus::Case) {
      fmt::print(stderr, "vm_bench: line {} rejected: {}\n", record.line, rejection.reason);
      return false;
    }
    if (evaluator.cover(c.timeline, as_of).members.empty()) continue;  // not this ruleset's case
    w.cases.push_back(std::move(c));
  }
  // Contexts point into the timelines, so they are made once the vector no longer moves.
  for (PreparedCase& c : w.cases) vm::prepare_context(c.timeline, as_of, zone, c.type_visible, c.ctx);
  return true;
}

// Evaluates every rule of the ruleset on one case, as Evaluator::evaluate does.
inline void evaluate_case(vm::Machine& machine, const PreparedCase& c, std::vector<vm::RuleResult>& results) {
  machine.begin_case();
  for (std::uint32_t r = 0; r < results.size(); ++r) machine.evaluate(r, c.ctx, results[r]);
}

void bm_evaluate(benchmark::State& state, const Workload* w) {
  vm::Machine machine(*w->loaded.bundle->members().front().linked);
  std::vector<vm::RuleResult> results(w->rules);
  for (auto _ : state) {
    for (const PreparedCase& c : w->cases) {
      evaluate_case(machine, c, results);
      benchmark::DoNotOptimize(results.data());
    }
  }
  const double pairs = static_cast<double>(w->cases.size() * w->rules);
  state.counters["cases"] = static_cast<double>(w->cases.size());
  state.counters["rules"] = static_cast<double>(w->rules);
  // Seconds per (case, rule), printed with its SI prefix (e.g. 377n).
  state.counters["per_case_rule"] =
      benchmark::Counter(pairs, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Per (case, rule) ns for each case on its own: `cold` is the case's first
// evaluation in a pass over all cases (its timeline comes from memory, as in
// the throughput benchmark above); `warm` is the best of three evaluations
// right after it, with the timeline in cache — as in `frist run` and `frist
// report`, where a worker evaluates the timeline it has just decoded. The
// clock's own cost is subtracted.
struct Distribution {
  double median = 0, mean = 0, p90 = 0, p99 = 0, max = 0;
};

Distribution summarise(std::vector<double>& ns) {
  Distribution d;
  double sum = 0;
  for (double v : ns) sum += v;
  std::sort(ns.begin(), ns.end());
  auto at = [&](double q) { return ns[std::min(ns.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ns.size())))]; };
  d.median = at(0.5);
  d.mean = sum / static_cast<double>(ns.size());
  d.p90 = at(0.9);
  d.p99 = at(0.99);
  d.max = ns.back();
  return d;
}

// The median warm ns of each rule over all cases: where the VM's time goes.
void print_rule_costs(const Workload& w) {
  using Clock = std::chrono::steady_clock;
  vm::Machine machine(*w.loaded.bundle->members().front().linked);
  std::vector<vm::RuleResult> results(w.rules);
  std::vector<std::vector<double>> ns(w.rules);
  for (const PreparedCase& c : w.cases) {
    evaluate_case(machine, c, results);  // warms the timeline
    machine.begin_case();
    for (std::uint32_t r = 0; r < w.rules; ++r) {
      const auto t0 = Clock::now();
      machine.evaluate(r, c.ctx, results[r]);
      const auto t1 = Clock::now();
      ns[r].push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    }
  }
  const bytecode::CompiledRuleset& compiled = *w.loaded.bundle->members().front().compiled;
  for (std::uint32_t r = 0; r < w.rules; ++r) {
    const Distribution d = summarise(ns[r]);
    fmt::print("  {:<22} {:<28} {:>8.1f} {:>8.1f}\n", w.name, compiled.str(compiled.rules[r].id), d.median, d.p90);
  }
}

void print_distribution(const Workload& w) {
  using Clock = std::chrono::steady_clock;
  vm::Machine machine(*w.loaded.bundle->members().front().linked);
  std::vector<vm::RuleResult> results(w.rules);
  double clock_cost = 1e9;
  for (int i = 0; i < 1000; ++i) {
    const auto t0 = Clock::now();
    const auto t1 = Clock::now();
    clock_cost = std::min(clock_cost, std::chrono::duration<double, std::nano>(t1 - t0).count());
  }
  const double per_rule = 1.0 / static_cast<double>(w.rules);
  auto time_once = [&](const PreparedCase& c) {
    const auto t0 = Clock::now();
    evaluate_case(machine, c, results);
    const auto t1 = Clock::now();
    benchmark::DoNotOptimize(results.data());
    return std::max(0.0, std::chrono::duration<double, std::nano>(t1 - t0).count() - clock_cost) * per_rule;
  };
  std::vector<double> cold(w.cases.size()), warm(w.cases.size());
  for (std::size_t i = 0; i < w.cases.size(); ++i) {
    cold[i] = time_once(w.cases[i]);
    double best = 1e18;
    for (int k = 0; k < 3; ++k) best = std::min(best, time_once(w.cases[i]));
    warm[i] = best;
  }
  for (auto [label, values] : {std::pair{"cold", &cold}, std::pair{"warm", &warm}}) {
    const Distribution d = summarise(*values);
    fmt::print("{:<22} {:<5} {:>7} {:>5} {:>8.1f} {:>8.1f} {:>8.1f} {:>8.1f} {:>8.1f}\n", w.name, label, w.cases.size(),
               w.rules, d.median, d.mean, d.p90, d.p99, d.max);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--cases" && i + 1 < argc) s.cases = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--seed" && i + 1 < argc) s.seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--as-of" && i + 1 < argc) s.as_of = argv[++i];
    else rest.push_back(argv[i]);
  }
  int bench_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&bench_argc, rest.data());

  const std::vector<std::string> lines = gen::jsonl_lines(s.cases, s.seed);
  const std::string root = FRIST_SOURCE_ROOT;
  std::vector<Workload> workloads;
  for (const char* name : {"serviceloven", "serviceloven_ast2023", "barnets_lov"}) {
    auto loaded = cli::load_bundle({root + "/rulesets/" + name + ".frist"}, {});
    if (!loaded) return 2;
    Workload w;
    w.name = name;
    w.loaded = std::move(*loaded);
    const auto as_of = cli::parse_as_of(s.as_of, *w.loaded.zone);
    if (!as_of) {
      fmt::print(stderr, "vm_bench: --as-of must be YYYY-MM-DD\n");
      return 2;
    }
    if (!prepare(w, lines, *as_of)) return 2;
    workloads.push_back(std::move(w));
  }
  fmt::print("vm_bench: {} generated cases (seed {}), as of {}\n", lines.size(), s.seed, s.as_of);
  for (const Workload& w : workloads) {
    benchmark::RegisterBenchmark(("evaluate/" + w.name).c_str(), bm_evaluate, &w)->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  fmt::print("\nns per (case, rule), each case timed on its own (cold: first evaluation; warm: timeline in cache):\n");
  fmt::print("{:<22} {:<5} {:>7} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8}\n", "ruleset", "cache", "cases", "rules", "median",
             "mean", "p90", "p99", "max");
  for (const Workload& w : workloads) print_distribution(w);
  fmt::print("\nns per rule, warm, clock cost included (median, p90):\n");
  for (const Workload& w : workloads) print_rule_costs(w);
  return 0;
}

// `frist gen`: deterministic synthetic child-welfare case data for demos and
// benchmarks. Parses the flags, opens the output and hands both to the
// generator in cli/gen/; what the data looks like is documented in docs/gen.md.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/gen/writers.hpp"

namespace frist::cli {
namespace {

struct GenArguments {
  std::uint64_t cases = 0;
  std::uint64_t seed = 1;
  std::string format;  // empty: from the output file's extension, else jsonl
  std::string output = "-";
  double fault_rate = 0.001;
  bool no_bad_lines = false;
};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

gen::OutputFormat choose_format(const GenArguments& args) {
  if (!args.format.empty()) return *gen::parse_output_format(args.format);  // checked by CLI11
  if (ends_with(args.output, ".csv")) return gen::OutputFormat::Csv;
  if (ends_with(args.output, ".xes")) return gen::OutputFormat::Xes;
  return gen::OutputFormat::Jsonl;
}

int run_gen(const GenArguments& args) {
  const bool to_stdout = args.output == "-";
  std::FILE* file = to_stdout ? stdout : std::fopen(args.output.c_str(), "wb");
  if (file == nullptr) {
    fmt::print(stderr, "error: cannot write '{}': {}\n", args.output, std::strerror(errno));
    return 2;
  }

  gen::GenerationRequest request;
  request.format = choose_format(args);
  request.cases = args.cases;
  request.generator.seed = args.seed;
  request.generator.malformed_rate =
      args.no_bad_lines ? 0 : static_cast<gen::PerMillion>(std::llround(args.fault_rate * 1'000'000.0));

  const gen::GenerationSummary summary = gen::write_cases(
      request, [file](std::string_view chunk) { return std::fwrite(chunk.data(), 1, chunk.size(), file) == chunk.size(); });
  bool written = summary.written;
  written = (to_stdout ? std::fflush(file) == 0 : std::fclose(file) == 0) && written;
  if (!written) {
    fmt::print(stderr, "error: writing '{}' failed: {}\n", to_stdout ? "standard output" : args.output,
               std::strerror(errno));
    return 2;
  }
  fmt::print(stderr, "frist gen: {} cases, {} events, {} malformed (seed {})\n", summary.cases, summary.events,
             summary.malformed, args.seed);
  return 0;
}

}  // namespace

void add_gen_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GenArguments>();
  CLI::App* gen = app.add_subcommand(
      "gen",
      "Write deterministic synthetic case data (child-welfare vocabulary, realistic rates and data faults) "
      "for demos and benchmarks");
  // CLI11 would read "-5" into an unsigned option as 2^64 - 5.
  const CLI::Validator not_negative(
      [](std::string& text) { return text.find('-') == std::string::npos ? std::string() : "must not be negative"; },
      "", "not negative");
  gen->add_option("--cases", args->cases, "Number of cases to generate")->required()->check(not_negative);
  gen->add_option("--seed", args->seed, "Seed: the same cases, seed and format give the same bytes")
      ->check(not_negative)
      ->capture_default_str();
  gen->add_option("--format", args->format, "Output format (default: from the -o extension, else jsonl)")
      ->check(CLI::IsMember({"jsonl", "csv", "xes"}));
  gen->add_option("-o,--output", args->output, "Output file, '-' for standard output")->capture_default_str();
  gen->add_option("--fault-rate", args->fault_rate,
                  "Share of cases written as malformed lines/rows/traces (0.001 = 0.1 %)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  gen->add_flag("--no-bad-lines", args->no_bad_lines, "Write no malformed lines (same as --fault-rate 0)");
  gen->footer(
      "Examples:\n"
      "  frist gen --cases 1000 --seed 7 -o sager.jsonl\n"
      "  frist gen --cases 1000000 --format csv --no-bad-lines > sager.csv\n"
      "  frist gen --cases 500 -o sager.xes && frist report rulesets/barnets_lov.frist --cases sager.xes\n");
  gen->callback([args, &exit_code] { exit_code = run_gen(*args); });
}

}  // namespace frist::cli

// `frist check FILE…`: parse, resolve and type-check rulesets and modules;
// diagnostics in the style of rustc (or JSON for editors). Exit 1 when any
// file has errors, 2 when a file cannot be read.
#include <fmt/core.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "compiler/check.hpp"
#include "compiler/compile.hpp"
#include "runtime/common/json_text.hpp"

namespace frist::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::vector<std::string> lib_dirs;
  std::string format = "text";
};

int run_check(const CheckOptions& o) {
  compiler::DiagnosticSink sink;
  bool unreadable = false;
  std::vector<std::unique_ptr<compiler::Program>> programs;
  for (const std::string& file : o.files) {
    auto program = compiler::load_program(file, compile_options(o.lib_dirs), sink);
    if (!program) {
      unreadable = true;
      continue;
    }
    if (!compiler::loading_failed(sink)) compiler::check_program(*program, sink);
    programs.push_back(std::move(program));
  }
  sink.sort_by_location();
  if (o.format == "json") {
    std::string out = "{\"diagnostics\":[";
    bool first = true;
    for (const auto& d : sink.diagnostics()) {
      if (!first) out += ',';
      first = false;
      out += compiler::render_json(d);
    }
    out += fmt::format("],\"errors\":{},\"warnings\":{}}}\n", sink.error_count(), sink.warning_count());
    fmt::print("{}", out);
  } else {
    print_diagnostics(sink);
    const bool da = !programs.empty() && programs.front()->root && programs.front()->root->lang == grammar::Lang::Da;
    if (sink.error_count() == 0 && !unreadable) {
      fmt::print(stderr, fmt::runtime(da ? "frist check: {} fil(er) i orden ({} advarsler)\n" : "frist check: {} file(s) OK ({} warnings)\n"),
                 o.files.size(), sink.warning_count());
    } else {
      fmt::print(stderr, fmt::runtime(da ? "frist check: {} fejl, {} advarsler\n" : "frist check: {} error(s), {} warning(s)\n"),
                 sink.error_count(), sink.warning_count());
    }
  }
  if (unreadable) return 2;
  return sink.has_errors() ? 1 : 0;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* sub = app.add_subcommand("check", "Parse, resolve and type-check ruleset and module files");
  sub->footer(
      "Examples:\n"
      "  frist check rulesets/serviceloven.frist\n"
      "  frist check --format json mine_regler.frist      # for editors\n"
      "Exit codes: 0 no errors, 1 errors found, 2 a file could not be read.");
  sub->add_option("FILE", o->files, "Ruleset or module files (.frist)")->required();
  add_lib_option(sub, o->lib_dirs);
  sub->add_option("--format", o->format, "Output: text (rustc-style, on stderr) or json (on stdout)")
      ->check(CLI::IsMember({"text", "json"}));
  sub->callback([o, &exit_code] { exit_code = run_check(*o); });
}

}  // namespace frist::cli

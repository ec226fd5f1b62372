// Helpers shared by the subcommands.
#include "cli/common.hpp"

#include <fmt/core.h>
#include <unistd.h>

namespace frist::cli {

bool is_terminal(std::FILE* f) { return ::isatty(::fileno(f)) == 1; }

void add_lib_option(CLI::App* sub, std::vector<std::string>& lib_dirs) {
  sub->add_option("--lib", lib_dirs, "Another folder to look for modules in (after rulesets/ and stdlib/); repeatable")
      ->check(CLI::ExistingDirectory);
}

compiler::CompileOptions compile_options(const std::vector<std::string>& lib_dirs) {
  compiler::CompileOptions o;
  o.lib_dirs = lib_dirs;
  o.home = compiler::default_home();
  return o;
}

void print_diagnostics(const compiler::DiagnosticSink& sink) {
  const bool color = is_terminal(stderr);
  for (const compiler::Diagnostic& d : sink.diagnostics()) {
    fmt::print(stderr, "{}\n", compiler::render_text(d, sink, color));
  }
}

}  // namespace frist::cli

// The command dispatcher: one CLI11 app, one subcommand per tool.
#include "cli/app.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "runtime/bytecode/format_version.hpp"

namespace frist::cli {

int run_app(int argc, char** argv) {
  CLI::App app{
      "frist — rules-as-code for legal deadlines.\n"
      "Compile rulesets written in the Frist language and evaluate them against case timelines.\n\n"
      "Examples:\n"
      "  frist check rulesets/serviceloven.frist\n"
      "  frist run rulesets/barnets_lov.frist --cases sager.jsonl --as-of 2024-12-31\n"
      "  frist report rulesets/serviceloven_ast2023.frist rulesets/barnets_lov.frist --cases sager.jsonl --group-by kommune",
      "frist"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "Print the version and the bytecode format version");

  int exit_code = 0;
  add_check_command(app, exit_code);
  add_run_command(app, exit_code);
  add_report_command(app, exit_code);
  add_explain_command(app, exit_code);
  add_diff_command(app, exit_code);
  add_compile_command(app, exit_code);
  add_disasm_command(app, exit_code);
  add_test_command(app, exit_code);
  add_fmt_command(app, exit_code);
  add_gen_command(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (show_version) {
    fmt::print("frist {} (bytecode format {})\n", FRIST_VERSION, bytecode::kFormatVersion);
    return 0;
  }
  if (app.get_subcommands().empty()) {
    fmt::print("{}", app.help());
    return 2;
  }
  return exit_code;
}

}  // namespace frist::cli

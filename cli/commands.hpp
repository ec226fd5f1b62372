// One registration function per `frist` subcommand. Each adds its CLI11
// subcommand (options, --help text with an example) and, when the
// subcommand runs, stores its exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace frist::cli {

void add_check_command(CLI::App& app, int& exit_code);
void add_compile_command(CLI::App& app, int& exit_code);
void add_disasm_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);
void add_diff_command(CLI::App& app, int& exit_code);
void add_test_command(CLI::App& app, int& exit_code);
void add_fmt_command(CLI::App& app, int& exit_code);
void add_gen_command(CLI::App& app, int& exit_code);

}  // namespace frist::cli

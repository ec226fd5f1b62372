// Helpers shared by the subcommands: terminal detection, reading the
// diagnostics of a compilation to stderr, and the --lib option.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compiler/diagnostics.hpp"
#include "compiler/program.hpp"

namespace frist::cli {

bool is_terminal(std::FILE* f);

// Adds `--lib DIR` (repeatable) to a subcommand.
void add_lib_option(CLI::App* sub, std::vector<std::string>& lib_dirs);
compiler::CompileOptions compile_options(const std::vector<std::string>& lib_dirs);

// Prints every diagnostic of the sink to stderr (colour on a terminal).
void print_diagnostics(const compiler::DiagnosticSink& sink);

}  // namespace frist::cli

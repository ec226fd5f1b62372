// The command dispatcher of the `frist` binary: builds the CLI11 app with one
// subcommand per tool and runs it. Exit codes follow spec/cli.md: 0 success,
// 1 the command worked and found something, 2 usage error or unreadable input.
#pragma once

namespace frist::cli {

int run_app(int argc, char** argv);

}  // namespace frist::cli

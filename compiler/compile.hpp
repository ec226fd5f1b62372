// The compiler's one entry point for tools: load a file with everything it
// uses, check it, and (when there are no errors) lower it to a compiled
// ruleset. Diagnostics go to the sink.
#pragma once

#include <memory>
#include <string>

#include "compiler/check.hpp"
#include "compiler/diagnostics.hpp"
#include "compiler/program.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/time/zone.hpp"

namespace frist::compiler {

struct Compilation {
  std::unique_ptr<Program> program;                      // null when the file could not be read
  std::unique_ptr<CheckedProgram> checked;               // null when not loaded
  std::shared_ptr<bytecode::CompiledRuleset> ruleset;    // null when there were errors
};

// True when a module or amended base could not be loaded: checking would only
// repeat that as "unknown name" errors, so the tools stop after loading.
bool loading_failed(const DiagnosticSink& sink);

Compilation compile_file(const std::string& path, const CompileOptions& options, const time::Zone& zone,
                         DiagnosticSink& sink);

}  // namespace frist::compiler

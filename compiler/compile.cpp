// load → check → lower, stopping at the first stage with errors.
#include "compiler/compile.hpp"

#include "compiler/lower.hpp"

namespace frist::compiler {

bool loading_failed(const DiagnosticSink& sink) {
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.id == DiagId::UnknownModule || d.id == DiagId::UnknownBase || d.id == DiagId::ImportCycle ||
        d.id == DiagId::FileUnreadable || d.id == DiagId::WrongBaseFile || d.id == DiagId::TooManyRules)
      return true;
  }
  return false;
}

Compilation compile_file(const std::string& path, const CompileOptions& options, const time::Zone& zone,
                         DiagnosticSink& sink) {
  Compilation c;
  c.program = load_program(path, options, sink);
  if (!c.program) return c;
  if (loading_failed(sink)) return c;
  c.checked = check_program(*c.program, sink);
  if (sink.has_errors()) return c;
  c.ruleset = lower_program(*c.checked, zone, sink);
  if (sink.has_errors()) c.ruleset.reset();
  return c;
}

}  // namespace frist::compiler

// Reading one source file into an AST Module: UTF-8 and size checks, parsing,
// and conversion of the parse tree, with every problem reported to the sink.
#pragma once

#include "compiler/ast.hpp"
#include "compiler/diagnostics.hpp"

namespace frist::compiler {

// Always returns a module (possibly partial); errors are in the sink.
Module build_module(const SourcePtr& file, DiagnosticSink& sink);

}  // namespace frist::compiler

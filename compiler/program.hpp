// Assembling a compilation: load a root file and every module it uses
// (spec/language.md item 3: relative to the importing file, then the module
// roots rulesets/ and stdlib/, then --lib directories; cycles are errors),
// resolve an amendment against its base ruleset (replaced rules keep their
// place, added rules come after, removed rules disappear), and collect the
// declarations visible to the checker. Also computes the source hash, which
// covers the root file and everything it uses.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ast.hpp"
#include "compiler/diagnostics.hpp"

namespace frist::compiler {

struct CompileOptions {
  std::vector<std::string> lib_dirs;   // --lib, searched after the built-in roots
  std::string home;                    // where the shipped rulesets/ and stdlib/ live
};

// Where the shipped rulesets/ and stdlib/ are: $FRIST_HOME, else the source
// tree the binary was built from.
std::string default_home();

// A rule as it ends up in the assembled ruleset, pointing into its module.
struct RuleRef {
  const RuleDecl* decl = nullptr;
  const Module* module = nullptr;
};

struct Program {
  std::vector<std::unique_ptr<Module>> modules;  // every loaded module, owned
  const Module* root = nullptr;
  std::vector<const Module*> order;              // dependency order: used modules before users
  // The effective ruleset header (an amendment inherits from its base).
  std::optional<RulesetHeader> header;           // copies without case_date expressions
  const Module* case_date_module = nullptr;      // whose header's case-date rule applies
  const Module* calendar_module = nullptr;       // whose header names the calendar
  std::vector<RuleRef> rules;
  // Everything declared by the loaded modules, by name.
  std::map<std::string, std::pair<const EventDeclAst*, const Module*>> events;
  std::map<std::string, std::pair<const AttrDeclAst*, const Module*>> case_attributes;
  std::map<std::string, std::pair<const FunctionDecl*, const Module*>> functions;
  std::map<std::string, std::pair<const TemplateDecl*, const Module*>> templates;
  std::map<std::string, std::pair<const CalendarDecl*, const Module*>> calendars;
  std::string source_sha256;                     // hex
  std::vector<std::string> loaded_paths;         // for diagnostics and docs

  const RulesetHeader* ruleset_header() const { return header ? &*header : nullptr; }
  const std::vector<ExprPtr>& case_date() const;
};

// Loads and assembles. Returns nullptr only when the root file cannot be
// read; otherwise a (possibly partial) program, with problems in the sink.
std::unique_ptr<Program> load_program(const std::string& path, const CompileOptions& options, DiagnosticSink& sink);

}  // namespace frist::compiler

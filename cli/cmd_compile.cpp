// `frist compile FILE -o OUT.fristc` and `frist disasm FILE.fristc`: write a
// ruleset (with everything it uses) as one verified bytecode file, and list
// one in readable form.
#include <fmt/core.h>

#include <fstream>
#include <iterator>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "compiler/compile.hpp"

namespace frist::cli {
namespace {

struct CompileOptions {
  std::string file;
  std::string output;
  std::vector<std::string> lib_dirs;
};

int run_compile(const CompileOptions& o) {
  auto zone = time::Zone::load();
  if (!zone) {
    fmt::print(stderr, "frist: {}\n", zone.error().message);
    return 2;
  }
  compiler::DiagnosticSink sink;
  compiler::Compilation c = compiler::compile_file(o.file, compile_options(o.lib_dirs), *zone, sink);
  sink.sort_by_location();
  print_diagnostics(sink);
  if (!c.program) return 2;
  if (!c.ruleset) return 1;
  std::string out = o.output;
  if (out.empty()) {
    out = o.file;
    if (out.size() > 6 && out.substr(out.size() - 6) == ".frist") out.resize(out.size() - 6);
    out += ".fristc";
  }
  const std::vector<std::uint8_t> bytes = bytecode::write_file(*c.ruleset);
  std::ofstream f(out, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!f) {
    fmt::print(stderr, "frist: cannot write {}\n", out);
    return 2;
  }
  fmt::print(stderr, "frist: wrote {} ({} bytes, {} rules)\n", out, bytes.size(), c.ruleset->rules.size());
  return 0;
}

int run_disasm(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "frist: cannot read {}\n", file);
    return 2;
  }
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto r = bytecode::read_file(bytes);
  if (!r) {
    fmt::print(stderr, "frist: {}: {}\n", file, r.error().message);
    return 2;
  }
  fmt::print("{}", bytecode::disassemble(*r));
  return 0;
}

}  // namespace

void add_compile_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CompileOptions>();
  CLI::App* sub = app.add_subcommand("compile", "Compile a ruleset (with everything it uses) to one bytecode file");
  sub->footer(
      "Examples:\n"
      "  frist compile rulesets/serviceloven.frist -o serviceloven.fristc\n"
      "  frist run serviceloven.fristc --cases sager.jsonl\n"
      "The same source always gives the same bytes. Exit codes: 0 written, 1 the ruleset has errors, 2 unreadable or unwritable.");
  sub->add_option("FILE", o->file, "The ruleset (.frist)")->required();
  sub->add_option("-o,--output", o->output, "Where to write (default: FILE with .fristc)");
  add_lib_option(sub, o->lib_dirs);
  sub->callback([o, &exit_code] { exit_code = run_compile(*o); });
}

void add_disasm_command(CLI::App& app, int& exit_code) {
  auto file = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("disasm", "List a compiled ruleset: header, vocabulary, constants, each rule's code");
  sub->footer("Example:\n  frist disasm serviceloven.fristc | less");
  sub->add_option("FILE", *file, "A compiled ruleset (.fristc)")->required();
  sub->callback([file, &exit_code] { exit_code = run_disasm(*file); });
}

}  // namespace frist::cli

// `frist fmt FILE… [--check] [--write] [--to da|en]`: canonical formatting
// of Frist source (compiler/format/). Without flags the formatted text goes
// to standard output; --write rewrites files that change; --check prints a
// unified diff of every file that is not formatted and exits 1. A file that
// does not parse is reported with its diagnostics and never rewritten.
#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "compiler/build_ast.hpp"
#include "compiler/format/format.hpp"
#include "compiler/format/unified_diff.hpp"

namespace frist::cli {
namespace {

namespace fs = std::filesystem;

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;
  bool write = false;
  std::string to;
};

// Writes next to the file and renames over it, so an interrupted write
// never leaves half a ruleset behind.
bool replace_file(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".fmt-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

// The syntax errors of a file that does not parse, as `frist check` shows them.
void report_unparsable(const compiler::SourcePtr& file) {
  compiler::DiagnosticSink sink;
  compiler::build_module(file, sink);
  sink.sort_by_location();
  print_diagnostics(sink);
}

void report_problems(const compiler::SourceFile& file, const std::vector<compiler::format::FormatProblem>& problems,
                     bool da) {
  for (const auto& p : problems) {
    const compiler::LineCol lc = file.line_col(p.begin);
    fmt::print(stderr, "{}: {}:{}:{}: {}\n", da ? "fejl" : "error", file.path(), lc.line, lc.column, p.message);
  }
}

// The files named, with every .frist file under a named folder (sorted).
std::vector<std::string> expand(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file() && it->path().extension() == ".frist") found.push_back(it->path().string());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

int run_fmt(const FmtOptions& o) {
  const std::vector<std::string> files = expand(o.files);
  compiler::format::FormatOptions options;
  if (o.to == "da") options.to = grammar::Lang::Da;
  if (o.to == "en") options.to = grammar::Lang::En;
  int code = 0;
  std::size_t unformatted = 0;
  bool danish = false;
  for (const std::string& path : files) {
    auto file = compiler::SourceFile::read(path);
    if (!file) {
      fmt::print(stderr, "frist fmt: {}\n", file.error().message);
      code = 2;
      continue;
    }
    const compiler::SourcePtr source = std::move(*file);
    const std::string_view text = source->text();
    const compiler::format::FormatResult r = compiler::format::format_source(text, options);
    danish = danish || r.lang == grammar::Lang::Da;
    if (!r.parsed) {
      report_unparsable(source);
      code = std::max(code, 1);
      continue;
    }
    if (!r.problems.empty()) {
      report_problems(*source, r.problems, r.lang == grammar::Lang::Da);
      code = std::max(code, 1);
      continue;
    }
    if (o.check) {
      if (r.text != text) {
        fmt::print("{}", compiler::format::unified_diff(text, r.text, path));
        ++unformatted;
        code = std::max(code, 1);
      }
    } else if (o.write) {
      if (r.text == text) continue;
      if (!replace_file(path, r.text)) {
        fmt::print(stderr, "frist fmt: cannot write {}\n", path);
        code = 2;
      } else {
        fmt::print(stderr, "{}: {}\n", r.lang == grammar::Lang::Da ? "formateret" : "formatted", path);
      }
    } else {
      fmt::print("{}", r.text);
    }
  }
  if (o.check && unformatted > 0) {
    fmt::print(stderr, fmt::runtime(danish ? "frist fmt: {} af {} fil(er) er ikke formateret (ret dem med frist fmt --write)\n"
                                           : "frist fmt: {} of {} file(s) not formatted (fix with frist fmt --write)\n"),
               unformatted, files.size());
  }
  return code;
}

}  // namespace

void add_fmt_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<FmtOptions>();
  CLI::App* sub = app.add_subcommand("fmt", "Format Frist source in the one canonical layout, optionally in the other keyword language");
  sub->footer(
      "Examples:\n"
      "  frist fmt mine_regler.frist                 # the formatted file on standard output\n"
      "  frist fmt --write rulesets/*.frist          # rewrite files in place\n"
      "  frist fmt --check rulesets stdlib           # CI: diff and exit 1 when a file is not formatted\n"
      "  frist fmt --to en serviceloven.frist        # the same rules with English keywords\n"
      "Comments and doc strings are kept; the formatted file compiles to the same rules.\n"
      "Exit codes: 0 done (or formatted), 1 a file is not formatted (--check) or cannot be formatted, 2 unreadable input.");
  sub->add_option("FILE", o->files, "Frist source files (.frist), or folders searched recursively for them")->required();
  auto* check = sub->add_flag("--check", o->check, "Print a unified diff of each file that is not formatted; exit 1 if any");
  auto* write = sub->add_flag("--write", o->write, "Rewrite the files in place (only those that change)");
  check->excludes(write);
  sub->add_option("--to", o->to, "Rewrite the keywords into this language (the language line too)")
      ->check(CLI::IsMember({"da", "en"}));
  sub->callback([o, &exit_code] { exit_code = run_fmt(*o); });
}

}  // namespace frist::cli

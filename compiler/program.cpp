// Module loading, amendments and the declaration tables of a compilation.
#include "compiler/program.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "compiler/build_ast.hpp"

#ifndef FRIST_SOURCE_ROOT
#define FRIST_SOURCE_ROOT "."
#endif

namespace frist::compiler {
namespace fs = std::filesystem;

std::string default_home() {
  if (const char* env = std::getenv("FRIST_HOME"); env != nullptr && *env != '\0') return env;
  return FRIST_SOURCE_ROOT;
}

const std::vector<ExprPtr>& Program::case_date() const {
  static const std::vector<ExprPtr> kNone;
  if (case_date_module == nullptr || !case_date_module->header) return kNone;
  return case_date_module->header->case_date;
}

namespace {

std::string dotted_to_path(const std::string& dotted) {
  std::string p = dotted;
  for (char& c : p)
    if (c == '.') c = '/';
  return p + ".frist";
}

class Loader {
 public:
  Loader(const CompileOptions& options, DiagnosticSink& sink, Program& program)
      : options_(options), sink_(sink), program_(program) {}

  std::vector<fs::path> roots() const {
    std::vector<fs::path> out;
    const fs::path home = options_.home.empty() ? fs::path(default_home()) : fs::path(options_.home);
    out.push_back(home / "rulesets");
    out.push_back(home / "stdlib");
    for (const std::string& d : options_.lib_dirs) out.emplace_back(d);
    return out;
  }

  // Candidate files for `relative` (a/b.frist) seen from `importer_dir`.
  std::vector<fs::path> candidates(const fs::path& importer_dir, const std::string& relative) const {
    std::vector<fs::path> out;
    out.push_back(importer_dir / relative);
    for (const fs::path& r : roots()) out.push_back(r / relative);
    return out;
  }

  static std::string canonical(const fs::path& p) {
    std::error_code ec;
    const fs::path c = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal().string() : c.string();
  }

  // Loads a file (once); returns its module or nullptr when unreadable.
  Module* load_file(const fs::path& path, Span used_at) {
    const std::string key = canonical(path);
    if (auto it = by_path_.find(key); it != by_path_.end()) return it->second;
    auto source = SourceFile::read(path.string());
    if (!source) {
      sink_.report(DiagId::FileUnreadable, used_at, path.string());
      return nullptr;
    }
    auto module = std::make_unique<Module>(build_module(*source, sink_));
    Module* m = module.get();
    program_.modules.push_back(std::move(module));
    program_.loaded_paths.push_back(path.string());
    by_path_[key] = m;
    return m;
  }

  // Loads `m`'s uses (and amended base) depth-first; `stack` detects cycles.
  void load_dependencies(Module* m, std::vector<Module*>& stack) {
    if (std::find(done_.begin(), done_.end(), m) != done_.end()) return;
    stack.push_back(m);
    const fs::path dir = fs::path(m->file->path()).parent_path();
    auto visit = [&](Module* dep, Span at) {
      if (dep == nullptr) return;
      if (std::find(stack.begin(), stack.end(), dep) != stack.end()) {
        std::string cycle;
        bool in = false;
        for (Module* s : stack) {
          in = in || s == dep;
          if (in) cycle += fs::path(s->file->path()).filename().string() + " → ";
        }
        cycle += fs::path(dep->file->path()).filename().string();
        sink_.report(DiagId::ImportCycle, at, cycle);
        return;
      }
      load_dependencies(dep, stack);
    };
    for (const UseDecl& u : m->uses) {
      Module* dep = nullptr;
      for (const fs::path& c : candidates(dir, dotted_to_path(u.module))) {
        std::error_code ec;
        if (fs::is_regular_file(c, ec)) {
          dep = load_file(c, u.span);
          break;
        }
      }
      if (dep == nullptr) {
        Diagnostic& d = sink_.report(DiagId::UnknownModule, u.span, u.module);
        d.notes.push_back(DiagNote{Span{}, searched_note(dir, dotted_to_path(u.module), m)});
        continue;
      }
      dependencies_[m].push_back(dep);
      visit(dep, u.span);
    }
    if (m->header && m->header->amends) {
      Module* base = nullptr;
      for (const fs::path& c : candidates(dir, *m->header->amends + ".frist")) {
        std::error_code ec;
        if (fs::is_regular_file(c, ec)) {
          base = load_file(c, m->header->amends_span);
          break;
        }
      }
      if (base == nullptr) {
        Diagnostic& d = sink_.report(DiagId::UnknownBase, m->header->amends_span, *m->header->amends);
        d.notes.push_back(DiagNote{Span{}, searched_note(dir, *m->header->amends + ".frist", m)});
      } else if (!base->header || base->header->id != *m->header->amends) {
        sink_.report(DiagId::WrongBaseFile, m->header->amends_span, base->file->path(),
                     base->header ? base->header->id : std::string("-"), *m->header->amends);
      } else {
        bases_[m] = base;
        dependencies_[m].push_back(base);
        visit(base, m->header->amends_span);
      }
    }
    stack.pop_back();
    done_.push_back(m);  // post-order: dependencies before dependents
  }

  std::string searched_note(const fs::path& dir, const std::string& relative, const Module* m) const {
    std::string where;
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    for (const fs::path& c : candidates(dir, relative)) {
      if (!where.empty()) where += ", ";
      // Shown relative to the working directory when it lies below it.
      const fs::path rel = c.is_absolute() && !ec ? c.lexically_relative(cwd) : c;
      where += (!rel.empty() && rel.native().rfind("..", 0) != 0 ? rel : c).lexically_normal().string();
    }
    return sink_.language_of(m->file.get()) == Lang::Da ? "søgt i: " + where : "searched: " + where;
  }

  const std::vector<Module*>& order() const { return done_; }
  Module* base_of(const Module* m) const {
    auto it = bases_.find(m);
    return it == bases_.end() ? nullptr : it->second;
  }

 private:
  const CompileOptions& options_;
  DiagnosticSink& sink_;
  Program& program_;
  std::map<std::string, Module*> by_path_;
  std::vector<Module*> done_;
  std::map<const Module*, std::vector<Module*>> dependencies_;
  std::map<const Module*, Module*> bases_;
};

const char* decl_word(Lang lang, const char* da, const char* en) { return lang == Lang::Da ? da : en; }

// Declarations are global to a compilation; the same name twice is an error
// (the same module loaded along two paths is loaded once).
template <typename Decl>
void declare(std::map<std::string, std::pair<const Decl*, const Module*>>& table, const std::string& name,
             const Decl* decl, const Module* m, Span span, const char* what_da, const char* what_en,
             DiagnosticSink& sink) {
  auto [it, inserted] = table.emplace(name, std::make_pair(decl, m));
  if (!inserted) {
    Diagnostic& d = sink.report(DiagId::DuplicateDecl, span, decl_word(sink.language_of(span.file), what_da, what_en), name);
    d.notes.push_back(DiagNote{it->second.first->span, sink.language_of(span.file) == Lang::Da ? "første gang her" : "first declared here"});
  }
}

// tests/limits: a ruleset has at most this many rules, and a file at most
// this many rule declarations and removals. Checked before the id lookups
// below, which are linear per rule.
constexpr std::size_t kMaxRules = 10'000;

// The rule list of `m` as a ruleset: its base's list with replacements,
// removals and additions applied.
std::vector<RuleRef> assemble_rules(const Module* m, const Loader& loader, DiagnosticSink& sink) {
  std::vector<RuleRef> rules;
  const Module* base = loader.base_of(m);
  if (base != nullptr) rules = assemble_rules(base, loader, sink);
  if (m->rules.size() + m->removals.size() > kMaxRules) {
    const Span at = m->rules.size() > kMaxRules ? m->rules[kMaxRules].id_span : Span{m->file.get(), 0, 0};
    sink.report(DiagId::TooManyRules, at, m->rules.size() + m->removals.size(), kMaxRules);
    return rules;
  }
  const std::string base_id = base && base->header ? base->header->id : std::string();
  // An amendment whose base could not be loaded was reported already.
  const bool base_missing = base == nullptr && m->header && m->header->amends;
  auto find = [&](const std::string& id) {
    for (std::size_t i = 0; i < rules.size(); ++i)
      if (rules[i].decl->id == id) return static_cast<std::ptrdiff_t>(i);
    return static_cast<std::ptrdiff_t>(-1);
  };
  const std::size_t inherited = rules.size();
  for (const RemoveDecl& r : m->removals) {
    if (base_missing) continue;
    if (base == nullptr) {
      sink.report(DiagId::AmendWithoutBase, r.span, sink.language_of(r.span.file) == Lang::Da ? "fjern regel" : "remove rule");
      continue;
    }
    const auto i = find(r.id);
    if (i < 0) {
      Diagnostic& d = sink.report(DiagId::RemoveUnknown, r.span, r.id, base_id);
      std::vector<std::string> ids;
      for (const RuleRef& x : rules) ids.push_back(x.decl->id);
      if (auto best = closest_match(r.id, ids); !best.empty()) d.help = sink.did_you_mean(r.span.file, best);
      continue;
    }
    rules.erase(rules.begin() + i);
  }
  for (const RuleDecl& rule : m->rules) {
    const auto i = find(rule.id);
    if (rule.replaces) {
      if (base_missing) continue;
      if (base == nullptr) {
        sink.report(DiagId::AmendWithoutBase, rule.id_span, sink.language_of(rule.id_span.file) == Lang::Da ? "erstat regel" : "replace rule");
        continue;
      }
      if (i < 0 || static_cast<std::size_t>(i) >= inherited) {
        Diagnostic& d = sink.report(DiagId::ReplaceUnknown, rule.id_span, rule.id, base_id);
        std::vector<std::string> ids;
        for (std::size_t k = 0; k < std::min(inherited, rules.size()); ++k) ids.push_back(rules[k].decl->id);
        if (auto best = closest_match(rule.id, ids); !best.empty()) d.help = sink.did_you_mean(rule.id_span.file, best);
        continue;
      }
      rules[static_cast<std::size_t>(i)] = RuleRef{&rule, m};
      continue;
    }
    if (i >= 0) {
      Diagnostic& d = sink.report(DiagId::DuplicateRule, rule.id_span, rule.id);
      d.notes.push_back(DiagNote{rules[static_cast<std::size_t>(i)].decl->id_span,
                                 sink.language_of(rule.id_span.file) == Lang::Da ? "første gang her" : "first defined here"});
      if (static_cast<std::size_t>(i) < inherited) {
        d.help = sink.language_of(rule.id_span.file) == Lang::Da ? "skriv 'erstat regel' for at erstatte grundregelsættets regel"
                                                                  : "write 'replace rule' to replace the base ruleset's rule";
      }
      continue;
    }
    if (rules.size() == kMaxRules) {
      sink.report(DiagId::TooManyRules, rule.id_span, rules.size() + 1, kMaxRules);
      break;
    }
    rules.push_back(RuleRef{&rule, m});
  }
  return rules;
}

// The header of `m` with everything not overridden taken from its base.
RulesetHeader effective_header(const Module* m, const Loader& loader, Program& program) {
  const RulesetHeader& own = *m->header;
  RulesetHeader h;
  h.id = own.id;
  h.id_span = own.id_span;
  h.title = own.title;
  h.span = own.span;
  h.amends = own.amends;
  h.amends_span = own.amends_span;
  const Module* base = loader.base_of(m);
  std::optional<RulesetHeader> inherited;
  if (base != nullptr && base->header) inherited = effective_header(base, loader, program);
  h.version = own.version ? own.version : (inherited ? inherited->version : std::nullopt);
  h.source = own.source ? own.source : (inherited ? inherited->source : std::nullopt);
  h.effective = own.effective ? own.effective : (inherited ? inherited->effective : std::nullopt);
  if (h.title.empty() && inherited) h.title = inherited->title;
  if (own.calendar) {
    h.calendar = own.calendar;
    h.calendar_span = own.calendar_span;
    program.calendar_module = m;
  } else if (inherited) {
    h.calendar = inherited->calendar;
    h.calendar_span = inherited->calendar_span;
  }
  if (!own.case_date.empty()) {
    program.case_date_module = m;
    h.case_date_span = own.case_date_span;
  } else if (inherited) {
    h.case_date_span = inherited->case_date_span;
  }
  return h;
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

}  // namespace

std::unique_ptr<Program> load_program(const std::string& path, const CompileOptions& options, DiagnosticSink& sink) {
  auto program = std::make_unique<Program>();
  Loader loader(options, sink, *program);
  auto source = SourceFile::read(path);
  if (!source) {
    sink.report(DiagId::FileUnreadable, Span{}, path);
    return nullptr;
  }
  auto root_module = std::make_unique<Module>(build_module(*source, sink));
  Module* root = root_module.get();
  program->modules.push_back(std::move(root_module));
  program->loaded_paths.push_back(path);
  program->root = root;
  std::vector<Module*> stack;
  loader.load_dependencies(root, stack);

  for (const Module* m : loader.order()) program->order.push_back(m);
  // Declaration tables, in dependency order (used modules first).
  for (const Module* m : loader.order()) {
    for (const EventDeclAst& e : m->events)
      declare(program->events, e.name, &e, m, e.span, "hændelsestypen", "event type", sink);
    for (const AttrDeclAst& a : m->case_attributes)
      declare(program->case_attributes, a.name, &a, m, a.span, "sagsattributten", "case attribute", sink);
    for (const FunctionDecl& f : m->functions)
      declare(program->functions, f.name, &f, m, f.span, "funktionen", "function", sink);
    for (const TemplateDecl& t : m->templates)
      declare(program->templates, t.name, &t, m, t.span, "skabelonen", "template", sink);
    for (const CalendarDecl& c : m->calendars)
      declare(program->calendars, c.name, &c, m, c.span, "kalenderen", "calendar", sink);
  }

  if (root->header) {
    program->header = effective_header(root, loader, *program);
    if (program->case_date_module == nullptr) {
      for (const Module* b = loader.base_of(root); b != nullptr; b = loader.base_of(b)) {
        if (b->header && !b->header->case_date.empty()) {
          program->case_date_module = b;
          break;
        }
      }
    }
    if (program->calendar_module == nullptr) {
      for (const Module* b = loader.base_of(root); b != nullptr; b = loader.base_of(b)) {
        if (b->header && b->header->calendar) {
          program->calendar_module = b;
          break;
        }
      }
    }
  }
  program->rules = assemble_rules(root, loader, sink);

  // The source hash covers the root and everything it uses, in load order,
  // each file framed by its length so no two sets of files hash alike.
  std::string material;
  for (const Module* m : loader.order()) {
    const std::string_view text = m->file->text();
    material += std::to_string(text.size());
    material += '\n';
    material.append(text.data(), text.size());
  }
  program->source_sha256 = sha256_hex(material);
  return program;
}

}  // namespace frist::compiler

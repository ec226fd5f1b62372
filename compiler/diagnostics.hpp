// Diagnostics as values: {code, severity, span, message, notes, help},
// collected in a sink per compilation and rendered like rustc (file:line:col,
// the source line, a caret under the span, help) or as JSON for editors.
// Messages come from one table (diagnostics.def) in Danish and English; the
// language of the file the diagnostic points into picks the text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "compiler/source.hpp"
#include "grammar/keywords.hpp"

namespace frist::compiler {

enum class Severity : std::uint8_t { Error, Warning, Note };

enum class DiagId : std::uint16_t {
#define DIAG(code, name, severity, da, en) name,
#include "compiler/diagnostics.def"
#undef DIAG
};

const char* diag_code(DiagId id) noexcept;
Severity diag_severity(DiagId id) noexcept;
std::string_view diag_format(DiagId id, grammar::Lang lang) noexcept;

struct DiagNote {
  Span span;                 // may have no file: a note without a location
  std::string message;
};

struct Diagnostic {
  DiagId id = DiagId::Syntax;
  Severity severity = Severity::Error;
  Span span;
  std::string message;
  std::vector<DiagNote> notes;
  std::string help;
};

// Collects diagnostics of one compilation; the same diagnostic at the same
// place is kept once.
class DiagnosticSink {
 public:
  // The language of a source file decides the language of messages about it.
  void set_language(const SourceFile* file, grammar::Lang lang);
  grammar::Lang language_of(const SourceFile* file) const noexcept;

  template <typename... Args>
  Diagnostic& report(DiagId id, Span span, const Args&... args) {
    const grammar::Lang lang = language_of(span.file);
    return add(id, span, fmt::vformat(diag_format(id, lang), fmt::make_format_args(args...)));
  }
  Diagnostic& add(DiagId id, Span span, std::string message);

  // Localised helper texts for notes and help lines.
  std::string did_you_mean(const SourceFile* file, std::string_view candidate) const;

  bool has_errors() const noexcept { return errors_ > 0; }
  std::size_t error_count() const noexcept { return errors_; }
  std::size_t warning_count() const noexcept { return warnings_; }
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  void sort_by_location();

 private:
  std::vector<Diagnostic> diagnostics_;
  Diagnostic suppressed_;  // returned for a suppressed report, so callers can still add help
  std::vector<std::pair<const SourceFile*, grammar::Lang>> languages_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

// rustc-style text; `color` adds ANSI colours (only when writing to a terminal).
std::string render_text(const Diagnostic& d, const DiagnosticSink& sink, bool color);
// One JSON object per diagnostic (for `frist check --format json`).
std::string render_json(const Diagnostic& d);

// The closest candidate by edit distance (case-insensitive, in code points),
// or "" when nothing is close enough to be a plausible typo.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace frist::compiler

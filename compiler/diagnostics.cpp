// The diagnostic table, the sink, rustc-style and JSON rendering, and the
// edit-distance search behind "did you mean …?".
#include "compiler/diagnostics.hpp"

#include <algorithm>
#include <array>

#include "runtime/common/json_text.hpp"
#include "runtime/common/utf8.hpp"

namespace frist::compiler {
namespace {

struct DiagRow {
  const char* code;
  Severity severity;
  std::string_view da;
  std::string_view en;
};

constexpr DiagRow kRows[] = {
#define DIAG(code, name, severity, da, en) DiagRow{code, Severity::severity, da, en},
#include "compiler/diagnostics.def"
#undef DIAG
};

const DiagRow& row(DiagId id) { return kRows[static_cast<std::size_t>(id)]; }

std::string_view severity_word(Severity s, grammar::Lang lang) {
  const bool da = lang == grammar::Lang::Da;
  switch (s) {
    case Severity::Error: return da ? "fejl" : "error";
    case Severity::Warning: return da ? "advarsel" : "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) { out.push_back(static_cast<unsigned char>(s[i])); ++i; continue; }
    char32_t cp = static_cast<unsigned char>(s[i]);
    if (len > 1) {
      cp &= (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    // Case-fold ASCII and the Danish letters for the comparison.
    if (cp >= 'A' && cp <= 'Z') cp += 32;
    if (cp == 0xC6 || cp == 0xD8 || cp == 0xC5) cp += 32;
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

const char* diag_code(DiagId id) noexcept { return row(id).code; }
Severity diag_severity(DiagId id) noexcept { return row(id).severity; }
std::string_view diag_format(DiagId id, grammar::Lang lang) noexcept {
  return lang == grammar::Lang::Da ? row(id).da : row(id).en;
}

void DiagnosticSink::set_language(const SourceFile* file, grammar::Lang lang) {
  for (auto& [f, l] : languages_) {
    if (f == file) { l = lang; return; }
  }
  languages_.emplace_back(file, lang);
}

grammar::Lang DiagnosticSink::language_of(const SourceFile* file) const noexcept {
  for (const auto& [f, l] : languages_)
    if (f == file) return l;
  // Without a file (e.g. a module that could not be read), the language of
  // the first file compiled decides.
  return languages_.empty() ? grammar::Lang::En : languages_.front().second;
}

Diagnostic& DiagnosticSink::add(DiagId id, Span span, std::string message) {
  const Severity severity = diag_severity(id);
  // The same diagnostic at the same place twice (a function body inlined at
  // several calls, a template expanded twice) is reported once. Cascades are
  // avoided by the checker's error type, not here.
  for (const Diagnostic& d : diagnostics_) {
    if (d.id == id && d.span.file == span.file && d.span.begin == span.begin && d.span.end == span.end) {
      suppressed_ = Diagnostic{};
      return suppressed_;
    }
  }
  Diagnostic d;
  d.id = id;
  d.severity = severity;
  d.span = span;
  d.message = std::move(message);
  diagnostics_.push_back(std::move(d));
  if (severity == Severity::Error) ++errors_;
  if (severity == Severity::Warning) ++warnings_;
  return diagnostics_.back();
}

std::string DiagnosticSink::did_you_mean(const SourceFile* file, std::string_view candidate) const {
  return language_of(file) == grammar::Lang::Da ? fmt::format("mente du '{}'?", candidate)
                                                : fmt::format("did you mean '{}'?", candidate);
}

void DiagnosticSink::sort_by_location() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const std::string_view pa = a.span.file ? std::string_view(a.span.file->path()) : std::string_view();
    const std::string_view pb = b.span.file ? std::string_view(b.span.file->path()) : std::string_view();
    if (pa != pb) return pa < pb;
    return a.span.begin < b.span.begin;
  });
}

std::string render_text(const Diagnostic& d, const DiagnosticSink& sink, bool color) {
  const grammar::Lang lang = sink.language_of(d.span.file);
  const char* bold = color ? "\x1b[1m" : "";
  const char* red = color ? "\x1b[1;31m" : "";
  const char* yellow = color ? "\x1b[1;33m" : "";
  const char* blue = color ? "\x1b[1;34m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  const char* sev_color = d.severity == Severity::Error ? red : yellow;

  std::string out = fmt::format("{}{}[{}]{}: {}{}{}\n", sev_color, severity_word(d.severity, lang), diag_code(d.id), reset,
                                bold, d.message, reset);
  auto excerpt = [&](const Span& span) {
    if (span.file == nullptr) return;
    const SourceFile& f = *span.file;
    const LineCol start = f.line_col(span.begin);
    const LineCol stop = f.line_col(std::max(span.begin, span.end));
    const std::string line_no = std::to_string(start.line);
    const std::string gutter(line_no.size(), ' ');
    out += fmt::format("{}{}-->{} {}:{}:{}\n", gutter, blue, reset, f.path(), start.line, start.column);
    const std::string_view text = f.line_text(start.line);
    out += fmt::format("{} {}|{}\n", gutter, blue, reset);
    out += fmt::format("{}{} |{} {}\n", blue, line_no, reset, text);
    // Caret under the span (to the end of the line when the span continues).
    const std::uint32_t line_chars = count_code_points(text);
    const std::uint32_t first = start.column;
    std::uint32_t last = stop.line == start.line ? stop.column : line_chars + 1;
    if (last <= first) last = first + 1;
    std::string marks(last - first, '^');
    // Leading whitespace of the line is copied so tabs line up.
    std::string pad;
    std::uint32_t col = 1;
    for (std::size_t i = 0; i < text.size() && col < first;) {
      const std::size_t len = std::max<std::size_t>(1, utf8_sequence_length(text, i));
      pad += text[i] == '\t' ? '\t' : ' ';
      i += len;
      ++col;
    }
    while (col < first) { pad += ' '; ++col; }
    out += fmt::format("{} {}|{} {}{}{}{}\n", gutter, blue, reset, pad, sev_color, marks, reset);
  };
  excerpt(d.span);
  for (const DiagNote& n : d.notes) {
    if (n.span.file != nullptr) {
      const LineCol lc = n.span.file->line_col(n.span.begin);
      out += fmt::format("  {}= note{}: {} ({}:{}:{})\n", blue, reset, n.message, n.span.file->path(), lc.line, lc.column);
    } else {
      out += fmt::format("  {}= note{}: {}\n", blue, reset, n.message);
    }
  }
  if (!d.help.empty()) {
    out += fmt::format("  {}= {}{}: {}\n", blue, lang == grammar::Lang::Da ? "hjælp" : "help", reset, d.help);
  }
  return out;
}

std::string render_json(const Diagnostic& d) {
  std::string out = "{\"code\":";
  append_json_string(out, diag_code(d.id));
  out += ",\"severity\":";
  append_json_string(out, d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note");
  out += ",\"message\":";
  append_json_string(out, d.message);
  if (d.span.file != nullptr) {
    const LineCol a = d.span.file->line_col(d.span.begin);
    const LineCol b = d.span.file->line_col(d.span.end);
    out += ",\"file\":";
    append_json_string(out, d.span.file->path());
    out += fmt::format(",\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{}", a.line, a.column, b.line, b.column);
  }
  out += ",\"notes\":[";
  for (std::size_t i = 0; i < d.notes.size(); ++i) {
    if (i) out += ',';
    out += "{\"message\":";
    append_json_string(out, d.notes[i].message);
    if (d.notes[i].span.file != nullptr) {
      const LineCol a = d.notes[i].span.file->line_col(d.notes[i].span.begin);
      out += ",\"file\":";
      append_json_string(out, d.notes[i].span.file->path());
      out += fmt::format(",\"line\":{},\"column\":{}", a.line, a.column);
    }
    out += '}';
  }
  out += ']';
  if (!d.help.empty()) {
    out += ",\"help\":";
    append_json_string(out, d.help);
  }
  out += '}';
  return out;
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  const std::u32string w = decode(word);
  std::size_t best = SIZE_MAX;
  std::string best_name;
  for (const std::string& c : candidates) {
    const std::u32string cc = decode(c);
    const std::size_t d = edit_distance(w, cc);
    if (d < best || (d == best && c < best_name)) {
      best = d;
      best_name = c;
    }
  }
  const std::size_t limit = std::max<std::size_t>(1, (w.size() + 2) / 3);
  return best <= limit ? best_name : std::string();
}

}  // namespace frist::compiler

// Rendering a Report (runtime/report/) in the formats of `frist report`:
// text (a terminal table, colour only on a terminal), Markdown, CSV, JSON
// and one self-contained HTML page. Every format is rendered from the Report
// alone, so a report merged from JSON files (`--merge`) renders exactly like
// one computed from the cases.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli/report/locale.hpp"
#include "runtime/report/report.hpp"

namespace frist::cli {

enum class ReportFormat { Text, Markdown, Csv, Json, Html };

// "text", "md", "csv", "json", "html"; nullopt for anything else.
std::optional<ReportFormat> parse_report_format(std::string_view name);
// From an output file's extension (.txt, .md, .csv, .json, .html/.htm).
std::optional<ReportFormat> report_format_from_path(std::string_view path);

struct RenderOptions {
  Locale locale;
  bool colour = false;  // text only: ANSI colour (a terminal that wants it)
};

std::string render_report(const report::Report& report, ReportFormat format, const RenderOptions& options);

// The formats, one file each.
std::string render_text(const report::Report& report, const RenderOptions& options);
std::string render_markdown(const report::Report& report, const RenderOptions& options);
std::string render_csv(const report::Report& report);
std::string render_html(const report::Report& report, const RenderOptions& options);

}  // namespace frist::cli

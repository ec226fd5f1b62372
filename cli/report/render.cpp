// Choosing the report format.
#include "cli/report/render.hpp"

#include "runtime/report/report_json.hpp"

namespace frist::cli {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::Text;
  if (name == "md") return ReportFormat::Markdown;
  if (name == "csv") return ReportFormat::Csv;
  if (name == "json") return ReportFormat::Json;
  if (name == "html") return ReportFormat::Html;
  return std::nullopt;
}

std::optional<ReportFormat> report_format_from_path(std::string_view path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".txt")) return ReportFormat::Text;
  if (ends(".md")) return ReportFormat::Markdown;
  if (ends(".csv")) return ReportFormat::Csv;
  if (ends(".json")) return ReportFormat::Json;
  if (ends(".html") || ends(".htm")) return ReportFormat::Html;
  return std::nullopt;
}

std::string render_report(const report::Report& report, ReportFormat format, const RenderOptions& options) {
  switch (format) {
    case ReportFormat::Text: return render_text(report, options);
    case ReportFormat::Markdown: return render_markdown(report, options);
    case ReportFormat::Csv: return render_csv(report);
    case ReportFormat::Json: return report::write_json(report);
    case ReportFormat::Html: return render_html(report, options);
  }
  return {};
}

}  // namespace frist::cli

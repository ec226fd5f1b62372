// The CSV RecordDecoder: the rows of one case (as the source grouped them)
// become events; `case.NAME` cells and the --case-attrs row become case
// attributes. Cells are untyped text, converted by the CaseBuilder to the
// declared type; a cell that does not convert names its line and column.
#include <fmt/format.h>

#include "runtime/common/utf8.hpp"
#include "runtime/io/case_builder.hpp"
#include "runtime/io/csv_decoder.hpp"
#include "runtime/io/csv_syntax.hpp"

namespace frist::io::csv {
namespace {

using Place = CaseBuilder::Place;

class CsvDecoder final : public RecordDecoder {
 public:
  CsvDecoder(std::shared_ptr<const Layout> layout, std::shared_ptr<const CaseAttributeTable> case_attrs,
             const model::Vocabulary& vocabulary, const time::Zone& zone, const ReadLimits& limits)
      : layout_(std::move(layout)),
        case_attrs_(std::move(case_attrs)),
        builder_(vocabulary, zone, limits, InputStyle::Csv),
        case_values_(layout_->case_attributes.size()) {}

  DecodeStatus decode(const RawRecord& record, model::CaseTimeline& out, Rejection& rejection,
                      ReadStats& stats) override {
    builder_.begin_case(record.line, out, stats);
    if (!record.problem.empty()) {
      builder_.fail_unreadable(record.problem);
      return builder_.finish(rejection);
    }
    for (auto& v : case_values_) v.given = false;
    bool has_id = false;
    const std::string_view text = record.text;
    std::size_t row_index = 0;
    for (std::size_t pos = 0; pos < text.size();) {
      const auto row = find_row(text, pos);
      pos = row.next;
      if (row.blank()) continue;
      const auto line = row_index < record.row_lines.size() ? record.row_lines[row_index] : record.line;
      ++row_index;
      builder_.set_line(line);
      const auto content = text.substr(row.begin, row.content_end - row.begin);
      if (find_invalid_utf8(content) != std::string_view::npos) {
        builder_.fail(Place::Record, "invalid UTF-8");
        continue;
      }
      const auto error = split_cells(content, cells_, scratch_);
      // The case cell is intact unless an unclosed quote began in it.
      const auto case_column = layout_->case_column;
      if (!has_id && case_column < cells_.size() &&
          !(error == CellError::UnterminatedQuote && case_column + 1 == cells_.size())) {
        builder_.case_id(cells_[case_column]);
        has_id = true;
      }
      if (error != CellError::None) {
        builder_.fail(Place::Record, fmt::format("invalid CSV: {}", describe(error)));
        continue;
      }
      if (cells_.size() != layout_->columns) {
        builder_.fail(Place::Record, fmt::format("{} fields where the header has {}", cells_.size(), layout_->columns));
        continue;
      }
      if (builder_.failed()) continue;  // only the case id is still of use
      read_event_row(line);
    }
    if (has_id && !builder_.failed()) apply_case_attributes(out.id);
    return builder_.finish(rejection);
  }

 private:
  struct CaseValue {
    bool given = false;
    std::string text;
    std::uint64_t line = 0;
  };

  void read_event_row(std::uint64_t line) {
    const auto& layout = *layout_;
    for (std::size_t k = 0; k < layout.case_attributes.size(); ++k) {
      const auto cell = cells_[layout.case_attributes[k].column];
      if (cell.empty()) continue;
      auto& value = case_values_[k];
      if (!value.given) {
        value.given = true;
        value.text.assign(cell);
        value.line = line;
      } else if (value.text != cell) {
        builder_.fail(Place::CaseAttribute,
                      fmt::format("conflicting values for one case (the first on line {})", value.line),
                      layout.case_attributes[k].name);
        return;
      }
    }
    builder_.begin_event();
    if (const auto type = cells_[layout.type_column]; !type.empty()) builder_.event_type(type);
    if (const auto at = cells_[layout.at_column]; !at.empty()) builder_.event_at(at);
    if (layout.id_column != kNoColumn) {
      if (const auto id = cells_[layout.id_column]; !id.empty()) builder_.event_id(id);
    }
    // An empty cell is a missing value; in a wide table most columns belong
    // to other event types, so empty cells are not fed (nor warned about).
    for (const auto& attr : layout.event_attributes) {
      const auto cell = cells_[attr.column];
      if (!cell.empty()) builder_.event_attribute(attr.name, InputValue::of_cell(cell));
    }
    builder_.end_event();
  }

  void apply_case_attributes(std::string_view case_id) {
    const auto& layout = *layout_;
    for (std::size_t k = 0; k < layout.case_attributes.size(); ++k) {
      const auto& value = case_values_[k];
      if (!value.given) continue;
      builder_.set_line(value.line);
      builder_.case_attribute(layout.case_attributes[k].name, InputValue::of_cell(value.text));
    }
    if (!case_attrs_) return;
    const auto& table = *case_attrs_;
    const auto row = table.find(case_id);
    if (row == kNoColumn) return;
    builder_.set_file(table.file());
    builder_.set_line(table.line(row));
    for (std::size_t c = 0; c < table.names().size(); ++c) {
      const auto cell = table.cell(row, c);
      if (cell.empty()) continue;
      const auto& name = table.names()[c];
      // The same attribute also in a `case.NAME` column must agree.
      bool conflict = false;
      for (std::size_t k = 0; k < layout.case_attributes.size(); ++k) {
        if (layout.case_attributes[k].name == name && case_values_[k].given && case_values_[k].text != cell) {
          conflict = true;
        }
      }
      if (conflict) {
        builder_.fail(Place::CaseAttribute, "conflicts with the case's 'case." + name + "' column", name);
        break;
      }
      builder_.case_attribute(name, InputValue::of_cell(cell));
    }
    builder_.set_file({});
  }

  std::shared_ptr<const Layout> layout_;
  std::shared_ptr<const CaseAttributeTable> case_attrs_;
  CaseBuilder builder_;
  std::vector<CaseValue> case_values_;
  std::vector<std::string_view> cells_;
  std::string scratch_;
};

}  // namespace

std::unique_ptr<RecordDecoder> make_decoder(std::shared_ptr<const Layout> layout,
                                            std::shared_ptr<const CaseAttributeTable> case_attrs,
                                            const model::Vocabulary& vocabulary, const time::Zone& zone,
                                            const ReadLimits& limits) {
  return std::make_unique<CsvDecoder>(std::move(layout), std::move(case_attrs), vocabulary, zone, limits);
}

}  // namespace frist::io::csv

// The CSV RecordSource and input opening. The file is mapped (standard input
// and .csv.gz are spooled to an unlinked temporary file first), then indexed
// in one pass: consecutive rows of one case form a *run* (byte range and
// first line); the runs of a case are chained. The source then emits the
// cases in order of first appearance, each as the bytes of its runs with the
// line of every row.
//
// Memory: the mapping is page cache, not heap. The index holds one Run
// (32 bytes) per run and one CaseEntry (8 bytes) per case — for a file
// already grouped by case that is O(cases), ~40 bytes a case; for scattered
// rows up to one run per row. During the pass a hash map id → case (about
// 60–90 bytes a case) is also held; it is freed before the first case is
// emitted. One case's rows (at most ReadLimits::max_record_bytes) are
// copied per record.
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "runtime/io/csv_decoder.hpp"
#include "runtime/io/csv_layout.hpp"
#include "runtime/io/csv_reader.hpp"
#include "runtime/io/csv_syntax.hpp"
#include "runtime/io/mapped_file.hpp"

namespace frist::io {
namespace {

constexpr std::uint32_t kNoRun = 0xFFFFFFFFu;

struct Run {
  std::uint64_t begin = 0;  // byte offset of the first row
  std::uint64_t end = 0;    // byte offset after the last row's line break
  std::uint64_t line = 0;   // input line of the first row
  std::uint32_t next = kNoRun;  // the case's next run
};

struct CaseEntry {
  std::uint32_t first_run = kNoRun;
  std::uint32_t last_run = kNoRun;
};

class CsvSource final : public RecordSource {
 public:
  CsvSource(MappedFile file, std::vector<Run> runs, std::vector<CaseEntry> cases, const ReadLimits& limits)
      : file_(std::move(file)), runs_(std::move(runs)), cases_(std::move(cases)), limits_(limits) {}

  Result<bool> next_batch(std::vector<RawRecord>& out, std::size_t max) override {
    const auto bytes = file_.bytes();
    for (std::size_t produced = 0; produced < max && next_case_ < cases_.size(); ++produced) {
      const auto& entry = cases_[next_case_];
      RawRecord record;
      record.sequence = next_case_++;
      record.line = runs_[entry.first_run].line;
      std::size_t total = 0;
      for (auto r = entry.first_run; r != kNoRun; r = runs_[r].next) total += runs_[r].end - runs_[r].begin + 1;
      if (total > limits_.max_record_bytes) {
        record.problem = fmt::format("the rows of this case are larger than the limit of {} bytes",
                                     limits_.max_record_bytes);
      } else {
        record.text.reserve(total);
        for (auto r = entry.first_run; r != kNoRun; r = runs_[r].next) append_run(bytes, runs_[r], record);
      }
      emitted_bytes_ += total;
      out.push_back(std::move(record));
    }
    return next_case_ < cases_.size();
  }

  std::uint64_t bytes_read() const noexcept override { return std::min<std::uint64_t>(emitted_bytes_, file_.bytes().size()); }
  std::uint64_t bytes_total() const noexcept override { return file_.bytes().size(); }

 private:
  // Appends one run's rows and records each non-blank row's line.
  static void append_run(std::string_view bytes, const Run& run, RawRecord& record) {
    const auto text = bytes.substr(0, run.end);
    std::uint64_t line = run.line;
    for (std::size_t pos = run.begin; pos < run.end;) {
      const auto row = csv::find_row(text, pos);
      if (!row.blank()) record.row_lines.push_back(line);
      line += row.line_breaks;
      pos = row.next;
    }
    record.text.append(text.substr(run.begin));
    if (record.text.empty() || record.text.back() != '\n') record.text.push_back('\n');
  }

  MappedFile file_;
  std::vector<Run> runs_;
  std::vector<CaseEntry> cases_;
  ReadLimits limits_;
  std::size_t next_case_ = 0;
  std::uint64_t emitted_bytes_ = 0;
};

struct Index {
  std::vector<Run> runs;
  std::vector<CaseEntry> cases;
};

// One pass over the data rows (after the header): group rows into runs and
// runs into cases by the `case` cell. A row whose case cell cannot be read
// (broken quoting before it, too few cells) becomes a case of its own, which
// the decoder rejects.
Index index_rows(std::string_view bytes, std::size_t pos, std::uint64_t line, std::uint32_t case_column) {
  Index index;
  std::unordered_map<std::string, std::uint32_t, model::NameHash, std::equal_to<>> case_of;
  std::vector<std::string_view> cells;
  std::string scratch;
  std::string current_id;
  bool in_run = false;  // the last run may be extended by the next row
  while (pos < bytes.size()) {
    const auto row = csv::find_row(bytes, pos);
    const auto row_line = line;
    line += row.line_breaks;
    pos = row.next;
    if (row.blank()) continue;  // blank rows are not events
    const auto error = csv::split_cells(bytes.substr(row.begin, row.content_end - row.begin), cells, scratch);
    // Cells before a syntax error are intact; an unclosed quote spoils the last one.
    const bool readable = case_column < cells.size() &&
                          !(error == csv::CellError::UnterminatedQuote && case_column + 1 == cells.size());
    if (readable && in_run && cells[case_column] == current_id) {
      index.runs.back().end = row.next;
      continue;
    }
    const auto run_index = static_cast<std::uint32_t>(index.runs.size());
    index.runs.push_back(Run{row.begin, row.next, row_line, kNoRun});
    std::uint32_t case_index = 0;
    if (!readable) {
      case_index = static_cast<std::uint32_t>(index.cases.size());
      index.cases.push_back(CaseEntry{run_index, run_index});
      in_run = false;
      continue;
    }
    const auto id = cells[case_column];
    if (const auto it = case_of.find(id); it != case_of.end()) {
      case_index = it->second;
      auto& entry = index.cases[case_index];
      index.runs[entry.last_run].next = run_index;
      entry.last_run = run_index;
    } else {
      case_index = static_cast<std::uint32_t>(index.cases.size());
      index.cases.push_back(CaseEntry{run_index, run_index});
      case_of.emplace(std::string(id), case_index);
    }
    current_id.assign(id);
    in_run = true;
  }
  return index;
}

}  // namespace

Result<OpenedInput> open_csv_input(const OpenOptions& options, const model::Vocabulary& vocabulary,
                                   const time::Zone& zone) {
  auto file = MappedFile::open(options.path);
  if (!file) return Error{file.error()};
  const auto bytes = file->bytes();
  const std::string& name = file->name();

  // The header row (a UTF-8 BOM before it is accepted).
  std::size_t pos = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::uint64_t line = 1;
  csv::RowSpan header_row;
  do {
    if (pos >= bytes.size()) return make_error(fmt::format("{}: no CSV header row", name));
    header_row = csv::find_row(bytes, pos);
    pos = header_row.next;
    line += header_row.line_breaks;
  } while (header_row.blank());
  std::vector<std::string_view> header;
  std::string scratch;
  const auto header_text = bytes.substr(header_row.begin, header_row.content_end - header_row.begin);
  if (const auto e = csv::split_cells(header_text, header, scratch); e != csv::CellError::None) {
    return make_error(fmt::format("{}: invalid CSV header: {}", name, csv::describe(e)));
  }
  auto layout = csv::layout_from_header(header, name);
  if (!layout) return Error{layout.error()};

  std::shared_ptr<const csv::CaseAttributeTable> case_attrs;
  if (!options.case_attrs_path.empty()) {
    auto table = csv::CaseAttributeTable::load(options.case_attrs_path);
    if (!table) return Error{table.error()};
    case_attrs = std::make_shared<const csv::CaseAttributeTable>(std::move(*table));
  }

  auto index = index_rows(bytes, pos, line, layout->case_column);
  auto shared_layout = std::make_shared<const csv::Layout>(std::move(*layout));
  OpenedInput opened;
  opened.source = std::make_unique<CsvSource>(std::move(*file), std::move(index.runs), std::move(index.cases),
                                              options.limits);
  opened.make_decoder = [shared_layout, case_attrs, &vocabulary, &zone, limits = options.limits] {
    return csv::make_decoder(shared_layout, case_attrs, vocabulary, zone, limits);
  };
  return opened;
}

}  // namespace frist::io

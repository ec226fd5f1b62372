// Choosing and opening a reader: the format from the file name, the byte
// stream (file or standard input, gzip detected by content), and the
// matching RecordSource and decoder factory.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "runtime/io/byte_stream.hpp"
#include "runtime/io/case_source.hpp"
#include "runtime/io/csv_reader.hpp"
#include "runtime/io/jsonl_reader.hpp"
#include "runtime/io/xes_reader.hpp"

namespace frist::io {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(b)) == a; });
}

}  // namespace

Result<InputFormat> format_from_path(std::string_view path) {
  std::string_view name = path;
  if (ends_with(name, ".gz")) name.remove_suffix(3);
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return InputFormat::Jsonl;
  if (ends_with(name, ".csv")) return InputFormat::Csv;
  if (ends_with(name, ".xes")) return InputFormat::Xes;
  if (path == "-") return make_error("the format of standard input cannot be told from a name; give --input-format");
  return make_error(fmt::format(
      "{}: unknown case-data format (expected .jsonl, .csv or .xes, optionally .gz); give --input-format", path));
}

Result<OpenedInput> open_input(const OpenOptions& options, const model::Vocabulary& vocabulary,
                               const time::Zone& zone) {
  if (!options.case_attrs_path.empty() && options.format != InputFormat::Csv) {
    return make_error("--case-attrs is only for CSV input");
  }
  switch (options.format) {
    case InputFormat::Jsonl: {
      auto stream = ByteStream::open(options.path);
      if (!stream) return Error{stream.error()};
      OpenedInput opened;
      opened.source = make_jsonl_source(std::move(*stream), options.limits);
      opened.make_decoder = [&vocabulary, &zone, limits = options.limits] {
        return make_jsonl_decoder(vocabulary, zone, limits);
      };
      return opened;
    }
    case InputFormat::Csv:
      return open_csv_input(options, vocabulary, zone);
    case InputFormat::Xes: {
      auto stream = ByteStream::open(options.path);
      if (!stream) return Error{stream.error()};
      OpenedInput opened;
      opened.source = make_xes_source(std::move(*stream), options.limits);
      opened.make_decoder = [&vocabulary, &zone, limits = options.limits] {
        return make_xes_decoder(vocabulary, zone, limits);
      };
      return opened;
    }
  }
  return make_error("unknown input format");
}

}  // namespace frist::io

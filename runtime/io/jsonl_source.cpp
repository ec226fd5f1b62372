// The JSONL RecordSource: reads the input in large blocks and cuts it into
// lines. Each non-blank line becomes one RawRecord whose text carries
// simdjson's padding in its capacity, so the decoder parses it in place; the
// buffers come back through recycle() and are reused.
#include <cstring>
#include <memory>
#include <vector>

#include <fmt/format.h>
#include <simdjson.h>

#include "runtime/io/jsonl_reader.hpp"

namespace frist::io {
namespace {

constexpr std::size_t kBlock = 4u << 20;

bool is_blank(std::string_view line) noexcept {
  for (const char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

class JsonlSource final : public RecordSource {
 public:
  JsonlSource(std::unique_ptr<ByteStream> input, const ReadLimits& limits)
      : input_(std::move(input)), limits_(limits), block_(std::make_unique_for_overwrite<char[]>(kBlock)) {}

  Result<bool> next_batch(std::vector<RawRecord>& out, std::size_t max) override {
    std::size_t produced = 0;
    while (produced < max) {
      if (pos_ == end_) {
        if (eof_) {
          // A last line without a final newline.
          if (has_partial_) {
            if (emit(partial_, out)) ++produced;
            partial_.clear();
            has_partial_ = false;
          }
          return false;
        }
        auto n = input_->read(block_.get(), kBlock);
        if (!n) return Error{n.error()};
        pos_ = 0;
        end_ = *n;
        if (*n == 0) eof_ = true;
        continue;
      }
      const char* begin = block_.get() + pos_;
      const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - pos_));
      const std::size_t piece_length = newline ? static_cast<std::size_t>(newline - begin) : end_ - pos_;
      const std::string_view piece(begin, piece_length);
      pos_ += piece_length + (newline ? 1 : 0);
      if (!newline) {  // the line goes on in the next block
        append_partial(piece);
        continue;
      }
      if (!has_partial_) {
        if (emit(piece, out)) ++produced;
      } else {
        append_partial(piece);
        if (emit(partial_, out)) ++produced;
        partial_.clear();
        has_partial_ = false;
      }
    }
    return true;
  }

  void recycle(std::vector<RawRecord>& records) override {
    for (RawRecord& r : records) {
      // Keep a bounded number of line buffers, none of them huge.
      if (spare_.size() < kMaxSpare && r.text.capacity() <= kMaxSpareBytes) spare_.push_back(std::move(r.text));
    }
    records.clear();
  }

  std::uint64_t bytes_read() const noexcept override { return input_->bytes_read(); }
  std::uint64_t bytes_total() const noexcept override { return input_->bytes_total(); }

 private:
  void append_partial(std::string_view piece) {
    has_partial_ = true;
    if (oversized_) return;
    if (partial_.size() + piece.size() > limits_.max_record_bytes) {
      oversized_ = true;  // too long: keep nothing more of it
      partial_.clear();
      return;
    }
    partial_.append(piece);
  }

  // One complete line (without its newline); false when it is not a case.
  bool emit(std::string_view line, std::vector<RawRecord>& out) {
    ++line_number_;
    if (line_number_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // UTF-8 BOM
    const bool oversized = oversized_ || line.size() > limits_.max_record_bytes;
    oversized_ = false;
    if (!oversized && is_blank(line)) return false;
    RawRecord record;
    record.line = line_number_;
    record.sequence = sequence_++;
    if (oversized) {
      record.problem = fmt::format("line longer than the limit of {} bytes", limits_.max_record_bytes);
    } else {
      if (!spare_.empty()) {
        record.text = std::move(spare_.back());
        spare_.pop_back();
      }
      record.text.reserve(line.size() + simdjson::SIMDJSON_PADDING);
      record.text.assign(line);
    }
    out.push_back(std::move(record));
    return true;
  }

 private:
  std::unique_ptr<ByteStream> input_;
  ReadLimits limits_;
  std::unique_ptr<char[]> block_;  // not zeroed: only the bytes read are looked at
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::string partial_;  // a line that spans blocks (up to the limit)
  bool has_partial_ = false;
  bool oversized_ = false;
  std::uint64_t line_number_ = 0;
  std::uint64_t sequence_ = 0;
  // Line buffers of decoded records (recycle), reused by emit: after
  // warm-up reading a line allocates nothing.
  static constexpr std::size_t kMaxSpare = 8192;
  static constexpr std::size_t kMaxSpareBytes = 64u << 10;
  std::vector<std::string> spare_;
};

}  // namespace

std::unique_ptr<RecordSource> make_jsonl_source(std::unique_ptr<ByteStream> input, const ReadLimits& limits) {
  return std::make_unique<JsonlSource>(std::move(input), limits);
}

}  // namespace frist::io

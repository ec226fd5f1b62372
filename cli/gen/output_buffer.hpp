// A large append-only byte buffer for the `frist gen` writers: text is
// formatted straight into it (no iostreams, no per-event allocation) and
// handed to a sink in big chunks. The sink is where the bytes go: fwrite to
// a file in the command, a std::string in the tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>

namespace frist::gen {

// Receives one chunk of output; returns false when it could not be written.
using ChunkSink = std::function<bool(std::string_view)>;

class OutputBuffer {
 public:
  explicit OutputBuffer(ChunkSink sink, std::size_t capacity = std::size_t{4} << 20)
      : sink_(std::move(sink)), data_(new char[capacity]), capacity_(capacity) {}
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;
  ~OutputBuffer() = default;  // call flush() before: a failed write must be seen

  // Makes room for `bytes` contiguous bytes (flushing if needed), so that a
  // whole case can be kept in the buffer and edited afterwards.
  void reserve(std::size_t bytes) {
    if (capacity_ - size_ < bytes) flush();
  }

  void put(char c) {
    if (size_ == capacity_) flush();
    data_[size_++] = c;
  }

  void put(std::string_view text) {
    if (capacity_ - size_ < text.size()) {
      flush();
      if (text.size() > capacity_) {
        ok_ = ok_ && sink_(text);
        return;
      }
    }
    std::memcpy(data_.get() + size_, text.data(), text.size());
    size_ += text.size();
  }

  // `value` in decimal, zero-padded to at least `width` digits.
  void put_number(std::uint64_t value, int width = 1) {
    char digits[24];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (n < width && n < 20) digits[n++] = '0';
    if (capacity_ - size_ < static_cast<std::size_t>(n)) flush();
    while (n > 0) data_[size_++] = digits[--n];
  }

  // Position of the next byte and how many flushes happened so far: a range
  // [mark, now) can be edited only while no flush happened in between.
  std::size_t position() const noexcept { return size_; }
  std::uint64_t flushes() const noexcept { return flushes_; }
  const char* data() const noexcept { return data_.get(); }
  // Drops the bytes from `position` on (same flush count only).
  void truncate(std::size_t position) noexcept {
    if (position < size_) size_ = position;
  }

  // Hands everything buffered to the sink. Returns false once any write failed.
  bool flush() {
    if (size_ > 0) {
      ok_ = ok_ && sink_(std::string_view(data_.get(), size_));
      size_ = 0;
      ++flushes_;
    }
    return ok_;
  }
  bool ok() const noexcept { return ok_; }

 private:
  ChunkSink sink_;
  std::unique_ptr<char[]> data_;
  std::size_t capacity_;
  std::size_t size_ = 0;
  std::uint64_t flushes_ = 0;
  bool ok_ = true;
};

}  // namespace frist::gen

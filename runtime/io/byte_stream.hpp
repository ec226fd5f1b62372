// ByteStream: the raw bytes of one input — a file or standard input, plain
// or gzip-compressed (detected by its magic bytes, whatever the name says) —
// read in large blocks. Every reader reads through it; nothing here knows a
// case-data format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "runtime/common/result.hpp"

namespace frist::io {

class ByteStream {
 public:
  // Opens `path` ("-" = standard input, which is never closed).
  static Result<std::unique_ptr<ByteStream>> open(const std::string& path);
  // Bytes held in memory, as they are (no gzip detection): fuzz targets and
  // tests feed sources without files.
  static std::unique_ptr<ByteStream> from_memory(std::string bytes, std::string name = "memory");

  virtual ~ByteStream() = default;
  // Reads up to `n` bytes of (decompressed) data into `dst`; 0 at the end.
  virtual Result<std::size_t> read(char* dst, std::size_t n) = 0;
  // Raw bytes consumed so far (compressed bytes for gzip) and the raw size
  // when known (regular files), else 0: for progress.
  virtual std::uint64_t bytes_read() const noexcept = 0;
  virtual std::uint64_t bytes_total() const noexcept = 0;
  virtual bool compressed() const noexcept = 0;
  // The name used in error messages.
  const std::string& name() const noexcept { return name_; }

 protected:
  std::string name_;
};

// Copies the rest of `in` (decompressed) to the file descriptor `fd`:
// the CSV reader's temporary copy of standard input or a .gz file.
Result<std::uint64_t> copy_stream(ByteStream& in, int fd);

}  // namespace frist::io

// MappedFile: an input file mapped read-only into memory (the CSV reader
// reads rows back by offset). Standard input and gzip input are first
// spooled, decompressed, to a temporary file that is unlinked as soon as it
// is created, so it disappears when the mapping is closed — or the process
// ends — whatever happens (RAII, nothing to clean up).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "runtime/common/result.hpp"

namespace frist::io {

class MappedFile {
 public:
  static Result<MappedFile> open(const std::string& path);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const noexcept { return {static_cast<const char*>(data_), size_}; }
  bool spooled() const noexcept { return spooled_; }
  const std::string& name() const noexcept { return name_; }

 private:
  void release() noexcept;

  int fd_ = -1;
  void* data_ = nullptr;
  std::size_t size_ = 0;
  bool spooled_ = false;
  std::string name_;
};

}  // namespace frist::io

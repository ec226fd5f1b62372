// Buffered output to a file or standard output.
#include "cli/output/output_file.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace frist::cli {

namespace {
constexpr std::size_t kBufferSize = 1 << 20;
}

OutputFile::OutputFile(const std::string& path) : path_(path) {
  if (path.empty() || path == "-") {
    file_ = stdout;
  } else {
    file_ = std::fopen(path.c_str(), "wb");
    owned_ = true;
    if (file_ == nullptr) fmt::print(stderr, "frist: cannot write {}: {}\n", path, std::strerror(errno));
  }
  buffer_.reserve(kBufferSize);
}

OutputFile::~OutputFile() { close(); }

bool OutputFile::is_terminal() const noexcept { return file_ != nullptr && ::isatty(::fileno(file_)) == 1; }

void OutputFile::write(std::string_view text) {
  if (file_ == nullptr) return;
  buffer_.append(text);
  if (buffer_.size() >= kBufferSize) {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
    buffer_.clear();
  }
}

bool OutputFile::close() {
  if (file_ == nullptr) return !failed_;
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  buffer_.clear();
  if (std::fflush(file_) != 0) failed_ = true;
  if (owned_ && std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) fmt::print(stderr, "frist: writing {} failed: {}\n", path_.empty() || path_ == "-" ? "standard output" : path_, std::strerror(errno));
  return !failed_;
}

}  // namespace frist::cli

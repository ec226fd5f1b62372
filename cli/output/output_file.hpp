// The output of a command: standard output or the file given with -o,
// written through one large buffer. Reports write errors (disk full) instead
// of losing output silently.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace frist::cli {

class OutputFile {
 public:
  // "" or "-" is standard output. `ok()` is false when the file cannot be opened.
  explicit OutputFile(const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool ok() const noexcept { return file_ != nullptr; }
  bool is_terminal() const noexcept;
  void write(std::string_view text);
  // Flushes and closes; false (with a message on stderr) on a write error.
  bool close();
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  bool failed_ = false;
  std::string buffer_;
};

}  // namespace frist::cli

// The output of a command: standard output or the file given with -o.
// Small writes are gathered in one buffer; a batch of record texts is handed
// to the kernel in place with writev (no copy through the buffer: `frist run`
// writes gigabytes). Reports write errors (disk full) instead of losing output
// silently.
#pragma once

#include <span>
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

  bool ok() const noexcept { return fd_ >= 0; }
  bool is_terminal() const noexcept;
  void write(std::string_view text);
  // The pieces in order, as if written one by one. They need only live until
  // this returns.
  void write(std::span<const std::string_view> pieces);
  // Flushes and closes; false (with a message on stderr) on a write error.
  bool close();
  const std::string& path() const noexcept { return path_; }

 private:
  void flush();
  // Writes everything in `pieces` (the buffer first when not empty),
  // resuming after short writes.
  void write_all(std::span<const std::string_view> pieces);

  std::string path_;
  int fd_ = -1;
  bool owned_ = false;
  bool failed_ = false;
  int error_ = 0;  // errno of the first failed write
  std::string buffer_;
};

}  // namespace frist::cli

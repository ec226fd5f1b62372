// Buffered output to a file or standard output, with gathered writes of
// whole batches.
#include "cli/output/output_file.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <vector>

namespace frist::cli {

namespace {
constexpr std::size_t kBufferSize = 1 << 20;
// Pieces smaller than this on average are gathered in the buffer instead:
// a system call per few hundred bytes would cost more than the copy.
constexpr std::size_t kMinPieceForWritev = 512;
constexpr int kMaxIov = IOV_MAX < 1024 ? IOV_MAX : 1024;
}  // namespace

OutputFile::OutputFile(const std::string& path) : path_(path) {
  if (path.empty() || path == "-") {
    // Whatever went through stdio before must come first.
    std::fflush(stdout);
    fd_ = STDOUT_FILENO;
  } else {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    owned_ = true;
    if (fd_ < 0) fmt::print(stderr, "frist: cannot write {}: {}\n", path, std::strerror(errno));
  }
  buffer_.reserve(kBufferSize);
}

OutputFile::~OutputFile() { close(); }

bool OutputFile::is_terminal() const noexcept { return fd_ >= 0 && ::isatty(fd_) == 1; }

void OutputFile::write(std::string_view text) {
  if (fd_ < 0) return;
  buffer_.append(text);
  if (buffer_.size() >= kBufferSize) flush();
}

void OutputFile::write(std::span<const std::string_view> pieces) {
  if (fd_ < 0) return;
  std::size_t total = 0;
  for (const std::string_view p : pieces) total += p.size();
  if (buffer_.size() + total < kBufferSize || total < kMinPieceForWritev * pieces.size()) {
    for (const std::string_view p : pieces) write(p);
    return;
  }
  write_all(pieces);
}

void OutputFile::flush() {
  if (buffer_.empty()) return;
  write_all({});
}

void OutputFile::write_all(std::span<const std::string_view> pieces) {
  std::vector<iovec> iov;
  std::size_t next = 0;  // the first piece not yet in `iov`
  const auto refill = [&] {
    while (next < pieces.size() && iov.size() < static_cast<std::size_t>(kMaxIov)) {
      if (!pieces[next].empty()) iov.push_back({const_cast<char*>(pieces[next].data()), pieces[next].size()});
      ++next;
    }
  };
  iov.reserve(std::min<std::size_t>(pieces.size() + 1, kMaxIov));
  if (!buffer_.empty()) iov.push_back({buffer_.data(), buffer_.size()});
  refill();
  std::size_t first = 0;  // iov[first..] is still to write
  while (first < iov.size()) {
    if (failed_) break;
    const ssize_t n = ::writev(fd_, iov.data() + first, static_cast<int>(iov.size() - first));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      failed_ = true;
      error_ = n < 0 ? errno : EIO;
      break;
    }
    auto left = static_cast<std::size_t>(n);
    while (first < iov.size() && left >= iov[first].iov_len) left -= iov[first++].iov_len;
    if (left > 0) {
      iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + left;
      iov[first].iov_len -= left;
    }
    if (first == iov.size() && next < pieces.size()) {
      iov.clear();
      first = 0;
      refill();
    }
  }
  buffer_.clear();
}

bool OutputFile::close() {
  if (fd_ < 0) return !failed_;
  flush();
  if (owned_ && ::close(fd_) != 0 && !failed_) {
    failed_ = true;
    error_ = errno;
  }
  fd_ = -1;
  if (failed_) {
    fmt::print(stderr, "frist: writing {} failed: {}\n", path_.empty() || path_ == "-" ? "standard output" : path_,
               std::strerror(error_));
  }
  return !failed_;
}

}  // namespace frist::cli

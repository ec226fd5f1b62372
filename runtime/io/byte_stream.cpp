// ByteStream implementations: plain files through read(2) straight into the
// caller's buffer, gzip through zlib's inflate over blocks of the file
// (concatenated gzip members are read as one stream, as gzip(1) does).
#include "runtime/io/byte_stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace frist::io {
namespace {

constexpr std::size_t kRawBlock = 1u << 20;

// Owns a file descriptor (never closes standard input).
class Fd {
 public:
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ > 0) ::close(fd_);
  }
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

// read(2) until `n` bytes or the end; retries on EINTR.
Result<std::size_t> read_fully(int fd, char* dst, std::size_t n, const std::string& name) {
  std::size_t got = 0;
  while (got < n) {
    const auto r = ::read(fd, dst + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return make_error(fmt::format("{}: cannot read: {}", name, std::strerror(errno)));
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  return got;
}

class PlainStream final : public ByteStream {
 public:
  PlainStream(std::unique_ptr<Fd> fd, std::string name, std::uint64_t total, std::string prefix)
      : fd_(std::move(fd)), total_(total), prefix_(std::move(prefix)) {
    name_ = std::move(name);
  }

  Result<std::size_t> read(char* dst, std::size_t n) override {
    std::size_t got = 0;
    if (prefix_pos_ < prefix_.size()) {  // the bytes read to look for the gzip magic
      got = std::min(n, prefix_.size() - prefix_pos_);
      std::memcpy(dst, prefix_.data() + prefix_pos_, got);
      prefix_pos_ += got;
      if (got == n) return got;
    }
    auto r = read_fully(fd_->get(), dst + got, n - got, name_);
    if (!r) return r;
    read_ += *r;
    return got + *r;
  }
  std::uint64_t bytes_read() const noexcept override { return read_ + prefix_pos_; }
  std::uint64_t bytes_total() const noexcept override { return total_; }
  bool compressed() const noexcept override { return false; }

 private:
  std::unique_ptr<Fd> fd_;
  std::uint64_t total_;
  std::string prefix_;
  std::size_t prefix_pos_ = 0;
  std::uint64_t read_ = 0;
};

class GzipStream final : public ByteStream {
 public:
  GzipStream(std::unique_ptr<Fd> fd, std::string name, std::uint64_t total, std::string prefix)
      : fd_(std::move(fd)), total_(total), raw_(kRawBlock) {
    name_ = std::move(name);
    std::memcpy(raw_.data(), prefix.data(), prefix.size());
    zs_.next_in = reinterpret_cast<Bytef*>(raw_.data());
    zs_.avail_in = static_cast<uInt>(prefix.size());
    raw_read_ = prefix.size();
  }
  ~GzipStream() override {
    if (initialised_) inflateEnd(&zs_);
  }
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  Result<void> init() {
    // 15 + 16: gzip wrapper only (a zlib or raw stream is not a .gz file).
    if (inflateInit2(&zs_, 15 + 16) != Z_OK) return make_error(fmt::format("{}: cannot start gzip decompression", name_));
    initialised_ = true;
    return {};
  }

  Result<std::size_t> read(char* dst, std::size_t n) override {
    zs_.next_out = reinterpret_cast<Bytef*>(dst);
    zs_.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
    const auto want = zs_.avail_out;
    while (zs_.avail_out > 0 && !finished_) {
      if (zs_.avail_in == 0) {
        auto r = read_fully(fd_->get(), raw_.data(), raw_.size(), name_);
        if (!r) return Error{r.error()};
        raw_read_ += *r;
        if (*r == 0) {
          if (!at_member_start_) return make_error(fmt::format("{}: the gzip data ends early (truncated file)", name_));
          finished_ = true;
          break;
        }
        zs_.next_in = reinterpret_cast<Bytef*>(raw_.data());
        zs_.avail_in = static_cast<uInt>(*r);
      }
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      at_member_start_ = false;
      if (rc == Z_STREAM_END) {
        // Another gzip member may follow (cat a.gz b.gz).
        if (inflateReset(&zs_) != Z_OK) return make_error(fmt::format("{}: gzip decompression failed", name_));
        at_member_start_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return make_error(fmt::format("{}: the gzip data is corrupt ({})", name_, zs_.msg ? zs_.msg : "zlib error"));
      }
    }
    return static_cast<std::size_t>(want - zs_.avail_out);
  }
  std::uint64_t bytes_read() const noexcept override { return raw_read_ - zs_.avail_in; }
  std::uint64_t bytes_total() const noexcept override { return total_; }
  bool compressed() const noexcept override { return true; }

 private:
  std::unique_ptr<Fd> fd_;
  std::uint64_t total_;
  std::vector<char> raw_;
  z_stream zs_{};
  bool initialised_ = false;
  bool finished_ = false;
  bool at_member_start_ = true;
  std::uint64_t raw_read_ = 0;
};

class MemoryStream final : public ByteStream {
 public:
  MemoryStream(std::string bytes, std::string name) : bytes_(std::move(bytes)) { name_ = std::move(name); }
  Result<std::size_t> read(char* dst, std::size_t n) override {
    const std::size_t got = std::min(n, bytes_.size() - pos_);
    if (got > 0) std::memcpy(dst, bytes_.data() + pos_, got);
    pos_ += got;
    return got;
  }
  std::uint64_t bytes_read() const noexcept override { return pos_; }
  std::uint64_t bytes_total() const noexcept override { return bytes_.size(); }
  bool compressed() const noexcept override { return false; }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<ByteStream> ByteStream::from_memory(std::string bytes, std::string name) {
  return std::make_unique<MemoryStream>(std::move(bytes), std::move(name));
}

Result<std::unique_ptr<ByteStream>> ByteStream::open(const std::string& path) {
  const bool is_stdin = path == "-";
  const std::string name = is_stdin ? std::string("standard input") : path;
  int raw_fd = 0;
  if (!is_stdin) {
    raw_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (raw_fd < 0) return make_error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  auto fd = std::make_unique<Fd>(raw_fd);
  std::uint64_t total = 0;
  struct stat st {};
  if (::fstat(fd->get(), &st) == 0 && S_ISREG(st.st_mode)) total = static_cast<std::uint64_t>(st.st_size);
  else if (!is_stdin && ::fstat(fd->get(), &st) == 0 && S_ISDIR(st.st_mode)) return make_error(fmt::format("{}: is a directory", path));

  // Look at the first two bytes for the gzip magic (works for pipes too: the
  // bytes are handed back as the start of the data).
  std::string prefix(2, '\0');
  auto got = read_fully(fd->get(), prefix.data(), prefix.size(), name);
  if (!got) return Error{got.error()};
  prefix.resize(*got);
  const bool gzip = prefix.size() == 2 && static_cast<unsigned char>(prefix[0]) == 0x1f &&
                    static_cast<unsigned char>(prefix[1]) == 0x8b;
  if (gzip) {
    auto stream = std::make_unique<GzipStream>(std::move(fd), name, total, std::move(prefix));
    if (auto ok = stream->init(); !ok) return Error{ok.error()};
    return std::unique_ptr<ByteStream>(std::move(stream));
  }
  return std::unique_ptr<ByteStream>(std::make_unique<PlainStream>(std::move(fd), name, total, std::move(prefix)));
}

Result<std::uint64_t> copy_stream(ByteStream& in, int fd) {
  std::vector<char> block(kRawBlock);
  std::uint64_t total = 0;
  for (;;) {
    auto n = in.read(block.data(), block.size());
    if (!n) return Error{n.error()};
    if (*n == 0) break;
    std::size_t written = 0;
    while (written < *n) {
      const auto w = ::write(fd, block.data() + written, *n - written);
      if (w < 0) {
        if (errno == EINTR) continue;
        return make_error(fmt::format("cannot write the temporary copy of {}: {}", in.name(), std::strerror(errno)));
      }
      written += static_cast<std::size_t>(w);
    }
    total += *n;
  }
  return total;
}

}  // namespace frist::io

// MappedFile: mmap of a regular file, or of an unlinked temporary spool of
// standard input / gzip data (see mapped_file.hpp).
#include "runtime/io/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "runtime/io/byte_stream.hpp"

namespace frist::io {
namespace {

// A new, already unlinked temporary file in $TMPDIR (or /tmp).
Result<int> make_spool_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = fmt::format("{}/frist-spool-XXXXXX", dir && *dir ? dir : "/tmp");
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) return make_error(fmt::format("cannot create a temporary file in {}: {}", dir && *dir ? dir : "/tmp", std::strerror(errno)));
  ::unlink(pattern.c_str());
  return fd;
}

}  // namespace

MappedFile::MappedFile(MappedFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      spooled_(other.spooled_),
      name_(std::move(other.name_)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = std::exchange(other.fd_, -1);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    spooled_ = other.spooled_;
    name_ = std::move(other.name_);
  }
  return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() noexcept {
  if (data_) ::munmap(data_, size_);
  if (fd_ >= 0) ::close(fd_);
  data_ = nullptr;
  fd_ = -1;
  size_ = 0;
}

Result<MappedFile> MappedFile::open(const std::string& path) {
  auto stream = ByteStream::open(path);
  if (!stream) return Error{stream.error()};
  MappedFile file;
  file.name_ = (*stream)->name();
  if (path == "-" || (*stream)->compressed()) {
    auto fd = make_spool_file();
    if (!fd) return Error{fd.error()};
    file.fd_ = *fd;
    file.spooled_ = true;
    if (auto copied = copy_stream(**stream, file.fd_); !copied) return Error{copied.error()};
  } else {
    stream->reset();  // mapped directly: reopen the path
    file.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file.fd_ < 0) return make_error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(file.fd_, &st) != 0) return make_error(fmt::format("{}: cannot stat: {}", file.name_, std::strerror(errno)));
  file.size_ = static_cast<std::size_t>(st.st_size);
  if (file.size_ == 0) return file;  // nothing to map; bytes() is empty
  void* data = ::mmap(nullptr, file.size_, PROT_READ, MAP_PRIVATE, file.fd_, 0);
  if (data == MAP_FAILED) return make_error(fmt::format("{}: cannot map into memory: {}", file.name_, std::strerror(errno)));
  file.data_ = data;
  ::madvise(file.data_, file.size_, MADV_SEQUENTIAL);
  return file;
}

}  // namespace frist::io

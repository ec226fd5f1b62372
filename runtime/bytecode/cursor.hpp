// A bounds-checked little-endian cursor over one section of a `.fristc`
// file, for the reader. It never reads past the end: a read that does not
// fit records an error and returns zero, and so does every read after the
// first error (the first error wins, so the message names the real cause).
// Counts are checked against the bytes left before anything is allocated.
// Private to runtime/bytecode/.
#pragma once

#include <fmt/format.h>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace frist::bytecode {

class Cursor {
 public:
  // `error` is shared by the cursors of one file; it stays empty while all is well.
  Cursor(const std::uint8_t* data, std::size_t size, const char* section, std::string& error) noexcept
      : data_(data), size_(size), section_(section), error_(error) {}

  bool ok() const noexcept { return error_.empty(); }
  std::size_t remaining() const noexcept { return size_ - pos_; }
  std::size_t position() const noexcept { return pos_; }

  // What is being read, for messages: "constant 12", "event type 3,
  // attribute 2", "case attributes". Kept as pieces and formatted only when
  // an error needs them, since it changes for every item.
  static constexpr std::uint64_t kNoIndex = ~std::uint64_t{0};
  void at(const char* item, std::uint64_t index = kNoIndex) {
    item_ = item;
    index_ = index;
    sub_item_ = nullptr;
  }
  void at_sub(const char* item, std::uint64_t index) {
    sub_item_ = item;
    sub_index_ = index;
  }

  // Records an error (unless an earlier one is recorded) naming the section
  // and, when set, what was being read.
  void fail(std::string_view message) {
    if (!ok()) return;
    std::string where;
    if (item_ != nullptr) where = index_ == kNoIndex ? fmt::format("{}: ", item_) : fmt::format("{} {}: ", item_, index_);
    if (sub_item_ != nullptr) where.insert(where.size() - 2, fmt::format(", {} {}", sub_item_, sub_index_));
    error_ = fmt::format("bytecode: section '{}': {}{}", section_, where, message);
  }

  std::uint8_t u8() { return static_cast<std::uint8_t>(take_le(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(take_le(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(take_le(4)); }
  std::int32_t i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(take_le(4))); }
  std::int64_t i64() { return static_cast<std::int64_t>(take_le(8)); }
  double f64() { return std::bit_cast<double>(take_le(8)); }

  // A u8 that must be 0 or 1.
  bool flag(const char* name) {
    const std::uint8_t v = u8();
    if (v > 1) fail(fmt::format("{} is {}; it must be 0 or 1", name, v));
    return v == 1;
  }

  // Whether `count` items of at least `min_item_size` bytes each can follow;
  // records an error when they cannot, before anyone allocates for them.
  bool fits(std::uint64_t count, std::size_t min_item_size, const char* items) {
    if (!ok()) return false;
    if (count > remaining() / min_item_size) {
      fail(fmt::format("the count of {} is {}, but only {} bytes follow (at least {} per item)", items, count,
                       remaining(), min_item_size));
      return false;
    }
    return true;
  }

  // The next n bytes (empty after an error or when they do not fit).
  std::string_view bytes(std::size_t n) {
    if (!need(n)) return {};
    std::string_view s(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return s;
  }

  // Every byte of the section has been read.
  void expect_end() {
    at(nullptr);
    if (ok() && remaining() != 0) fail(fmt::format("{} bytes left over after its content", remaining()));
  }

 private:
  bool need(std::size_t n) {
    if (!ok()) return false;
    if (n > remaining()) {
      fail(fmt::format("cut off: needs {} bytes at offset {} of the section, only {} left", n, pos_, remaining()));
      return false;
    }
    return true;
  }

  std::uint64_t take_le(std::size_t n) {
    if (!need(n)) return 0;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(data_[pos_ + i]) << (8 * i);
    pos_ += n;
    return v;
  }

  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
  const char* section_;
  std::string& error_;
  const char* item_ = nullptr;
  std::uint64_t index_ = kNoIndex;
  const char* sub_item_ = nullptr;
  std::uint64_t sub_index_ = 0;
};

}  // namespace frist::bytecode

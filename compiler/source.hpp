// A source file held in memory: its path, its bytes and a line index, so a
// byte offset turns into line and column on demand. Columns count Unicode
// characters (code points), not bytes, as users see them in an editor.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/common/result.hpp"
#include "runtime/common/utf8.hpp"

namespace frist::compiler {

struct LineCol {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in code points
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  static Result<std::shared_ptr<const SourceFile>> read(const std::string& path);

  const std::string& path() const noexcept { return path_; }
  std::string_view text() const noexcept { return text_; }
  LineCol line_col(std::uint32_t offset) const noexcept;
  std::string_view line_text(std::uint32_t line) const noexcept;  // without the newline
  std::uint32_t line_count() const noexcept { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

using SourcePtr = std::shared_ptr<const SourceFile>;

// A range of bytes in one source file.
struct Span {
  const SourceFile* file = nullptr;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};


}  // namespace frist::compiler

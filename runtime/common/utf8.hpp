// UTF-8 validation and code-point counting, shared by the case-data readers
// (invalid UTF-8 rejects a case) and the compiler (source columns count
// characters, invalid source bytes are a diagnostic).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace frist {

// Length of the valid UTF-8 sequence starting at s[i] (1–4), or 0 when the
// bytes there are not valid UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept;

// Number of code points in a byte range (each invalid byte counts as one).
std::uint32_t count_code_points(std::string_view bytes) noexcept;

// Offset of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t find_invalid_utf8(std::string_view bytes) noexcept;

}  // namespace frist

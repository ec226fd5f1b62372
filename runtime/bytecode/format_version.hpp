// The bytecode format version, bumped on every incompatible change of the
// `.fristc` layout (docs/bytecode.md).
#pragma once

#include <cstdint>

namespace frist::bytecode {

constexpr std::uint32_t kFormatVersion = 1;

}  // namespace frist::bytecode

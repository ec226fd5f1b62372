// The libFuzzer entry point of one target of tests/fuzz/targets.hpp; the
// build compiles this file once per target with FRIST_FUZZ_TARGET set to
// Compile, Bytecode, Jsonl, Csv or Xes (tests/fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/targets.hpp"

#ifndef FRIST_FUZZ_TARGET
#error "FRIST_FUZZ_TARGET must name the target (Compile, Bytecode, Jsonl, Csv or Xes)"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  frist::fuzz::run_target(frist::fuzz::Target::FRIST_FUZZ_TARGET,
                          std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

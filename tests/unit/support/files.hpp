// Files for unit tests: reading a whole file, and a scratch folder that is
// removed when the test ends. Shared by the test fixtures of every area
// (conformance, io, format, report, diff) so they do not each keep a copy.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

namespace frist::test_support {

// The whole file as bytes; empty when it cannot be read (the test then fails
// on the content).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh folder under the system's temporary directory, named
// PREFIX-PID-RANDOM, removed with everything in it at the end of its scope.
struct ScratchDir {
  std::filesystem::path path;
  explicit ScratchDir(std::string_view prefix = "frist-test") {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           (std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // Writes `text` to the file `name` in the folder and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const std::string p = (path / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  // The path of `name` in the folder (not created).
  std::string file(const std::string& name) const { return (path / name).string(); }
};

}  // namespace frist::test_support

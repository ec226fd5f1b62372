// `--pseudonymize KEY` for run, report and explain: every case id in the
// output is replaced by a keyed hash of it, so results can be shared without
// the ids, while whoever holds the key can still find a case (hash its id
// again). The pseudonym is HMAC-SHA-256 (OpenSSL's libcrypto) of the id's
// UTF-8 bytes under KEY, the first 16 bytes in lower-case hex: 32
// characters, the same for the same id and key in every run and command,
// unrelated across keys. KEY may be given as `@PATH` (the first line of a
// file), since a command line is visible to other users of the machine.
// See docs/robustness.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "runtime/common/result.hpp"

namespace frist::cli {

class Pseudonymizer {
 public:
  // From the option's value: the key itself, or `@PATH`. An empty key is an
  // error (it would hide nothing).
  static Result<Pseudonymizer> from_option(const std::string& value);
  explicit Pseudonymizer(std::string key) : key_(std::move(key)) {}

  // The pseudonym of one case id. Thread-safe.
  std::string operator()(std::string_view case_id) const;

 private:
  std::string key_;
};

// Adds `--pseudonymize KEY` to a subcommand.
void add_pseudonymize_option(CLI::App* sub, std::string& key);

// The Pseudonymizer of a parsed --pseudonymize (nullopt when not given);
// prints the problem and sets `failed` when the key is unusable.
std::optional<Pseudonymizer> pseudonymizer_of(const std::string& option, bool& failed);

}  // namespace frist::cli

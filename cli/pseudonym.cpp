// Keyed pseudonyms of case ids (HMAC-SHA-256, see pseudonym.hpp).
#include "cli/pseudonym.hpp"

#include <fmt/core.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>

namespace frist::cli {

Result<Pseudonymizer> Pseudonymizer::from_option(const std::string& value) {
  std::string key = value;
  if (!value.empty() && value.front() == '@') {
    const std::string path = value.substr(1);
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(fmt::format("--pseudonymize: cannot read the key file {}", path));
    std::getline(in, key);
    if (!key.empty() && key.back() == '\r') key.pop_back();
  }
  if (key.empty()) return make_error("--pseudonymize: the key is empty");
  return Pseudonymizer(std::move(key));
}

std::string Pseudonymizer::operator()(std::string_view case_id) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(case_id.data()),
       case_id.size(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(32);
  for (unsigned int i = 0; i < 16 && i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

void add_pseudonymize_option(CLI::App* sub, std::string& key) {
  sub->add_option("--pseudonymize", key,
                  "Replace every case id in the output by a keyed hash (HMAC-SHA-256, 32 hex characters) for sharing; "
                  "KEY or @FILE with the key on its first line")
      ->check(CLI::Validator([](std::string& v) { return v.empty() ? std::string("the key is empty") : std::string(); },
                             "KEY"));
}

std::optional<Pseudonymizer> pseudonymizer_of(const std::string& option, bool& failed) {
  failed = false;
  if (option.empty()) return std::nullopt;
  auto p = Pseudonymizer::from_option(option);
  if (!p) {
    fmt::print(stderr, "frist: {}\n", p.error().message);
    failed = true;
    return std::nullopt;
  }
  return std::move(*p);
}

}  // namespace frist::cli

// Unit tests for runtime/bytecode read_file on malformed and hostile input:
// header and section-table errors, a file cut off at every length, every
// section cut off at every length, single-byte changes everywhere (each
// rejected, or accepted and then written back byte for byte), counts far
// larger than the file, unknown enum values and non-canonical encodings.
// Run under the sanitizer build (-DFRIST_SANITIZE=ON) these also prove the
// reader never reads out of bounds or tries a huge allocation.
#include <catch2/catch.hpp>

#include <array>

#include "bytecode_fixtures.hpp"
#include "runtime/bytecode/program.hpp"

using namespace frist::bytecode;
using namespace frist::bytecode::testing;
using Catch::Matchers::Contains;

namespace {

using Bytes = std::vector<std::uint8_t>;

enum SectionId : std::uint32_t { kStrings = 1, kConstants, kVocabulary, kCalendar, kMetadata, kRules, kFunctions, kCode, kDebug };

const Bytes& sample_bytes() {
  static const Bytes bytes = write_file(sample_ruleset());
  return bytes;
}

std::uint32_t u32_at(const Bytes& b, std::size_t at) { return read_u32(b.data() + at); }

void put_u32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

void put_u16(Bytes& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<std::uint8_t>(v);
  b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}

Bytes section_of(const Bytes& file, std::uint32_t id) {
  const std::uint32_t offset = u32_at(file, 56 + (id - 1) * 12 + 4);
  const std::uint32_t size = u32_at(file, 56 + (id - 1) * 12 + 8);
  return Bytes(file.begin() + offset, file.begin() + offset + size);
}

// The file with section `id` replaced, the table and total size adjusted.
Bytes with_section(const Bytes& file, std::uint32_t id, const Bytes& content) {
  std::array<Bytes, 9> sections;
  for (std::uint32_t s = 1; s <= 9; ++s) sections[s - 1] = s == id ? content : section_of(file, s);
  Bytes out(file.begin(), file.begin() + 56 + 9 * 12);
  std::uint32_t offset = 56 + 9 * 12;
  for (std::uint32_t s = 1; s <= 9; ++s) {
    put_u32(out, 56 + (s - 1) * 12 + 4, offset);
    put_u32(out, 56 + (s - 1) * 12 + 8, static_cast<std::uint32_t>(sections[s - 1].size()));
    offset += static_cast<std::uint32_t>(sections[s - 1].size());
    out.insert(out.end(), sections[s - 1].begin(), sections[s - 1].end());
  }
  put_u32(out, 52, static_cast<std::uint32_t>(out.size()));
  return out;
}

std::string read_error(const Bytes& bytes) {
  const auto r = read_file(bytes);
  return r ? std::string() : r.error().message;
}

}  // namespace

TEST_CASE("bytecode read: the sample file reads back", "[bytecode]") { CHECK(read_error(sample_bytes()) == ""); }

TEST_CASE("bytecode read: header errors", "[bytecode]") {
  Bytes b = sample_bytes();
  SECTION("empty file and wrong magic") {
    CHECK(read_error({}) == "bytecode: not a Frist bytecode file (it does not start with the magic 'FRISTBC')");
    b[3] = 'Z';
    CHECK(read_error(b) == "bytecode: not a Frist bytecode file (it does not start with the magic 'FRISTBC')");
  }
  SECTION("a cut-off magic") {
    CHECK(read_error(Bytes(b.begin(), b.begin() + 5)) ==
          "bytecode: the file is cut off: 5 bytes, but the header alone has 56");
  }
  SECTION("another format version") {
    put_u32(b, 8, 2);
    CHECK(read_error(b) == "bytecode: this file is format 2; this frist reads format 1 — recompile the ruleset");
    // Even when the rest of the file is in a layout this frist does not know.
    CHECK(read_error(Bytes(b.begin(), b.begin() + 12)) ==
          "bytecode: this file is format 2; this frist reads format 1 — recompile the ruleset");
  }
  SECTION("flags") {
    put_u32(b, 12, 4);
    CHECK(read_error(b) == "bytecode: header: the flags are 0x00000004, but format 1 defines no flags (they must be 0)");
  }
  SECTION("section count") {
    put_u32(b, 48, 10);
    CHECK(read_error(b) == "bytecode: header: the file says it has 10 sections; format 1 has exactly 9");
  }
  SECTION("total size") {
    b.push_back(0);
    CHECK_THAT(read_error(b), Contains("but is " + std::to_string(b.size()) + " (bytes after the end)"));
    b.pop_back();
    put_u32(b, 52, static_cast<std::uint32_t>(b.size() + 10));
    CHECK_THAT(read_error(b), Contains("(cut off)"));
  }
  SECTION("section table order") {
    put_u32(b, 56 + 12, 3);
    CHECK(read_error(b) == "bytecode: section table: entry 1 has section id 3; the entries must be the sections 1 "
                           "to 9 in order");
  }
  SECTION("gaps and overlaps") {
    put_u32(b, 56 + 12 + 4, u32_at(b, 56 + 12 + 4) + 1);
    CHECK_THAT(read_error(b), Contains("section table: section 'constants' starts at byte"));
    CHECK_THAT(read_error(b), Contains("without gaps or overlap"));
  }
  SECTION("a section past the end") {
    put_u32(b, 56 + 8 * 12 + 8, 100000);
    CHECK_THAT(read_error(b), Contains("section table: section 'debug' (100000 bytes at byte"));
  }
  SECTION("a section shorter than the file") {
    put_u32(b, 56 + 8 * 12 + 8, u32_at(b, 56 + 8 * 12 + 8) - 1);
    CHECK_THAT(read_error(b), Contains("the last section ends at byte"));
  }
}

TEST_CASE("bytecode read: a file cut off at any length is rejected", "[bytecode]") {
  const Bytes& full = sample_bytes();
  for (std::size_t n = 0; n < full.size(); ++n) {
    const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    INFO("length " << n);
    CHECK_FALSE(read_error(cut).empty());
  }
}

TEST_CASE("bytecode read: a section cut off at any length is rejected", "[bytecode]") {
  const Bytes& full = sample_bytes();
  for (std::uint32_t id = 1; id <= 9; ++id) {
    const Bytes content = section_of(full, id);
    for (std::size_t n = 0; n < content.size(); ++n) {
      const std::string error = read_error(with_section(full, id, Bytes(content.begin(), content.begin() + n)));
      INFO("section " << id << " cut to " << n << " of " << content.size() << " bytes");
      CHECK_FALSE(error.empty());
    }
  }
  // The cursor names what it was reading.
  CHECK(read_error(with_section(full, kConstants, Bytes{1, 0, 0, 0, 0, 1, 2, 3, 4})) ==
        "bytecode: section 'constants': constant 0: cut off: needs 8 bytes at offset 5 of the section, only 4 left");
}

TEST_CASE("bytecode read: trailing bytes inside a section", "[bytecode]") {
  Bytes meta = section_of(sample_bytes(), kMetadata);
  meta.push_back(0);
  CHECK(read_error(with_section(sample_bytes(), kMetadata, meta)) ==
        "bytecode: section 'metadata': 1 bytes left over after its content");
}

TEST_CASE("bytecode read: single-byte changes are rejected or read back exactly", "[bytecode]") {
  const Bytes& original = sample_bytes();
  std::size_t accepted = 0;
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < original.size(); ++i) {
    // The lowest and the highest bit flipped, all bits flipped, and zero:
    // enough to hit every count, index, enum and flag (a sanitizer build
    // runs this too, so it stays at four changes per byte).
    const std::array<std::uint8_t, 4> values{static_cast<std::uint8_t>(original[i] ^ 0x01),
                                             static_cast<std::uint8_t>(original[i] ^ 0x80),
                                             static_cast<std::uint8_t>(original[i] ^ 0xFF), 0x00};
    for (const std::uint8_t value : values) {
      if (value == original[i]) continue;
      Bytes b = original;
      b[i] = value;
      const auto r = read_file(b);
      if (!r) {
        if (r.error().message.rfind("bytecode: ", 0) != 0) FAIL_CHECK("unexpected message: " << r.error().message);
        continue;
      }
      ++accepted;
      if (write_file(r.value()) != b) {
        ++mismatches;
        FAIL_CHECK("byte " << i << " changed to " << int(value) << " was accepted but does not write back the same");
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(accepted > 0);  // the hash, line numbers and so on may change freely
}

TEST_CASE("bytecode read: counts larger than the file are rejected before allocating", "[bytecode]") {
  const Bytes& file = sample_bytes();
  const auto patched = [&](std::uint32_t id, std::size_t at, std::uint32_t value, bool u16 = false) {
    Bytes s = section_of(file, id);
    if (u16) {
      put_u16(s, at, static_cast<std::uint16_t>(value));
    } else {
      put_u32(s, at, value);
    }
    return read_error(with_section(file, id, s));
  };
  CHECK_THAT(patched(kStrings, 0, 0xFFFFFFFF),
             Contains("section 'strings': the count of strings is 4294967295, but only"));
  CHECK_THAT(patched(kStrings, 4, 0xFFFFFFF0), Contains("section 'strings': string 0: cut off: needs 4294967280 bytes"));
  CHECK_THAT(patched(kConstants, 0, 0x7FFFFFFF), Contains("the count of constants is 2147483647"));
  CHECK_THAT(patched(kVocabulary, 0, 0xFFFFFFFF), Contains("the count of event types is 4294967295"));
  CHECK_THAT(patched(kVocabulary, 12, 0xFFFFFFFF), Contains("event type 0: the count of attributes is 4294967295"));
  CHECK_THAT(patched(kCalendar, 5, 0xFFFFFFFF), Contains("the count of holidays is 4294967295"));
  CHECK_THAT(patched(kRules, 0, 0xFFFFFFFF), Contains("the count of rules is 4294967295"));
  CHECK_THAT(patched(kRules, 28, 0xFFFFFFFF), Contains("rule 0: the count of evidence slots is 4294967295"));
  CHECK_THAT(patched(kFunctions, 0, 0xFFFFFFFF), Contains("the count of functions is 4294967295"));
  CHECK_THAT(patched(kFunctions, 16, 0xFFFF, true), Contains("function 0: the count of slots is 65535"));
  CHECK_THAT(patched(kDebug, 0, 0xFFFFFFFF), Contains("the count of debug entries is 4294967295"));
}

TEST_CASE("bytecode read: unknown enum values and bad references", "[bytecode]") {
  const Bytes& file = sample_bytes();
  const auto patched_u8 = [&](std::uint32_t id, std::size_t at, std::uint8_t value) {
    Bytes s = section_of(file, id);
    s.at(at) = value;
    return read_error(with_section(file, id, s));
  };
  CHECK(patched_u8(kConstants, 4, 9) == "bytecode: section 'constants': constant 0: unknown kind 9");
  // Vocabulary: type 0's first attribute starts at 12 + 4: name u32, value type u8.
  CHECK(patched_u8(kVocabulary, 20, 7) ==
        "bytecode: section 'vocabulary': event type 0, attribute 0: unknown value type 7");
  CHECK(patched_u8(kVocabulary, 25, 2) ==
        "bytecode: section 'vocabulary': event type 0, attribute 0: has_default is 2; it must be 0 or 1");
  CHECK(patched_u8(kVocabulary, 26, 3) ==
        "bytecode: section 'vocabulary': event type 0, attribute 0: the bool default is 3; it must be 0 or 1");
  CHECK(patched_u8(kCalendar, 0, 2) == "bytecode: section 'calendar': present is 2; it must be 0 or 1");
  CHECK(patched_u8(kMetadata, 30, 2) == "bytecode: section 'metadata': unknown language 2 (0 da, 1 en)");
  CHECK(patched_u8(kRules, 20, 2) == "bytecode: section 'rules': rule 0: unknown status 2 (0 verified, 1 unverified)");
  CHECK(patched_u8(kRules, 25, 2) == "bytecode: section 'rules': rule 0: for_each is 2; it must be 0 or 1");
  // Function 1 (rule R1) has two slots, the first at 4 + 14 + 14.
  CHECK(patched_u8(kFunctions, 32, 12) == "bytecode: section 'functions': function 1: slot 0 has unknown kind 12");

  Bytes vocab = section_of(file, kVocabulary);
  put_u32(vocab, 4, 777);
  CHECK_THAT(read_error(with_section(file, kVocabulary, vocab)),
             Contains("section 'vocabulary': event type 0: its name is string 777, but there are"));

  Bytes strings = section_of(file, kStrings);
  strings.at(12) = 0xC0;  // string 1 is "x"
  CHECK(read_error(with_section(file, kStrings, strings)) ==
        "bytecode: section 'strings': string 1: not valid UTF-8 (at byte 0)");
}

TEST_CASE("bytecode read: absent dates are written as 0", "[bytecode]") {
  // Metadata: 4 strings, then has_from u8, from i32, has_until u8 (at 21), until i32.
  Bytes meta = section_of(sample_bytes(), kMetadata);
  REQUIRE(meta.at(21) == 0);
  meta.at(22) = 1;
  CHECK(read_error(with_section(sample_bytes(), kMetadata, meta)) ==
        "bytecode: section 'metadata': has_until is 0 but until is 1; an absent date is written as 0");
}

TEST_CASE("bytecode read: the verifier runs on what was read", "[bytecode]") {
  Bytes code = section_of(sample_bytes(), kCode);
  code.at(0) = 0xEE;
  CHECK_THAT(read_error(with_section(sample_bytes(), kCode, code)),
             Contains("bytecode: section 'code': function 0 (the case date), at 0000: unknown opcode 0xee"));
}

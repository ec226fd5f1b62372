// Comments and blank lines of a source file, for the formatter. Comments
// live in the gaps between tokens (every token is a leaf of the parse tree),
// so they are found by scanning those gaps. Each comment is anchored to a
// token, so it moves with the clause it belongs to when the formatter
// reorders clauses:
//   - a trailing comment (code before it on its line) follows the token
//     before it, and stays at the end of that token's line;
//   - a comment on a line of its own precedes the token after it (or the end
//     of the file).
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grammar/parse.hpp"

namespace frist::compiler::format {

struct Comment {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;        // without trailing blanks and '\r'
  bool trailing = false;        // there is code before it on its line
  bool blank_before = false;    // an empty line separates it from what comes before
};

class CommentMap {
 public:
  // `leaves` are the tokens of the file in source order.
  CommentMap(std::string_view source, const std::vector<const grammar::PNode*>& leaves);

  // Comments on lines of their own just before the token (in order).
  const std::vector<Comment>& before(const grammar::PNode* leaf) const;
  // Trailing comments after the token.
  const std::vector<Comment>& after(const grammar::PNode* leaf) const;
  // Comments after the last token.
  const std::vector<Comment>& at_end() const noexcept { return at_end_; }
  // Every comment, in source order.
  const std::vector<Comment>& all() const noexcept { return all_; }

  // True when an empty line separates the text before `offset` from it.
  bool blank_line_before(std::uint32_t offset) const noexcept;

  std::string_view text(const Comment& c) const noexcept { return source_.substr(c.begin, c.end - c.begin); }

 private:
  std::string_view source_;
  std::vector<Comment> all_;
  std::unordered_map<const grammar::PNode*, std::vector<Comment>> before_;
  std::unordered_map<const grammar::PNode*, std::vector<Comment>> after_;
  std::vector<Comment> at_end_;
};

// The tokens (leaves) under `node`, in source order, appended to `out`.
void collect_leaves(const grammar::PNode& node, std::vector<const grammar::PNode*>& out);

}  // namespace frist::compiler::format

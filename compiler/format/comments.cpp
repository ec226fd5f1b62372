// Finding comments in the gaps between tokens and anchoring them to tokens.
#include "compiler/format/comments.hpp"

namespace frist::compiler::format {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

const std::vector<Comment>& empty_list() {
  static const std::vector<Comment> none;  // immutable
  return none;
}

}  // namespace

void collect_leaves(const grammar::PNode& node, std::vector<const grammar::PNode*>& out) {
  if (node.children.empty()) {
    out.push_back(&node);
    return;
  }
  for (const auto& c : node.children) collect_leaves(*c, out);
}

bool CommentMap::blank_line_before(std::uint32_t offset) const noexcept {
  int newlines = 0;
  std::size_t i = offset;
  while (i > 0) {
    const char c = source_[i - 1];
    if (c == '\n') ++newlines;
    else if (!is_blank(c)) break;
    --i;
  }
  return i > 0 && newlines >= 2;
}

CommentMap::CommentMap(std::string_view source, const std::vector<const grammar::PNode*>& leaves) : source_(source) {
  // Scan every gap between tokens for `#` … end of line.
  auto scan_gap = [&](std::uint32_t from, std::uint32_t to, const grammar::PNode* prev, const grammar::PNode* next) {
    std::uint32_t i = from;
    while (i < to) {
      if (source_[i] != '#') {
        ++i;
        continue;
      }
      Comment c;
      c.begin = i;
      std::uint32_t e = i;
      while (e < to && source_[e] != '\n') ++e;
      i = e;
      while (e > c.begin && is_blank(source_[e - 1])) --e;
      c.end = e;
      std::size_t k = c.begin;
      while (k > 0 && is_blank(source_[k - 1])) --k;
      c.trailing = k > 0 && source_[k - 1] != '\n';
      c.blank_before = blank_line_before(c.begin);
      all_.push_back(c);
      if (c.trailing && prev != nullptr) {
        after_[prev].push_back(c);
      } else {
        c.trailing = false;
        if (next != nullptr) before_[next].push_back(c);
        else at_end_.push_back(c);
      }
    }
  };
  std::uint32_t pos = 0;
  const grammar::PNode* prev = nullptr;
  for (const grammar::PNode* leaf : leaves) {
    if (leaf->begin >= pos) scan_gap(pos, leaf->begin, prev, leaf);
    pos = std::max(pos, leaf->end);
    prev = leaf;
  }
  scan_gap(pos, static_cast<std::uint32_t>(source_.size()), prev, nullptr);
}

const std::vector<Comment>& CommentMap::before(const grammar::PNode* leaf) const {
  auto it = before_.find(leaf);
  return it == before_.end() ? empty_list() : it->second;
}

const std::vector<Comment>& CommentMap::after(const grammar::PNode* leaf) const {
  auto it = after_.find(leaf);
  return it == after_.end() ? empty_list() : it->second;
}

}  // namespace frist::compiler::format

// Line diff (Myers) and unified-diff hunks (see unified_diff.hpp).
#include "compiler/format/unified_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace frist::compiler::format {
namespace {

// Lines with their line end ("" at the end of a file without one).
std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t nl = s.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
    out.push_back(s.substr(start, end - start));
    start = end;
  }
  return out;
}

enum class EditKind { Keep, Delete, Insert };
struct Edit {
  EditKind kind;
  std::size_t a;  // line index in `before` (Keep, Delete)
  std::size_t b;  // line index in `after` (Keep, Insert)
};

// The shortest edit script from a to b (Myers 1986, forward greedy search
// remembering each round's frontier for the walk back).
std::vector<Edit> shortest_edit(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const auto n = static_cast<std::ptrdiff_t>(a.size());
  const auto m = static_cast<std::ptrdiff_t>(b.size());
  const std::ptrdiff_t max = n + m;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * max + 2), 0);
  auto at = [&](std::vector<std::ptrdiff_t>& vec, std::ptrdiff_t k) -> std::ptrdiff_t& {
    return vec[static_cast<std::size_t>(k + max + 1)];
  };
  std::vector<std::vector<std::ptrdiff_t>> trace;
  std::ptrdiff_t found = -1;
  for (std::ptrdiff_t d = 0; d <= max && found < 0; ++d) {
    trace.push_back(v);
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      std::ptrdiff_t x = (k == -d || (k != d && at(v, k - 1) < at(v, k + 1))) ? at(v, k + 1) : at(v, k - 1) + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y;
      at(v, k) = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  std::vector<Edit> edits;
  std::ptrdiff_t x = n, y = m;
  for (std::ptrdiff_t d = found; d >= 0; --d) {
    std::vector<std::ptrdiff_t>& vd = trace[static_cast<std::size_t>(d)];
    const std::ptrdiff_t k = x - y;
    const bool down = k == -d || (k != d && at(vd, k - 1) < at(vd, k + 1));
    const std::ptrdiff_t prev_k = down ? k + 1 : k - 1;
    const std::ptrdiff_t prev_x = d == 0 ? 0 : at(vd, prev_k);
    const std::ptrdiff_t prev_y = d == 0 ? 0 : prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      edits.push_back({EditKind::Keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    }
    if (d > 0) {
      if (down) edits.push_back({EditKind::Insert, 0, static_cast<std::size_t>(prev_y)});
      else edits.push_back({EditKind::Delete, static_cast<std::size_t>(prev_x), 0});
    }
    x = prev_x;
    y = prev_y;
  }
  std::reverse(edits.begin(), edits.end());
  return edits;
}

void add_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view name) {
  if (before == after) return {};
  const std::vector<std::string_view> a = split_lines(before);
  const std::vector<std::string_view> b = split_lines(after);
  const std::vector<Edit> edits = shortest_edit(a, b);
  constexpr std::size_t kContext = 3;
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", name, name);
  std::size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].kind == EditKind::Keep) {
      ++i;
      continue;
    }
    // A hunk: from kContext lines before this change to kContext lines after
    // the last change that lies within 2·kContext lines of the previous one.
    const std::size_t start = i >= kContext ? i - kContext : 0;
    std::size_t end = i;
    std::size_t keeps = 0;
    for (std::size_t j = i; j < edits.size(); ++j) {
      if (edits[j].kind == EditKind::Keep) {
        if (++keeps > 2 * kContext) break;
      } else {
        keeps = 0;
        end = j + 1;
      }
    }
    const std::size_t stop = std::min(edits.size(), end + kContext);
    std::size_t a_start = 0, b_start = 0, a_count = 0, b_count = 0;
    bool a_set = false, b_set = false;
    std::string body;
    for (std::size_t j = start; j < stop; ++j) {
      const Edit& e = edits[j];
      if (e.kind != EditKind::Insert) {
        if (!a_set) a_start = e.a, a_set = true;
        ++a_count;
      }
      if (e.kind != EditKind::Delete) {
        if (!b_set) b_start = e.b, b_set = true;
        ++b_count;
      }
      switch (e.kind) {
        case EditKind::Keep: add_line(body, ' ', a[e.a]); break;
        case EditKind::Delete: add_line(body, '-', a[e.a]); break;
        case EditKind::Insert: add_line(body, '+', b[e.b]); break;
      }
    }
    // Empty sides are numbered by the line before them, as diff -u does.
    if (!a_set) {
      for (std::size_t j = start; j-- > 0;)
        if (edits[j].kind != EditKind::Insert) { a_start = edits[j].a + 1; break; }
    }
    if (!b_set) {
      for (std::size_t j = start; j-- > 0;)
        if (edits[j].kind != EditKind::Delete) { b_start = edits[j].b + 1; break; }
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_count == 0 ? a_start : a_start + 1, a_count,
                       b_count == 0 ? b_start : b_start + 1, b_count);
    out += body;
    i = stop;
  }
  return out;
}

}  // namespace frist::compiler::format

// The organisation tree: nation → region → trust → division → unit.
// Plain values and rules, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace varde::org {

struct Node {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string path;  // "/1/4/9/": the ids from the root down, this node last
  std::string code;  // short and unique, e.g. "HNIKT"
  std::string name;
  std::string kind;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

const std::vector<std::string>& kinds();
bool is_kind(std::string_view kind);

// A node code: 2–16 characters, upper-case letters A–Z, Æ, Ø, Å, digits,
// '-' or '_', starting with a letter. Returns a reason when invalid.
std::optional<std::string> code_problem(std::string_view code);

// The path of a child with id `id` under a parent at `parent_path`
// (or at the root when the parent path is empty).
std::string child_path(std::string_view parent_path, int64_t id);

// How deep a node is (1 for a root).
int depth(std::string_view path);

// Whether a child of kind `child` may sit under a parent of kind `parent`:
// a kind may only sit under a kind of higher rank, units under anything but
// units... except that divisions and units may nest in themselves, as real
// hospitals do (avdeling → seksjon → enhet).
bool may_contain(std::string_view parent, std::string_view child);

// The fewest subtrees that together hold exactly the part of `under`'s
// subtree that also lies in one of `subtrees`: `under` itself when one of
// `subtrees` holds it, else the outermost of `subtrees` that lie inside it
// (none when they do not meet). For counts kept per subtree, so that what a
// caller may see is summed from a few nodes instead of every node under them.
std::vector<std::string> visible_part(const std::string& under, const std::vector<std::string>& subtrees);

}  // namespace varde::org

// Organisation nodes in the store. Every change is audited in the caller's
// transaction. Domain errors are thrown as api::Problem, so the API answers
// them as they are and the CLI prints their detail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "core/json_writer.hpp"
#include "org/model.hpp"
#include "store/database.hpp"

namespace varde::org {

std::optional<Node> find(store::Tx& tx, int64_t id);
std::optional<Node> find_by_code(store::Tx& tx, std::string_view code);

struct NewNode {
  std::string code;
  std::string name;
  std::string kind;
  std::optional<int64_t> parent_id;  // none: a root
};

// Creates a node; 400 for an invalid code or kind, 404 for an unknown
// parent, 409 for a code in use.
Node create(store::Tx& tx, const audit::Actor& actor, const NewNode& n);

struct Patch {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<std::string> kind;
};

// Changes a node if it is still at `expected_version`; otherwise 412 with
// the current node.
Node update(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const Patch& p);

// Deletes a node that has no children, users or grants (else 409).
void remove(store::Tx& tx, const audit::Actor& actor, int64_t id);

struct ListQuery {
  std::vector<std::string> subtrees;  // only nodes under these paths
  std::optional<int64_t> parent_id;
  std::optional<std::string> kind;
  std::optional<std::string> text;    // in code or name
  std::string order_by = "path, id";  // SQL, from a whitelist (see api::Context::order_by)
  int64_t limit = 50;
  int64_t offset = 0;
};

struct Page {
  std::vector<Node> items;
  int64_t total = 0;
};

Page list(store::Tx& tx, const ListQuery& q);
// The page's nodes without their total: one query fewer, for callers that
// take every node of a kind (a region's trusts) rather than show a page.
std::vector<Node> list_items(store::Tx& tx, const ListQuery& q);
// list_items in two halves, for a Tx::query_all: the statement, and the
// nodes from its rows.
store::Query list_items_query(store::Tx& tx, const ListQuery& q);
std::vector<Node> read_nodes(store::Rows& rows);

void write_json(core::JsonWriter& w, const Node& n);
std::string to_json(const Node& n);

}  // namespace varde::org

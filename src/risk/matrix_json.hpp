// A risk matrix as JSON: how the store keeps a matrix version's definition
// and how the API shows it. Level numbers in JSON are 1-based ("level": 1 is
// the lowest); cells are [likelihood][consequence], lowest first.
#pragma once

#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"
#include "risk/model.hpp"

namespace varde::risk {

void write_json(core::JsonWriter& w, const Matrix& m);
std::string matrix_to_json(const Matrix& m);

// Reads a matrix written by write_json (or sent by a client in the same
// shape). Throws api::Problem 400 naming the field when a member has the
// wrong type; the matrix rules are checked by validate(), not here.
Matrix matrix_from_json(const nlohmann::json& j);

}  // namespace varde::risk

// RFC 9457 problem details, thrown by handlers and turned into an
// application/problem+json answer by the dispatcher. A Problem always rolls
// back the request's transaction.
#pragma once

#include <stdexcept>
#include <string>

namespace varde::api {

class Problem : public std::runtime_error {
 public:
  Problem(int status, std::string title, std::string detail = "", std::string field = "")
      : std::runtime_error(title), status(status), title(std::move(title)), detail(std::move(detail)),
        field(std::move(field)) {}

  int status;
  std::string title;
  std::string detail;
  std::string field;        // the request field to blame, when there is one
  std::string extra_json;   // members to add, as JSON object text without braces, e.g. "\"current\":{...}"
};

inline Problem bad_request(std::string field, std::string detail) {
  return Problem(400, "Ugyldig forespørsel", std::move(detail), std::move(field));
}
inline Problem not_found() { return Problem(404, "Finnes ikke", "Objektet finnes ikke, eller du har ikke tilgang til det."); }
inline Problem forbidden(std::string detail) { return Problem(403, "Ingen tilgang", std::move(detail)); }
inline Problem conflict(std::string field, std::string detail) {
  return Problem(409, "Konflikt", std::move(detail), std::move(field));
}

// 412 for an edit made on an older version: the problem carries the object
// as it is now (`current`), so the client can show both and lose nothing.
inline Problem stale_version(std::string detail, std::string current_json) {
  Problem p(412, "Endret av noen andre", std::move(detail), "version");
  p.extra_json = "\"current\":" + std::move(current_json);
  return p;
}

// The JSON text of a problem answer.
std::string problem_json(const Problem& p);

}  // namespace varde::api

// Risk management (ROS): the risk matrix, scoring and the acceptance rule,
// with no I/O.
//
// A matrix has N likelihood levels × M consequence levels (3..6 each), a
// short list of risk levels with a colour, and for every cell the risk level
// and the acceptance rule: the lowest leader level that may accept a risk in
// that cell (1 unit leader … 4 board/region, see users/model.hpp), or
// kNotAcceptable when the risk must be treated first. Levels are numbered
// from 1 (the lowest) in the API and the UI; arrays here are 0-based.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace varde::risk {

// A text in bokmål and English (the UI's two languages).
struct Text {
  std::string nb;
  std::string en;
  bool operator==(const Text&) const = default;
};

struct Level {
  std::string abbreviation;
  Text label;
  Text description;
  // Consequence levels only: what the level means per area ("pasientsikkerhet" → "Død eller varig skade").
  std::map<std::string, Text> per_area;
};

struct RiskLevel {
  std::string abbreviation;
  Text label;
  Text description;
  std::string colour;  // "#RRGGBB"
};

// A consequence area (pasientsikkerhet, personvern, tilgjengelighet, omdømme, økonomi).
struct Area {
  std::string code;
  Text label;
};

inline constexpr int kNotAcceptable = 0;

struct Cell {
  int risk_level = 0;    // index into Matrix::risk_levels
  int accept_level = 0;  // 1..4, or kNotAcceptable
};

struct Matrix {
  std::string key;  // stable name across versions, e.g. "helse-5x5" or the library's ref_id
  Text name;
  Text description;
  std::vector<Level> likelihood;   // lowest first
  std::vector<Level> consequence;  // lowest first
  std::vector<RiskLevel> risk_levels;  // lowest first
  std::vector<Area> areas;         // may be empty: one consequence per risk
  std::vector<std::vector<Cell>> cells;  // [likelihood][consequence]
};

inline constexpr int kMinLevels = 3;
inline constexpr int kMaxLevels = 6;

// A problem with a matrix or a score, naming the field ("cells[2][1].accept_level").
struct Problem {
  std::string field;
  std::string message;  // Norwegian, for a person
};

// Everything wrong with the matrix; empty when it is valid: 3..6 levels on
// each axis, at least one risk level, a cell for every pair, cell values in
// range, colours as #RRGGBB, labels in both languages, unique area codes,
// and texts per area only on consequence levels, for the matrix's areas, of
// at most 500 characters each (either language may be empty).
std::vector<Problem> validate(const Matrix& m);

// A position on the matrix, 1-based.
struct Score {
  int likelihood = 0;
  int consequence = 0;
  bool operator==(const Score&) const = default;
};

// True when the score lies on the matrix.
bool on_matrix(const Matrix& m, Score s);
// The cell of a score; nullptr when it is off the matrix.
const Cell* cell_at(const Matrix& m, Score s);
// The risk level (index) of a score; nullopt off the matrix.
std::optional<int> level_of(const Matrix& m, Score s);
// The overall consequence of per-area consequences: the worst of them
// (a risk is as serious as its worst effect); nullopt when there are none.
std::optional<int> overall_consequence(const std::map<std::string, int>& per_area);

// The leader levels by name, for messages: 1 "enhetsleder", 2 "avdelingsleder",
// 3 "administrerende direktør", 4 "styret eller regionen".
std::string leader_level_name_nb(int level);
std::string leader_level_name_en(int level);

// Whether a leader at `leader_level` (nullopt: not a leader) may accept a
// risk whose residual score is `residual`. `required` is the cell's rule.
struct Acceptance {
  bool allowed = false;
  bool acceptable = true;  // false: the cell is not acceptable without treatment
  int required = 0;        // the leader level the cell asks for (0 when not acceptable)
};
Acceptance check_acceptance(const Matrix& m, Score residual, std::optional<int> leader_level);
// The refusal as a person reads it, naming the level required.
std::string refusal_nb(const Acceptance& a);

// The acceptance rule an imported matrix gets for its risk level `index` of
// `count`: the highest level is not acceptable without treatment, the rest are
// spread from unit leader (1) to trust director (3). Imports say so; a region
// adjusts the rules afterwards.
int default_accept_level(int index, int count);

// The default matrix: 5×5 in the style of Norwegian health trusts, with the
// five consequence areas, three risk levels (green, yellow, red) and
// acceptance from unit leader (green) up to the board, the top red cells not
// acceptable without treatment.
Matrix default_matrix();

// Treatment of a risk.
enum class Treatment { reduce, accept, avoid, transfer };
std::string_view treatment_code(Treatment t);
std::optional<Treatment> treatment_from_code(std::string_view code);
std::string_view treatment_label_nb(Treatment t);

// An assessment's life: planned → in progress → completed → to be re-assessed.
bool is_assessment_status(std::string_view code);
std::string_view assessment_status_label_nb(std::string_view code);
// What an assessment covers: a system, a change, a process, a requirement.
bool is_subject_kind(std::string_view code);

// Where a risk's acceptance stands on `today` ("YYYY-MM-DD"): "none",
// "accepted", or "expired" (its expiry date has passed).
std::string acceptance_state(const std::optional<std::string>& accepted_until, const std::string& today);
// True when a review date ("YYYY-MM-DD") is before today.
bool review_overdue(const std::optional<std::string>& review_on, const std::string& today);

}  // namespace varde::risk

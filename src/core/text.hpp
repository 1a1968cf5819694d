// Text helpers shared by the areas' stores.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace varde::core {

// Lower-cases text for search: ASCII and the Latin-1 letters (Æ Ø Å É …),
// the same way on every engine (SQLite's lower() and PostgreSQL's in the C
// locale touch only ASCII). Stored beside the text it folds, and applied to
// the search term.
std::string fold_for_search(std::string_view text);

// A key that sorts text in Norwegian order with plain byte comparison, on
// every engine: case folded, and æ, ø, å placed after z in that order.
std::string sort_key(std::string_view text);

// A LIKE pattern that finds `term` anywhere, with %, _ and \ in the term
// taken literally (use with ESCAPE '\').
std::string contains_pattern(std::string_view term);

// A strictly positive decimal integer, or nullopt ("12" yes; "1e3", "+1",
// " 1", "0" no).
std::optional<long long> parse_id(std::string_view text);

// True for "YYYY-MM-DD" or an ISO instant starting with it.
bool is_iso_date_or_instant(std::string_view text);

// At most `max_chars` characters of the text, cut between characters, with
// "…" added when something was cut.
std::string shorten(std::string_view text, std::size_t max_chars);

// True when the text is empty or only white space (including no-break space).
bool is_blank(std::string_view text);

// A plausible e-mail address: something@something.something, no spaces.
bool is_plausible_email(std::string_view text);

}  // namespace varde::core

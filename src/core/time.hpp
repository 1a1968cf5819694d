// Instants are UTC text in the store ("2026-11-23T18:47:40.123Z"): the same
// in both engines, readable, and ordered as strings.
#pragma once

#include <chrono>
#include <string>

namespace varde::core {

using Clock = std::chrono::system_clock;

// The instant as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string iso_utc(Clock::time_point t);
// Now, in that format.
std::string now_iso();
// Now plus a number of seconds (negative for the past), in that format.
std::string now_plus_seconds(long long seconds);

// Now as a person in Norway reads it: "23.11.2026 kl. 19.47" (Europe/Oslo).
std::string local_time_text();

// Today's date in Norway (Europe/Oslo) as "YYYY-MM-DD", for due dates.
std::string local_date_iso();

}  // namespace varde::core

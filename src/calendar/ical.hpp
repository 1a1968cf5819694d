// iCalendar (RFC 5545) text for a deadline feed. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

namespace varde::calendar {

// One deadline, an all-day event on a local (Europe/Oslo) date.
struct Event {
  std::string uid;          // stable across fetches, e.g. "period-3@varde"
  std::string date;         // "2026-05-15"
  std::string summary;      // one line
  std::string description;  // may have several lines
  std::string url;          // optional link into Varde
};

// A VCALENDAR with one VEVENT per event. Text is escaped (\ ; , newlines) and
// lines are folded at 75 octets without splitting a UTF-8 character; lines
// end with CRLF as the standard requires. `stamp` is the DTSTAMP instant
// ("20261123T184740Z").
std::string render(const std::string& calendar_name, const std::vector<Event>& events, const std::string& stamp);

// "2026-05-15" → "20260515".
std::string ical_date(const std::string& iso_date);

}  // namespace varde::calendar

#include "calendar/ical.hpp"

namespace varde::calendar {

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// Folds a content line at 75 octets, never inside a UTF-8 sequence.
void add_line(std::string& out, const std::string& line) {
  std::size_t start = 0;
  bool first = true;
  while (start < line.size()) {
    std::size_t limit = first ? 75 : 74;  // continuation lines start with a space
    std::size_t end = std::min(line.size(), start + limit);
    while (end < line.size() && end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
    if (!first) out += ' ';
    out.append(line, start, end - start);
    out += "\r\n";
    start = end;
    first = false;
  }
  if (line.empty()) out += "\r\n";
}

}  // namespace

std::string ical_date(const std::string& iso_date) {
  std::string out;
  for (char c : iso_date.substr(0, 10))
    if (c != '-') out += c;
  return out;
}

std::string render(const std::string& calendar_name, const std::vector<Event>& events, const std::string& stamp) {
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//Varde//Frister//NO");
  add_line(out, "CALSCALE:GREGORIAN");
  add_line(out, "METHOD:PUBLISH");
  add_line(out, "X-WR-CALNAME:" + escape(calendar_name));
  add_line(out, "X-WR-TIMEZONE:Europe/Oslo");
  for (const auto& e : events) {
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:" + escape(e.uid));
    add_line(out, "DTSTAMP:" + stamp);
    add_line(out, "DTSTART;VALUE=DATE:" + ical_date(e.date));
    add_line(out, "SUMMARY:" + escape(e.summary));
    if (!e.description.empty()) add_line(out, "DESCRIPTION:" + escape(e.description));
    if (!e.url.empty()) add_line(out, "URL:" + e.url);
    add_line(out, "TRANSP:TRANSPARENT");
    add_line(out, "END:VEVENT");
  }
  add_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace varde::calendar

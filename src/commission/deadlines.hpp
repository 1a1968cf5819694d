// Deadlines written into a requirement's text, found so that they can become
// dated deadlines with reminders ("innen 3. april hvert år" → 3 April every year).
//
// Pure: reads the text it is given and nothing else.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace varde::commission {

enum class DeadlineKind {
  date,            // "innen 3. april", "innen 01.06.2023"
  end_of_month,    // "innen utgangen av mai"
  end_of_tertial,  // "innen 1. tertial": 30 April; 2nd: 31 August; 3rd: 31 December
  end_of_year,     // "innen utgangen av 2023", "i løpet av 2023"
  during_month,    // "i juni 2023": some day that month; a person should pick the day
};

// One deadline phrase found in a text.
struct RecognisedDeadline {
  std::string phrase;           // as written, spaces collapsed: "innen 3. april hvert år"
  std::size_t offset = 0;       // byte offset of the phrase in the text searched
  DeadlineKind kind = DeadlineKind::date;
  int month = 0;                // 1–12 for date, end_of_month, during_month
  int day = 0;                  // 1–31 for date
  int tertial = 0;              // 1–3 for end_of_tertial
  std::optional<int> year;      // when the phrase names its year ("innen utgangen av 2023")
  bool yearly = false;          // "hvert år", "årlig": the date comes back every year
  bool approximate = false;     // only the month is known (during_month)

  // The proposed date, "YYYY-MM-DD". The phrase's own year wins when it names
  // one and does not repeat; otherwise `year` (the document's year, or the year
  // of a repetition) is used. A day past the month's end (29 February in a
  // common year) becomes the month's last day. A month-only phrase proposes the
  // first of the month, so a reminder comes too early rather than too late.
  std::string proposed_date(int year) const;
};

// Finds deadline phrases in Norwegian text, case-insensitive, in text order:
//   innen [den] 3. april [2023] [hvert år | årlig]   (also "hvert år innen 3. april")
//   innen 01.06.2023, innen 1.6.
//   innen 1. tertial [2023], innen første tertial, innen utgangen av 2. tertial
//   innen utgangen/slutten av 2023 | av året | av mai [2023];  innen årets utgang
//   i løpet av 2023 | av 1. tertial | av mai 2023
//   i juni 2023 (approximate)
// A date that does not exist (31. april) is not recognised. Never fails; text
// without a deadline gives an empty list.
std::vector<RecognisedDeadline> recognise_deadlines(std::string_view text);

// The Norwegian month number of a month name (januar … desember, any case), or 0.
int norwegian_month(std::string_view name);

}  // namespace varde::commission

// Spreadsheet files (RFC 4180): the hub's exports, read by Excel, LibreOffice and scripts alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace confab {

/// The UTF-8 byte order mark every export starts with: without it, spreadsheet programs read
/// the file in the machine's legacy encoding and accents come out garbled.
inline constexpr std::string_view kCsvBom = "\xEF\xBB\xBF";

/// One field as RFC 4180 writes it: as is, or in double quotes (inner quotes doubled) when it
/// holds a comma, a quote, a CR or an LF, or starts or ends with a space.
std::string csv_field(std::string_view text);

/// Third-party text (a spammer's title, say) that starts like a formula would run when the file
/// is opened in a spreadsheet (CSV injection): text starting with = + - @, a tab or a CR gets a
/// leading apostrophe, which makes it plain text there.
std::string csv_defused(std::string text);

/// One record: the fields quoted as needed, separated by commas, ending in CRLF.
std::string csv_row(const std::vector<std::string>& fields);

/// The same record appended to `out` (an export of every node: no string per row or field).
void append_csv_row(std::string& out, const std::vector<std::string>& fields);

}  // namespace confab

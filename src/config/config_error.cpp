#include <utility>

#include "config/config.h"

namespace confab {
namespace {

// "FILE:LINE:COL: message", or "FILE: message" when the problem has no place inside the file
// (line 0: the file could not be read at all).
std::string located(const std::string& file, int line, int column, const std::string& message) {
  std::string text = file;
  if (line > 0) {
    text += ':' + std::to_string(line);
    if (column > 0) text += ':' + std::to_string(column);
  }
  return text + ": " + message;
}

}  // namespace

ConfigError::ConfigError(std::string file_name, int line_number, int column_number,
                         const std::string& message_text)
    : std::runtime_error(located(file_name, line_number, column_number, message_text)),
      file(std::move(file_name)),
      line(line_number),
      column(column_number),
      message(message_text) {}

}  // namespace confab

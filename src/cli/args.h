// A small command-line parser: flags with values, boolean switches, positionals, --help.
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace confab {

/// A command line that does not fit its command: what() says what, for the user.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ParsedArgs {
  std::map<std::string, std::string> values;  ///< "--output" -> "dir"
  std::set<std::string> switches;             ///< "--offline"
  std::vector<std::string> positionals;

  bool has(const std::string& flag) const { return switches.count(flag) || values.count(flag); }
  std::string value(const std::string& flag, const std::string& fallback = "") const;
};

/// Parses `args` (without the program and command names). `with_value` lists flags that take a
/// value ("--output DIR" or "--output=DIR"); `switches` lists boolean flags. "--help"/"-h" is
/// always accepted. Unknown flags throw UsageError, with a suggestion when one is close.
ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                      const std::set<std::string>& switches, std::size_t max_positionals);

}  // namespace confab

#include "cli/args.h"

#include <string_view>
#include <vector>

#include "base/edit_distance.h"

namespace confab {

std::string ParsedArgs::value(const std::string& flag, const std::string& fallback) const {
  const auto found = values.find(flag);
  return found == values.end() ? fallback : found->second;
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                      const std::set<std::string>& switches, std::size_t max_positionals) {
  ParsedArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      parsed.switches.insert("--help");
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      std::string flag = arg;
      std::string inline_value;
      bool has_inline_value = false;
      if (const auto eq = arg.find('='); eq != std::string::npos) {
        flag = arg.substr(0, eq);
        inline_value = arg.substr(eq + 1);
        has_inline_value = true;
      }
      if (with_value.count(flag)) {
        if (has_inline_value) {
          parsed.values[flag] = inline_value;
        } else if (i + 1 < args.size()) {
          parsed.values[flag] = args[++i];
        } else {
          throw UsageError(flag + " needs a value");
        }
        continue;
      }
      if (switches.count(flag) && !has_inline_value) {
        parsed.switches.insert(flag);
        continue;
      }
      std::vector<std::string_view> known(with_value.begin(), with_value.end());
      known.insert(known.end(), switches.begin(), switches.end());
      known.push_back("--help");
      std::string message = "unknown option '" + flag + "'";
      if (auto near = closest_match(flag, known)) {
        message += "; did you mean '" + std::string(*near) + "'?";
      }
      throw UsageError(message);
    }
    if (parsed.positionals.size() >= max_positionals) {
      throw UsageError("unexpected argument '" + arg + "'");
    }
    parsed.positionals.push_back(arg);
  }
  return parsed;
}

}  // namespace confab

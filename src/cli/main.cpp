// confab's entry point: set up libcurl once, hand the command line to run_confab.
#include <curl/curl.h>

#include <string>
#include <vector>

#include "base/allocator.h"
#include "cli/commands.h"
#include "cli/console.h"

int main(int argc, char** argv) {
  confab::use_large_pages();
  curl_global_init(CURL_GLOBAL_DEFAULT);
  confab::Console console;
  const int code = confab::run_confab(std::vector<std::string>(argv + 1, argv + argc), console);
  curl_global_cleanup();
  return code;
}

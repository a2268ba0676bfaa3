// program_build_id: what names this program in the output's page memo.
#include "base/program_id.h"

#include <gtest/gtest.h>

#include <string>

namespace confab {
namespace {

TEST(ProgramBuildId, IsTheProgramsOwnBuildIdInHexadecimal) {
  const std::string id = program_build_id();
  if (id.empty()) GTEST_SKIP() << "this test program was linked without a build ID (--build-id)";
  // GNU ld and lld make SHA-1 (20 bytes) by default, others MD5 (16) or a UUID (16).
  EXPECT_GE(id.size(), 32u);
  EXPECT_EQ(id.size() % 2, 0u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  EXPECT_EQ(program_build_id(), id);
}

}  // namespace
}  // namespace confab

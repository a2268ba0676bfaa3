#include "serve/request_path.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace confab {
namespace {

namespace fs = std::filesystem;

class RequestPath : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("confab-request-path-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "site" / "about");
    std::ofstream(root_ / "secret.txt") << "outside";
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path site() const { return root_ / "site"; }
  fs::path root_;
};

TEST_F(RequestPath, MapsPathsInsideTheSite) {
  EXPECT_EQ(file_for_request(site(), "/"), site());
  EXPECT_EQ(file_for_request(site(), "/about/"), site() / "about");
  EXPECT_EQ(file_for_request(site(), "/style.css"), site() / "style.css");
  EXPECT_EQ(file_for_request(site(), "/./about/./index.html"), site() / "about" / "index.html");
}

TEST_F(RequestPath, AbsoluteLookingPathsStayInside) {
  // An empty segment never restarts from the file system's root.
  EXPECT_EQ(file_for_request(site(), "//etc/passwd"), site() / "etc" / "passwd");
  EXPECT_EQ(file_for_request(site(), "///secret.txt"), site() / "secret.txt");
}

TEST_F(RequestPath, RefusesEverythingThatCouldLeave) {
  for (const char* path :
       {"/../secret.txt", "/about/../../secret.txt", "/..", "/a/..", "../secret.txt", "secret.txt",
        "", "/..\\secret.txt", "/about\\..\\..\\secret.txt"}) {
    EXPECT_EQ(file_for_request(site(), path), std::nullopt) << path;
  }
  EXPECT_EQ(file_for_request(site(), std::string_view("/a\0b", 4)), std::nullopt);
  EXPECT_EQ(file_for_request(site(), "/a\nb"), std::nullopt);
}

TEST_F(RequestPath, RefusesSymlinksLeadingOut) {
  fs::create_symlink(root_ / "secret.txt", site() / "link.txt");
  fs::create_directory_symlink(root_, site() / "up");
  EXPECT_EQ(file_for_request(site(), "/link.txt"), std::nullopt);
  EXPECT_EQ(file_for_request(site(), "/up/secret.txt"), std::nullopt);
}

TEST(EncodePathSegment, KeepsUnreservedAndEscapesTheRest) {
  EXPECT_EQ(encode_path_segment("about"), "about");
  EXPECT_EQ(encode_path_segment("a b/c?"), "a%20b%2Fc%3F");
  EXPECT_EQ(encode_path_segment("é"), "%C3%A9");
}

}  // namespace
}  // namespace confab

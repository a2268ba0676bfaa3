#include "serve/live_reload.h"

#include <gtest/gtest.h>

#include "serve/content_type.h"

namespace confab {
namespace {

TEST(LiveReload, InjectsBeforeTheLastBodyEnd) {
  const std::string page = "<html><body><p>x</p></BODY></html>";
  const std::string injected = inject_reload_script(page, 7);
  const auto script = injected.find("<script>");
  ASSERT_NE(script, std::string::npos);
  EXPECT_LT(script, injected.find("</BODY>"));
  EXPECT_NE(injected.find("var built=7;"), std::string::npos);
  EXPECT_NE(injected.find(kReloadEventsPath), std::string::npos);
  EXPECT_EQ(injected.substr(0, script), "<html><body><p>x</p>");
}

TEST(LiveReload, AppendsWhenThereIsNoBody) {
  const std::string injected = inject_reload_script("<p>fragment</p>", 1);
  EXPECT_EQ(injected.rfind("<p>fragment</p><script>", 0), 0u);
}

TEST(LiveReload, ErrorPageEscapesTheMessage) {
  const std::string page = build_error_page("templates/index.html:3: bad <tag> & \"x\"", 2);
  EXPECT_NE(page.find("templates/index.html:3: bad &lt;tag&gt; &amp; &quot;x&quot;"),
            std::string::npos);
  EXPECT_EQ(page.find("<tag>"), std::string::npos);
  EXPECT_NE(page.find("var built=2;"), std::string::npos);
}

TEST(LiveReload, NotFoundPageNamesThePath) {
  EXPECT_NE(not_found_page("/no/<such>", 1).find("/no/&lt;such&gt;"), std::string::npos);
}

TEST(LiveReload, ServerSentEventFormat) {
  EXPECT_EQ(server_sent_event("reload", "3"), "event: reload\ndata: 3\n\n");
}

TEST(ContentType, ByExtension) {
  EXPECT_EQ(content_type_for("a/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("STYLE.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("conversation.json"), "application/json");
  EXPECT_EQ(content_type_for("x.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("blob"), "application/octet-stream");
  EXPECT_TRUE(is_html_type(content_type_for("x.htm")));
  EXPECT_FALSE(is_html_type(content_type_for("x.css")));
}

}  // namespace
}  // namespace confab

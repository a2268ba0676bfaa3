#include "corpus.h"

#include <cstdint>

#include "base/markup_escape.h"

namespace confab::bench {

namespace {

/// A small deterministic generator, so the corpus is the same bytes on every machine.
class Words {
 public:
  explicit Words(std::uint64_t seed) : state_(seed * 2654435761u + 1) {}
  std::uint32_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return static_cast<std::uint32_t>(state_);
  }
  std::string word() {
    static const char* const kWords[] = {
        "love",    "campaign", "video",  "bring",  "back",    "music",  "summer", "friends",
        "street",  "coffee",   "garden", "bread",  "morning", "writes", "posted", "really",
        "thought", "about",    "this",   "whole",  "week",    "people", "simple", "share",
        "blog",    "comment",  "reply",  "rather", "quite",   "little", "better", "story"};
    return kWords[next() % (sizeof kWords / sizeof kWords[0])];
  }
  std::string sentence(int words) {
    std::string text = word();
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
    for (int i = 1; i < words; ++i) text += " " + word();
    return text + ".";
  }

 private:
  std::uint64_t state_;
};

std::string rfc822(int day, int hour) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return std::string(kDays[day % 7]) + ", " + std::to_string(1 + day % 28) + " Mar 2026 " +
         (hour < 10 ? "0" : "") + std::to_string(hour) + ":15:00 +0000";
}

std::string rfc3339(int day, int hour) {
  const int d = 1 + day % 28;
  return std::string("2026-03-") + (d < 10 ? "0" : "") + std::to_string(d) + "T" +
         (hour < 10 ? "0" : "") + std::to_string(hour) + ":15:00Z";
}

/// A post body as blogs write it: paragraphs, a link elsewhere, an image, entities.
std::string post_html(Words& words, const std::string& origin, int blog) {
  std::string html;
  for (int p = 0; p < 4; ++p) {
    html += "<p>" + words.sentence(12) + " <a href=\"http://blog" +
            std::to_string((blog * 7 + p) % 1000) + ".localhost/2026/03/post-" + std::to_string(p) +
            "/\">" + words.word() + " &amp; " + words.word() + "</a> " + words.sentence(18) +
            " &#8220;" + words.word() + "&#8221; &mdash; " + words.sentence(9) + "</p>\n";
  }
  html += "<p><img src=\"" + origin + "/files/pic-" + std::to_string(blog) + ".jpg\" alt=\"" +
          words.word() + "\" /> <em>" + words.sentence(6) + "</em></p>\n";
  return html;
}

std::string escape(const std::string& html) {
  std::string out;
  out.reserve(html.size() + html.size() / 4);
  append_escaped_attribute(out, html);
  return out;
}

std::string rss_feed(int blog, const CorpusShape& shape, const std::string& origin) {
  Words words(static_cast<std::uint64_t>(blog) + 1);
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
      "  xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      "  xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\">\n<channel>\n"
      "  <title>" +
      words.sentence(3) +
      "</title>\n"
      "  <atom:link href=\"" +
      origin +
      "/feed\" rel=\"self\" type=\"application/rss+xml\" />\n"
      "  <link>" +
      origin +
      "/</link>\n"
      "  <description>" +
      words.sentence(8) +
      "</description>\n"
      "  <lastBuildDate>" +
      rfc822(blog, 12) + "</lastBuildDate>\n  <language>en-US</language>\n";
  for (int post = 0; post < shape.posts_per_blog; ++post) {
    const std::string link = origin + "/2026/03/post-" + std::to_string(post) + "/";
    const std::string html = post_html(words, origin, blog);
    xml += "  <item>\n    <title>" + words.sentence(5) + "</title>\n    <link>" + link +
           "</link>\n    <comments>" + link + "#comments</comments>\n    <pubDate>" +
           rfc822(blog + post, post + 8) + "</pubDate>\n    <dc:creator><![CDATA[" + words.word() +
           " " + words.word() + "]]></dc:creator>\n" + "    <category><![CDATA[" + words.word() +
           "]]></category>\n" + "    <guid isPermaLink=\"false\">" + origin +
           "/?p=" + std::to_string(post) + "</guid>\n    <description><![CDATA[" +
           words.sentence(25) + " [&#8230;]]]>" + "</description>\n    <content:encoded><![CDATA[" +
           html + "]]></content:encoded>\n" + "    <wfw:commentRss>" + link +
           "feed/</wfw:commentRss>\n" + "    <slash:comments>" + std::to_string(4 + post % 5) +
           "</slash:comments>\n" + "  </item>\n";
  }
  return xml + "</channel>\n</rss>\n";
}

std::string atom_feed(int blog, const CorpusShape& shape, const std::string& origin) {
  Words words(static_cast<std::uint64_t>(blog) + 1);
  std::string xml =
      "<?xml version='1.0' encoding='UTF-8'?>\n"
      "<feed xmlns='http://www.w3.org/2005/Atom' "
      "xmlns:thr='http://purl.org/syndication/thread/1.0'>\n"
      "  <id>tag:blogger.com,1999:blog-" +
      std::to_string(blog) +
      "</id>\n"
      "  <updated>" +
      rfc3339(blog, 12) +
      "</updated>\n"
      "  <title type='text'>" +
      words.sentence(3) +
      "</title>\n"
      "  <link rel='alternate' type='text/html' href='" +
      origin +
      "/'/>\n"
      "  <link rel='self' type='application/atom+xml' href='" +
      origin +
      "/feed'/>\n"
      "  <author><name>" +
      words.word() + "</name></author>\n";
  for (int post = 0; post < shape.posts_per_blog; ++post) {
    const std::string link = origin + "/2026/03/post-" + std::to_string(post) + "/";
    xml += "  <entry>\n    <id>tag:blogger.com,1999:blog-" + std::to_string(blog) + ".post-" +
           std::to_string(post) + "</id>\n    <published>" + rfc3339(blog + post, post + 8) +
           "</published>\n    <updated>" + rfc3339(blog + post, post + 9) +
           "</updated>\n    <category scheme='http://www.blogger.com/atom/ns#' term='" +
           words.word() + "'/>\n    <title type='text'>" + words.sentence(5) +
           "</title>\n    <content type='html'>" + escape(post_html(words, origin, blog)) +
           "</content>\n    <link rel='replies' type='application/atom+xml' href='" + link +
           "feed/' title='Post Comments'/>\n    <link rel='alternate' type='text/html' href='" +
           link + "' title='post'/>\n    <author><name>" + words.word() +
           "</name><uri>https://www.blogger.com/profile/" + std::to_string(blog) +
           "</uri></author>\n    <thr:total>" + std::to_string(4 + post % 5) +
           "</thr:total>\n  </entry>\n";
  }
  return xml + "</feed>\n";
}

}  // namespace

std::string blog_host(int blog) {
  return "blog" + std::to_string(blog) + ".localhost";
}

std::string blog_feed(int blog, const CorpusShape& shape, const std::string& origin) {
  return blog % 4 == 3 ? atom_feed(blog, shape, origin) : rss_feed(blog, shape, origin);
}

std::string comment_feed(int blog, int post, const std::string& origin) {
  Words words(static_cast<std::uint64_t>(blog) * 131 + static_cast<std::uint64_t>(post) + 7);
  const std::string link = origin + "/2026/03/post-" + std::to_string(post) + "/";
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
      "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n"
      "  <title>Comments on: " +
      words.sentence(5) +
      "</title>\n"
      "  <link>" +
      link + "</link>\n  <description>" + words.sentence(6) + "</description>\n";
  const int comments = 4 + post % 5;
  for (int c = 0; c < comments; ++c) {
    xml += "  <item>\n    <title>By: " + words.word() + "</title>\n    <link>" + link +
           "#comment-" + std::to_string(100 + c) + "</link>\n    <dc:creator><![CDATA[" +
           words.word() + "]]></dc:creator>\n    <pubDate>" + rfc822(blog + c, c + 10) +
           "</pubDate>\n    <guid isPermaLink=\"false\">" + origin +
           "/?comment=" + std::to_string(100 + c) + "</guid>\n    <description><![CDATA[" +
           words.sentence(20) + "]]></description>\n    <content:encoded><![CDATA[<p>" +
           words.sentence(20) + " &#8217;" + words.word() + "&#8217; " + words.sentence(14) +
           "</p>\n]]></content:encoded>\n  </item>\n";
  }
  return xml + "</channel>\n</rss>\n";
}

}  // namespace confab::bench

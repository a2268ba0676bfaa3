// sanitize_html against hostile and ordinary markup: a table of input -> exact output, then a
// re-parse of every output checking that nothing outside the allowlist survived.
#include <gtest/gtest.h>
#include <gumbo.h>

#include <algorithm>
#include <set>
#include <string>

#include "render/render.h"

namespace confab {
namespace {

using namespace std::string_literals;

constexpr const char* kBase = "https://blog.example/2008/11/launch/";
constexpr const char* kRel = " rel=\"nofollow ugc noopener noreferrer\"";
constexpr const char* kSandbox =
    "\" sandbox=\"allow-scripts allow-presentation allow-popups\" loading=\"lazy\" "
    "allowfullscreen title=\"Embedded video\"></iframe>";

struct Vector {
  const char* name;
  std::string input;
  std::string expected;
  std::string base = kBase;
};

std::string link(const std::string& href, const std::string& text) {
  return "<a href=\"" + href + "\"" + kRel + ">" + text + "</a>";
}

std::string video(const std::string& src) {
  return "<iframe src=\"" + src + kSandbox;
}

const std::vector<Vector>& vectors() {
  static const std::vector<Vector> table = {
      // Plain content survives as it is.
      {"paragraph", "<p>Hello</p>", "<p>Hello</p>"},
      {"inline formatting", "<p><em>a</em> <strong>b</strong> <b>c</b> <i>d</i> <u>e</u></p>",
       "<p><em>a</em> <strong>b</strong> <b>c</b> <i>d</i> <u>e</u></p>"},
      {"edits", "<del>old</del><ins>new</ins><s>no</s>", "<del>old</del><ins>new</ins><s>no</s>"},
      {"strike becomes s", "<strike>gone</strike>", "<s>gone</s>"},
      {"sub sup small", "H<sub>2</sub>O x<sup>2</sup> <small>fine</small>",
       "H<sub>2</sub>O x<sup>2</sup> <small>fine</small>"},
      {"lists", "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>",
       "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>"},
      {"definition list", "<dl><dt>t</dt><dd>d</dd></dl>", "<dl><dt>t</dt><dd>d</dd></dl>"},
      {"headings kept", "<h1>One</h1><h6>Six</h6>", "<h1>One</h1><h6>Six</h6>"},
      {"code and kbd", "<p><code>x &lt; y</code> <kbd>Ctrl</kbd></p>",
       "<p><code>x &lt; y</code> <kbd>Ctrl</kbd></p>"},
      {"pre keeps a leading blank line", "<pre>\n\nindented\n  text</pre>",
       "<pre>\n\nindented\n  text</pre>"},
      {"line breaks and rules", "a<br>b<br/>c<hr>", "a<br>b<br>c<hr>"},
      {"figure", "<figure><img src=\"a.png\" alt=\"A\"><figcaption>Cap</figcaption></figure>",
       "<figure><img src=\"https://blog.example/2008/11/launch/a.png\" alt=\"A\">"
       "<figcaption>Cap</figcaption></figure>"},
      {"span and div keep no attributes",
       "<div class=\"x\" id=\"y\"><span style=\"color:red\">t</span></div>",
       "<div><span>t</span></div>"},
      {"abbr title", "<abbr title=\"World Wide Web\" class=\"x\">WWW</abbr>",
       "<abbr title=\"World Wide Web\">WWW</abbr>"},
      {"blockquote cite resolved", "<blockquote cite=\"/source\">q</blockquote>",
       "<blockquote cite=\"https://blog.example/source\">q</blockquote>"},
      {"q with javascript cite", "<q cite=\"javascript:alert(1)\">q</q>", "<q>q</q>"},
      {"cite element", "<cite>Book</cite>", "<cite>Book</cite>"},
      // Scripts and active content go, with their content.
      {"script dropped", "<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"},
      {"script uppercase", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok", "ok"},
      {"style element dropped", "<style>p{color:red}</style><p>t</p>", "<p>t</p>"},
      {"noscript dropped", "<noscript><p>no js</p></noscript>x", "x"},
      {"template dropped", "<template><p>hidden</p></template>x", "x"},
      {"object and embed dropped",
       "<object data=\"x.swf\"><param name=a value=b>fallback</object><embed src=\"x.swf\">x", "x"},
      {"form dropped with content",
       "<form action=\"/steal\"><p>Password</p><input name=p><button>Go</button></form>after",
       "after"},
      {"stray controls dropped",
       "<button>Click</button><textarea>t</textarea><select><option>o</option></select>x", "x"},
      {"svg dropped with content", "<svg><script>alert(1)</script><text>hi</text></svg>x", "x"},
      {"svg onload", "<svg onload=alert(1)>", ""},
      {"math dropped", "<math><mi>x</mi><mtext><img src=x onerror=alert(1)></mtext></math>y", "y"},
      {"meta refresh dropped",
       "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">x", "x"},
      {"link element dropped", "<link rel=stylesheet href=\"//evil.example/x.css\">x", "x"},
      {"base element dropped", "<base href=\"https://evil.example/\"><a href=\"/a\">a</a>",
       link("https://blog.example/a", "a")},
      {"title element dropped", "<title>T</title>x", "x"},
      {"comment dropped", "a<!-- secret -->b", "ab"},
      {"conditional comment dropped", "<!--[if IE]><script>alert(1)</script><![endif]-->x", "x"},
      // Event handlers and presentational attributes.
      {"onclick dropped", "<p onclick=\"alert(1)\">t</p>", "<p>t</p>"},
      {"onerror on img dropped", "<img src=\"x.png\" onerror=\"alert(1)\">",
       "<img src=\"https://blog.example/2008/11/launch/x.png\">"},
      {"onmouseover uppercase", "<b ONMOUSEOVER=alert(1)>t</b>", "<b>t</b>"},
      {"style attribute dropped", "<p style=\"background:url(javascript:alert(1))\">t</p>",
       "<p>t</p>"},
      {"unknown attribute dropped", "<a href=\"/x\" target=\"_blank\" data-x=\"1\">x</a>",
       link("https://blog.example/x", "x")},
      // Links.
      {"relative link resolved", "<a href=\"../other/\">o</a>",
       link("https://blog.example/2008/11/other/", "o")},
      {"fragment link resolved", "<a href=\"#comments\">c</a>",
       link("https://blog.example/2008/11/launch/#comments", "c")},
      {"protocol-relative link", "<a href=\"//cdn.example/p\">p</a>",
       link("https://cdn.example/p", "p")},
      {"absolute http link", "<a href=\"http://other.example/a?b=1&amp;c=2\">x</a>",
       link("http://other.example/a?b=1&amp;c=2", "x")},
      {"link title kept", "<a href=\"/x\" title='Say \"hi\"'>x</a>",
       "<a href=\"https://blog.example/x\" title=\"Say &quot;hi&quot;\"" + std::string(kRel) +
           ">x</a>"},
      {"mailto link without rel", "<a href=\"mailto:bob@example.com\">Bob</a>",
       "<a href=\"mailto:bob@example.com\">Bob</a>"},
      {"javascript link unwrapped", "<a href=\"javascript:alert(1)\">x</a>", "x"},
      {"javascript mixed case", "<a href=\"JaVaScRiPt:alert(1)\">x</a>", "x"},
      {"javascript with entity", "<a href=\"&#106;avascript:alert(1)\">x</a>", "x"},
      {"javascript with hex entities", "<a href=\"&#x6A;&#x61;vascript&#x3A;alert(1)\">x</a>", "x"},
      {"javascript with tab", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "x"},
      {"javascript with newline", "<a href=\"java\nscript:alert(1)\">x</a>", "x"},
      {"javascript with leading space", "<a href=\"  javascript:alert(1)\">x</a>", "x"},
      {"javascript with leading control", "<a href=\"&#1;javascript:alert(1)\">x</a>", "x"},
      {"vbscript", "<a href=\"vbscript:msgbox(1)\">x</a>", "x"},
      {"data link refused", "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "x"},
      {"file link refused", "<a href=\"file:///etc/passwd\">x</a>", "x"},
      {"a without href unwrapped", "<a name=\"top\">anchor</a>", "anchor"},
      {"relative link without base unwrapped", "<a href=\"/x\">x</a>", "x", ""},
      {"absolute link without base", "<a href=\"https://a.example/\">x</a>",
       link("https://a.example/", "x"), ""},
      {"space in URL encoded", "<a href=\"/a b\">x</a>", link("https://blog.example/a%20b", "x")},
      // Images.
      {"image attributes",
       "<img src=\"/i.png\" alt=\"An &amp; B\" title=\"t\" width=\"100\" height=\"50\" "
       "class=\"c\">",
       "<img src=\"https://blog.example/i.png\" alt=\"An &amp; B\" title=\"t\" width=\"100\" "
       "height=\"50\">"},
      {"image bad width dropped", "<img src=\"/i.png\" width=\"100px\" height=\"expression(1)\">",
       "<img src=\"https://blog.example/i.png\">"},
      {"image javascript src dropped", "<img src=\"javascript:alert(1)\" alt=\"x\">", ""},
      {"image without src dropped", "<img alt=\"nothing\">", ""},
      {"image data png allowed", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
       "<img src=\"data:image/png;base64,iVBORw0KGgo=\">"},
      {"image data jpeg uppercase", "<img src=\"DATA:IMAGE/JPEG;base64,/9j/\">",
       "<img src=\"data:IMAGE/JPEG;base64,/9j/\">"},
      {"image data svg refused", "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", ""},
      {"image data html refused", "<img src=\"data:text/html,<script>alert(1)</script>\">", ""},
      // Tables.
      {"table completed", "<table><tr><td colspan=\"2\" rowspan=\"x\">a</td></tr></table>",
       "<table><tbody><tr><td colspan=\"2\">a</td></tr></tbody></table>"},
      {"table with caption and head",
       "<table><caption>C</caption><thead><tr><th>h</th></tr></thead><tfoot><tr><td>f</td></tr></"
       "tfoot></table>",
       "<table><caption>C</caption><thead><tr><th>h</th></tr></thead><tfoot><tr><td>f</td></tr>"
       "</tfoot></table>"},
      // Unknown and presentational elements are unwrapped.
      {"font unwrapped", "<font color=\"red\">red</font>", "red"},
      {"center unwrapped", "<center><p>c</p></center>", "<p>c</p>"},
      {"custom element unwrapped", "<my-widget foo=\"bar\">inside</my-widget>", "inside"},
      {"section and article unwrapped", "<section><article><p>x</p></article></section>",
       "<p>x</p>"},
      {"video unwrapped keeps fallback", "<video src=\"x.mp4\">Your browser</video>",
       "Your browser"},
      // Broken markup comes out balanced.
      {"unclosed tags closed", "<p><b>bold <i>both", "<p><b>bold <i>both</i></b></p>"},
      {"misnested tags", "<b><i>x</b>y</i>", "<b><i>x</i></b><i>y</i>"},
      {"stray closing tags", "</div></p>text</span>", "<p></p>text"},
      {"nested paragraphs", "<p>one<p>two", "<p>one</p><p>two</p>"},
      {"nested links", "<a href=\"/a\">a<a href=\"/b\">b</a></a>",
       link("https://blog.example/a", "a") + link("https://blog.example/b", "b")},
      {"unclosed attribute quote", "<p title=\"x>t</p>", ""},
      // Escaping.
      {"text entities re-escaped", "<p>&lt;script&gt; &amp; &quot;q&quot;</p>",
       "<p>&lt;script&gt; &amp; \"q\"</p>"},
      {"bare ampersand escaped", "Tom & Jerry < Spike", "Tom &amp; Jerry &lt; Spike"},
      {"attribute quotes escaped", "<abbr title='a\"b&lt;c'>x</abbr>",
       "<abbr title=\"a&quot;b&lt;c\">x</abbr>"},
      {"apostrophe in attribute", "<abbr title=\"it's\">x</abbr>",
       "<abbr title=\"it&#39;s\">x</abbr>"},
      {"utf-8 kept", "<p>café — naïve ✓</p>", "<p>café — naïve ✓</p>"},
      {"nbsp decoded", "a&nbsp;b",
       "a\xC2\xA0"
       "b"},
      {"plaintext stays text", "<xmp><b>not bold</b></xmp>", "&lt;b&gt;not bold&lt;/b&gt;"},
      // Iframes: a few video players only.
      {"youtube embed",
       "<iframe src=\"https://www.youtube.com/embed/abc123\" width=\"560\" "
       "onload=\"x\">fallback</iframe>",
       video("https://www.youtube.com/embed/abc123")},
      {"youtube nocookie", "<iframe src=\"https://www.youtube-nocookie.com/embed/abc\"></iframe>",
       video("https://www.youtube-nocookie.com/embed/abc")},
      {"youtube protocol-relative", "<iframe src=\"//www.youtube.com/embed/abc\"></iframe>",
       video("https://www.youtube.com/embed/abc"), "http://old.example/"},
      {"vimeo", "<iframe src=\"https://player.vimeo.com/video/123\"></iframe>",
       video("https://player.vimeo.com/video/123")},
      {"dailymotion", "<iframe src=\"https://www.dailymotion.com/embed/video/x7\"></iframe>",
       video("https://www.dailymotion.com/embed/video/x7")},
      {"youtube over http refused", "<iframe src=\"http://www.youtube.com/embed/abc\"></iframe>",
       ""},
      {"youtube watch page refused",
       "<iframe src=\"https://www.youtube.com/watch?v=abc\"></iframe>", ""},
      {"lookalike host refused",
       "<iframe src=\"https://www.youtube.com.evil.example/embed/a\"></iframe>", ""},
      {"userinfo trick refused",
       "<iframe src=\"https://www.youtube.com@evil.example/embed/a\"></iframe>", ""},
      {"other iframe dropped with content",
       "<iframe src=\"https://evil.example/\"><p>x</p></iframe>y", "y"},
      {"javascript iframe", "<iframe src=\"javascript:alert(1)\"></iframe>", ""},
      {"srcdoc iframe", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", ""},
      // Scripts and handlers hidden with entities, white space and odd syntax.
      {"script uppercase", "<SCRIPT>alert(1)</SCRIPT>x", "x"},
      {"script with attributes",
       "<script type=\"text/javascript\" src=\"//evil.example/x.js\"></script>x", "x"},
      {"script split by null", "<scr\0ipt>alert(1)</script>x"s, "alert(1)x"},
      {"script inside attribute text", "<p title=\"</p><script>alert(1)</script>\">t</p>",
       "<p>t</p>"},
      {"script in noscript",
       "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>x", ""},
      {"script in textarea text stays text", "<textarea><script>alert(1)</script></textarea>x",
       "x"},
      {"handler with slash separator", "<img/src=\"/i.png\"/onerror=alert(1)>",
       "<img src=\"https://blog.example/i.png\">"},
      {"handler with newline", "<b\nonclick\n=\nalert(1)>t</b>", "<b>t</b>"},
      {"handler without quotes on link", "<a href=/x onfocus=alert(1) autofocus>x</a>",
       link("https://blog.example/x", "x")},
      {"formaction dropped", "<p><button formaction=\"javascript:alert(1)\">x</button></p>",
       "<p></p>"},
      {"javascript with decimal entity padding", "<a href=\"&#0000106avascript:alert(1)\">x</a>",
       "x"},
      {"javascript with named tab entity", "<a href=\"java&Tab;script:alert(1)\">x</a>", "x"},
      {"javascript with named newline entity", "<a href=\"java&NewLine;script:alert(1)\">x</a>",
       "x"},
      {"javascript with colon entity", "<a href=\"javascript&colon;alert(1)\">x</a>", "x"},
      {"javascript with trailing spaces in scheme", "<a href=\"javascript :alert(1)\">x</a>",
       link("https://blog.example/2008/11/launch/javascript%20:alert(1)", "x")},
      {"javascript after url-encoding stays a path", "<a href=\"javascript%3Aalert(1)\">x</a>",
       link("https://blog.example/2008/11/launch/javascript%3Aalert(1)", "x")},
      {"javascript on cite", "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
       "<blockquote>q</blockquote>"},
      {"javascript on q cite", "<q cite=\" JAVASCRIPT:alert(1)\">q</q>", "<q>q</q>"},
      {"javascript img src with entities", "<img src=\"&#x6A;avascript:alert(1)\">", ""},
      {"livescript refused", "<a href=\"livescript:alert(1)\">x</a>", "x"},
      {"data link uppercase refused", "<a href=\"DATA:text/html,x\">x</a>", "x"},
      // SVG and MathML tricks.
      {"svg use href", "<svg><use href=\"data:image/svg+xml,<svg id='x'/>#x\"></use></svg>x", "x"},
      {"svg animate href",
       "<svg><a><animate attributeName=href values=javascript:alert(1) /><text>x</text></a></svg>y",
       "y"},
      {"svg foreignObject", "<svg><foreignObject><p onclick=alert(1)>t</p></foreignObject></svg>x",
       "x"},
      {"svg image onerror", "<svg><image href=x onerror=alert(1)></svg>z", "z"},
      {"svg style element", "<svg><style>*{x:expression(alert(1))}</style></svg>z", "z"},
      {"math with xlink href", "<math href=\"javascript:alert(1)\"><mi>x</mi></math>z", "z"},
      {"math annotation-xml html",
       "<math><annotation-xml encoding=\"text/html\"><img src=x "
       "onerror=alert(1)></annotation-xml></math>z",
       "z"},
      {"svg inside paragraph", "<p>a<svg><circle r=1 /></svg>b</p>", "<p>ab</p>"},
      {"template element", "<template><img src=x onerror=alert(1)></template>z", "z"},
      // Nested and unclosed markup.
      {"unclosed script swallows the rest", "a<script>alert(1)", "a"},
      {"unclosed style swallows the rest", "a<style>p{}", "a"},
      {"unclosed comment", "a<!-- b <script>alert(1)</script>", "a"},
      {"unclosed iframe", "a<iframe src=\"https://evil.example/\">b", "a"},
      {"unclosed anchor", "<a href=\"/a\">open", link("https://blog.example/a", "open")},
      {"deeply misnested formatting", "<b><i><u>x</b>y</u>z</i>",
       "<b><i><u>x</u></i></b><i><u>y</u>z</i>"},
      {"list item outside list", "<li>a</li><li>b</li>", "<li>a</li><li>b</li>"},
      {"table cell outside table", "<td>a</td>b", "ab"},
      {"nested blockquotes", "<blockquote><blockquote><p>q</p></blockquote></blockquote>",
       "<blockquote><blockquote><p>q</p></blockquote></blockquote>"},
      {"processing instruction", "<?xml-stylesheet href=\"x\"?>a", "a"},
      {"cdata outside foreign content", "<![CDATA[<script>alert(1)</script>]]>a",
       "alert(1)]]&gt;a"},
      {"doctype in fragment", "<!DOCTYPE html><p>a</p>", "<p>a</p>"},
      // CSS expressions and style sheets.
      {"style element dropped", "<style>body{background:url(javascript:alert(1))}</style>x", "x"},
      {"css expression in style attribute", "<div style=\"width:expression(alert(1))\">x</div>",
       "<div>x</div>"},
      {"css import in style attribute",
       "<span style=\"@import 'https://evil.example/x.css'\">x</span>", "<span>x</span>"},
      {"behavior url in style", "<p style=\"behavior:url(x.htc)\">x</p>", "<p>x</p>"},
      {"moz binding in style", "<p style=\"-moz-binding:url(x.xml#y)\">x</p>", "<p>x</p>"},
      {"class and id dropped everywhere", "<em class=\"a\" id=\"b\">x</em>", "<em>x</em>"},
      // srcset: each candidate checked on its own.
      {"srcset candidates resolved", "<img src=\"/a.png\" srcset=\"/a.png 1x, /a2.png 2x\">",
       "<img src=\"https://blog.example/a.png\" srcset=\"https://blog.example/a.png 1x, "
       "https://blog.example/a2.png 2x\">"},
      {"srcset width descriptors", "<img src=\"a.png\" srcset=\"small.png 480w,big.png 1080w\">",
       "<img src=\"https://blog.example/2008/11/launch/a.png\" "
       "srcset=\"https://blog.example/2008/11/launch/small.png 480w, "
       "https://blog.example/2008/11/launch/big.png 1080w\">"},
      {"srcset javascript candidate dropped",
       "<img src=\"/a.png\" srcset=\"javascript:alert(1) 1x, /b.png 2x\">",
       "<img src=\"https://blog.example/a.png\" srcset=\"https://blog.example/b.png 2x\">"},
      {"srcset all candidates unsafe",
       "<img src=\"/a.png\" srcset=\"javascript:alert(1) 1x, data:text/html,x 2x\">",
       "<img src=\"https://blog.example/a.png\">"},
      {"srcset bad descriptor dropped",
       "<img src=\"/a.png\" srcset=\"/b.png 2y, /c.png onerror=alert(1), /d.png 1.5x\">",
       "<img src=\"https://blog.example/a.png\" srcset=\"https://blog.example/d.png 1.5x\">"},
      {"srcset data image candidate kept",
       "<img src=\"/a.png\" srcset=\"data:image/png;base64,iVBOR 1x\">",
       "<img src=\"https://blog.example/a.png\" srcset=\"data:image/png;base64,iVBOR 1x\">"},
      {"srcset without descriptor", "<img src=\"/a.png\" srcset=\"/b.png\">",
       "<img src=\"https://blog.example/a.png\" srcset=\"https://blog.example/b.png\">"},
      {"srcset trailing comma ends url", "<img src=\"/a.png\" srcset=\"/b.png,, /c.png 2x\">",
       "<img src=\"https://blog.example/a.png\" srcset=\"https://blog.example/b.png, "
       "https://blog.example/c.png 2x\">"},
      {"srcset entity-encoded javascript",
       "<img src=\"/a.png\" srcset=\"&#106;avascript:alert(1) 1x\">",
       "<img src=\"https://blog.example/a.png\">"},
      {"srcset without src drops image", "<img srcset=\"/b.png 2x\">", ""},
      {"srcset relative without base dropped",
       "<img src=\"https://i.example/a.png\" srcset=\"/b.png 2x\">",
       "<img src=\"https://i.example/a.png\">", ""},
      {"empty input", "", ""},
  };
  return table;
}

TEST(SanitizeTest, HasAtLeastOneHundredFiftyVectors) {
  EXPECT_GE(vectors().size(), 150u);
}

TEST(SanitizeTest, Vectors) {
  for (const Vector& vector : vectors()) {
    EXPECT_EQ(sanitize_html(vector.input, vector.base), vector.expected) << vector.name;
  }
}

// --- Re-parse the output and look for anything the allowlist does not allow. ---

const std::set<std::string> kAllowedElements = {
    "p", "br", "hr", "a", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small",
    "abbr", "cite", "q", "blockquote", "code", "pre", "kbd", "ul", "ol", "li", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "img", "figure", "figcaption", "span", "div", "iframe",
    // Parsing a fragment as a document adds these around it.
    "html", "head", "body"};

bool attribute_allowed(const std::string& element, const std::string& attribute) {
  static const std::set<std::pair<std::string, std::string>> allowed = {
      {"a", "href"},          {"a", "title"},
      {"a", "rel"},           {"img", "src"},
      {"img", "srcset"},      {"img", "alt"},
      {"img", "title"},       {"img", "width"},
      {"img", "height"},      {"td", "colspan"},
      {"td", "rowspan"},      {"th", "colspan"},
      {"th", "rowspan"},      {"abbr", "title"},
      {"blockquote", "cite"}, {"q", "cite"},
      {"iframe", "src"},      {"iframe", "sandbox"},
      {"iframe", "loading"},  {"iframe", "allowfullscreen"},
      {"iframe", "title"}};
  return allowed.count({element, attribute}) > 0;
}

void check_tree(const GumboNode* node, const std::string& context, std::vector<std::string>& bad) {
  if (node->type == GUMBO_NODE_COMMENT) bad.push_back(context + ": comment");
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& element = node->v.element;
  const std::string name =
      element.tag == GUMBO_TAG_UNKNOWN ? "?" : gumbo_normalized_tagname(element.tag);
  if (element.tag_namespace != GUMBO_NAMESPACE_HTML || kAllowedElements.count(name) == 0) {
    bad.push_back(context + ": element " + name);
  }
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    if (!attribute_allowed(name, attribute->name)) {
      bad.push_back(context + ": attribute " + name + "@" + attribute->name);
    }
    const std::string value = attribute->value;
    if (std::string(attribute->name) == "srcset") {
      // Every candidate's URL must be one a src could have.
      std::size_t start = 0;
      while (start < value.size()) {
        const std::size_t comma = value.find(", ", start);
        const std::string candidate = value.substr(start, comma - start);
        const std::string url = candidate.substr(0, candidate.find(' '));
        if (!url.starts_with("https://") && !url.starts_with("http://") &&
            !url.starts_with("data:image/")) {
          bad.push_back(context + ": srcset url " + url);
        }
        if (comma == std::string::npos) break;
        start = comma + 2;
      }
    }
    if (std::string(attribute->name) == "href" || std::string(attribute->name) == "src" ||
        std::string(attribute->name) == "cite") {
      const bool ok = value.starts_with("https://") || value.starts_with("http://") ||
                      value.starts_with("mailto:") || value.starts_with("data:image/") ||
                      value.starts_with("data:IMAGE/");
      if (!ok) bad.push_back(context + ": url " + value);
    }
  }
  for (unsigned i = 0; i < element.children.length; ++i) {
    check_tree(static_cast<const GumboNode*>(element.children.data[i]), context, bad);
  }
}

TEST(SanitizeTest, OutputReparsesToAllowedNodesOnly) {
  for (const Vector& vector : vectors()) {
    const std::string output = sanitize_html(vector.input, vector.base);
    GumboOutput* parsed = gumbo_parse(output.c_str());
    std::vector<std::string> bad;
    check_tree(parsed->root, vector.name, bad);
    gumbo_destroy_output(&kGumboDefaultOptions, parsed);
    EXPECT_TRUE(bad.empty()) << bad.front() << "\n  output: " << output;
  }
}

TEST(SanitizeTest, SanitizingTwiceChangesNothing) {
  for (const Vector& vector : vectors()) {
    const std::string once = sanitize_html(vector.input, vector.base);
    EXPECT_EQ(sanitize_html(once, vector.base), once) << vector.name;
  }
}

TEST(SanitizeTest, ExternalLinksAreMarkedUgc) {
  const std::string html =
      sanitize_html("<a href=\"https://elsewhere.example/\" rel=\"me\">x</a>", kBase);
  EXPECT_EQ(html, link("https://elsewhere.example/", "x"));
}

TEST(SanitizeTest, DeeplyNestedMarkupDoesNotCrash) {
  std::string html;
  for (int i = 0; i < 2000; ++i) html += "<div><span>";
  html += "deep";
  bool capped = false;
  const std::string output = sanitize_html(html, kBase, &capped);
  EXPECT_NE(output.find("deep"), std::string::npos);
  EXPECT_TRUE(capped);
}

// Issue 13: a million levels used to overflow the stack in the sanitizer's recursion. The cap
// flattens what lies below 256 levels: the text is kept, the output nests no deeper.
TEST(SanitizeTest, AMillionLevelsAreFlattenedBelowTheCapAndTheTextKept) {
  for (const std::string piece : {"<div>", "<blockquote><ul><li>", "<b><i>", "<table><td>"}) {
    SCOPED_TRACE(piece);
    std::string html;
    html.reserve(piece.size() * 1'000'000 + 8);
    for (int i = 0; i < 1'000'000; ++i) html += piece;
    html += "the end";
    bool capped = false;
    const std::string output = sanitize_html(html, kBase, &capped);
    EXPECT_TRUE(capped);
    EXPECT_NE(output.find("the end"), std::string::npos);
    std::size_t open = 0, deepest = 0;
    for (std::size_t at = 0; (at = output.find('<', at)) != std::string::npos; ++at) {
      if (output[at + 1] == '/') {
        --open;
      } else if (output.compare(at, 4, "<br>") != 0) {
        deepest = std::max(deepest, ++open);
      }
    }
    EXPECT_LE(deepest, 257u);
  }
}

TEST(SanitizeTest, OrdinaryMarkupIsNotCapped) {
  bool capped = true;
  sanitize_html("<blockquote><p>Quoted <b>here</b></p></blockquote><ul><li>one</li></ul>", kBase,
                &capped);
  EXPECT_FALSE(capped);
}

}  // namespace
}  // namespace confab

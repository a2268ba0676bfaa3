// Whole-build benchmark: what an hourly scheduled rebuild costs. Writes a campaign site (a
// site.toml naming 100 blogs, and an archive filled through confab::Archive as if an online
// build had just fetched N/10 posts with 9 comments each), then runs the real confab program as
// a child process, `confab build --offline`, four times, timing each and reading its peak RSS:
//   first build        no output folder yet;
//   first rebuild      the same again: fills the output's second tree (every file linked);
//   unchanged rebuild  the same again: an hourly rebuild from then on, each tree up to date
//                      but for what changed since the build before last;
//   one new comment    after a new archive run added one comment to the newest post.
// Prints the figures, then confab's own `--timings` line for each build (gather, thread, render,
// publish) and what its summary says of the files (how many the previous output held); asserts
// nothing about them, but exits 1 when a build fails (printing the end of its stderr) or leaves no
// index.html in the output folder.
//   cmake --build build --target build_bench confab
//   ./build/build_bench [--comments N] [--dir DIR] [--keep] [--confab PATH]
// N: default 100,000, for N/10 posts with 9 comments each (N entries, of which 0.9 N comments:
// the count printed, and what peak RSS is divided by). DIR: where the site goes, new or empty
// (default: a fresh temporary folder); removed at the end unless --keep. PATH: the confab to
// run (default: the one beside build_bench).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/archive.h"
#include "base/identifiers.h"
#include "base/time.h"
#include "config/config.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

using confab::Entry;
using confab::SourceFetch;
using confab::UnixTime;

constexpr int kBlogs = 100;
constexpr int kCommentsPerPost = 9;
constexpr UnixTime kHour = 3600;
constexpr UnixTime kDay = 24 * kHour;

constexpr const char* kVideo = "https://video.example.com/watch/bring-the-love-back";
constexpr const char* kCampaignSite = "https://bringtheloveback.example.com/";
constexpr const char* kTeamName = "Mira Lindqvist";
constexpr const char* kSpammer = "Cheap Replica Watches";

// Blog names: one adjective and one noun each, so the 100 names (and their hosts) are unique.
constexpr const char* kAdjectives[] = {"Quiet", "Paper",  "Salt", "Velvet", "Northern",
                                       "Small", "Copper", "Late", "Open",   "Little"};
constexpr const char* kNouns[] = {"Kitchen", "Lantern", "Harbour", "Notebook", "Orchard",
                                  "Attic",   "Station", "Garden",  "Window",   "Tram"};

constexpr const char* kFirstNames[] = {
    "Ana",  "Ben",   "Chloe", "David", "Elena", "Farid", "Greta", "Hugo",  "Ines",  "Jonas",
    "Kira", "Liam",  "Maya",  "Nils",  "Olga",  "Pablo", "Quinn", "Rosa",  "Sami",  "Tara",
    "Umar", "Vera",  "Wim",   "Xenia", "Yusuf", "Zoe",   "Aksel", "Bea",   "Carlo", "Dana",
    "Emil", "Fleur", "Gus",   "Hanna", "Ivo",   "Jade",  "Karim", "Lotte", "Marco", "Nora"};
constexpr const char* kLastNames[] = {
    "Andersen", "Bauer",   "Costa",     "Dubois",   "Eriksen",  "Fischer",  "Garcia",   "Horvat",
    "Ivanova",  "Jansen",  "Keller",    "Laurent",  "Moreau",   "Novak",    "Olsen",    "Petrov",
    "Quintana", "Rossi",   "Schmidt",   "Torres",   "Urban",    "Varga",    "Weber",    "Yilmaz",
    "Zeman",    "Almeida", "Berg",      "Castillo", "Dahl",     "Esposito", "Ferreira", "Gruber",
    "Hansen",   "Iversen", "Jovanovic", "Kowalski", "Lindgren", "Meyer",    "Nieminen", "Ortiz"};
constexpr int kFirstCount = static_cast<int>(std::size(kFirstNames));
constexpr int kLastCount = static_cast<int>(std::size(kLastNames));
// Names are unique up to this many people (first, middle initial, last); more wrap around.
constexpr int kUniqueNames = kFirstCount * kLastCount * 27;

struct Topic {
  const char* title;
  const char* topic;  // what comments on the post talk about
};
constexpr Topic kTopics[] = {
    {"Bring the love back: the film everyone is sharing", "the film"},
    {"Why a two-minute video made me call my mother", "calling your mother"},
    {"Advertising that does not sell anything?", "advertising without a product"},
    {"Five things the campaign gets right", "the five things"},
    {"I watched it three times and I am still not sure", "the ending"},
    {"What the soundtrack of the campaign film is doing", "the soundtrack"},
    {"Notes from the screening in Lyon", "the screening"},
    {"The campaign, a week later", "the first week"},
    {"On brands that ask us to slow down", "slowing down"},
    {"My students discussed the film in class", "the class discussion"},
    {"Is this the end of the thirty-second spot?", "the thirty-second spot"},
    {"Behind the scenes: who made Bring the love back", "the making of"},
    {"A sceptic's take on feel-good marketing", "feel-good marketing"},
    {"The campaign in five languages", "the translations"},
    {"Kids, screens and a very long hug", "the hug scene"},
    {"Why I am not sharing the video (and why you might)", "sharing the video"},
};

constexpr const char* kOpeners[] = {
    "I finally watched <a href=\"{video}\">the Bring the love back film</a> last night, after "
    "three friends sent it to me on the same day.",
    "If you have not seen <a href=\"{video}\">the video</a> yet, stop reading and go watch it: "
    "it is two minutes long.",
    "<a href=\"{video}\">This film</a> has been everywhere this week, and for once the comments "
    "under it are worth reading.",
    "A campaign video is not usually something I write about, but <a href=\"{video}\">this "
    "one</a> stayed with me.",
    "My sister sent me <a href=\"{video}\">the campaign film</a> with one line: &ldquo;watch it "
    "before you judge it&rdquo;.",
};

constexpr const char* kSentences[] = {
    "What struck me is how little the brand shows up: the logo appears for two seconds at the "
    "very end.",
    "The pacing is slow on purpose, and the silence before the last scene does more than any "
    "voice-over could.",
    "There is a real question underneath it about what we expect from companies that want our "
    "attention.",
    "I showed it to my neighbour, who works in advertising, and she said the budget was smaller "
    "than we think.",
    "The comments on the official page split almost evenly between moved and suspicious.",
    "Part of me wants to be cynical about it; the rest of me sent it to my father.",
    "It reminded me of the public service films we watched at school, minus the lecture.",
    "Whether it sells anything is almost beside the point: people are talking to each other "
    "about it.",
};

constexpr const char* kCrossLinks[] = {
    "<p>{blog} <a href=\"{link}\">wrote about it too</a>, and I agree with most of it, except "
    "the part about the music.</p>",
    "<p>As <a href=\"{link}\">{blog} put it</a>, the film asks more than it answers.</p>",
    "<p>(Via <a href=\"{link}\">{blog}</a>, where the comments are a conversation of their "
    "own.)</p>",
};

constexpr const char* kClosings[] = {
    "<p>What did you think of it?</p>",
    "<p>I would love to hear from anyone who saw it in a cinema.</p>",
    "<p>More on this next week, once the second film is out.</p>",
    "",
};

// Comments are put together from a few pieces with their own details (a town, an age, a
// count), so that, as in real feeds, hardly any two comments on different blogs are the same
// words: confab treats a text sprayed over several blogs as spam.
constexpr const char* kReactions[] = {
    "{author}, you put into words what I felt about {topic}.",
    "I came here expecting another puff piece on {topic} and found something more careful.",
    "I disagree a little, {author}: {topic} felt calculated to me.",
    "Funny, I had the opposite reaction to {topic}.",
    "Your point about {topic} is the one nobody else seems to make.",
    "I keep going back and forth on {topic}, and this helped.",
    "Reading this the morning after I watched the film myself, {author}.",
    "My first thought about {topic} was that it was too sentimental.",
    "This is the most honest take on {topic} I have read this week.",
    "Still thinking about {topic} two days later.",
    "I was sceptical about {topic} until I read this, {author}.",
    "Strange how {topic} lands so differently for everyone.",
    "Not sure I buy it, {author}, but {topic} did make me stop scrolling.",
    "{author}, I think you are a bit too generous about {topic}.",
};

constexpr const char* kDetails[] = {
    "We watched it at a friend's place in {place} and nobody said a word for a minute.",
    "My {age}-year-old asked why the man was crying; I did not have a good answer.",
    "I have shown it to {count} colleagues so far and each one noticed something different.",
    "In {place} the poster is on every tram stop, which makes it feel less personal.",
    "I teach a media class in {place} and we spent a whole lesson on it.",
    "My father in {place}, who never watches adverts, asked me to send him the link.",
    "The version dubbed for {place} loses the pause before the last line, and it matters.",
    "I watched it {count} times before I noticed the phone on the table.",
    "Our agency in {place} pitched something similar years ago and it was turned down.",
    "We played it at the end of a long meeting in {place} and it changed the mood of the room.",
    "Someone at the bakery in {place} was humming the song this morning.",
    "It took me {count} days to decide whether I liked it.",
    "I read the director's interview in a paper from {place} and it explains a lot.",
    "My {age}-year-old wants to watch it every night now, which is a new kind of problem.",
    "At the screening in {place} half the room laughed at the wrong moment.",
};

constexpr const char* kFollowups[] = {
    "Does anyone know whether the longer cut is shown in {town}?",
    "Would you write about the second film when it comes out, {author}?",
    "What do you make of the ending, {author}?",
    "Has the brand said anything about the budget? I heard {count} million.",
    "I will be curious to see whether it still works in {count} years.",
    "Either way, it started a better conversation in {town} than most adverts do.",
    "I suspect that was the whole idea.",
    "Did anyone else notice the song is different in the version shown in {town}?",
    "",
    "",
    "",
};

constexpr const char* kPlaces[] = {"Ghent", "Lyon",    "Porto",  "Tampere", "Leeds",   "Bergen",
                                   "Graz",  "Utrecht", "Bilbao", "Krakow",  "Turin",   "Aarhus",
                                   "Cork",  "Brno",    "Lille",  "Dresden", "Malmo",   "Split",
                                   "Tartu", "Liege",   "Basel",  "Nantes",  "Bologna", "Galway"};

constexpr const char* kReplyOpeners[] = {
    "{name}, I had the same feeling.",
    "@{name} I read it the other way.",
    "Not sure I agree, {name}.",
    "{name}: yes, exactly.",
    "Good point, {name}.",
    "@{name} interesting, I had not thought of that.",
    "{name}, I think that is the point, though.",
    "Same here, {name}.",
};

constexpr const char* kReplyBodies[] = {
    "For me {topic} only works because it never explains itself.",
    "The pause before the last line is what did it for me, and for my friends in {place}.",
    "I would not call {topic} manipulative; every film wants something from you.",
    "My sister in {place} said the exact same thing.",
    "Watch it again with the sound off and see whether {topic} still holds.",
    "The brand barely appears in {topic}, which is either very brave or very clever.",
    "I think {topic} is meant to make you a little uncomfortable.",
    "There is a longer version on the campaign site, {count} minutes of it.",
    "It reminded me of the films we watched at school in {place}.",
    "Whether it sells anything is another question, and {count} of my friends think it does not.",
};

constexpr const char* kTeamOpeners[] = {
    "{name}, I worked on the film.",
    "Hi {name}, I am on the team behind the film.",
    "{name}, thank you for watching it so closely.",
    "Good question, {name}.",
};

constexpr const char* kTeamBodies[] = {
    "We wanted {topic} to speak for itself, so it is good to read that it did for you.",
    "The long version goes up on <a href=\"{campaign}\">the campaign site</a> next week, with the "
    "director's notes on {topic}.",
    "The director answers that in <a href=\"{campaign}\">our notes from the shoot</a>, including "
    "why {topic} stayed in the final cut.",
    "We shot the last scene {count} times; the one in the film was the first take.",
    "We showed an early cut in {place} and almost changed {topic} because of it.",
};

constexpr const char* kAuthorOpeners[] = {
    "{name}, glad it resonated.",
    "Fair point, {name}.",
    "{name}, good question.",
    "Thanks for reading, {name}.",
};

constexpr const char* kAuthorBodies[] = {
    "I may have been too kind about {topic}; I will see how it reads in a month.",
    "I do not know, but I will ask around and update the post.",
    "A reader from {place} wrote to me about the same thing.",
    "I watched it again last night and {topic} still gets me.",
};

/// `text` with each "{key}" replaced by its value.
std::string fill(std::string_view text,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  out.reserve(text.size() + 64);
  while (!text.empty()) {
    const auto open = text.find('{');
    out += text.substr(0, open);
    if (open == std::string_view::npos) break;
    text.remove_prefix(open);
    bool replaced = false;
    for (const auto& [key, value] : values) {
      if (text.size() > key.size() + 1 && text.substr(1, key.size()) == key &&
          text[key.size() + 1] == '}') {
        out += value;
        text.remove_prefix(key.size() + 2);
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      out += '{';
      text.remove_prefix(1);
    }
  }
  return out;
}

std::string first_word(const std::string& name) {
  return name.substr(0, name.find(' '));
}

template <typename T, std::size_t N>
const T& pick(const T (&items)[N], std::mt19937& rng) {
  return items[rng() % N];
}

/// The site's size and the moment its archived online build started: everything generated is
/// a function of these (and of the blog's index), so one blog's fetch can be made again, equal.
struct Shape {
  int posts = 0;
  int people = 0;  // commenters
  UnixTime fetched = 0;
};

struct Blog {
  std::string name, url, feed, author;
};

Blog blog_of(int b) {
  Blog blog;
  blog.name = std::string(kAdjectives[b % 10]) + " " + kNouns[b / 10];
  blog.url = "https://" + confab::slugify(blog.name) + ".example.com/";
  blog.feed = blog.url + "feed/";
  blog.author =
      std::string(kFirstNames[(b * 7) % kFirstCount]) + " " + kLastNames[(b * 11 + 3) % kLastCount];
  return blog;
}

confab::Author person(int i) {
  const int first = i % kFirstCount;
  const int last = (i / kFirstCount) % kLastCount;
  const int initial = (i / (kFirstCount * kLastCount)) % 27;  // 0: no middle initial
  std::string name = kFirstNames[first];
  if (initial > 0) name += std::string(" ") + static_cast<char>('A' + initial - 1) + ".";
  name += std::string(" ") + kLastNames[last];
  // Two people in three sign with a homepage, which is how they are recognised across blogs.
  const std::string homepage = i % 3 ? "https://" + confab::slugify(name) + ".example.net/" : "";
  return {name, "", homepage};
}

/// Post g (0 = oldest) lives on blog g % kBlogs; the newest ends eight hours before the fetch,
/// leaving room for its comments.
UnixTime post_published(const Shape& shape, int g) {
  const UnixTime span = 28 * kDay;
  return shape.fetched - 8 * kHour - span + span * g / std::max(shape.posts, 1);
}

const Topic& post_topic(int g) {
  return kTopics[(g * 5) % std::size(kTopics)];
}

/// WordPress-style permalink: /YYYY/MM/slug/.
std::string post_link(const Shape& shape, int g) {
  const auto when = confab::civil_time(post_published(shape, g));
  char month[8];
  std::snprintf(month, sizeof month, "%02d", when.month);
  return blog_of(g % kBlogs).url + std::to_string(when.year) + "/" + month + "/" +
         confab::slugify(post_topic(g).title, 50) + "-" + std::to_string(g) + "/";
}

Entry make_post(const Shape& shape, int g, std::mt19937& rng) {
  const int b = g % kBlogs;
  const Blog home = blog_of(b);
  Entry post;
  post.link = post_link(shape, g);
  post.id = home.url + "?p=" + std::to_string(10 + g / kBlogs);
  post.title = post_topic(g).title;
  post.published = post_published(shape, g);
  post.authors.push_back({home.author, "", home.url});
  post.comments_url = post.link + "#comments";
  post.comments_feed = post.link + "feed/";
  post.comment_count = kCommentsPerPost;
  post.categories = {"campaigns", "film"};
  // Every post links the campaign film: the sources are plain blogs, so that is what puts
  // their posts in the conversation (README, "How confab builds the conversation").
  const std::string opener = fill(pick(kOpeners, rng), {{"video", kVideo}});
  const std::string first = pick(kSentences, rng);
  const std::string second = pick(kSentences, rng);
  std::string html = "<p>" + opener + "</p>\n<p>" + first + " " + second + "</p>\n";
  // Two posts in three also cite a recent post on another blog: the cross-blog replies.
  if (g > 0 && rng() % 3 != 0) {
    int earlier = g - 1 - static_cast<int>(rng() % std::min(g, 200));
    if (earlier % kBlogs == b) earlier = earlier > 0 ? earlier - 1 : -1;
    if (earlier >= 0) {
      html += fill(pick(kCrossLinks, rng), {{"blog", blog_of(earlier % kBlogs).name},
                                            {"link", post_link(shape, earlier)}}) +
              "\n";
    }
  }
  if (rng() % 4 == 0) {
    html += "<p><img src=\"" + home.url + "wp-content/uploads/still-" + std::to_string(g) +
            ".jpg\" alt=\"A still from the film\" width=\"600\" height=\"338\" /></p>\n";
  }
  html += pick(kClosings, rng);
  post.summary = "<p>" + first + " [&hellip;]</p>";  // the feed's excerpt
  post.content = std::move(html);
  return post;
}

/// A commenter: a quarter of comments come from a few regulars, the rest from anyone.
int commenter(const Shape& shape, std::mt19937& rng) {
  const int regulars = std::max(shape.people / 20, 1);
  return static_cast<int>(rng() % 4 == 0 ? rng() % regulars : rng() % shape.people);
}

Entry make_comment(const Entry& post, int number, UnixTime published, confab::Author author,
                   std::string content, const Entry* parent) {
  Entry comment;
  comment.link = post.link + "#comment-" + std::to_string(number);
  comment.id = comment.link;  // WordPress comment feeds use the comment's permalink as guid
  comment.title = "By: " + author.name;
  comment.published = published;
  comment.authors.push_back(std::move(author));
  comment.content = std::move(content);
  if (parent) {
    comment.in_reply_to.push_back({parent->id, parent->link});
  } else {
    comment.in_reply_to.push_back({post.id, post.link});
  }
  return comment;
}

/// The values a comment's pieces may name.
struct Details {
  std::string author, topic, name, place, town, age, count;
};

std::string compose(std::mt19937& rng, const Details& d, std::string_view first,
                    std::string_view second, std::string_view third) {
  const std::initializer_list<std::pair<std::string_view, std::string_view>> values = {
      {"author", d.author}, {"topic", d.topic}, {"name", d.name},
      {"place", d.place},   {"town", d.town},   {"age", d.age},
      {"count", d.count},   {"video", kVideo},  {"campaign", kCampaignSite}};
  std::string html = "<p>" + fill(first, values) + " " + fill(second, values);
  // A reader's comment is one paragraph or two, the second often a question.
  if (!third.empty()) html += (rng() % 2 ? "</p>\n<p>" : "<br />\n") + fill(third, values);
  html += "</p>";
  return html;
}

/// The post's 9 comments, oldest first: readers (two in five answering an earlier comment), on
/// some posts its author or the campaign's team member answering someone, now and then spam.
std::vector<Entry> make_comments(const Shape& shape, int g, const Entry& post, std::mt19937& rng) {
  Details details;
  details.topic = post_topic(g).topic;
  details.author = first_word(post.authors.front().name);
  const int team_slot = rng() % 3 == 0 ? 3 + static_cast<int>(rng() % 6) : -1;
  const int author_slot = rng() % 4 == 0 ? 1 + static_cast<int>(rng() % 8) : -1;
  const int spam_slot = rng() % 15 == 0 ? static_cast<int>(rng() % 9) : -1;
  const int first_number = 1000 + (g / kBlogs) * 10;
  std::vector<Entry> comments;
  comments.reserve(kCommentsPerPost + 1);
  for (int c = 0; c < kCommentsPerPost; ++c) {
    const UnixTime published =
        *post.published + (c + 1) * 45 * 60 + static_cast<UnixTime>(rng() % (15 * 60));
    const int number = first_number + c;
    const Entry* parent = c > 0 ? &comments[rng() % c] : nullptr;
    if (parent && parent->authors.front().name == kSpammer) parent = nullptr;  // nobody answers
    details.name = parent ? first_word(parent->authors.front().name) : details.author;
    details.place = pick(kPlaces, rng);
    details.town = pick(kPlaces, rng);
    details.age = std::to_string(4 + rng() % 9);
    details.count = std::to_string(2 + rng() % 11);
    if (c == spam_slot) {
      comments.push_back(make_comment(
          post, number, published, {kSpammer, "", "http://replica-watch.example/"},
          "<p>Nice blog! <a href=\"http://replica-watch.example/\">cheap replica watches</a></p>",
          nullptr));
    } else if (c == team_slot) {
      const char* opener = pick(kTeamOpeners, rng);
      const std::string text = compose(rng, details, opener, pick(kTeamBodies, rng), "");
      comments.push_back(
          make_comment(post, number, published, {kTeamName, "", kCampaignSite}, text, parent));
    } else if (c == author_slot) {
      const char* opener = pick(kAuthorOpeners, rng);
      const std::string text = compose(rng, details, opener, pick(kAuthorBodies, rng), "");
      comments.push_back(make_comment(post, number, published,
                                      {post.authors.front().name, "", blog_of(g % kBlogs).url},
                                      text, parent));
    } else if (parent && rng() % 5 < 2) {
      const char* opener = pick(kReplyOpeners, rng);
      const char* body = pick(kReplyBodies, rng);
      const std::string text = compose(rng, details, opener, body, pick(kFollowups, rng));
      comments.push_back(
          make_comment(post, number, published, person(commenter(shape, rng)), text, parent));
    } else {
      const char* reaction = pick(kReactions, rng);
      const char* detail = pick(kDetails, rng);
      const std::string text = compose(rng, details, reaction, detail, pick(kFollowups, rng));
      comments.push_back(
          make_comment(post, number, published, person(commenter(shape, rng)), text, nullptr));
    }
  }
  return comments;
}

/// What an online build would have merged for blog `b`: its feed (newest post first) and one
/// comment feed per post, all whole.
SourceFetch source_fetch(const Shape& shape, int b) {
  const Blog home = blog_of(b);
  SourceFetch fetch;
  fetch.source.key = home.url;  // a configured source's key is its site.toml url
  fetch.source.id = confab::slugify(home.name, 40);
  fetch.source.name = home.name;
  fetch.source.url = home.url;
  fetch.source.feed = home.feed;
  fetch.source.role = "blog";
  fetch.source.status = "ok";
  fetch.source.last_success = shape.fetched;
  std::mt19937 rng(static_cast<std::mt19937::result_type>(b + 1));
  confab::FeedRead posts;
  for (int g = b; g < shape.posts; g += kBlogs) {
    Entry post = make_post(shape, g, rng);
    confab::FeedRead comments;
    comments.post_id = post.id;
    comments.entries = make_comments(shape, g, post, rng);
    fetch.reads.push_back(std::move(comments));
    posts.entries.insert(posts.entries.begin(), std::move(post));
  }
  fetch.reads.insert(fetch.reads.begin(), std::move(posts));
  return fetch;
}

std::string site_toml() {
  std::string toml =
      "# Written by build_bench: 100 blogs, their posts and comments archived in\n"
      "# .confab/archive.db as an online build left them.\n"
      "[site]\n"
      "title = \"Bring the love back\"\n"
      "base_url = \"https://hub.example.com/\"\n\n"
      "[campaign]\n";
  toml += "links = [\"" + std::string(kVideo) + "\", \"" + kCampaignSite + "\"]\n";
  toml += "keywords = [\"bring the love back\"]\n";
  toml +=
      "team = [{ name = \"" + std::string(kTeamName) + "\", url = \"" + kCampaignSite + "\" }]\n";
  for (int b = 0; b < kBlogs; ++b) {
    const Blog home = blog_of(b);
    toml += "\n[[source]]\nname = \"" + home.name + "\"\nurl = \"" + home.url + "\"\nfeed = \"" +
            home.feed + "\"\n";
  }
  return toml;
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

/// The site's folder, removed when the benchmark ends (whether it succeeded or not) unless kept.
class ScratchFolder {
 public:
  ScratchFolder(fs::path path, bool keep) : path_(std::move(path)), keep_(keep) {}
  ~ScratchFolder() {
    std::error_code ignored;
    if (!keep_) fs::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
  bool keep_;
};

std::runtime_error system_error(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

/// The last lines of what the child wrote to `fd` (a memfd), for a failure's message.
std::string tail_of(int fd) {
  const off_t size = ::lseek(fd, 0, SEEK_END);
  const off_t from = size > 4000 ? size - 4000 : 0;
  std::string text(static_cast<std::size_t>(size - from), '\0');
  const ssize_t got = size > 0 ? ::pread(fd, text.data(), text.size(), from) : 0;
  text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return text;
}

struct Measured {
  double seconds = 0;
  long peak_kib = 0;    // ru_maxrss
  std::string timings;  // confab's own "timings: gather ... s, ..." line (--timings)
  std::string files;    // what its summary says of the files: "38344 files, 38336 unchanged"
};

/// The line of `text` that starts with `prefix`, without it; "" if none.
std::string line_after(const std::string& text, const std::string& prefix) {
  const std::size_t at = text.rfind(prefix);
  if (at == std::string::npos) return "";
  const std::size_t start = at + prefix.size();
  const std::size_t end = text.find('\n', start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// Runs `confab build --offline --config FILE` as a child, as a scheduler would, at the time
/// `at` (SOURCE_DATE_EPOCH), and measures it from fork to exit. Throws with the tail of its
/// stderr when it does not exit 0.
Measured run_build(const std::string& confab, const fs::path& config_file, UnixTime at) {
  std::vector<std::string> args = {
      confab, "build", "--offline", "--config", config_file.string(), "--timings"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> variables = {"SOURCE_DATE_EPOCH=" + std::to_string(at)};
  for (char** variable = environ; *variable; ++variable) {
    if (!std::string_view(*variable).starts_with("SOURCE_DATE_EPOCH=")) {
      variables.emplace_back(*variable);
    }
  }
  std::vector<char*> envp;
  for (auto& variable : variables) envp.push_back(variable.data());
  envp.push_back(nullptr);
  // What it says goes to memory, not a pipe: nobody has to drain it while the build runs.
  const FileDescriptor errors(::memfd_create("confab-stderr", MFD_CLOEXEC));
  if (errors.get() < 0) throw system_error("memfd_create");

  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw system_error("fork");
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    if (::dup2(errors.get(), STDOUT_FILENO) < 0 || ::dup2(errors.get(), STDERR_FILENO) < 0) {
      ::_exit(127);
    }
    ::execve(argv[0], argv.data(), envp.data());
    constexpr char kMessage[] = "build_bench: cannot execute confab\n";
    [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw system_error("wait4");
  }
  Measured measured;
  measured.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  measured.peak_kib = usage.ru_maxrss;
  measured.timings = line_after(tail_of(errors.get()), "timings: ");
  const std::string written = line_after(tail_of(errors.get()), "site written to ");
  if (const std::size_t open = written.rfind(" ("); open != std::string::npos) {
    measured.files = written.substr(open + 2, written.size() - open - 3);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const std::string how = WIFEXITED(status)
                                ? "exited with " + std::to_string(WEXITSTATUS(status))
                                : "was killed by signal " + std::to_string(WTERMSIG(status));
    throw std::runtime_error("confab build " + how + "; its stderr ends:\n" +
                             tail_of(errors.get()));
  }
  return measured;
}

Measured build_and_check(const std::string& confab, const confab::SiteConfig& config, UnixTime at) {
  const Measured measured = run_build(confab, config.file, at);
  if (!fs::is_regular_file(config.output_dir() / "index.html")) {
    throw std::runtime_error("confab build exited 0 but wrote no " +
                             (config.output_dir() / "index.html").string());
  }
  return measured;
}

/// What the online build remembers of a URL it fetched: an answer without validators, so only
/// its hash (an offline build reads none of this; it is there so the archive is a real one).
confab::FetchState fetched_state(const std::string& url, UnixTime when) {
  confab::FetchState state;
  state.url = url;
  state.body_hash = confab::hex16(confab::fnv1a64(url + std::to_string(when)));
  state.last_status = 200;
  state.last_success = when;
  return state;
}

/// Writes DIR/site.toml and fills the archive as one online build, one transaction per blog.
/// Returns the number of comments archived.
std::size_t write_site(const fs::path& dir, const Shape& shape, confab::SiteConfig& config) {
  if (!(std::ofstream(dir / "site.toml") << site_toml())) {
    throw std::runtime_error("cannot write " + (dir / "site.toml").string());
  }
  // Read back as confab reads it: the archive's and the output's paths come from it.
  config = confab::load_config(dir / "site.toml");
  confab::Archive archive(config.archive_file());
  const auto run = archive.begin_run(shape.fetched, "online");
  std::size_t comments = 0;
  for (int b = 0; b < kBlogs; ++b) {
    const SourceFetch fetch = source_fetch(shape, b);
    // The offline build finds a configured source's history by its site.toml url.
    if (config.sources[b].url != fetch.source.key) {
      throw std::runtime_error("site.toml source " + config.sources[b].name +
                               " does not match its archive key " + fetch.source.key);
    }
    std::vector<confab::FetchState> states = {fetched_state(fetch.source.feed, shape.fetched)};
    for (const Entry& post : fetch.reads.front().entries) {
      states.push_back(fetched_state(post.comments_feed, shape.fetched));
    }
    for (const auto& read : fetch.reads) {
      if (!read.post_id.empty()) comments += read.entries.size();
    }
    archive.record_fetch_states(states);
    archive.merge_source(run, fetch);
  }
  archive.finish_run(run, shape.fetched + 95, "ok");
  return comments;
}

/// A new online run that fetched the newest post's blog again and found one more comment on
/// that post: a reply to one of its earlier comments.
void add_one_comment(const confab::SiteConfig& config, const Shape& shape, UnixTime now) {
  const int g = shape.posts - 1;
  SourceFetch fetch = source_fetch(shape, g % kBlogs);
  fetch.source.last_success = now;
  const Entry& post = fetch.reads.front().entries.front();  // the newest post
  for (auto& read : fetch.reads) {
    if (read.post_id != post.id) continue;
    const Entry* parent = &read.entries[2];
    const std::string text = "<p>" + first_word(parent->authors.front().name) +
                             ", I only saw it today. The ending got me too.</p>";
    Entry comment = make_comment(post, 1000 + (g / kBlogs) * 10 + kCommentsPerPost, now - 300,
                                 person(shape.people / 2), text, parent);
    read.entries.push_back(std::move(comment));
  }
  confab::Archive archive(config.archive_file());
  const auto run = archive.begin_run(now, "online");
  archive.record_fetch_states({fetched_state(post.comments_feed, now)});  // its new body
  const confab::MergeCounts counts = archive.merge_source(run, fetch);
  archive.finish_run(run, now + 2, "ok");
  if (counts.inserted != 1 || counts.updated != 0) {
    throw std::runtime_error("the new run changed " + std::to_string(counts.inserted) +
                             " inserted, " + std::to_string(counts.updated) +
                             " updated entries; expected one new comment");
  }
}

UnixTime unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double percent(double part, double whole) {
  return whole > 0 ? 100 * part / whole : 0;
}

int usage(const char* program) {
  std::fprintf(stderr, "usage: %s [--comments N] [--dir DIR] [--keep] [--confab PATH]\n", program);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  long comments_wanted = 100000;
  fs::path dir;
  bool keep = false;
  std::string confab;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--comments" && has_value) {
      char* end = nullptr;
      comments_wanted = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || comments_wanted < 10 || comments_wanted > 10000000) {
        return usage(argv[0]);
      }
    } else if (arg == "--dir" && has_value) {
      dir = argv[++i];
    } else if (arg == "--confab" && has_value) {
      confab = argv[++i];
    } else if (arg == "--keep") {
      keep = true;
    } else {
      return usage(argv[0]);
    }
  }
  std::error_code error;
  if (confab.empty()) {
    confab = (fs::read_symlink("/proc/self/exe", error).parent_path() / "confab").string();
  }
  if (::access(confab.c_str(), X_OK) != 0) {
    std::fprintf(stderr,
                 "build_bench: no confab program at %s (cmake --build build --target confab, "
                 "or --confab PATH)\n",
                 confab.c_str());
    return 1;
  }
  // A given folder must be new or empty: it is removed at the end.
  if (dir.empty()) {
    std::string pattern = (fs::temp_directory_path() / "confab-build-bench.XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
      std::perror("build_bench: mkdtemp");
      return 1;
    }
    dir = pattern;
  } else if (fs::exists(dir, error) && !fs::is_empty(dir, error)) {
    std::fprintf(stderr, "build_bench: %s is not empty\n", dir.c_str());
    return 1;
  }
  if (fs::create_directories(dir, error); error) {
    std::fprintf(stderr, "build_bench: %s: %s\n", dir.c_str(), error.message().c_str());
    return 1;
  }
  const ScratchFolder scratch(fs::absolute(dir), keep);

  Shape shape;
  shape.posts = static_cast<int>(comments_wanted / 10);
  shape.people = static_cast<int>(std::clamp(comments_wanted / 8, 100L, long{kUniqueNames}));
  // The builds' clock: yesterday at noon (UTC), so that the archive's last fetch, the builds
  // and the new comment fall on one day whatever the hour of the run. The footer's "Updated"
  // names the day of the last find: a comment found on a new day changes every page.
  const UnixTime noon = unix_now() / kDay * kDay - 12 * kHour;
  shape.fetched = noon - kHour;  // the last scheduled build, an hour before
  try {
    confab::SiteConfig config;
    const std::size_t comments = write_site(scratch.path(), shape, config);
    const Measured first = build_and_check(confab, config, noon);
    const Measured first_rebuild = build_and_check(confab, config, noon + 60);
    const Measured unchanged = build_and_check(confab, config, noon + 120);
    add_one_comment(config, shape, noon + 3000);
    const Measured one_new = build_and_check(confab, config, noon + 3600);

    std::printf(
        "== build_bench: %zu comments, %d posts on %d blogs (offline builds of the archive; "
        "confab at %s)\n",
        comments, shape.posts, kBlogs, confab.c_str());
    std::printf("  first build          %.2f s   peak RSS %.0f MiB (%.2f KiB per comment)\n",
                first.seconds, first.peak_kib / 1024.0,
                comments ? static_cast<double>(first.peak_kib) / comments : 0.0);
    std::printf("  first rebuild        %.2f s   (%.0f %% of the first build)\n",
                first_rebuild.seconds, percent(first_rebuild.seconds, first.seconds));
    std::printf("  unchanged rebuild    %.2f s   (%.0f %% of the first build; target <= 15 %%)\n",
                unchanged.seconds, percent(unchanged.seconds, first.seconds));
    std::printf("  one new comment      %.2f s   (%.0f %% of the first build; target <= 20 %%)\n",
                one_new.seconds, percent(one_new.seconds, first.seconds));
    std::printf("  target: <= 2 KiB peak RSS per archived comment at 100,000 comments\n");
    // confab's own account of each build (--timings): where the time goes, stage by stage.
    for (const auto& [name, measured] :
         {std::pair{"first build", &first}, std::pair{"first rebuild", &first_rebuild},
          std::pair{"unchanged rebuild", &unchanged}, std::pair{"one new comment", &one_new}}) {
      std::printf("  %-20s %s; %s\n", name, measured->timings.c_str(), measured->files.c_str());
    }
  } catch (const std::exception& failure) {
    std::fprintf(stderr, "build_bench: %s\n", failure.what());
    return 1;
  }
  if (keep) std::printf("  site kept in %s\n", scratch.path().c_str());
  return 0;
}

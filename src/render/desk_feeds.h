// The community manager's desk as feeds (issue 18): what waits for an answer (awaiting.xml,
// awaiting.json, exports/awaiting.csv) and what each build found new (new.xml).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "render/feeds.h"
#include "render/i18n.h"
#include "render/render.h"
#include "render/site_model.h"

namespace confab {

/// One question awaiting a reply, as the desk's feeds and export show it.
struct AwaitingItem {
  const Node* node = nullptr;
  std::string id;
  std::string title;
  std::string author;  ///< model.author_name: "" when unknown
  UnixTime since = 0;
  std::int64_t waiting_seconds = 0;
  std::string last_word;
  std::string thread_title;
  std::string thread_url;  ///< on the hub
  std::string hub_url;     ///< the node on the hub
  std::string own_url;     ///< the node's own page, "" when none
  std::string reply_url;   ///< where to answer, else the hub
  /// The entry's content is the question's sanitized HTML (the model's, not copied: at 90,000
  /// comments the queue's HTML is tens of megabytes) followed by `content_after`: how long it
  /// has waited, the last word below it, and a "Reply here" link.
  const std::string* html = nullptr;
  std::string content_after;
  std::string content_html() const { return *html + content_after; }
};

/// The queue the three below show, made once for all three (each of its items sanitizes a
/// node's HTML: at 90,000 comments, making it three times cost about a second of CPU).
std::vector<AwaitingItem> awaiting_items(const SiteModel& model, const FeedSite& site,
                                         const Strings& strings);

/// awaiting.xml, Atom 1.0: one entry per Conversation::awaiting_reply id (oldest first, as
/// listed) whose node the hub shows. Entry id "urn:confab:awaiting:" + short_hash(node id, 16),
/// the same on every build while the node waits; alternate link = reply_here_url (else the node
/// on the hub), related link = the node on the hub (with a base URL); published = updated = the
/// node's date (else first_seen, else the build's time); content = the question's sanitized
/// HTML, how long it has waited, the last word in its subtree, and a "Reply here" link. The
/// feed's updated is its newest entry's date, else the build's time. With a stream, the file
/// goes there in pieces and "" is returned (so with the two below).
std::string awaiting_atom(const SiteModel& model, const FeedSite& site, const Strings& strings,
                          const std::vector<AwaitingItem>& items, OutputStream* stream = nullptr);

/// awaiting.json, JSON Feed 1.1 with awaiting_atom's items (same ids, url = where to reply,
/// external_url = the node's own page), each with a "_confab" object: waiting_seconds,
/// last_word, thread_title, thread_url (hub), reply_url, node (the node id).
std::string awaiting_json(const FeedSite& site, const Strings& strings,
                          const std::vector<AwaitingItem>& items, OutputStream* stream = nullptr);

/// exports/awaiting.csv: kCsvBom, the header
/// "waiting_since,waiting_hours,author,source,thread,text,url,reply_url,hub_url" and one row per
/// awaiting_atom item, same order (waiting_since in RFC 3339, waiting_hours whole hours, text =
/// Node::text with whitespace collapsed; hub_url relative to the site root without a base URL).
std::string awaiting_csv(const SiteModel& model, const std::vector<AwaitingItem>& items,
                         OutputStream* stream = nullptr);

/// new.xml, Atom 1.0: one entry per build that first saw something the hub shows (non-spam
/// nodes grouped by Node::first_seen; nodes without one left out), newest build first, at most
/// 20. Entry id "urn:confab:build:" + first_seen in decimal seconds; published = updated = that
/// build's time; title = the counts of new posts, comments and mentions; content = the new
/// items by thread, each with its author, a ≤ 140-character excerpt and a link to the hub, at
/// most 50 per entry then "and N more". The feed's updated is its newest entry's, else the
/// build's time.
std::string new_digest_atom(const SiteModel& model, const FeedSite& site, const Strings& strings);

}  // namespace confab

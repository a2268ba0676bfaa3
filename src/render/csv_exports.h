// The conversation as spreadsheets (nodes.csv, people.csv): for the community manager who
// filters, sorts and counts in Excel or LibreOffice rather than on the hub.
#pragma once

#include <string>
#include <string_view>

#include "render/feeds.h"
#include "render/render.h"
#include "render/site_model.h"

namespace confab {

/// `text` on one line: every run of white space (ASCII space, tab, CR, LF, FF, VT, and the
/// no-break spaces U+00A0 and U+202F) becomes one ASCII space, none at either end.
std::string one_line(std::string_view text);

/// nodes.csv: kCsvBom, the header row
/// id,kind,thread,parent,source,source_name,platform,author,author_name,published,first_seen,
/// new,awaiting_reply,by_team,spam,likes,reposts,url,hub_url,title,text
/// then one CRLF-ended row per node of the conversation, in its order, spam included. Flags are
/// "yes" or ""; dates RFC 3339 UTC or ""; hub_url is site.base_url + thread path + "#" + anchor
/// ("" for a node the hub does not show); text is Node::text on one line (one_line). A text
/// field a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
/// apostrophe. With a stream, the file goes there in pieces and "" is returned.
std::string nodes_csv(const SiteModel& model, const FeedSite& site, OutputStream* stream = nullptr);

/// people.csv: kCsvBom, the header row
/// id,name,team,posts,comments,blogs,replies_received,repliers,cross_blog_replies,influence,
/// urls,hub_url
/// then one CRLF-ended row per person in people_by_activity() order. blogs are the blogs'
/// display names and urls the person's pages, each joined by "; "; hub_url is site.base_url +
/// the person's page path. Text fields are defused as in nodes_csv.
std::string people_csv(const SiteModel& model, const FeedSite& site);

}  // namespace confab

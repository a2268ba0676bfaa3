// People: one person however many blogs they wrote or commented on.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "conversation/conversation.h"

namespace confab {

/// What the hub learned about identities beyond the feeds, e.g. by fetching homepages.
struct IdentityEvidence {
  /// A homepage URL as fetched -> the rel="me" links that page shows.
  std::map<std::string, std::vector<std::string>> rel_me;
};

/// Assigns Node::author and Node::by_team for every node with a known author and returns the
/// people with their counts, most influential first.
///
/// Each node first gets an identity, first match wins: a [[person]] entry (one of its urls, or
/// its name or an alias, on any blog), a [campaign] team member (url or name), the normalised
/// homepage URL, else the name within one blog. "Anonymous" without a URL is nobody in
/// particular. Spam and mentions belong to nobody. Identities are then joined into one person
/// on evidence only (README "People"): the same homepage; a name without a homepage and the one
/// homepage signed with that name on the same blog; the same Gravatar (any blog); homepages that
/// name each other rel="me" in `evidence`. A name alone never joins across blogs, and evidence
/// never joins two people configured apart. Person::merged_by says why, one line per join;
/// `sources` names the blogs in those lines (a blog it lacks is named by its id).
///
/// Influence ranks reach, not volume: 2 x blogs touched + distinct people who replied to them
/// + 3 x replies written on another blog than the one replied to (a post answering their post
/// elsewhere). Posting or commenting more does not raise it by itself.
///
/// Of the nodes it writes only `author` and `by_team`, and never reads `thread`: threading plans
/// the threads (which writes `thread`) on another core meanwhile. Keep it so, or change that.
std::vector<Person> recognise_people(std::vector<Node>& nodes, const CampaignSection& campaign,
                                     const std::vector<PersonConfig>& configured = {},
                                     const IdentityEvidence& evidence = {},
                                     const std::vector<SourceReport>& sources = {});

}  // namespace confab

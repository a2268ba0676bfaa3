// People: one person however many blogs they wrote or commented on.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "conversation/conversation.h"

namespace confab {

/// Assigns Node::author and Node::by_team for every node with a known author and returns the
/// people with their counts, most influential first. Recognition, first match wins: a
/// [[person]] entry (one of its urls, or its name or an alias, on any blog), a [campaign] team
/// member (url or name), the normalised homepage URL, else the name within one blog. "Anonymous"
/// without a URL is nobody in particular. Spam and mentions belong to nobody.
///
/// Influence ranks reach, not volume: 2 x blogs touched + distinct people who replied to them
/// + 3 x replies written on another blog than the one replied to (a post answering their post
/// elsewhere). Posting or commenting more does not raise it by itself.
std::vector<Person> recognise_people(std::vector<Node>& nodes, const CampaignSection& campaign,
                                     const std::vector<PersonConfig>& configured = {});

}  // namespace confab

// People: one person however many blogs they wrote or commented on.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "thread/conversation.h"

namespace confab {

/// Assigns Node::author and Node::by_team for every node with a known author and returns the
/// people with their counts. Recognition: normalised homepage URL, else the name within one blog;
/// "Anonymous" without a URL is nobody in particular. Team membership comes from
/// [campaign] team (by URL or by name).
std::vector<Person> recognise_people(std::vector<Node>& nodes, const CampaignSection& campaign);

}  // namespace confab

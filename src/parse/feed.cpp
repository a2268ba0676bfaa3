#include "parse/feed.h"

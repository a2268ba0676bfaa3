#include "thread/conversation.h"

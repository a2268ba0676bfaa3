// Names that go into URLs and HTML ids: lower-case words joined by hyphens.
#pragma once

#include <string>
#include <string_view>

namespace confab {

/// "Getting Started!" -> "getting-started"; "blog-a/3f2a" -> "blog-a-3f2a". ASCII letters and
/// digits are kept (lower-cased), as are '_' and bytes of non-ASCII characters; every other run
/// becomes one '-'; no leading or trailing '-'. May be "" (for "!!!").
std::string slugify(std::string_view text);

}  // namespace confab

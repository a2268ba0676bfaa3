// The render stage's face: a conversation plus a theme and content in, site files out.
// Render does no I/O: the caller reads templates and content and writes the returned files.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/content_hash.h"
#include "base/time.h"
#include "conversation/conversation.h"

namespace confab {

/// Template files by name relative to the theme's templates folder, e.g. "index.html",
/// "partials/comment.html". The caller merges the site's templates/ over the theme's.
struct Theme {
  std::map<std::string, std::string> templates;
  std::map<std::string, std::string> static_files;  ///< copied verbatim, e.g. "style.css"
  /// The theme's strings by language: i18n/fr.toml's text under "fr" (see render/i18n.h).
  std::map<std::string, std::string> i18n;
};

/// A content/*.md file: its path relative to content/ and its text (front matter included).
struct ContentFile {
  std::string path;
  std::string text;
};

/// The pages the output already holds, by what each was made from: a page whose inputs are
/// what they were when the output's copy was made is taken from there, not rendered again.
/// A page's inputs are its template's fingerprint (TemplateEngine::fingerprint): the values it
/// can show, every template, the theme's strings, and the program that renders them.
struct PageMemo {
  /// What renders: program_build_id(). "" (none known) renders every page.
  std::string program;
  /// The fingerprints' key: the output's own, never published.
  std::uint64_t key = 0;
  /// Takes the page at `path` from the output as it was made from `inputs`: true when the
  /// output held it so and it is now part of the new output, false when it must be rendered.
  /// Called from several threads at once.
  std::function<bool(const std::string& path, const ContentHash& inputs)> keep;
  /// What the output's pages were made from as a whole (the RenderReport::site_inputs of the
  /// render that made them), when the output knows.
  std::optional<ContentHash> site_inputs;
  /// Takes the page at `path` from the output as it is there, fingerprint and all, without
  /// making its data: for a render made from those site inputs again, whose pages that do not
  /// show the build time are what they were. False when the output lacks it (then it is
  /// rendered). Called from several threads at once.
  std::function<bool(const std::string& path)> keep_as_made;
};

/// A file handed over in pieces as it is made, in order, so that it is never whole in memory:
/// the largest data files (conversation.json, the reply queue, the search index, the exports)
/// are tens of megabytes at 100,000 comments. Used from one thread at a time.
class OutputStream {
 public:
  virtual ~OutputStream() = default;
  /// The next piece of the file.
  virtual void append(std::string_view piece) = 0;
  /// The file is complete. A stream dropped without close() leaves no file.
  virtual void close() = 0;
  /// How much to gather before a piece is handed over.
  virtual std::size_t piece_size() const { return std::size_t{1} << 20; }
};

/// Opens the stream of one file, path and inputs as OutputFile's.
using OutputStreamOpener = std::function<std::unique_ptr<OutputStream>(
    const std::string& path, const std::optional<ContentHash>& inputs)>;

struct RenderInput {
  std::string site_title;
  std::string base_url;
  std::string language;
  std::string webmention;  ///< [site] webmention: named by every page's <link rel="webmention">
  const Conversation* conversation = nullptr;
  Theme theme;
  std::vector<ContentFile> content;
  bool include_drafts = false;  ///< render content pages marked draft = true (build --drafts)
  /// Threads to render with; 0 = one per core. The output is the same for any number.
  std::size_t workers = 0;
  /// Pages not to render again (none without one).
  PageMemo memo;
  /// What the conversation was made from, hashed (build/kept_conversation.h's threading
  /// inputs), when the caller can tell: the same inputs, the same conversation but for its
  /// sources, build time and previous build. Without it every page is fingerprinted.
  std::optional<ContentHash> conversation_inputs;
  /// Where the largest files go in pieces; without one they come whole to the sink.
  OutputStreamOpener open_stream;
};

/// A file to write, path relative to the output directory (never absolute, never "..").
struct OutputFile {
  std::string path;
  std::string bytes;
  /// What the file was made from, for the memo of the next build (PageMemo): a page's
  /// fingerprint, or the site inputs (render/site_inputs.h) for a data file made from nothing
  /// else; none for the other files.
  std::optional<ContentHash> inputs = std::nullopt;
};

/// A template or content file that does not render; what() names the file.
struct RenderError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Receives each output file as soon as it is made. Called from several threads at once (it
/// must be thread-safe) and in no particular order; the files are the same on every run.
using OutputSink = std::function<void(OutputFile file)>;

/// What rendering recovered from: third-party content that could not be shown as it came.
struct RenderReport {
  /// One line per node whose content was flattened or left out, naming the node's page or id.
  std::vector<std::string> problems;
  /// The pages the memo kept: not rendered.
  std::size_t pages_kept = 0;
  /// Of those, the pages kept as made (PageMemo::keep_as_made): not even their data was made.
  std::size_t pages_kept_as_made = 0;
  /// What the pages were made from as a whole (render/site_inputs.h), for the memo of the next
  /// build; none without RenderInput::conversation_inputs.
  std::optional<ContentHash> site_inputs;
};

/// Renders the whole site: index.html, conversation.json, content pages, static files, each
/// handed to `sink` when ready (or, for a page the memo keeps, not made at all) so that writing
/// overlaps rendering and a page's memory is freed once it is written. A node whose content cannot
/// be sanitized is shown without it and named in the report: what a build archived never stops it.
/// A RenderError (the theme or the site's own content) may come after some files were handed over:
/// the caller writes into a staging folder it can drop.
RenderReport render_site(const RenderInput& input, const OutputSink& sink);

/// conversation.json, the hub's data for other tools (stable schema, see README).
/// A thread's page, relative to the hub ("threads/<slug>/"), by the id of its root.
using ThreadPageOf = std::function<std::string(const std::string& root)>;

/// conversation.json; each thread names its page when `page_of` is given (the hub's pages),
/// null otherwise.
/// With a stream, the file goes there in pieces and "" is returned.
std::string conversation_to_json(const Conversation& conversation, const ThreadPageOf& page_of = {},
                                 OutputStream* stream = nullptr);

/// Sanitizes third-party HTML (allowlist, parse and re-serialize): safe to put on a page. HTML
/// nested deeper than the nesting cap is flattened below it; `capped`, when given, says so.
std::string sanitize_html(const std::string& html, const std::string& base_url,
                          bool* capped = nullptr);

/// Renders Markdown (GFM) to HTML. The site's own content: trusted, not sanitized.
std::string markdown_to_html(const std::string& markdown);

}  // namespace confab

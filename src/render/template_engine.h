// Mustache templates from the theme, rendered with JSON-shaped data. The one place that knows
// the template library (kainjow mustache, a heavy header: include it nowhere else).
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/content_hash.h"

namespace confab {

using Templates = std::map<std::string, std::string>;

/// The theme's templates, parsed once for a whole render run. Rendering is not thread-safe (the
/// library keeps state in a parsed template): give each thread its own engine.
///
/// `{{> partials/node.html}}` includes the template of that name. The library re-parses a
/// partial at every inclusion, so each template is parsed once with its partials' text put in
/// place of their tags (the output is the same: the library keeps no per-partial indentation or
/// delimiters). A partial that includes itself, directly or not, is put in place
/// kInlinedRecursion levels deep (within a size budget); deeper, it stays a tag that the library
/// parses each time it is reached: slower, never wrong.
///
/// Data mapping: objects, arrays and booleans as they are; numbers as their decimal text; null
/// and "" are false, so `{{#author_url}}...{{/author_url}}` shows only when there is one (and
/// `{{author_url}}` renders nothing). {{x}} is HTML-escaped, {{{x}}} is not.
class TemplateEngine {
 public:
  /// `globals` is visible under every page's data (e.g. the theme's strings as {{t.KEY}}).
  /// Throws RenderError naming the first template that does not parse.
  TemplateEngine(const Templates& templates, const nlohmann::json& globals);
  ~TemplateEngine();
  TemplateEngine(const TemplateEngine&) = delete;
  TemplateEngine& operator=(const TemplateEngine&) = delete;

  bool has(const std::string& name) const { return templates_.count(name) > 0; }

  /// How deep a partial including itself is put in place at parse time: enough for replies
  /// nested as deep as the display tree nests them (kMaxDisplayDepth).
  static constexpr int kInlinedRecursion = 8;

  /// Data converted once for many renders (e.g. the links every reply on a page shares, or a
  /// node shown on several pages). A frame is read-only once made: engines on other threads may
  /// render with it at the same time. Its top-level names are kept by the engine itself (a
  /// packed table, cheaper to search than the library's hashed objects); nested values are the
  /// library's.
  class Frame {
   public:
    ~Frame();
    Frame(Frame&&) noexcept;
    Frame& operator=(Frame&&) noexcept;

   private:
    friend class TemplateEngine;
    struct Data;
    explicit Frame(std::unique_ptr<Data> data);
    std::unique_ptr<Data> data_;
  };
  static Frame frame(const nlohmann::json& data);

  /// A frame that a fingerprint reads as a frame whose digest() is `digest`, and that holds
  /// nothing else: a page listing frames made for other pages (a person's page, every node its
  /// author said) is fingerprinted with stand-ins, and the frames are made again only when it
  /// is rendered. Rendering a page that shows a stand-in throws RenderError.
  static Frame stand_in(const ContentHash& digest);
  /// Builds a frame key by key, values straight into the library's form: for data made once per
  /// node, where building JSON and converting it would cost as much as the rendering itself.
  /// Setting a name again replaces its value. False and "" are stored like any value: a frame
  /// nested in another (a reply in its parent's `replies`) must answer for each of its names, or
  /// the name would be looked up in the frame around it.
  ///
  /// A frame can hold frames: one, as a section (`{{#thread}}…{{/thread}}`), or a list of them
  /// (`{{#replies}}{{> partials/node.html}}{{/replies}}`). Inside the section each is the
  /// innermost frame, as if its names were an object's. They are not copied: a frame held must
  /// outlive the one holding it, or be handed over with keep().
  class FrameBuilder {
   public:
    FrameBuilder();
    /// Names not set here are looked up in `base` (which must outlive the frame built): a
    /// node's place in one thread over its data shared by every page showing it.
    explicit FrameBuilder(const Frame& base);
    ~FrameBuilder();
    FrameBuilder(const FrameBuilder&) = delete;
    FrameBuilder& operator=(const FrameBuilder&) = delete;
    void set(const std::string& key, std::string value);
    void set(const std::string& key, const char* value) { set(key, std::string(value)); }
    void set(const std::string& key, bool value);
    void set(const std::string& key, const nlohmann::json& value);
    /// Every member of the JSON object `values`, moved in.
    void set_all(nlohmann::json&& values);
    /// One frame, for a section.
    void set(const std::string& key, const Frame& frame);
    /// A list of frames, for a section to loop over; no frames is an empty (false) list.
    void set(const std::string& key, const std::vector<const Frame*>& frames);
    /// Hands `frame` over to the frame being built, which keeps it alive with itself; the
    /// reference stays valid as more are kept.
    const Frame& keep(Frame frame);
    /// The frame made so far; the builder is empty afterwards (and without a base).
    Frame build();

   private:
    std::unique_ptr<Frame::Data>& data();  ///< data_, made when first needed
    std::unique_ptr<Frame::Data> data_;
  };

  /// Renders templates[name] with `data` over the globals. Throws RenderError naming a
  /// missing or broken template. `data` is taken, not copied: move it in where it is not
  /// needed afterwards.
  std::string render(const std::string& name, nlohmann::json data) const;
  /// Frames stacked outermost first over the globals, then `data` on top: names not in `data`
  /// are looked up in the frames, innermost first, then in the globals.
  std::string render(const std::string& name, std::initializer_list<const Frame*> frames,
                     nlohmann::json data) const;
  /// Frames only, outermost first (the last one is the innermost).
  std::string render(const std::string& name, std::initializer_list<const Frame*> frames) const;

  /// What render(name, frames, data) is made from (`data` may be null), hashed with `key`:
  /// every template's text, the globals, `program` (what renders them: base/program_id.h), and,
  /// in each frame and in `data`, the values of the names the template and its partials use
  /// (with what they hold). Equal
  /// fingerprints, equal bytes: a value the template never asks for (the build time, on a page
  /// that does not show it) is left out, so such a page's fingerprint stays the same from one
  /// build to the next. Costs a walk over the data, far less than a render. nullopt for a
  /// template the theme lacks, or data nested deeper than any view makes.
  std::optional<ContentHash> fingerprint(const std::string& name,
                                         std::initializer_list<const Frame*> frames,
                                         const nlohmann::json* data, std::string_view program,
                                         std::uint64_t key) const;

  /// Whether template `name` or a partial it includes can ask for `key` at all (true for a
  /// template the theme lacks, or whose names cannot be read): a name no template asks for need
  /// not be made.
  bool may_read(const std::string& name, std::string_view key) const;

  /// What template `name` and its partials can read of `frame` (with what it holds), hashed:
  /// the same bytes, the same digest. For stand_in(); nullopt as for fingerprint().
  std::optional<ContentHash> digest(const std::string& name, const Frame& frame) const;

 private:
  struct Parsed;
  std::string render_frames(const std::string& name, std::initializer_list<const Frame*> frames,
                            nlohmann::json* data) const;

  const Templates& templates_;
  std::unique_ptr<Parsed> parsed_;
};

}  // namespace confab

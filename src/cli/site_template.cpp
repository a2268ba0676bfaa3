#include "cli/site_template.h"

#include <cstdio>

namespace confab {

namespace {

// A TOML basic string holding `text`.
std::string toml_string(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", byte);
      quoted += escape;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

// Keep in sync with README "site.toml reference": tests/cli/init_command_test.cpp checks that
// every key the parser knows appears here and that the commented-out settings parse.
constexpr const char* kSiteTomlAfterTitle = R"toml(
# Where the hub will be published; used for absolute links. `confab build --base-url` overrides
# it (the GitHub workflow passes the Pages address).
# base_url = "https://example.github.io/hub/"
# Language of the generated page (<html lang>).
# language = "en"
# The theme: a folder under themes/, or "default", built into confab (a themes/default/ of the
# site's own, as `confab theme eject` writes, takes its place).
# theme = "default"
# Output directory, relative to this file.
# output = "public"
# A Webmention endpoint for the hub's pages (<link rel="webmention">); their mentions are read.
# webmention = "https://webmention.io/USER/webmention"

# What the campaign is: posts linking to one of its links or naming a keyword join the
# conversation.
# [campaign]
# URLs that *are* the campaign (video page, campaign blog).
# links = ["https://www.example.com/campaign-video"]
# Words or phrases marking a post as about the campaign (case- and accent-insensitive).
# keywords = ["our campaign"]
# People who speak for the campaign: each a homepage URL, a name, or a table with both.
# team = ["https://team.example.com/", "Ana", { name = "Ben", url = "https://ben.example.com/" }]

# One [[source]] table per blog to watch. Until there is one, the hub is empty.
# [[source]]
# Display name of the blog (unique).
# name = "A blog"
# Its homepage (the feed is found by autodiscovery) or its feed; http(s) or file: URL.
# url = "https://blog.example.com/"
# The feed URL, when autodiscovery from url should be skipped.
# feed = "https://blog.example.com/feed/"
# "campaign" for the campaign's own blog (all its posts belong), "blog" for everyone else.
# role = "blog"

# How confab fetches. The defaults suit an hourly build.
# [fetch]
# Requests in flight at once (1-256).
# concurrency = 16
# Connections to one host at once.
# per_host = 2
# Seconds per request, and to connect.
# timeout = 30
# connect_timeout = 10
# User-Agent header sent with every request.
# user_agent = "confab/0.1 (+https://github.com/confab)"
# Largest response accepted, in bytes, and redirects followed.
# max_body = 10485760
# max_redirects = 5
# A transfer slower than low_speed_limit bytes/s for low_speed_time seconds is aborted.
# low_speed_limit = 100
# low_speed_time = 30
# Pages of one post's comments read per build (WordPress REST API, Blogger/Atom rel="next").
# max_comment_pages = 10
# A snapshot directory answering every request instead of the network ("" = the network).
# replay = ""

# Discovery: blogs nobody configured, found through links from conversation posts.
# [crawl]
# How many links away from the sources to discover new blogs (0: none).
# depth = 1
# Maximum number of pages the discovery crawl fetches per build.
# max_pages = 200
# Domains: when not empty, only these (and their subdomains) are crawled.
# allow = []
# Domains (and subdomains) never crawled.
# deny = []
# Crawl links to loopback, private and link-local addresses.
# allow_private = false

# Hacker News, Reddit, Lemmy, Discourse, Mastodon and Bluesky threads about the campaign, and
# the Webmentions it received (README "Platforms"). A [[source]] may name a thread, a Mastodon
# hashtag (https://mastodon.social/tags/TAG) or a Bluesky profile.
# [platforms]
# Platforms asked about each campaign link and conversation post.
# lookup = ["hackernews", "reddit", "webmention"]
# URLs looked up per platform per build.
# max_lookups = 50
# Requests per platform per build (lookups, threads, their further pages).
# max_requests = 100
# Threads one listing (a hashtag, a profile) gives per build.
# max_listed = 100
# Seconds between two requests to one platform.
# interval = 1
# Lemmy instances and Discourse forums to look URLs up on.
# lemmy = []
# discourse = []
# API origins, for tests and replay snapshots (default: each platform's public API).
# hackernews_api = "https://hn.algolia.com"
# reddit_api = "https://www.reddit.com"
# lemmy_api = ""
# discourse_api = ""
# bluesky_api = "https://public.api.bsky.app"
# webmention_api = "https://webmention.io"

# Everything confab has seen is kept in an archive, so the hub keeps posts and comments that
# have left the feeds. The GitHub workflow carries .confab/ from run to run: keep it there.
# [archive]
# path = ".confab/archive.db"

# Comment authors to trust or reject whatever the spam filter thinks: names or domains.
# [spam]
# allow = ["Campaign Team"]
# deny = ["spammy.example.com"]

# One [[person]] per person recognised however blogs spell them.
# [[person]]
# name = "Ann Example"
# aliases = ["ann", "A. Example"]
# urls = ["https://ann.example.com/"]
# Speaks for the campaign.
# team = false
)toml";

constexpr const char* kIntro = R"md(+++
title = "About the campaign"
+++

This page gathers the conversation about the campaign from every blog that takes part: posts,
the comments under them and the replies between blogs.

Edit `content/_index.md` to introduce the campaign, and add the blogs to watch to `site.toml`
as `[[source]]` tables.
)md";

constexpr const char* kGitignore =
    R"text(# confab's output (a link to one of the two trees kept beside it) and its archive (kept
# between builds by the workflow's cache)
/public
/.public.confab/
/.confab/
)text";

constexpr const char* kWorkflow =
    R"yaml(# Builds the hub and publishes it on GitHub Pages: every hour, on every push to main and on
# demand (Actions > confab > Run workflow). Written by `confab init`; see confab's README,
# "Publish". Settings > Pages > Source must be "GitHub Actions".
name: confab

on:
  schedule:
    # Hourly, at 17 past: off the top of the hour, when scheduled runs queue longest.
    - cron: "17 * * * *"
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One run at a time: a scheduled run and a push never race over the archive or the deployment.
concurrency:
  group: confab-pages
  cancel-in-progress: false

env:
  # confab's source, when this repository is a site rather than confab itself.
  CONFAB_GIT: https://github.com/confab/confab.git
  CONFAB_REF: main

jobs:
  build:
    runs-on: ubuntu-24.04
    # Debian 12, the system confab is developed and tested on.
    container: debian:12
    defaults:
      run:
        shell: bash
    steps:
      - name: Install the Debian packages
        # What building and running confab needs (scripts/install-deps run).
        run: |
          apt-get update -qq
          apt-get install -y -qq --no-install-recommends ca-certificates git build-essential \
            cmake pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libpugixml-dev \
            libcurl4-openssl-dev libkainjow-mustache-dev libtomlplusplus-dev libgumbo-dev \
            libsqlite3-dev libcpp-httplib-dev nlohmann-json3-dev libuchardet-dev libsimdjson-dev libmimalloc-dev

      - uses: actions/checkout@v4

      - name: Get confab's source
        id: confab
        run: |
          git config --global --add safe.directory "$GITHUB_WORKSPACE"
          if grep -qs '^project(confab' CMakeLists.txt; then
            dir="$PWD"  # this repository is confab itself, publishing its demo
          else
            dir="$RUNNER_TEMP/confab-src"
            git clone --depth 1 --branch "$CONFAB_REF" "$CONFAB_GIT" "$dir"
          fi
          echo "CONFAB_DIR=$dir" >> "$GITHUB_ENV"
          # The binary cache follows confab's source tree: a new version rebuilds, nothing else.
          src=$(git -C "$dir" rev-parse HEAD:src)
          cmake_lists=$(git -C "$dir" rev-parse HEAD:CMakeLists.txt)
          theme=$(git -C "$dir" rev-parse HEAD:themes/default)  # compiled into the binary
          echo "tree=$src-$cmake_lists-$theme" >> "$GITHUB_OUTPUT"

      - name: Restore the confab binary
        id: binary
        uses: actions/cache@v4
        with:
          path: ~/.cache/confab-bin
          key: confab-bin-debian12-${{ steps.confab.outputs.tree }}

      - name: Build confab
        if: steps.binary.outputs.cache-hit != 'true'
        run: |
          cmake -S "$CONFAB_DIR" -B "$RUNNER_TEMP/confab-build" -DCMAKE_BUILD_TYPE=Release \
            -DCONFAB_WERROR=OFF
          cmake --build "$RUNNER_TEMP/confab-build" --target confab -j "$(nproc)"
          mkdir -p ~/.cache/confab-bin
          cp "$RUNNER_TEMP/confab-build/confab" ~/.cache/confab-bin/

      # The archive (.confab/) keeps what earlier runs saw, so posts and comments that left a
      # feed stay on the hub. It travels in the Actions cache under a rolling key: each run
      # restores the newest one and saves its own.
      - name: Restore the archive
        uses: actions/cache/restore@v4
        with:
          path: .confab
          key: confab-archive-${{ github.run_id }}
          restore-keys: confab-archive-

      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5

      - name: Build the hub
        env:
          BASE_URL: ${{ steps.pages.outputs.base_url }}
        run: ~/.cache/confab-bin/confab build --output public --base-url "$BASE_URL/"

      - name: Save the archive
        if: hashFiles('.confab/**') != ''
        uses: actions/cache/save@v4
        with:
          path: .confab
          key: confab-archive-${{ github.run_id }}-${{ github.run_attempt }}

      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-24.04
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
)yaml";

}  // namespace

std::string init_site_toml(const std::string& title) {
  return "# confab site: every key is shown with its default; uncomment to change it.\n"
         "# Reference: README \"site.toml reference\". Paths are relative to this file.\n\n"
         "[site]\n"
         "# The hub page's title (required).\n"
         "title = " +
         toml_string(title) + "\n" + kSiteTomlAfterTitle;
}

std::string init_workflow() {
  return kWorkflow;
}

std::vector<TemplateFile> init_site_files(const std::string& title) {
  return {
      {"site.toml", init_site_toml(title)},
      {"content/_index.md", kIntro},
      {".gitignore", kGitignore},
      {".github/workflows/confab.yml", init_workflow()},
  };
}

}  // namespace confab

#include "build/staged_output.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>  // renameat2
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/parallel_for.h"
#include "build/replace_file.h"

namespace confab {

namespace fs = std::filesystem;

namespace {

bool is_safe_relative(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  for (const auto& part : fs::path(path)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

/// What the OS said about errno `code`, e.g. "No space left on device".
std::string describe(int code) {
  return std::generic_category().message(code);
}

/// Closes a descriptor on every way out; the success path closes it itself to see the error.
struct ClosesOnExit {
  int fd;
  ~ClosesOnExit() {
    if (fd >= 0) ::close(fd);
  }
};

/// Writes all of `bytes` to `fd`; false (errno set) when it cannot.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

/// Writes `bytes` as `path` under the folder open as `root` (relative to it: the kernel does
/// not walk the whole path again for each of thousands of files) when nothing is there yet:
/// false, and nothing done, when something is. Never opens what is there: it may be a hard link
/// shared with the published tree. A failed write removes what it began. Errors name the file as
/// `shown`: where it will be in the output folder the user knows.
bool write_new_file(int root, const std::string& path, std::string_view bytes,
                    const fs::path& shown) {
  ClosesOnExit out{::openat(root, path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)};
  if (out.fd < 0 && errno == EEXIST) return false;
  const auto failure = [&](const char* what) {
    const int code = errno;  // before building the message touches it
    return SiteFileError(shown.string() + ": " + what + ": " + describe(code));
  };
  if (out.fd < 0) throw failure("cannot create");
  if (!write_all(out.fd, bytes) || ::close(std::exchange(out.fd, -1)) != 0) {
    const SiteFileError error = failure("cannot write");
    ::unlinkat(root, path.c_str(), 0);
    throw error;
  }
  return true;
}

/// write_new_file(), after removing what is at `path` (left by a build that died).
void write_file(int root, const std::string& path, std::string_view bytes, const fs::path& shown) {
  if (write_new_file(root, path, bytes, shown)) return;
  if (::unlinkat(root, path.c_str(), 0) == 0 && write_new_file(root, path, bytes, shown)) return;
  const int code = errno;
  throw SiteFileError(shown.string() + ": cannot create: " + describe(code));
}

/// True when the regular file at `path` under `root` holds exactly `bytes`. Reads at most
/// bytes.size() + 1 bytes, and nothing when the sizes differ.
/// No symbolic link is followed on the way (a link a user put in the output may lead out of it):
/// such a file is simply written anew.
bool holds_same_bytes(int root, const std::string& path, std::string_view bytes) {
  open_how how{};
  how.flags = O_RDONLY | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
  ClosesOnExit in{static_cast<int>(::syscall(SYS_openat2, root, path.c_str(), &how, sizeof how))};
  struct stat status {};
  if (in.fd < 0 || ::fstat(in.fd, &status) != 0 || !S_ISREG(status.st_mode) ||
      static_cast<std::size_t>(status.st_size) != bytes.size()) {
    return false;
  }
  char buffer[1 << 16];
  std::size_t at = 0;
  for (;;) {
    const ssize_t got = ::read(in.fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) return at == bytes.size();
    const auto count = static_cast<std::size_t>(got);
    if (at + count > bytes.size() ||
        bytes.compare(at, count, std::string_view(buffer, count)) != 0) {
      return false;
    }
    at += count;
  }
}

/// fs::remove_all, with the folders two levels down (threads/<slug>/, people/<slug>/) removed on
/// several threads: deleting a previous site of 30,000 pages took 0.6 s on one thread, 0.35 s on
/// two (tmpfs). Only real folders are entered: a symbolic link is removed, never followed.
/// Cleaning up: what cannot be removed stays for the next build to try again.
void remove_tree(const fs::path& root) {
  std::vector<fs::path> folders;
  std::error_code error;
  if (!fs::is_directory(fs::symlink_status(root, error))) {
    fs::remove(root, error);  // a file, or a symbolic link: never followed
    return;
  }
  for (const auto& top : fs::directory_iterator(root, error)) {
    if (!fs::is_directory(top.symlink_status())) continue;
    for (const auto& below : fs::directory_iterator(top.path(), error)) {
      folders.push_back(below.path());
    }
  }
  parallel_for(folders.size(), std::max<std::size_t>(2, default_worker_count()),
               [&](std::size_t, std::size_t index) {
                 std::error_code ignored;
                 fs::remove_all(folders[index], ignored);
               });
  fs::remove_all(root, error);
}

/// The pid in a staging folder's name (".public.new.1234" -> 1234), 0 if none.
pid_t pid_in(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  pid_t pid = 0;
  for (const char c : name.substr(dot + 1)) {
    if (c < '0' || c > '9' || pid > 100'000'000) return 0;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

/// True when no running build holds `folder`: its lock can be taken (the kernel drops a lock
/// when its process dies, however it dies).
bool abandoned(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return free;
}

/// A process of that pid runs (it may be another program, if the pid was reused: then the
/// folder waits for a later build).
bool running(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno != ESRCH;
}

/// What killed builds left beside `target`: staging folders (of confab before the two trees) and
/// links of dead builds are removed, and an old output moved aside by a build killed before the
/// new one was in place is put back. Called with the output's lock held.
void clean_up_after_dead_builds(const fs::path& target) {
  const std::string name = target.filename().string();
  const std::string fresh = "." + name + ".new.", aside = "." + name + ".old.";
  const std::string link = "." + name + ".link.";
  std::error_code error;
  std::vector<fs::path> stale, set_aside;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), error)) {
    const std::string file = entry.path().filename().string();
    const pid_t pid = pid_in(file);
    if (pid == 0 || pid == ::getpid()) continue;
    if (file.starts_with(fresh) && abandoned(entry.path())) stale.push_back(entry.path());
    if (file.starts_with(aside) && !running(pid)) set_aside.push_back(entry.path());
    // Builds of this output hold its lock: another's link (or the folder it replaced) is a
    // dead build's.
    if (file.starts_with(link)) stale.push_back(entry.path());
  }
  for (const auto& folder : set_aside) {
    if (!fs::exists(fs::symlink_status(target, error))) {
      fs::rename(folder, target, error);  // the last complete output, back in place
    } else {
      stale.push_back(folder);
    }
  }
  for (const auto& folder : stale) remove_tree(folder);
}

/// Followed by the key, a space, and what the pages were made from as a whole (render's
/// site_inputs, 32 hex digits, or - when not known).
constexpr std::string_view kListingHeader = "confab output tree 3 ";
/// What confabs before the site inputs wrote: the key alone. Read, as those below, so that the
/// first build after an upgrade still takes what did not change.
constexpr std::string_view kListingHeaderWithoutSiteInputs = "confab output tree 2 ";
/// What a confab before the page memo wrote: the same without the pages' fingerprints.
constexpr std::string_view kListingHeaderWithoutInputs = "confab output tree 1 ";

/// One line of a listing: "<content: 32 hex digits> <inputs: 32 hex digits, or - for a file not
/// rendered from a template> <size> <path>" (without the inputs in a version 1 listing).
std::optional<std::pair<std::string, StagedOutput::FileState>> listed_file(std::string_view line,
                                                                           bool with_inputs) {
  if (line.size() < 36 || line[32] != ' ') return std::nullopt;
  StagedOutput::FileState state;
  const auto hash = content_hash_from_hex(line.substr(0, 32));
  if (!hash) return std::nullopt;
  state.hash = *hash;
  std::size_t size_at = 33;
  if (with_inputs) {
    const std::size_t inputs_end = line.find(' ', 33);
    if (inputs_end == std::string_view::npos) return std::nullopt;
    const std::string_view inputs = line.substr(33, inputs_end - 33);
    if (inputs != "-") {
      state.inputs = content_hash_from_hex(inputs);
      if (!state.inputs) return std::nullopt;
    }
    size_at = inputs_end + 1;
  }
  const std::size_t size_end = line.find(' ', size_at);
  if (size_end == std::string_view::npos) return std::nullopt;
  const auto [end, error] =
      std::from_chars(line.data() + size_at, line.data() + size_end, state.size);
  if (error != std::errc() || end != line.data() + size_end) return std::nullopt;
  return std::pair{std::string(line.substr(size_end + 1)), state};
}

/// Reads a tree's listing made with `key`; nullopt when it is missing, unreadable, made with
/// another key, or not whole: the tree is then rebuilt rather than trusted. `site_inputs` gets
/// what its pages were made from as a whole, when it says.
std::optional<StagedOutput::Listing> read_listing(
    const fs::path& file, std::uint64_t key, std::optional<ContentHash>* site_inputs = nullptr) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  const std::string key_text = std::to_string(key);
  const std::string current = std::string(kListingHeader) + key_text + ' ';
  bool with_inputs = line == std::string(kListingHeaderWithoutSiteInputs) + key_text;
  if (line.starts_with(current)) {
    with_inputs = true;
    const std::string_view made_from = std::string_view(line).substr(current.size());
    if (made_from != "-") {
      const auto hash = content_hash_from_hex(made_from);
      if (!hash) return std::nullopt;
      if (site_inputs) *site_inputs = hash;
    }
  } else if (!with_inputs && line != std::string(kListingHeaderWithoutInputs) + key_text) {
    return std::nullopt;
  }
  StagedOutput::Listing listing;
  while (std::getline(in, line)) {
    if (line == "end") return listing;
    auto listed = listed_file(line, with_inputs);
    if (!listed) return std::nullopt;
    listing.insert(std::move(*listed));
  }
  return std::nullopt;  // no "end": written by a build that died
}

void write_listing(const fs::path& file, const StagedOutput::Listing& listing, std::uint64_t key,
                   const std::optional<ContentHash>& site_inputs) {
  replace_file(file, [&](std::ostream& out) {
    out << kListingHeader << key << ' ' << (site_inputs ? to_hex(*site_inputs) : "-") << '\n';
    for (const auto& [path, state] : listing) {
      out << to_hex(state.hash) << ' ' << (state.inputs ? to_hex(*state.inputs) : "-") << ' '
          << state.size << ' ' << path << '\n';
    }
    out << "end\n";
  });
}

/// The key of the trees' content hashes: made once, kept in the trees' folder (never published,
/// so outsiders cannot aim at a collision).
std::uint64_t hash_key(const fs::path& file) {
  {
    std::ifstream in(file);
    std::uint64_t key = 0;
    if (in >> key && key != 0) return key;
  }
  const std::uint64_t key = random_hash_key();
  replace_file(file, [&](std::ostream& out) { out << key << '\n'; });
  return key;
}

/// Which tree `output`, a symbolic link, points to: "a", "b", or "" (not a link to a tree).
std::string published_tree(const fs::path& output, const fs::path& trees) {
  std::error_code error;
  if (!fs::is_symlink(fs::symlink_status(output, error))) return "";
  const fs::path to = fs::read_symlink(output, error);
  for (const char* tree : {"a", "b"}) {
    if (!error && to == trees.filename() / tree) return tree;
  }
  return "";
}

}  // namespace

fs::path output_path(const fs::path& output) {
  fs::path path = fs::absolute(output).lexically_normal();
  if (path.filename().empty() && path.has_relative_path()) path = path.parent_path();
  return path;
}

fs::path output_trees_of(const fs::path& output) {
  const fs::path target = output_path(output);
  return target.parent_path() / ("." + target.filename().string() + ".confab");
}

StagedOutput::StagedOutput(const fs::path& output, SwapMethod method,
                           std::function<void(CommitStep)> at_step)
    : target_(output_path(output)),
      trees_(output_trees_of(output)),
      method_(method),
      at_step_(std::move(at_step)) {
  if (target_.filename().empty()) {
    throw SiteFileError(target_.string() + ": refusing to publish there: not a folder of its own");
  }
  try {
    fs::create_directories(trees_);
    lock_fd_ = ::open((trees_ / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    int locked = -1;
    while (lock_fd_ >= 0 && (locked = ::flock(lock_fd_, LOCK_EX)) != 0 && errno == EINTR) {
    }
    // A file system without locks (some network and FUSE ones): builds run unguarded there, as
    // they did before the lock; each still publishes a whole output.
    const bool no_locks = lock_fd_ >= 0 && (errno == ENOLCK || errno == EOPNOTSUPP);
    if (locked != 0 && !no_locks) {
      throw SiteFileError((trees_ / "lock").string() + ": cannot lock: " + describe(errno));
    }
    clean_up_after_dead_builds(target_);
    open_trees();
  } catch (const fs::filesystem_error& error) {
    throw SiteFileError(target_.string() + ": cannot write output: " + error.what());
  }
}

void StagedOutput::open_trees() {
  key_ = hash_key(trees_ / "key");
  const std::string published = published_tree(target_, trees_);
  fresh_tree_ = published == "a" ? "b" : "a";
  std::error_code error;
  if (!published.empty()) {
    published_fd_ =
        ::open((trees_ / published).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    std::optional<ContentHash> made_from;
    if (auto listing = read_listing(trees_ / (published + ".files"), key_, &made_from)) {
      published_files_ = std::move(*listing);
      published_site_inputs_ = made_from;
      published_listed_ = true;
    }
  } else if (fs::is_directory(fs::symlink_status(target_, error))) {
    // A real folder: compared byte for byte, and replaced by the link at commit. A symbolic
    // link to anything else is replaced, never read through.
    replaces_folder_ = true;
    published_fd_ = ::open(target_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  }
  const fs::path fresh = trees_ / fresh_tree_;
  const fs::path fresh_listing = trees_ / (fresh_tree_ + ".files");
  auto listing = read_listing(fresh_listing, key_);
  if (listing && fs::is_directory(fs::symlink_status(fresh, error))) {
    fresh_files_ = std::move(*listing);
  } else {
    remove_tree(fresh);
  }
  // From here the tree changes: a build that dies before commit leaves it unlisted.
  fs::remove(fresh_listing);
  fs::create_directories(fresh);
  fresh_fd_ = ::open(fresh.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fresh_fd_ < 0) throw SiteFileError(fresh.string() + ": cannot open: " + describe(errno));
}

StagedOutput::~StagedOutput() {
  for (const int fd : {fresh_fd_, published_fd_, lock_fd_}) {
    if (fd >= 0) ::close(fd);
  }
}

void StagedOutput::make_folders_for(const std::string& path) {
  const std::size_t last_slash = path.rfind('/');
  if (last_slash == std::string::npos) return;
  {
    const std::lock_guard<std::mutex> hold(lock_);
    if (folders_.count(path.substr(0, last_slash))) return;
  }
  // Parents first; another thread may make the same folder meanwhile (EEXIST), never a
  // child before its parent, since each thread walks the chain from the top.
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    const std::string folder = path.substr(0, slash);
    {
      const std::lock_guard<std::mutex> hold(lock_);
      if (folders_.count(folder)) continue;
    }
    if (::mkdirat(fresh_fd_, folder.c_str(), 0777) != 0) {
      int code = errno;
      bool made = false;
      struct stat status {};
      if (code == EEXIST &&
          ::fstatat(fresh_fd_, folder.c_str(), &status, AT_SYMLINK_NOFOLLOW) == 0) {
        // The tree may hold a file where this output has a folder: the file goes, unless this
        // output has that file too (then one of the two cannot be written).
        made = S_ISDIR(status.st_mode);
        bool in_this_output = false;
        {
          const std::lock_guard<std::mutex> hold(lock_);
          in_this_output = written_.count(folder) > 0;
        }
        if (!made && in_this_output) code = ENOTDIR;
        if (!made && !in_this_output && ::unlinkat(fresh_fd_, folder.c_str(), 0) == 0) {
          {
            const std::lock_guard<std::mutex> hold(lock_);
            fresh_files_.erase(folder);
          }
          made = ::mkdirat(fresh_fd_, folder.c_str(), 0777) == 0 || errno == EEXIST;
        }
        if (!made && code == EEXIST) code = errno;
      }
      if (!made) {
        throw SiteFileError((target_ / folder).string() +
                            ": cannot create folder: " + describe(code));
      }
    }
    const std::lock_guard<std::mutex> hold(lock_);
    folders_.insert(folder);
  }
}

bool StagedOutput::note_file(const std::string& path, const FileState& state) {
  const bool listable = path.find_first_of("\n\r") == std::string::npos;
  const std::lock_guard<std::mutex> hold(lock_);
  written_.insert(path);
  if (!listable) listable_ = false;
  const auto known = fresh_files_.find(path);
  const bool held = known != fresh_files_.end() && known->second.same_bytes(state);
  if (held) known->second.inputs = state.inputs;  // the same bytes, made from these inputs
  return held;
}

void StagedOutput::count_file(bool same_as_published, bool held) {
  ++files_;
  if (same_as_published) ++unchanged_;
  if (held) ++kept_;
}

void StagedOutput::write(const OutputFile& file) {
  if (!is_safe_relative(file.path)) {
    throw SiteFileError("refusing to write '" + file.path + "': outside the output folder");
  }
  const FileState state{file.bytes.size(), hash_content(file.bytes, key_), file.inputs};
  bool same_as_published = false;
  if (published_listed_) {
    const auto known = published_files_.find(file.path);
    same_as_published = known != published_files_.end() && known->second.same_bytes(state);
  } else if (published_fd_ >= 0) {
    same_as_published = holds_same_bytes(published_fd_, file.path, file.bytes);
  }
  const bool held = note_file(file.path, state);
  if (!held) {
    make_folders_for(file.path);
    same_as_published = put_in_place(file, same_as_published);
    const std::lock_guard<std::mutex> hold(lock_);
    fresh_files_[file.path] = state;
  } else if (!same_as_published) {
    // Back to what it was the build before last: dated now, or an HTTP cache asking "modified
    // since?" about the published version would be told no.
    ::utimensat(fresh_fd_, file.path.c_str(), nullptr, AT_SYMLINK_NOFOLLOW);
  }
  count_file(same_as_published, held);
}

/// A file written in pieces. The pieces are compared with the published file as they come;
/// at the first that differs, a new file is begun in the tree being updated, with the published
/// file's bytes up to there (they were the same) and then the pieces.
class StagedOutput::Stream : public OutputStream {
 public:
  Stream(StagedOutput& output, std::string path, const std::optional<ContentHash>& inputs)
      : output_(output), path_(std::move(path)), inputs_(inputs), hasher_(output.key_) {
    if (!is_safe_relative(path_)) {
      throw SiteFileError("refusing to write '" + path_ + "': outside the output folder");
    }
    if (output_.published_fd_ >= 0) {
      open_how how{};
      how.flags = O_RDONLY | O_CLOEXEC;
      how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;  // as holds_same_bytes: never out
      published_.fd = static_cast<int>(
          ::syscall(SYS_openat2, output_.published_fd_, path_.c_str(), &how, sizeof how));
      struct stat status {};
      if (published_.fd >= 0 && ::fstat(published_.fd, &status) == 0 && S_ISREG(status.st_mode)) {
        published_size_ = static_cast<std::uint64_t>(status.st_size);
      } else {
        ::close(std::exchange(published_.fd, -1));
      }
    }
  }

  ~Stream() override {
    if (!temporary_.empty()) ::unlinkat(output_.fresh_fd_, temporary_.c_str(), 0);
  }

  void append(std::string_view piece) override {
    hasher_.add(piece);
    size_ += piece.size();
    if (fresh_.fd < 0 && same_so_far(piece)) return;
    if (fresh_.fd < 0) begin_file();
    write_piece(piece);
  }

  void close() override {
    const FileState state{size_, hasher_.finish(), inputs_};
    bool same_as_published = fresh_.fd < 0 && published_.fd >= 0 && size_ == published_size_;
    const bool held = output_.note_file(path_, state);
    if (!held) {
      same_as_published = same_as_published && link();
      if (!same_as_published) {
        if (fresh_.fd < 0) begin_file();  // the published file's beginning: all of this one
        if (::close(std::exchange(fresh_.fd, -1)) != 0) throw failure("cannot write");
        output_.rename_into_place(std::exchange(temporary_, {}), path_);
      }
      const std::lock_guard<std::mutex> hold(output_.lock_);
      output_.fresh_files_[path_] = state;
    } else if (!same_as_published) {
      ::utimensat(output_.fresh_fd_, path_.c_str(), nullptr, AT_SYMLINK_NOFOLLOW);
    }
    output_.count_file(same_as_published, held);
  }

 private:
  /// True when `piece` is what the published file holds next (size_ already counts it).
  bool same_so_far(std::string_view piece) {
    if (published_.fd < 0 || size_ > published_size_) return false;
    buffer_.resize(piece.size());
    std::size_t read = 0;
    while (read < piece.size()) {
      const ssize_t got = ::pread(published_.fd, buffer_.data() + read, piece.size() - read,
                                  static_cast<off_t>(matched_ + read));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      read += static_cast<std::size_t>(got);
    }
    if (std::string_view(buffer_.data(), piece.size()) != piece) return false;
    matched_ += piece.size();
    return true;
  }

  /// The new file, holding the published file's first matched_ bytes.
  void begin_file() {
    output_.make_folders_for(path_);
    temporary_ = output_.temporary_name(path_);
    fresh_.fd = ::openat(output_.fresh_fd_, temporary_.c_str(),
                         O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fresh_.fd < 0) {
      temporary_.clear();
      throw failure("cannot create");
    }
    std::vector<char> copy(std::min<std::uint64_t>(matched_, 1 << 20));
    for (std::uint64_t at = 0; at < matched_;) {
      const ssize_t got =
          ::pread(published_.fd, copy.data(), std::min<std::uint64_t>(copy.size(), matched_ - at),
                  static_cast<off_t>(at));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) throw failure("cannot read the published copy");
      write_piece(std::string_view(copy.data(), static_cast<std::size_t>(got)));
      at += static_cast<std::uint64_t>(got);
    }
  }

  void write_piece(std::string_view bytes) {
    if (!write_all(fresh_.fd, bytes)) throw failure("cannot write");
  }

  /// The published file linked into place, as write() links a file it holds byte for byte.
  bool link() {
    output_.make_folders_for(path_);
    return output_.link_published(path_, size_);
  }

  SiteFileError failure(const char* what) const {
    const int code = errno;  // before building the message touches it
    return SiteFileError((output_.target_ / path_).string() + ": " + what + ": " + describe(code));
  }

  StagedOutput& output_;
  std::string path_;
  std::optional<ContentHash> inputs_;
  ContentHasher hasher_;
  std::uint64_t size_ = 0;
  ClosesOnExit published_{-1};  ///< the published file, while the pieces match it
  std::uint64_t published_size_ = 0;
  std::uint64_t matched_ = 0;  ///< bytes found the same so far
  std::vector<char> buffer_;
  ClosesOnExit fresh_{-1};  ///< the new file, once one is needed
  std::string temporary_;   ///< its name until renamed into place
};

std::unique_ptr<OutputStream> StagedOutput::open_stream(const std::string& path,
                                                        const std::optional<ContentHash>& inputs) {
  return std::make_unique<Stream>(*this, path, inputs);
}

std::string StagedOutput::temporary_name(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string temporary =
      folder + ".confab-" + std::to_string(temporary_names_.fetch_add(1)) + ".tmp";
  ::unlinkat(fresh_fd_, temporary.c_str(), 0);  // left by a build that died
  return temporary;
}

bool StagedOutput::link_published(const std::string& path, std::uint64_t size) {
  // Only while it is still a regular file of the listed size: a file edited there by hand
  // since is written anew.
  struct stat published {};
  if (published_fd_ < 0 ||
      ::fstatat(published_fd_, path.c_str(), &published, AT_SYMLINK_NOFOLLOW) != 0 ||
      !S_ISREG(published.st_mode) || static_cast<std::uint64_t>(published.st_size) != size) {
    return false;
  }
  const std::string temporary = temporary_name(path);
  if (::linkat(published_fd_, path.c_str(), fresh_fd_, temporary.c_str(), 0) != 0) return false;
  rename_into_place(temporary, path);
  return true;
}

bool StagedOutput::put_in_place(const OutputFile& file, bool same_as_published) {
  if (same_as_published && link_published(file.path, file.bytes.size())) return true;
  // Most files are new to the tree: made at their path at once. A build that dies leaves the
  // tree unlisted and the next one makes it anew, so a file half written there is never taken
  // for a whole one.
  if (write_new_file(fresh_fd_, file.path, file.bytes, target_ / file.path)) return false;
  // Else under a name of its own, renamed over the path: never a file changed in place, since
  // it may be a hard link shared with the published tree.
  const std::string temporary = temporary_name(file.path);
  write_file(fresh_fd_, temporary, file.bytes, target_ / file.path);
  rename_into_place(temporary, file.path);
  return false;
}

void StagedOutput::rename_into_place(const std::string& temporary, const std::string& path) {
  if (::renameat(fresh_fd_, temporary.c_str(), fresh_fd_, path.c_str()) == 0) return;
  // A folder where this output has a file: the folder goes, unless this output has files in
  // it (then one of the two cannot be written).
  int code = errno;
  bool in_this_output = false;
  {
    const std::lock_guard<std::mutex> hold(lock_);
    in_this_output = folders_.count(path) > 0;
  }
  std::error_code ignored;
  if (!in_this_output && (code == EISDIR || code == ENOTEMPTY || code == EEXIST)) {
    fs::remove_all(trees_ / fresh_tree_ / path, ignored);
    if (::renameat(fresh_fd_, temporary.c_str(), fresh_fd_, path.c_str()) == 0) return;
    code = errno;
  }
  if (in_this_output) code = EISDIR;
  ::unlinkat(fresh_fd_, temporary.c_str(), 0);
  throw SiteFileError((target_ / path).string() + ": cannot write: " + describe(code));
}

bool StagedOutput::keep(const std::string& path, const ContentHash& inputs) {
  if (!published_listed_ || !is_safe_relative(path) ||
      path.find_first_of("\n\r") != std::string::npos) {
    return false;
  }
  const auto known = published_files_.find(path);
  if (known == published_files_.end() || known->second.inputs != inputs) return false;
  const FileState& state = known->second;
  bool held = false;
  {
    const std::lock_guard<std::mutex> hold(lock_);
    const auto fresh = fresh_files_.find(path);
    held = fresh != fresh_files_.end() && fresh->second.same_bytes(state);
  }
  if (!held) {
    make_folders_for(path);
    if (!link_published(path, state.size)) return false;  // then it is rendered and written
  }
  {
    const std::lock_guard<std::mutex> hold(lock_);
    written_.insert(path);
    fresh_files_[path] = state;
  }
  ++files_;
  ++unchanged_;
  if (held) ++kept_;
  return true;
}

bool StagedOutput::keep_as_listed(const std::string& path) {
  const auto known = published_files_.find(path);  // read-only once constructed
  if (known == published_files_.end() || !known->second.inputs) return false;
  return keep(path, *known->second.inputs);
}

void StagedOutput::remove_stale_files() {
  std::vector<std::string> stale;
  for (const auto& [path, state] : fresh_files_) {
    if (!written_.count(path)) stale.push_back(path);
  }
  std::set<std::string, std::greater<>> folders;  // deepest first
  for (const std::string& path : stale) {
    fresh_files_.erase(path);
    for (std::size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
         slash = path.rfind('/', slash - 1)) {
      folders.insert(path.substr(0, slash));
    }
  }
  parallel_for(
      stale.size(), std::max<std::size_t>(2, default_worker_count()),
      [&](std::size_t, std::size_t index) { ::unlinkat(fresh_fd_, stale[index].c_str(), 0); });
  // Folders left empty go; the others stay (unlinkat refuses them).
  for (const std::string& folder : folders) ::unlinkat(fresh_fd_, folder.c_str(), AT_REMOVEDIR);
}

void StagedOutput::step(CommitStep reached) const {
  if (at_step_) at_step_(reached);
}

void StagedOutput::commit() {
  const fs::path link = target_.parent_path() /
                        ("." + target_.filename().string() + ".link." + std::to_string(getpid()));
  const fs::path aside = target_.parent_path() /
                         ("." + target_.filename().string() + ".old." + std::to_string(getpid()));
  try {
    remove_stale_files();
    if (listable_) {
      write_listing(trees_ / (fresh_tree_ + ".files"), fresh_files_, key_, site_inputs_);
    }
    step(CommitStep::swapping);
    fs::remove(link);
    fs::create_directory_symlink(trees_.filename() / fresh_tree_, link);
    if (!replaces_folder_) {
      fs::rename(link, target_);  // replaces the link to the other tree, in one step
      step(CommitStep::swapped);
      return;
    }
    if (method_ == SwapMethod::exchange) {
      // One system call: `target_` is the old folder until it is the link. The old folder is
      // left at the link's name, for the removal below or, if this build dies first, the next.
      if (::renameat2(AT_FDCWD, link.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
        step(CommitStep::swapped);
        remove_tree(link);
        return;
      }
      if (errno != EINVAL && errno != ENOSYS) {
        throw SiteFileError(target_.string() + ": cannot write output: " + describe(errno));
      }
    }
    // Two renames: the old folder is moved aside until the link is in place.
    fs::rename(target_, aside);
    step(CommitStep::moved_aside);
    fs::rename(link, target_);
    step(CommitStep::swapped);
    remove_tree(aside);
  } catch (const fs::filesystem_error& error) {
    std::error_code ignored;
    if (!fs::exists(fs::symlink_status(target_, ignored)) && fs::exists(aside, ignored)) {
      fs::rename(aside, target_, ignored);
    }
    fs::remove(link, ignored);
    throw SiteFileError(target_.string() + ": cannot write output: " + error.what());
  }
}

}  // namespace confab

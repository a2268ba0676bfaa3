#include "build/staged_output.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>  // renameat2
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>

#include <atomic>
#include <cerrno>
#include <mutex>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "base/parallel_for.h"

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

/// Writes `file` under the folder open as `root` (its path relative to it: the kernel does not
/// walk the whole staging path again for each of thousands of files). Errors name it under
/// `shown_root`: the output folder the user knows, not the staging folder it is written into.
void write_file(int root, const OutputFile& file, const fs::path& shown_root) {
  const auto failure = [&](const char* what) {
    const int code = errno;  // before building the message touches it
    return SiteFileError((shown_root / file.path).string() + ": " + what + ": " + describe(code));
  };
  // A new file, never one truncated in place: a path written twice may be a hard link into the
  // output being replaced (see StagedOutput::link_if_unchanged), which must stay as it is.
  constexpr int kCreate = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
  ClosesOnExit out{::openat(root, file.path.c_str(), kCreate, 0666)};
  if (out.fd < 0 && errno == EEXIST && ::unlinkat(root, file.path.c_str(), 0) == 0) {
    out.fd = ::openat(root, file.path.c_str(), kCreate, 0666);
  }
  if (out.fd < 0) throw failure("cannot create");
  std::string_view bytes = file.bytes;
  while (!bytes.empty()) {
    const ssize_t written = ::write(out.fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw failure("cannot write");
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::close(std::exchange(out.fd, -1)) != 0) throw failure("cannot write");
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

/// What killed builds left beside `target`: staging folders of dead builds are removed, and an
/// old output moved aside by a build killed before the new one was in place is put back.
void clean_up_after_dead_builds(const fs::path& target) {
  const std::string name = target.filename().string();
  const std::string fresh = "." + name + ".new.", aside = "." + name + ".old.";
  std::error_code error;
  std::vector<fs::path> stale, set_aside;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), error)) {
    const std::string file = entry.path().filename().string();
    const pid_t pid = pid_in(file);
    if (pid == 0 || pid == ::getpid()) continue;
    if (file.starts_with(fresh) && abandoned(entry.path())) stale.push_back(entry.path());
    if (file.starts_with(aside) && !running(pid)) set_aside.push_back(entry.path());
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

}  // namespace

StagedOutput::StagedOutput(const fs::path& output, SwapMethod method,
                           std::function<void(CommitStep)> at_step)
    : target_(fs::absolute(output).lexically_normal()),
      method_(method),
      at_step_(std::move(at_step)) {
  const fs::path parent = target_.parent_path();
  const std::string suffix = "." + std::to_string(getpid());
  staging_ = parent / ("." + target_.filename().string() + ".new" + suffix);
  previous_ = parent / ("." + target_.filename().string() + ".old" + suffix);
  try {
    fs::create_directories(parent);
    clean_up_after_dead_builds(target_);
    fs::remove_all(staging_);
    fs::create_directories(staging_);
    staging_fd_ = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    // The output being replaced, for link_if_unchanged; none on a first build (or when it is
    // not a real folder: a symbolic link is replaced, never read through).
    current_fd_ = ::open(target_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    // Held until this process ends: the next build sees the folder is in use.
    if (staging_fd_ < 0 || ::flock(staging_fd_, LOCK_EX | LOCK_NB) != 0) {
      const int code = errno;
      std::error_code ignored;
      fs::remove_all(staging_, ignored);
      throw SiteFileError(staging_.string() + ": cannot open: " + describe(code));
    }
  } catch (const fs::filesystem_error& error) {
    throw SiteFileError(target_.string() + ": cannot write output: " + error.what());
  }
}

StagedOutput::~StagedOutput() {
  if (staging_fd_ >= 0) ::close(staging_fd_);
  if (current_fd_ >= 0) ::close(current_fd_);
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
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
    if (::mkdirat(staging_fd_, folder.c_str(), 0777) != 0 && errno != EEXIST) {
      throw SiteFileError((target_ / folder).string() +
                          ": cannot create folder: " + describe(errno));
    }
    const std::lock_guard<std::mutex> hold(lock_);
    folders_.insert(folder);
  }
}

void StagedOutput::write(const OutputFile& file) {
  if (!is_safe_relative(file.path)) {
    throw SiteFileError("refusing to write '" + file.path + "': outside the output folder");
  }
  make_folders_for(file.path);
  if (!link_if_unchanged(file)) write_file(staging_fd_, file, target_);
  ++files_;
}

bool StagedOutput::link_if_unchanged(const OutputFile& file) {
  if (current_fd_ < 0 || !holds_same_bytes(current_fd_, file.path, file.bytes)) return false;
  // A file system without hard links (or a race with someone editing the output) only costs
  // the write below.
  if (::linkat(current_fd_, file.path.c_str(), staging_fd_, file.path.c_str(), 0) != 0) {
    return false;
  }
  ++unchanged_;
  return true;
}

void StagedOutput::step(CommitStep reached) const {
  if (at_step_) at_step_(reached);
}

void StagedOutput::commit() {
  step(CommitStep::swapping);
  std::error_code missing;
  const bool replacing = fs::exists(fs::symlink_status(target_, missing));
  if (replacing && method_ == SwapMethod::exchange) {
    // One system call: `target_` is the old output until it is the new one. The old one is left
    // at the staging folder's name, for the removal below or, if this build dies first, for the
    // next build's clean-up.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
      committed_ = true;
      step(CommitStep::swapped);
      remove_tree(staging_);
      return;
    }
    if (errno != EINVAL && errno != ENOSYS) {
      throw SiteFileError(target_.string() + ": cannot write output: " + describe(errno));
    }
  }
  try {
    // Two renames: the old output is moved aside until the new one is in place.
    if (replacing) fs::rename(target_, previous_);
    step(CommitStep::moved_aside);
    fs::rename(staging_, target_);
    committed_ = true;
    step(CommitStep::swapped);
    remove_tree(previous_);
  } catch (const fs::filesystem_error& error) {
    std::error_code ignored;
    if (!fs::exists(target_, ignored) && fs::exists(previous_, ignored)) {
      fs::rename(previous_, target_, ignored);
    }
    throw SiteFileError(target_.string() + ": cannot write output: " + error.what());
  }
}

}  // namespace confab
